#include "clirunner.h"

#include "clioutput.h"
#include "exitcodes.h"

#include "secrets/secretstorefactory.h"
#include "storage/database.h"
#include "storage/statusquery.h"
#include "sync/shopconnector.h"
#include "sync/synccontroller.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tts::cli {
namespace {

constexpr int progressIntervalMs = 1000;

QString databaseErrorMessage(const Database::Error& error, const QString& path)
{
    // Storage's messages are already one sentence with the cause and what to do.
    if (!error.message.trimmed().isEmpty())
        return error.message.trimmed();
    switch (error.kind) {
    case Database::Error::Locked:
        return u"The database %1 is locked by another program; close it or try again later."_s.arg(path);
    case Database::Error::ReadOnly:
        return u"The database %1 is read-only; make the file and its folder writable."_s.arg(path);
    case Database::Error::Full:
        return u"The disk holding the database %1 is full; free some space and run again."_s.arg(path);
    case Database::Error::Corrupt:
        return u"The database %1 is damaged; restore a backup or move it away and sync again."_s.arg(path);
    case Database::Error::NewerVersion:
        return u"The database %1 was written by a newer version of TikTok Shop Dashboard; update this "
               "program."_s.arg(path);
    default:
        return u"The database %1 cannot be opened; check the path and its permissions."_s.arg(path);
    }
}

QString keychainProblem(const SecretError& error)
{
    switch (error.kind) {
    case SecretError::NoBackend:
        return u"No OS keychain is available (no Secret Service in this D-Bus session); start one, e.g. "
               "gnome-keyring-daemon inside dbus-run-session, and run again."_s;
    case SecretError::AccessDenied:
        return u"The OS keychain refused access or stayed locked; unlock it and run again."_s;
    default:
        return u"The OS keychain failed; check that it is running and unlocked, then run again."_s;
    }
}

} // namespace

CliRunner::CliRunner(Arguments args, QObject* parent) : QObject(parent), m_args(std::move(args))
{
    m_databasePath = m_args.databasePath.isEmpty() ? Database::defaultPath() : m_args.databasePath;
}

CliRunner::~CliRunner()
{
    delete m_controller; // cancels, then waits for the sync thread
    delete m_connector;
}

void CliRunner::start()
{
    switch (m_args.command) {
    case Command::Connect:
        return runConnect();
    case Command::Sync:
        return runSync();
    case Command::Status:
        return runStatus();
    case Command::Disconnect:
        return runDisconnect();
    default:
        return fail(ExitUsage, u"No command given; "_s + usageHint());
    }
}

void CliRunner::interrupt(int signalNumber)
{
    if (m_finished)
        return;
    if (m_interrupted) {
        // A second Ctrl+C: stop now. Every committed page is already durable (SQLite WAL).
        std::fputs("Interrupted again: stopping now; committed progress is kept.\n", stderr);
        std::fflush(stderr);
        std::_Exit(ExitInterrupted);
    }
    m_interrupted = true;
    const char* name = signalNumber == 15 ? "SIGTERM" : "SIGINT";
    if (m_controller && m_controller->isRunning()) {
        std::fprintf(stderr, "%s received: stopping after the current page; committed progress is kept.\n",
                     name);
        std::fflush(stderr);
        m_controller->cancel();
        return;
    }
    fail(ExitInterrupted, u"Interrupted by %1 before the command finished; run it again to continue."_s.arg(
                              QLatin1StringView(name)));
}

bool CliRunner::resolveBaseUrls()
{
    if ((m_args.apiBase.isEmpty() || m_args.authBase.isEmpty()) && QFileInfo::exists(m_databasePath)) {
        Database::Error error;
        if (auto db = Database::open(m_databasePath, Database::ReadOnly, &error)) {
            QSqlQuery query(db->connection());
            if (query.exec(u"SELECT key, value FROM app_config WHERE key IN ('api_base', 'auth_base')"_s)) {
                while (query.next()) {
                    const QString key = query.value(0).toString();
                    const QUrl url(query.value(1).toString());
                    if (key == "api_base"_L1 && m_args.apiBase.isEmpty())
                        m_args.apiBase = url;
                    else if (key == "auth_base"_L1 && m_args.authBase.isEmpty())
                        m_args.authBase = url;
                }
            }
        }
    }
    if (m_args.apiBase.isEmpty())
        m_args.apiBase = QUrl(u"https://open-api.tiktokglobalshop.com"_s);
    if (m_args.authBase.isEmpty())
        m_args.authBase = QUrl(u"https://auth.tiktok-shops.com"_s);
    for (const auto& [url, option] :
         {std::pair{m_args.apiBase, u"--api-base"_s}, std::pair{m_args.authBase, u"--auth-base"_s}}) {
        if (const QString error = checkBaseUrl(url, option); !error.isEmpty()) {
            fail(ExitUsage, u"The recorded %1 is refused: %2."_s.arg(option, error));
            return false;
        }
    }
    return true;
}

void CliRunner::withKeychain(std::function<void()> next)
{
    probeKeychain(m_args.keychainService, this, [this, next = std::move(next)](SecretError error) {
        if (m_finished)
            return;
        if (error.isError() && error.kind != SecretError::NotFound) {
            fail(ExitNotConnected, keychainProblem(error));
            return;
        }
        next();
    });
}

