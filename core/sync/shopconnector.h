#pragma once

#include "synctypes.h"

#include "api/models.h"
#include "secrets/secretstore.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace tts {

class ApiClient;

// Connects a seller's shops: exchanges the authorization code for tokens, stores the app secret and
// the tokens in the secret store (the tokens before anything uses them), fetches the authorized
// shops and records them, the app key and the base URLs in the database. Runs in the caller's
// thread (asynchronously; the thread needs an event loop). One start() per object.
class ShopConnector : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QUrl apiBase{QStringLiteral("https://open-api.tiktokglobalshop.com")};
        QUrl authBase{QStringLiteral("https://auth.tiktok-shops.com")};
        QString appKey;
        QString appSecret;
        QString authCode;
        QString databasePath; // empty: Database::defaultPath()
        QString keychainService = QStringLiteral("tiktok-shop-dashboard");
        bool sessionOnlySecrets = false;
    };

    explicit ShopConnector(QObject* parent = nullptr);
    ~ShopConnector() override;

    void start(const Request& request);

    // Every HTTP request of the last start(), retries included.
    quint64 requestCount() const;

Q_SIGNALS:
    void connected(const QList<tts::Shop>& shops);
    void failed(const tts::SyncError& error);

private:
    void exchange();
    void fetchShops();
    void record(const QList<Shop>& shops);
    void fail(SyncError::Kind kind, const QString& message);

    Request m_request;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    bool m_finished = false;
};

// Removes every stored secret (app secret and tokens). done(None) when nothing is left (missing
// entries are fine); runs in context's thread.
void disconnectAll(const QString& keychainService, bool sessionOnly, QObject* context,
                   std::function<void(SecretError)> done);

} // namespace tts
