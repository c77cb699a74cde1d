#include "syncworker.h"

#include "fullresync.h"
#include "incrementalorders.h"
#include "productsync.h"
#include "synclock.h"
#include "synclog.h"

#include "api/apiclient.h"
#include "secrets/secretstorefactory.h"
#include "secrets/tokenserialization.h"
#include "storage/databaserecovery.h"
#include "storage/orderstore.h"
#include "storage/unsyncedimport.h"

#include <QNetworkAccessManager>
#include <QPointer>

namespace tts {

SyncWorker::SyncWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancelFlag))
{}

SyncWorker::~SyncWorker()
{
    release();
}

void SyncWorker::release()
{
    // Children first (steps hold references into the context), then the client before its network
    // manager, and the statements before their connection.
    const auto steps = findChildren<QObject*>(Qt::FindDirectChildrenOnly);
    qDeleteAll(steps);
    m_api.reset();
    m_nam.reset();
    m_store.reset();
    const bool stamp = m_db && m_cleanEnd;
    const QString path = m_db ? m_db->path() : QString();
    m_db.reset();
    if (stamp)
        writeIntegrityStamp(path); // still under the lock: the files are exactly as this sync left them
    m_secrets.reset();
    m_lock.reset(); // after the connection is closed
}

void SyncWorker::cancelRequests()
{
    if (m_api)
        m_api->cancelAll();
}

void SyncWorker::run(const SyncOptions& options)
{
    m_options = options;
    m_report = {};
    m_report.mode = options.mode;
    m_runClock.start();
    m_done = false;
    m_cleanEnd = false;
    m_step = 0;
    m_shops.clear();
    m_progress.requestCount = [this]() -> quint64 {
        return m_api ? m_api->requestCount() : 0;
    };
    m_progress.emitProgress = [this](const SyncProgress& p) {
        Q_EMIT progress(p);
    };
    m_progress.begin(options.mode);
    Q_EMIT started(options.mode);

    for (const QUrl& url : {options.apiBase, options.authBase}) {
        if (const ApiError e = ApiClient::checkBaseUrl(url); e.isError()) {
            fail({SyncError::Usage, e.userMessage()});
            return;
        }
    }
    const QString path = options.databasePath.isEmpty() ? Database::defaultPath() : options.databasePath;
    // A second sync of the same database (another window, the command line, cron) stops here.
    m_lock = std::make_unique<SyncLock>(path);
    if (!m_lock->tryLock()) {
        fail({SyncError::Database, m_lock->errorMessage()});
        return;
    }
    Database::Error dbError;
    m_db = Database::open(path, Database::ReadWrite, &dbError);
    if (!m_db) {
        fail(databaseError(dbError));
        return;
    }
    // A first import killed in this boot left its writes with the system, unflushed: flushed now, before
    // anything else is written (see UnsyncedImport).
    if (QString why; !UnsyncedImport::end(*m_db, &why)) {
        fail({SyncError::Database, why});
        return;
    }
    m_store = std::make_unique<OrderStore>(*m_db);
    QList<Shop> shops;
    if (!m_store->state().readConfig(QStringLiteral("app_key"), &m_appKey, &dbError) ||
        !m_store->state().readShops(&shops, &dbError)) {
        fail(databaseError(dbError));
        return;
    }
    for (const Shop& s : std::as_const(shops)) {
        if (options.shopId.isEmpty() || s.id == options.shopId)
            m_shops.append(s);
    }
    if (m_appKey.isEmpty() || shops.isEmpty()) {
        fail({SyncError::NotConnected, QStringLiteral("No shop is connected yet; connect a shop first "
                                                      "(tiktok-shop-sync connect).")});
        return;
    }
    if (m_shops.isEmpty()) {
        fail(
            {SyncError::Usage, QStringLiteral("The shop %1 is not connected; run status to see the connected "
                                              "shops.")
                                   .arg(options.shopId)});
        return;
    }
    m_secrets = createSecretStore(options.keychainService, options.sessionOnlySecrets);
    readSecrets();
}

void SyncWorker::readSecrets()
{
    QPointer<SyncWorker> self(this);
    m_secrets->read(secretkeys::appSecret(), [self](SecretError e, QString appSecret) {
        if (!self)
            return;
        if (e.isError()) {
            self->fail({SyncError::NotConnected,
                        e.kind == SecretError::NotFound
                            ? QStringLiteral("No app secret is stored; connect the shop again.")
                            : QStringLiteral("The app secret could not be read from the keychain: %1")
                                  .arg(e.message)});
            return;
        }
        self->m_secrets->read(secretkeys::tokens(), [self, appSecret](SecretError e2, QString tokens) {
            if (!self)
                return;
            if (e2.isError()) {
                self->fail({SyncError::NotConnected,
                            e2.kind == SecretError::NotFound
                                ? QStringLiteral("No access tokens are stored; connect the shop again.")
                                : QStringLiteral("The tokens could not be read from the keychain: %1")
                                      .arg(e2.message)});
                return;
            }
            self->onSecrets(appSecret, tokens);
        });
    });
}