void CliRunner::runConnect()
{
    if (!resolveBaseUrls())
        return;
    withKeychain([this] {
        m_connector = new ShopConnector;
        connect(m_connector, &ShopConnector::connected, this, [this](const QList<Shop>& shops) {
            QJsonObject json = shopsJson(shops);
            json.insert(u"api_calls"_s, qint64(m_connector->requestCount()));
            succeed(json, shopsText(shops));
        });
        connect(m_connector, &ShopConnector::failed, this,
                [this](const SyncError& error) { fail(error.exitCode(), error.message); });
        ShopConnector::Request request;
        request.apiBase = m_args.apiBase;
        request.authBase = m_args.authBase;
        request.appKey = m_args.appKey;
        request.appSecret = m_args.appSecret;
        request.authCode = m_args.authCode;
        request.databasePath = m_databasePath;
        request.keychainService = m_args.keychainService;
        request.sessionOnlySecrets = false;
        m_connector->start(request);
    });
}

void CliRunner::runSync()
{
    if (!resolveBaseUrls())
        return;
    withKeychain([this] {
        SyncOptions options;
        options.mode = m_args.full ? SyncMode::Full : SyncMode::Incremental;
        options.databasePath = m_databasePath;
        options.apiBase = m_args.apiBase;
        options.authBase = m_args.authBase;
        options.keychainService = m_args.keychainService;
        options.sessionOnlySecrets = false;
        options.shopId = m_args.shopId;
        options.overlapMinutes = m_args.overlapMinutes;
        options.requestsPerSecond = m_args.requestsPerSecond;
        options.concurrency = m_args.resyncConcurrency;

        m_controller = new SyncController;
        connect(m_controller, &SyncController::progress, this, &CliRunner::onSyncProgress);
        connect(m_controller, &SyncController::finished, this, &CliRunner::onSyncFinished);
        connect(m_controller, &SyncController::failed, this, &CliRunner::onSyncFailed);
        m_progressClock.start();
        m_controller->start(options);
    });
}

void CliRunner::onSyncProgress(const SyncProgress& progress)
{
    if (m_progressPrinted && m_progressClock.elapsed() < progressIntervalMs)
        return;
    m_progressPrinted = true;
    m_progressClock.restart();
    printProgress(progressLine(progress));
}

void CliRunner::onSyncFinished(const SyncReport& report)
{
    if (report.cancelled || m_interrupted) {
        m_outcome.standardOutput = m_args.json ? toJsonLine(syncReportJson(report)) : QByteArray();
        printProgress(syncReportText(report));
        m_outcome.exitCode = ExitInterrupted;
        m_outcome.message =
            u"Interrupted: the sync stopped early and kept every committed page; run sync again to "
            "continue."_s;
        m_finished = true;
        Q_EMIT done(m_outcome.exitCode);
        return;
    }
    succeed(syncReportJson(report), syncReportText(report));
}

void CliRunner::onSyncFailed(const SyncError& error)
{
    fail(m_interrupted ? ExitInterrupted : error.exitCode(), error.message);
}

void CliRunner::runStatus()
{
    if (!QFileInfo::exists(m_databasePath)) {
        printProgress(u"No database at %1 yet: run 'tiktok-shop-sync connect' first."_s.arg(m_databasePath));
        succeed(statusJson({}, m_databasePath), statusText({}, m_databasePath));
        return;
    }
    Database::Error error;
    auto db = Database::open(m_databasePath, Database::ReadOnly, &error);
    if (!db)
        return fail(ExitDatabase, databaseErrorMessage(error, m_databasePath));
    const QList<ShopStatus> shops = readSyncStatus(*db, &error);
    if (error.kind != Database::Error::None)
        return fail(ExitDatabase, databaseErrorMessage(error, m_databasePath));
    succeed(statusJson(shops, m_databasePath), statusText(shops, m_databasePath));
}

void CliRunner::runDisconnect()
{
    disconnectAll(m_args.keychainService, false, this, [this](SecretError error) {
        if (m_finished)
            return;
        if (error.isError() && error.kind != SecretError::NotFound) {
            fail(ExitNotConnected, keychainProblem(error));
            return;
        }
        succeed(QJsonObject{{u"disconnected"_s, true}},
                u"Disconnected: every stored secret was removed from the keychain.\n"_s);
    });
}

void CliRunner::succeed(const QJsonObject& json, const QString& text)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.exitCode = ExitOk;
    m_outcome.standardOutput = m_args.json ? toJsonLine(json) : text.toUtf8();
    if (!m_outcome.standardOutput.isEmpty() && !m_outcome.standardOutput.endsWith('\n'))
        m_outcome.standardOutput += '\n';
    Q_EMIT done(ExitOk);
}

void CliRunner::fail(int exitCode, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.exitCode = exitCode;
    m_outcome.message = message;
    m_outcome.standardOutput = m_args.json ? toJsonLine(errorJson(exitCode, message)) : QByteArray();
    Q_EMIT done(exitCode);
}

void CliRunner::printProgress(const QString& line)
{
    std::fputs(line.toUtf8().append('\n').constData(), stderr);
    std::fflush(stderr);
}

} // namespace tts::cli
