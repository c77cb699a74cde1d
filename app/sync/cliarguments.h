#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace tts::cli {

enum class Command
{
    None,
    Help,
    Version,
    Connect,
    Sync,
    Status,
    Disconnect
};

// The parsed command line of tiktok-shop-sync. Global options are accepted before and after the
// command; command options only after their command.
struct Arguments
{
    Command command = Command::None;

    // global options
    QString databasePath; // empty: Database::defaultPath()
    QUrl apiBase;         // empty: not given (the URL recorded by connect, else the production host)
    QUrl authBase;        // empty: not given
    bool json = false;

    // connect
    QString appKey;
    QString appSecret; // never printed; may come from TIKTOK_APP_SECRET
    QString authCode;

    // sync
    bool full = false;
    QString shopId;
    int overlapMinutes = 5;

    // environment
    QString keychainService = QStringLiteral("tiktok-shop-dashboard"); // TTS_KEYCHAIN_SERVICE
    double requestsPerSecond = 20.0;                                   // TTS_REQUESTS_PER_SECOND
    int resyncConcurrency = 4;                                         // TTS_RESYNC_CONCURRENCY
};

struct ParseResult
{
    Arguments args;
    QString error; // one sentence; never contains a secret or an argument value that could be one

    bool ok() const { return error.isEmpty(); }
};

inline constexpr int maxOverlapMinutes = 10'000'000;

// `arguments` excludes the program name. The environment supplies TIKTOK_APP_SECRET,
// TTS_KEYCHAIN_SERVICE and TTS_REQUESTS_PER_SECOND.
ParseResult parseArguments(const QStringList& arguments,
                           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

// An error when the URL is not an absolute http(s) URL with a host, or is http:// to a host that
// is not loopback (ApiClient::checkBaseUrl). `optionName` names the option in the message.
QString checkBaseUrl(const QUrl& url, const QString& optionName);

QString usageText(const QString& defaultDatabasePath);
QString usageHint(); // the one line pointing at --help
QString versionText();

} // namespace tts::cli
