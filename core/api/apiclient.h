#pragma once

#include "apierror.h"
#include "models.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace tts {

struct ApiConfig
{
    QUrl apiBase{QStringLiteral("https://open-api.tiktokglobalshop.com")};
    QUrl authBase{QStringLiteral("https://auth.tiktok-shops.com")};
    QString appKey;
    QString appSecret;               // comes from the secret store; never logged
    double requestsPerSecond = 20.0; // token-bucket pacer shared by every request of this client
    // 1: a server limit of requestsPerSecond is never exceeded in any one-second window.
    int burst = 1;
    int transferTimeoutMs = 30000;
    int maxAttempts = 7; // first try included
    int backoffBaseMs = 250;
    int backoffMaxMs = 30000;
    int refreshAheadSeconds = 600; // refresh the access token this long before it expires
    // A Retry-After longer than this fails the request (RateLimited) instead of stalling silently;
    // the client still sends nothing before it has elapsed.
    int maxRetryAfterMs = 300000;
};

template <typename T> struct ApiResult
{
    T value{};
    ApiError error;
    bool ok() const { return !error.isError(); }
};

template <typename T> using ApiCallback = std::function<void(ApiResult<T>)>;

struct OrderQuery
{
    QString shopCipher;
    std::optional<qint64> createTimeGe; // inclusive
    std::optional<qint64> createTimeLt; // exclusive
    std::optional<qint64> updateTimeGe; // inclusive
    std::optional<qint64> updateTimeLt; // exclusive
    QString orderStatus;
    QString sortField = QStringLiteral("update_time"); // or create_time
    bool ascending = true;
    int pageSize = 100;
    QString pageToken; // decoded; empty on the first page
    // The orders as UTF-8 (OrderPage::raw) where the page takes the fast path: for a writer that
    // stores them as they are, without a QString per value.
    bool utf8 = false;
};

struct ProductQuery
{
    QString shopCipher;
    QString status;                     // empty: ALL
    std::optional<qint64> updateTimeGe; // inclusive
    std::optional<qint64> updateTimeLe; // inclusive (products use _le)
    std::optional<qint64> createTimeGe;
    std::optional<qint64> createTimeLe;
    int pageSize = 100;
    QString pageToken;
};

class ApiClientPrivate;

// The TikTok Shop Open API (202309) over QNetworkAccessManager. Lives in one thread (the thread of
// the network manager); callbacks run in that thread. Signs every request, paces them with a token
// bucket, retries what may be retried with backoff and jitter, honours Retry-After, refreshes the
// access token once however many requests are in flight, and corrects the clock offset from the
// server's Date header.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    ApiClient(QNetworkAccessManager* nam, ApiConfig config, QObject* parent = nullptr);
    // Aborts what is in flight without calling back (call cancelAll() first to get the callbacks).
    ~ApiClient() override;

    const ApiConfig& config() const;
    void setRequestsPerSecond(double rps);

    void setTokens(const TokenSet& tokens);
    TokenSet tokens() const;

    // Called after every token exchange or refresh, before any request uses the new tokens; the
    // persister must call done(true) once the tokens are safely stored (the keychain write is async).
    // done(false) fails the waiting requests instead of using tokens that could be lost.
    using TokenPersister = std::function<void(const TokenSet& tokens, std::function<void(bool ok)> done)>;
    void setTokenPersister(TokenPersister persister);

    // Auth host (not signed).
    void exchangeAuthCode(const QString& authCode, ApiCallback<TokenSet> callback);
    void refreshTokens(ApiCallback<TokenSet> callback);

    // Open API (signed).
    void fetchShops(ApiCallback<QList<Shop>> callback);
    void searchOrders(const OrderQuery& query, ApiCallback<OrderPage> callback);
    void searchProducts(const ProductQuery& query, ApiCallback<ProductPage> callback);

    // Fails every pending request with ApiErrorKind::Cancelled (callbacks still run once each).
    void cancelAll();

    // Every HTTP request sent to the API and auth hosts, retries included.
    quint64 requestCount() const;

    // From sending the latest attempt of the request whose callback runs now (or ran last) to its
    // reply: the latency, without any wait in the pacer.
    qint64 lastRoundTripMs() const;

    // Server clock minus local clock in seconds, learnt from the Date header of a reply that
    // rejected the request timestamp; 0 until then.
    qint64 clockOffsetSeconds() const;

    // InsecureUrl unless the URL is https, or http to a loopback host (127.0.0.0/8, localhost, ::1).
    static ApiError checkBaseUrl(const QUrl& url);

Q_SIGNALS:
    void requestSent();
    void rateLimited(int waitMs);

private:
    std::unique_ptr<ApiClientPrivate> d;
};

} // namespace tts
