#include "clifixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace tts::test {

QString syncExecutable()
{
    return QStringLiteral(TTS_SYNC_EXECUTABLE);
}

QString CliResult::lastErrorLine() const
{
    const QList<QByteArray> lines = err.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.last().trimmed());
}

QString CliResult::describe() const
{
    return u"exit %1%2\n--- stdout:\n%3\n--- stderr:\n%4"_s.arg(exitCode).arg(
        crashed ? u" (crashed or timed out)"_s : QString(), QString::fromUtf8(out.right(2000)),
        QString::fromUtf8(err.right(4000)));
}

CliFixture::CliFixture(demo::EmulatorConfig config) : m_emulator(startEmulator(std::move(config)))
{
    m_databasePath = m_dir.filePath(u"data/shop.sqlite"_s);
    m_home = m_dir.filePath(u"home"_s);
    QDir().mkpath(m_home);
    QDir().mkpath(m_dir.filePath(u"data"_s));
    m_service = u"tts-cli-test-%1-%2"_s.arg(QCoreApplication::applicationPid())
                    .arg(QRandomGenerator::global()->generate64(), 0, 16);
}

CliFixture::~CliFixture()
{
    if (m_connected)
        runRaw({u"disconnect"_s}, 30000);
}

QString CliFixture::shopId() const
{
    return m_emulator->config().shops.first().id;
}

QProcessEnvironment CliFixture::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_home);
    env.remove(u"XDG_CONFIG_HOME"_s);
    env.remove(u"XDG_CACHE_HOME"_s);
    env.insert(u"TTS_KEYCHAIN_SERVICE"_s, m_service);
    env.insert(u"TTS_REQUESTS_PER_SECOND"_s, u"500"_s);
    env.remove(u"TIKTOK_APP_SECRET"_s);
    for (const QString& key : m_extraEnv.keys())
        env.insert(key, m_extraEnv.value(key));
    return env;
}

QStringList CliFixture::withGlobals(const QStringList& arguments) const
{
    const QString base = m_emulator->baseUrl().toString();
    return QStringList{u"--db"_s, m_databasePath, u"--api-base"_s, base, u"--auth-base"_s, base} + arguments;
}

CliResult CliFixture::run(const QStringList& arguments, int timeoutMs)
{
    return runRaw(withGlobals(arguments), timeoutMs);
}

CliResult CliFixture::runRaw(const QStringList& arguments, int timeoutMs)
{
    if (arguments.contains(u"connect"_s))
        m_connected = true; // disconnect at the end
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(syncExecutable(), arguments);
    return finish(process, timeoutMs);
}

std::unique_ptr<QProcess> CliFixture::startAsync(const QStringList& arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->start(syncExecutable(), withGlobals(arguments));
    process->waitForStarted();
    return process;
}

CliResult CliFixture::finish(QProcess& process, int timeoutMs)
{
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.crashed = true;
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.crashed = result.crashed || process.exitStatus() != QProcess::NormalExit;
    m_allOutput += result.out + result.err;
    return result;
}

CliResult CliFixture::connectShop()
{
    const demo::EmulatorConfig& config = m_emulator->config();
    CliResult result = run({u"connect"_s, u"--app-key"_s, config.appKey, u"--app-secret"_s, config.appSecret,
                            u"--auth-code"_s, m_emulator->issueAuthCode()});
    return result;
}

QStringList filesContaining(const QString& folder, const QList<QByteArray>& needles)
{
    QStringList hits;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray& needle : needles) {
            if (!needle.isEmpty() && bytes.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

} // namespace tts::test
