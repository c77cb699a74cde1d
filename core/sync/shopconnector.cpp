#include "shopconnector.h"

#include "synclog.h"

#include "api/apiclient.h"
#include "secrets/secretstorefactory.h"
#include "secrets/tokenserialization.h"
#include "storage/database.h"
#include "storage/syncstate.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSqlQuery>

namespace tts {

ShopConnector::ShopConnector(QObject* parent) : QObject(parent)
{
    registerSyncMetaTypes();
}

ShopConnector::~ShopConnector()
{
    m_api.reset();
    m_nam.reset();
}

quint64 ShopConnector::requestCount() const
{
    return m_api ? m_api->requestCount() : 0;
}

void ShopConnector::fail(SyncError::Kind kind, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    const SyncError error{kind, message};
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
}

void ShopConnector::start(const Request& request)
{
    m_request = request;
    m_finished = false;
    for (const QUrl& url : {request.apiBase, request.authBase}) {
        if (const ApiError e = ApiClient::checkBaseUrl(url); e.isError()) {
            fail(SyncError::Usage, e.userMessage());
            return;
        }
    }
    if (request.appKey.isEmpty() || request.appSecret.isEmpty() || request.authCode.isEmpty()) {
        fail(SyncError::Usage,
             QStringLiteral("The app key, the app secret and the authorization code are all "
                            "needed to connect a shop."));
        return;
    }
    // Check the database before spending the one-time authorization code.
    {
        Database::Error dbError;
        const QString path = request.databasePath.isEmpty() ? Database::defaultPath() : request.databasePath;
        if (!Database::open(path, Database::ReadWrite, &dbError)) {
            fail(SyncError::Database, dbError.message);
            return;
        }
    }
    m_secrets = createSecretStore(request.keychainService, request.sessionOnlySecrets);
    QPointer<ShopConnector> self(this);
    m_secrets->write(secretkeys::appSecret(), request.appSecret, [self](SecretError e) {
        if (!self)
            return;
        if (e.isError()) {
            self->fail(
                SyncError::NotConnected,
                QStringLiteral("The app secret could not be stored in the keychain: %1").arg(e.message));
            return;
        }
        self->exchange();
    });
}

void ShopConnector::exchange()
{
    ApiConfig config;
    config.apiBase = m_request.apiBase;
    config.authBase = m_request.authBase;
    config.appKey = m_request.appKey;
    config.appSecret = m_request.appSecret;
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_api = std::make_unique<ApiClient>(m_nam.get(), config);
    QPointer<ShopConnector> self(this);
    m_api->setTokenPersister([self](const TokenSet& tokens, std::function<void(bool)> done) {
        if (!self || !self->m_secrets) {
            done(false);
            return;
        }
        self->m_secrets->write(secretkeys::tokens(), tokensToJson(tokens), [self, done](SecretError e) {
            if (e.isError() && self)
                self->fail(
                    SyncError::NotConnected,
                    QStringLiteral("The tokens could not be stored in the keychain: %1").arg(e.message));
            done(!e.isError());
        });
    });
    m_api->exchangeAuthCode(m_request.authCode, [self](ApiResult<TokenSet> r) {
        if (!self)
            return;
        if (!r.ok()) {
            const bool reauth =
                r.error.needsReauthorization() || r.error.kind == ApiErrorKind::AuthCodeInvalid;
            self->fail(reauth ? SyncError::NotConnected : SyncError::Api,
                       QStringLiteral("Connecting the shop failed: %1").arg(r.error.userMessage()));
            return;
        }
        self->fetchShops();
    });
}

void ShopConnector::fetchShops()
{
    if (m_finished)
        return;
    QPointer<ShopConnector> self(this);
    m_api->fetchShops([self](ApiResult<QList<Shop>> r) {
        if (!self)
            return;
        if (!r.ok()) {
            self->fail(r.error.needsReauthorization() ? SyncError::NotConnected : SyncError::Api,
                       QStringLiteral("Fetching the authorized shops failed: %1").arg(r.error.userMessage()));
            return;
        }
        self->record(r.value);
    });
}

void ShopConnector::record(const QList<Shop>& shops)
{
    if (m_finished)
        return;
    if (shops.isEmpty()) {
        fail(SyncError::NotConnected, QStringLiteral("The authorization covers no shop; authorize a shop and "
                                                     "connect again."));
        return;
    }
    Database::Error dbError;
    const QString path = m_request.databasePath.isEmpty() ? Database::defaultPath() : m_request.databasePath;
    auto db = Database::open(path, Database::ReadWrite, &dbError);
    bool ok = db && db->beginImmediate(&dbError);
    if (ok) {
        SyncState state(*db);
        ok = state.upsertShops(shops, &dbError);
        const QList<QPair<QString, QString>> config{
            {QStringLiteral("app_key"), m_request.appKey},
            {QStringLiteral("api_base"), m_request.apiBase.toString()},
            {QStringLiteral("auth_base"), m_request.authBase.toString()},
        };
        QSqlQuery q(db->connection());
        if (ok)
            ok = q.prepare(QStringLiteral("INSERT OR REPLACE INTO app_config(key, value) VALUES (?, ?)"));
        for (qsizetype i = 0; ok && i < config.size(); ++i) {
            q.bindValue(0, config.at(i).first);
            q.bindValue(1, config.at(i).second);
            ok = execQuery(q, &dbError, QStringLiteral("save the settings"));
        }
        if (ok)
            ok = db->commit(&dbError);
        else
            db->rollback();
    }
    if (!ok) {
        fail(SyncError::Database, dbError.message);
        return;
    }
    qCInfo(lcSync) << "connected" << shops.size() << "shop(s)";
    m_finished = true;
    QMetaObject::invokeMethod(
        this, [this, shops] { Q_EMIT connected(shops); }, Qt::QueuedConnection);
}

void disconnectAll(const QString& keychainService, bool sessionOnly, QObject* context,
                   std::function<void(SecretError)> done)
{
    std::shared_ptr<SecretStore> store = createSecretStore(keychainService, sessionOnly);
    QPointer<QObject> guard(context);
    auto finish = [guard, done](SecretError e) {
        if (guard && done)
            done(e.kind == SecretError::NotFound ? SecretError{} : e);
    };
    store->remove(secretkeys::tokens(), [store, finish](SecretError e1) {
        store->remove(secretkeys::appSecret(), [store, finish, e1](SecretError e2) {
            const bool e1Bad = e1.isError() && e1.kind != SecretError::NotFound;
            finish(e1Bad ? e1 : e2);
        });
    });
}

} // namespace tts
