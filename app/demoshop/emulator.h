#pragma once

// The TikTok Shop Open API emulator: real HTTP on 127.0.0.1 (QTcpServer), following
// ../shared/tiktok-shop-api.md. It is the backbone of the tests and, as the demo shop, part of the
// product (tiktok-shop-demo-server, and the window's "Try the demo shop"). Core never depends on it.
//
// Thread model: the server runs in its own thread (started by start()); every public method here is
// thread-safe and may be called from the test's thread while requests are being served.
//
// Routes (one server for both hosts):
//   GET  /api/v2/token/get, /api/v2/token/refresh          auth host, not signed
//   GET  /authorization/202309/shops                       signed, no shop_cipher
//   POST /order/202309/orders/search                       signed, shop_cipher
//   GET  /order/202309/orders?ids=a,b (at most 50)         signed, shop_cipher
//   POST /product/202309/products/search                   signed, shop_cipher
//   GET  /open/authorize?service_id=..&state=..[&redirect_uri=http://127.0.0.1:..]
//        the consent page: issues an auth code; 302 to redirect_uri?code=..&state=.. (loopback
//        only), else an HTML page showing the code (<code id="code">)
//   GET  /demo/auth-code   DEMO ONLY, not part of the real API: {"data":{"auth_code":".."}}
// Messages of 36009004 name their cause: "app_key", "sign", "timestamp", "access token",
// "shop_cipher", "page_size", "page_token", "grant_type".
//
// Data: order ids are 18-digit strings increasing with creation order within a shop; page tokens
// are keyset cursors bound to their query (a different filter or sort gets 36009004
// "Invalid page_token"); results are ordered by (sort key, id). Same seed and historyEnd, same shop.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace tts::demo {

enum class Fault
{
    None,
    RateLimited,    // HTTP 429, code 36009002, Retry-After (seconds or HTTP date)
    ServerError,    // HTTP 500/502/503 with a non-JSON or envelope body
    InternalError,  // HTTP 200 + code 36009003
    GatewayTimeout, // HTTP 200 + code 36009007
    Truncated,      // Content-Length promises more than is sent, then the connection closes
    NotJson,        // HTTP 200 with an HTML body
    Reset,          // the connection is closed without a response
    Hang,           // no response at all (until the client gives up)
    MalformedJson,  // HTTP 200, application/json, a complete response whose JSON is cut off
    Stall,          // the right response, but only after FaultConfig::stallMs
};

struct FaultConfig
{
    double qpsLimit = 0;       // 0: none; above it (sliding 1 s window): RateLimited
    int retryAfterSeconds = 1; // the Retry-After of RateLimited responses
    bool retryAfterAsHttpDate = false;
    double faultRate = 0; // probability that a request gets a random fault of faultMix
    QList<Fault> faultMix{Fault::RateLimited, Fault::ServerError, Fault::InternalError,
                          Fault::Truncated,   Fault::Reset,       Fault::NotJson};
    int latencyMs = 0;           // added before every response
    qint64 clockSkewSeconds = 0; // the emulator's clock = system clock + skew (Date header too)
    int resultCap = 0;           // 0: none; one query pages through at most this many results, then
                                 // ends with next_page_token "" although total_count says more
    int stallMs = 3000;          // the delay of Stall (below the client's transfer timeout)
};

struct ShopSpec
{
    QString id = QStringLiteral("7495000000000000001");
    QString cipher = QStringLiteral("ROW_demoShopCipher+/1");
    QString code = QStringLiteral("DEMOUS01");
    QString name = QStringLiteral("Sunrise Goods (demo)");
    QString region = QStringLiteral("US");
    qint64 orders = 1000;
    int products = 40;
};

