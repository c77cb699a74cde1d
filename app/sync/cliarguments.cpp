#include "cliarguments.h"

#include "api/apiclient.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tts::cli {
namespace {

enum class Option
{
    Unknown,
    // global
    Db,
    ApiBase,
    AuthBase,
    Json,
    Help,
    Version,
    // connect
    AppKey,
    AppSecret,
    AuthCode,
    // sync
    Full,
    Shop,
    OverlapMinutes,
};

struct OptionSpec
{
    QLatin1StringView name;
    Option option;
    bool takesValue;
    Command command; // Command::None: global
};

constexpr OptionSpec optionSpecs[] = {
    {"--db"_L1, Option::Db, true, Command::None},
    {"--api-base"_L1, Option::ApiBase, true, Command::None},
    {"--auth-base"_L1, Option::AuthBase, true, Command::None},
    {"--json"_L1, Option::Json, false, Command::None},
    {"--help"_L1, Option::Help, false, Command::None},
    {"-h"_L1, Option::Help, false, Command::None},
    {"--version"_L1, Option::Version, false, Command::None},
    {"--app-key"_L1, Option::AppKey, true, Command::Connect},
    {"--app-secret"_L1, Option::AppSecret, true, Command::Connect},
    {"--auth-code"_L1, Option::AuthCode, true, Command::Connect},
    {"--full"_L1, Option::Full, false, Command::Sync},
    {"--shop"_L1, Option::Shop, true, Command::Sync},
    {"--overlap-minutes"_L1, Option::OverlapMinutes, true, Command::Sync},
};

const OptionSpec* findOption(QStringView name)
{
    for (const OptionSpec& spec : optionSpecs) {
        if (name == spec.name)
            return &spec;
    }
    return nullptr;
}

Command commandFromWord(const QString& word)
{
    if (word == "connect"_L1)
        return Command::Connect;
    if (word == "sync"_L1)
        return Command::Sync;
    if (word == "status"_L1)
        return Command::Status;
    if (word == "disconnect"_L1)
        return Command::Disconnect;
    if (word == "help"_L1)
        return Command::Help;
    if (word == "version"_L1)
        return Command::Version;
    return Command::None;
}

QString commandWord(Command command)
{
    switch (command) {
    case Command::Connect:
        return u"connect"_s;
    case Command::Sync:
        return u"sync"_s;
    case Command::Status:
        return u"status"_s;
    case Command::Disconnect:
        return u"disconnect"_s;
    case Command::Help:
        return u"help"_s;
    case Command::Version:
        return u"version"_s;
    case Command::None:
        break;
    }
    return {};
}

QUrl parseUrl(const QString& value)
{
    return QUrl(value, QUrl::StrictMode);
}

} // namespace

QString checkBaseUrl(const QUrl& url, const QString& optionName)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1)) {
        return u"%1 must be an absolute http(s) URL with a host name"_s.arg(optionName);
    }
    if (!url.userInfo().isEmpty())
        return u"%1 must not contain a user name or password"_s.arg(optionName);
    const ApiError error = ApiClient::checkBaseUrl(url);
    if (error.isError()) {
        return u"%1 uses plain http:// to a host that is not loopback; use https:// "
               "(http:// is accepted only for 127.0.0.0/8, localhost and ::1)"_s.arg(optionName);
    }
    return {};
}