void SyncWorker::onSecrets(const QString& appSecret, const QString& tokensJson)
{
    const std::optional<TokenSet> tokens = tokensFromJson(tokensJson);
    if (!tokens || appSecret.isEmpty()) {
        fail({SyncError::NotConnected,
              QStringLiteral("The stored credentials are incomplete; connect the shop "
                             "again.")});
        return;
    }
    ApiConfig config;
    config.apiBase = m_options.apiBase;
    config.authBase = m_options.authBase;
    config.appKey = m_appKey;
    config.appSecret = appSecret;
    if (m_options.requestsPerSecond > 0)
        config.requestsPerSecond = m_options.requestsPerSecond;
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_api = std::make_unique<ApiClient>(m_nam.get(), config);
    m_api->setTokens(*tokens);
    QPointer<SyncWorker> self(this);
    m_api->setTokenPersister([self](const TokenSet& t, std::function<void(bool)> done) {
        if (!self || !self->m_secrets) {
            done(false);
            return;
        }
        self->m_secrets->write(secretkeys::tokens(), tokensToJson(t), [done](SecretError e) {
            if (e.isError())
                qCWarning(lcSync) << "could not store the refreshed tokens:" << e.message;
            done(!e.isError());
        });
    });
    m_progress.begin(m_options.mode); // counts API calls from here
    m_ctx.options = m_options;
    m_ctx.api = m_api.get();
    m_ctx.store = m_store.get();
    m_ctx.progress = &m_progress;
    m_ctx.cancelFlag = m_cancel.get();
    nextStep();
}

void SyncWorker::nextStep()
{
    if (m_done)
        return;
    if (m_ctx.cancelled()) {
        complete(true);
        return;
    }
    const int shopIndex = m_step / 2;
    if (shopIndex >= m_shops.size()) {
        complete(false);
        return;
    }
    const Shop& shop = m_shops.at(shopIndex);
    const bool orders = m_step % 2 == 0;
    ++m_step;
    if (orders)
        startOrders(shop);
    else
        startProducts(shop);
}

void SyncWorker::startOrders(const Shop& shop)
{
    SyncState& state = m_store->state();
    Database::Error dbError;
    std::optional<ResyncRun> resync;
    StreamMetadata meta;
    if (!state.readResync(shop.id, &resync, &dbError) ||
        !state.readStream(shop.id, streams::orders(), &meta, &dbError)) {
        fail(databaseError(dbError));
        return;
    }
    QPointer<SyncWorker> self(this);
    auto holder = std::make_shared<QPointer<QObject>>();
    StepDone done = [self, holder](StepResult r) {
        if (self)
            self->stepDone(*holder, r, true);
    };
    // An unfinished resync is always continued; no metadata yet means a full sync.
    if (resync || m_options.mode == SyncMode::Full || !meta.isFullSync) {
        m_report.mode = SyncMode::Full;
        m_progress.setMode(SyncMode::Full);
        auto* job = new FullResync(m_ctx, shop, done, this);
        *holder = job;
        job->start();
    } else {
        auto* job = new IncrementalOrders(m_ctx, shop, meta.lastRecordTime - m_ctx.overlapSeconds(),
                                          IncrementalOrders::CursorTarget::Stream, done, this);
        *holder = job;
        job->start();
    }
}

void SyncWorker::startProducts(const Shop& shop)
{
    StreamMetadata meta;
    Database::Error dbError;
    if (!m_store->state().readStream(shop.id, streams::products(), &meta, &dbError)) {
        fail(databaseError(dbError));
        return;
    }
    std::optional<qint64> from;
    if (m_options.mode == SyncMode::Incremental && meta.isFullSync)
        from = meta.lastRecordTime - m_ctx.overlapSeconds();
    QPointer<SyncWorker> self(this);
    auto holder = std::make_shared<QPointer<QObject>>();
    auto* job = new ProductSync(
        m_ctx, shop, from,
        [self, holder](StepResult r) {
            if (self)
                self->stepDone(*holder, r, false);
        },
        this);
    *holder = job;
    job->start();
}

void SyncWorker::stepDone(QObject* step, const StepResult& result, bool orders)
{
    if (step)
        step->deleteLater();
    if (orders)
        m_report.ordersUpserted += result.upserted;
    else
        m_report.productsUpserted += result.upserted;
    if (result.error) {
        fail(*result.error);
        return;
    }
    if (result.cancelled) {
        complete(true);
        return;
    }
    const int shopIndex = (m_step - 1) / 2;
    if (shopIndex < m_shops.size() && !m_report.shopIds.contains(m_shops.at(shopIndex).id))
        m_report.shopIds.append(m_shops.at(shopIndex).id);
    // Unwind the client's callback before the next step starts.
    QMetaObject::invokeMethod(this, &SyncWorker::nextStep, Qt::QueuedConnection);
}

void SyncWorker::fail(const SyncError& error)
{
    if (m_done)
        return;
    m_done = true;
    m_cleanEnd = error.kind != SyncError::Database; // an API failure leaves the database as sound as before
    qCWarning(lcSync) << "sync failed:" << error.message;
    if (m_api)
        m_api->cancelAll();
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            release();
            Q_EMIT failed(error);
        },
        Qt::QueuedConnection);
}

void SyncWorker::complete(bool cancelled)
{
    if (m_done)
        return;
    m_done = true;
    m_cleanEnd = true;
    m_report.cancelled = cancelled;
    m_report.apiCalls = m_api ? qint64(m_api->requestCount()) : 0;
    m_report.durationMs = m_runClock.elapsed();
    m_progress.report(true);
    QMetaObject::invokeMethod(
        this,
        [this] {
            release();
            Q_EMIT finished(m_report);
        },
        Qt::QueuedConnection);
}

} // namespace tts