struct EmulatorConfig
{
    QString appKey = QStringLiteral("demo-app-key");
    QString appSecret = QStringLiteral("demo-app-secret");
    QList<ShopSpec> shops{ShopSpec{}};
    quint64 seed = 42;
    qint64 historyEnd = 0; // Unix seconds; 0: the emulator clock at construction
    int historyDays = 400; // create times spread over this many days before historyEnd
    qint64 accessTokenLifetime = 7 * 86400;
    qint64 refreshTokenLifetime = 365 * 86400;
    bool live = false; // demo: new orders and status changes keep arriving as time passes
    FaultConfig faults;
    // Both set: serve https:// with this PEM certificate and key (tests: a self-signed one that a
    // client must refuse).
    QByteArray tlsCertificatePem;
    QByteArray tlsPrivateKeyPem;
};

struct IssuedTokens
{
    QString accessToken;
    qint64 accessTokenExpiresAt = 0;
    QString refreshToken;
    qint64 refreshTokenExpiresAt = 0;
};

struct RequestRecord
{
    qint64 receivedMs = 0; // QDateTime::currentMSecsSinceEpoch() when the request head was complete
    QString method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    int httpStatus = 0; // 0: no response (reset, hang)
    int code = -1;      // envelope code; -1: none
    Fault fault = Fault::None;
};

class EmulatorPrivate;

class Emulator
{
public:
    explicit Emulator(EmulatorConfig config = {});
    ~Emulator(); // stops

    bool start(quint16 port = 0, QString* error = nullptr); // listens on 127.0.0.1
    void stop();
    QUrl baseUrl() const; // serves the Open API paths and the auth paths (/api/v2/token/...) alike
    // TLS only: connections that began a handshake, and those that completed one (then sent requests).
    int tlsHandshakesStarted() const;
    int tlsHandshakesCompleted() const;
    const EmulatorConfig& config() const;
    qint64 now() const; // the emulator's clock (system clock + skew), Unix seconds

    // Credentials.
    QString issueAuthCode();    // valid 30 min, works once
    IssuedTokens issueTokens(); // as if an auth code had been exchanged
    void expireAccessTokens();  // every issued access token now answers 105002
    void expireRefreshTokens(); // refresh answers 36004001
    int tokenRefreshCount() const;

    // Faults.
    void setFaults(const FaultConfig& faults);
    FaultConfig faults() const;
    // The next `count` requests whose path contains `pathContains` (all when empty) get `fault`.
    void injectFault(Fault fault, int count = 1, const QString& pathContains = {});

    // Data: orders and products exactly as the API returns them (202309 JSON).
    qint64 orderCount(const QString& shopId) const;
    QJsonArray allOrders(const QString& shopId) const; // sorted by id; small shops only
    QJsonObject order(const QString& shopId, const QString& orderId) const;
    QJsonArray allProducts(const QString& shopId) const;

    // Mutations. Each sets the order's update_time to `updateTime` (default: now()).
    void setOrderStatus(const QString& shopId, const QString& orderId, const QString& status,
                        std::optional<qint64> updateTime = {});
    // Status changes of `count` random orders of any age; returns their ids.
    QStringList mutateRandomOrders(const QString& shopId, int count, std::optional<qint64> updateTime = {});
    // New orders created (and updated) at `createTime` (default: now()); returns their ids.
    QStringList addOrders(const QString& shopId, int count, std::optional<qint64> createTime = {});
    void setOrderUpdateTime(const QString& shopId, const QStringList& orderIds, qint64 updateTime);
    void touchProducts(const QString& shopId, int count, std::optional<qint64> updateTime = {});
    // Edits `count` random products (title revision, status between ACTIVATE and SELLER_DEACTIVATED),
    // each updated at max(its previous update_time, updateTime): one product's time never runs
    // backwards. Returns their ids. (emulatorsoak.cpp)
    QStringList reviseRandomProducts(const QString& shopId, int count, qint64 updateTime);

    // Request log.
    QList<RequestRecord> requests() const;
    quint64 requestCount(const QString& pathContains = {}) const;
    void clearRequests();

private:
    std::unique_ptr<EmulatorPrivate> d;
};

} // namespace tts::demo