ParseResult parseArguments(const QStringList& arguments, const QProcessEnvironment& environment)
{
    ParseResult result;
    Arguments& args = result.args;
    bool help = false;
    bool version = false;
    bool appSecretGiven = false;

    auto fail = [&result](const QString& message) {
        result.error = message;
        return result;
    };

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (!argument.startsWith(u'-') || argument == "-"_L1) {
            if (args.command != Command::None) {
                // Never echo it: a misplaced secret would end up on the terminal.
                return fail(
                    u"unexpected extra argument after the command '%1'"_s.arg(commandWord(args.command)));
            }
            args.command = commandFromWord(argument);
            if (args.command == Command::None) {
                return fail(argument.size() <= 40 ? u"unknown command '%1'"_s.arg(argument)
                                                  : u"unknown command"_s);
            }
            continue;
        }

        const qsizetype equals = argument.indexOf(u'=');
        const QStringView name = equals < 0 ? QStringView(argument) : QStringView(argument).left(equals);
        const OptionSpec* spec = findOption(name);
        if (!spec) {
            // Only the name, never the value after '=' (it could be a secret).
            return fail(name.size() <= 40 ? u"unknown option '%1'"_s.arg(name) : u"unknown option"_s);
        }
        if (spec->command != Command::None && spec->command != args.command) {
            return fail(u"the option %1 belongs to the command '%2' and must follow it"_s.arg(
                spec->name, commandWord(spec->command)));
        }

        QString value;
        if (spec->takesValue) {
            if (equals >= 0) {
                value = argument.mid(equals + 1);
            } else if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(u'-')) {
                value = arguments.at(++i);
            } else {
                return fail(u"the option %1 needs a value"_s.arg(spec->name));
            }
            if (value.isEmpty())
                return fail(u"the option %1 needs a non-empty value"_s.arg(spec->name));
        } else if (equals >= 0) {
            return fail(u"the option %1 takes no value"_s.arg(spec->name));
        }

        switch (spec->option) {
        case Option::Db:
            args.databasePath = value;
            break;
        case Option::ApiBase:
            args.apiBase = parseUrl(value);
            if (const QString error = checkBaseUrl(args.apiBase, u"--api-base"_s); !error.isEmpty())
                return fail(error);
            break;
        case Option::AuthBase:
            args.authBase = parseUrl(value);
            if (const QString error = checkBaseUrl(args.authBase, u"--auth-base"_s); !error.isEmpty())
                return fail(error);
            break;
        case Option::Json:
            args.json = true;
            break;
        case Option::Help:
            help = true;
            break;
        case Option::Version:
            version = true;
            break;
        case Option::AppKey:
            args.appKey = value;
            break;
        case Option::AppSecret:
            args.appSecret = value;
            appSecretGiven = true;
            break;
        case Option::AuthCode:
            args.authCode = value;
            break;
        case Option::Full:
            args.full = true;
            break;
        case Option::Shop:
            args.shopId = value;
            break;
        case Option::OverlapMinutes: {
            bool ok = false;
            const int minutes = value.toInt(&ok);
            const bool digitsOnly = std::all_of(value.cbegin(), value.cend(),
                                                [](QChar c) { return c.isDigit() && c.unicode() < 128; });
            if (!ok || !digitsOnly || minutes < 0 || minutes > maxOverlapMinutes) {
                return fail(u"--overlap-minutes needs a whole number of minutes from 0 to %1"_s.arg(
                    maxOverlapMinutes));
            }
            args.overlapMinutes = minutes;
            break;
        }
        case Option::Unknown:
            break;
        }
    }

    if (help || args.command == Command::Help) {
        args.command = Command::Help;
        return result;
    }
    if (version || args.command == Command::Version) {
        args.command = Command::Version;
        return result;
    }
    if (args.command == Command::None)
        return fail(u"no command given"_s);

    if (const QString service = environment.value(u"TTS_KEYCHAIN_SERVICE"_s); !service.isEmpty())
        args.keychainService = service;
    if (const QString rps = environment.value(u"TTS_REQUESTS_PER_SECOND"_s); !rps.isEmpty()) {
        bool ok = false;
        const double value = rps.toDouble(&ok);
        if (!ok || !(value > 0) || value > 100000)
            return fail(
                u"TTS_REQUESTS_PER_SECOND must be a number of requests per second above 0 and at most 100000"_s);
        args.requestsPerSecond = value;
    }
    if (const QString workers = environment.value(u"TTS_RESYNC_CONCURRENCY"_s); !workers.isEmpty()) {
        bool ok = false;
        const int value = workers.toInt(&ok);
        if (!ok || value < 1 || value > 16)
            return fail(u"TTS_RESYNC_CONCURRENCY must be a whole number of requests from 1 to 16"_s);
        args.resyncConcurrency = value;
    }

    if (args.command == Command::Connect) {
        if (!appSecretGiven)
            args.appSecret = environment.value(u"TIKTOK_APP_SECRET"_s);
        if (args.appKey.isEmpty())
            return fail(u"connect needs --app-key"_s);
        if (args.appSecret.isEmpty())
            return fail(u"connect needs --app-secret (or the environment variable TIKTOK_APP_SECRET)"_s);
        if (args.authCode.isEmpty())
            return fail(u"connect needs --auth-code"_s);
    }
    return result;
}

QString usageHint()
{
    return u"run 'tiktok-shop-sync --help' for the commands and options."_s;
}

QString versionText()
{
    return u"tiktok-shop-sync %1"_s.arg(QLatin1StringView(TTS_VERSION));
}

} // namespace tts::cli
