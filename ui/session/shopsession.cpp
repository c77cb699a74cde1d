#include "shopsession.h"

#include "appsettings.h"
#include "demo/demoserver.h"
#include "storage/database.h"
#include "sync/shopconnector.h"
#include "sync/synccontroller.h"
#include "sync/synclock.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QThread>

namespace tts {

namespace {
Q_LOGGING_CATEGORY(lcSession, "tts.session")
}

ShopSession::ShopSession(QObject* parent) : QObject(parent), m_controller(new SyncController(this))
{
    connect(m_controller, &SyncController::started, this, &ShopSession::syncStarted);
    connect(m_controller, &SyncController::progress, this, &ShopSession::syncProgress);
    connect(m_controller, &SyncController::finished, this, [this](const SyncReport& report) {
        if (!m_db)
            reopenDatabase();
        Q_EMIT syncFinished(report);
    });
    connect(m_controller, &SyncController::failed, this, [this](const SyncError& error) {
        if (error.damaged)
            reopenDatabase(); // the views read the damaged file, moved aside: the fresh one replaces it
        Q_EMIT syncFailed(error);
    });
}

ShopSession::~ShopSession() = default;

void ShopSession::setProfile(const ShopProfile& profile)
{
    if (m_controller->isRunning())
        m_controller->cancel();
    if (m_demo && !profile.isDemo()) {
        m_demo->stop();
        m_demoUrl.clear();
    }
    m_profile = profile;
    reopenDatabase();
}

bool ShopSession::reopenDatabase()
{
    // The views still hold the old connection: it is closed only after they switched.
    std::unique_ptr<Database> old = std::move(m_db);
    if (QFileInfo::exists(m_profile.databasePath)) {
        Database::Error error;
        m_db = Database::open(m_profile.databasePath, Database::ReadOnly, &error);
        if (!m_db && error.kind == Database::Error::OlderVersion)
            upgradeDatabase();
    }
    Q_EMIT databaseChanged();
    old.reset();
    return m_db != nullptr;
}

void ShopSession::upgradeDatabase()
{
    const QString path = m_profile.databasePath;
    if (m_upgradeTried == path)
        return;
    m_upgradeTried = path;
    // Written by an earlier version of the app: its orders and charts show once it is migrated, as a
    // sync would at its start. An auxiliary connection: the integrity check and the index rebuild of a
    // killed resync stay with the next sync. A sync under way elsewhere migrates it itself.
    QThread* thread = QThread::create([path] {
        SyncLock lock(path);
        if (!lock.tryLock())
            return;
        Database::Error error;
        if (!Database::open(path, Database::ReadWrite, &error, Database::Role::Auxiliary))
            qCWarning(lcSession) << "cannot upgrade the database:" << error.message;
    });
    thread->setObjectName(QStringLiteral("tts-db-upgrade"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, path] {
        if (!m_db && m_profile.databasePath == path)
            reopenDatabase();
    });
    thread->start();
}

QList<ShopStatus> ShopSession::shopStatuses(QString* error)
{
    if (!m_db)
        return {};
    Database::Error dbError;
    QList<ShopStatus> shops = readSyncStatus(*m_db, &dbError);
    if (error)
        *error = dbError.message;
    return shops;
}

bool ShopSession::hasShops()
{
    return !shopStatuses().isEmpty();
}

qint64 ShopSession::orderCount()
{
    if (!m_db)
        return 0;
    QSqlQuery q(m_db->connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM orders")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

SyncOptions ShopSession::syncOptions(SyncMode mode) const
{
    SyncOptions options;
    options.mode = mode;
    options.databasePath = m_profile.databasePath;
    options.keychainService = m_profile.keychainService;
    options.sessionOnlySecrets = m_profile.sessionOnlySecrets;
    options.overlapMinutes = AppSettings::overlapMinutes();
    options.concurrency = AppSettings::concurrency();
    options.requestsPerSecond = AppSettings::requestsPerSecond();
    if (m_db) {
        // The base URLs the shop was connected with (a test or a proxy may have used others).
        QSqlQuery q(m_db->connection());
        if (q.exec(
                QStringLiteral("SELECT key, value FROM app_config WHERE key IN ('api_base', 'auth_base')"))) {
            while (q.next()) {
                const QUrl url(q.value(1).toString());
                if (!url.isValid() || url.isEmpty())
                    continue;
                if (q.value(0).toString() == u"api_base")
                    options.apiBase = url;
                else
                    options.authBase = url;
            }
        }
    }
    if (m_profile.isDemo() && m_demoUrl.isValid()) {
        options.apiBase = m_demoUrl;
        options.authBase = m_demoUrl;
    }
    return options;
}

bool ShopSession::isSyncing() const
{
    return m_controller->isRunning() || m_connector != nullptr;
}

void ShopSession::startSync(SyncMode mode)
{
    if (isSyncing())
        return;
    if (m_profile.isDemo() && !(m_demo && m_demo->isRunning())) {
        // The demo server runs only while the window is open: start it, connect, then sync.
        m_pendingMode = mode;
        startDemo(AppSettings::demoHistoryEnd());
        return;
    }
    m_controller->start(syncOptions(mode));
}

void ShopSession::cancelSync()
{
    m_pendingMode.reset();
    if (m_controller->isRunning())
        m_controller->cancel();
}

void ShopSession::startDemo(qint64 historyEnd, int orders)
{
    if (!m_demo) {
        m_demo = new DemoServer(this);
        connect(m_demo, &DemoServer::ready, this, &ShopSession::connectDemo);
        connect(m_demo, &DemoServer::failed, this, [this](const QString& message) {
            m_pendingMode.reset();
            Q_EMIT demoFailed(message);
        });
    }
    if (!m_profile.isDemo())
        setProfile(ShopProfile::demoShop());
    if (!m_pendingMode)
        m_pendingMode = SyncMode::Incremental;
    Q_EMIT demoStatus(tr("Starting the demo shop…"));
    m_demo->start(historyEnd, orders);
}

void ShopSession::connectDemo(const QUrl& baseUrl, const QString& authCode)
{
    m_demoUrl = baseUrl;
    Q_EMIT demoStatus(tr("Connecting to the demo shop…"));
    // Each demo server process issues its own tokens: connect again (the data stays).
    m_connector = new ShopConnector(this);
    connect(m_connector, &ShopConnector::connected, this, [this](const QList<Shop>&) {
        m_connector->deleteLater();
        m_connector = nullptr;
        reopenDatabase();
        const SyncMode mode = m_pendingMode.value_or(SyncMode::Incremental);
        m_pendingMode.reset();
        m_controller->start(syncOptions(mode));
    });
    connect(m_connector, &ShopConnector::failed, this, [this](const SyncError& error) {
        m_connector->deleteLater();
        m_connector = nullptr;
        m_pendingMode.reset();
        Q_EMIT demoFailed(error.message);
    });
    ShopConnector::Request request;
    request.apiBase = baseUrl;
    request.authBase = baseUrl;
    request.appKey = DemoServer::demoAppKey();
    request.appSecret = DemoServer::demoAppSecret();
    request.authCode = authCode;
    request.databasePath = m_profile.databasePath;
    request.keychainService = m_profile.keychainService;
    request.sessionOnlySecrets = m_profile.sessionOnlySecrets;
    m_connector->start(request);
}

} // namespace tts
