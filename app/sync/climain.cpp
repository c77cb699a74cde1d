#include "climain.h"

#include "cliarguments.h"
#include "clirunner.h"
#include "exitcodes.h"
#include "signalnotifier.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tts::cli {
namespace {

// Defence in depth: whatever a lower layer put in a message, the app secret given on this command
// line never reaches the terminal.
QByteArray scrub(QByteArray text, const QString& secret)
{
    if (!secret.isEmpty())
        text.replace(secret.toUtf8(), QByteArrayLiteral("***"));
    return text;
}

void write(std::FILE* stream, const QByteArray& text)
{
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stream);
    std::fflush(stream);
}

} // namespace

int runCommandLine(const QStringList& arguments)
{
    const ParseResult parsed = parseArguments(arguments);
    if (!parsed.ok()) {
        // One line: the cause and what to do.
        write(stderr, u"tiktok-shop-sync: %1; %2\n"_s.arg(parsed.error, usageHint()).toUtf8());
        return ExitUsage;
    }
    const Arguments& args = parsed.args;
    if (args.command == Command::Help) {
        write(stdout, usageText(Database::defaultPath()).toUtf8());
        return ExitOk;
    }
    if (args.command == Command::Version) {
        write(stdout, (versionText() + u'\n').toUtf8());
        return ExitOk;
    }

    CliRunner::Outcome outcome;
    {
        SignalNotifier signalNotifier;
        CliRunner runner(args);
        QObject::connect(&signalNotifier, &SignalNotifier::interrupted, &runner, &CliRunner::interrupt);
        QObject::connect(
            &runner, &CliRunner::done, qApp, [](int code) { QCoreApplication::exit(code); },
            Qt::QueuedConnection);
        QTimer::singleShot(0, &runner, &CliRunner::start);
        QCoreApplication::exec();
        outcome = runner.outcome();
    } // the sync thread is gone here: nothing can print after the last line

    write(stdout, scrub(outcome.standardOutput, args.appSecret));
    if (!outcome.message.isEmpty())
        write(stderr, scrub(outcome.message.simplified().toUtf8() + '\n', args.appSecret)); // one line
    return outcome.exitCode;
}

} // namespace tts::cli
