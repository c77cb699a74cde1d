#pragma once

#include "catalog.h"
#include "demorandom.h"
#include "emulator.h"
#include "httpserver.h"
#include "orderstore.h"

#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

class QThread;

namespace tts::demo {

Q_DECLARE_LOGGING_CATEGORY(lcDemo)

struct ShopData
{
    ShopSpec spec;
    int shopNo = 0;
    std::unique_ptr<Catalog> catalog;
    std::unique_ptr<OrderStore> orders;
};

struct TokenClaims
{
    quint64 stamp;
    qint64 expiresAt;
};

struct InjectedFault
{
    Fault fault;
    int remaining;
    QString pathContains;
};

// An envelope error or success, before faults and latency are applied.
struct ApiReply
{
    int httpStatus = 200;
    int code = 0;
    QString message = QStringLiteral("Success");
    QByteArray data = "null"; // JSON
    QList<QPair<QByteArray, QByteArray>> headers;
};

class EmulatorPrivate
{
public:
    explicit EmulatorPrivate(EmulatorConfig config);

    qint64 now() const;
    QByteArray httpDate(qint64 unixSeconds) const;
    HttpResponse handle(const HttpRequest& request); // server thread; takes the mutex
    ShopData* shop(const QString& shopId);
    const ShopData* shop(const QString& shopId) const;
    ShopData* shopByCipher(const QString& cipher);
    void advanceLive();
    QString issueAuthCodeLocked();
    IssuedTokens issueTokensLocked();
    QByteArray tokenKey() const;
    QString mintToken(char kind, qint64 expiresAt); // kind 'A' access, 'R' refresh
    std::optional<TokenClaims> readToken(const QString& token, char kind) const;

    // routes (mutex held)
    ApiReply tokenGet(const HttpRequest& request);
    ApiReply tokenRefresh(const HttpRequest& request);
    HttpResponse consentPage(const HttpRequest& request);
    ApiReply demoAuthCode();
    ApiReply shops(const HttpRequest& request);
    ApiReply searchOrders(const HttpRequest& request, ShopData& shop);
    ApiReply orderDetail(const HttpRequest& request, ShopData& shop);
    ApiReply searchProducts(const HttpRequest& request, ShopData& shop);
    // The signed-call checks in the contract's order; nullopt when the request passes.
    std::optional<ApiReply> checkSigned(const HttpRequest& request, bool shopScoped, ShopData** shop);
    Fault pickFault(const HttpRequest& request);
    QByteArray envelope(const ApiReply& reply);
    // The faults that spoil a complete response: MalformedJson, Stall (emulatorsoak.cpp).
    void applyResponseFault(Fault fault, HttpResponse& response) const;

    EmulatorConfig config;
    std::atomic<qint64> clockSkew{0};
    mutable QMutex mutex;
    std::vector<ShopData> shopData;
    qint64 historyEnd = 0;
    qint64 lastLiveRun = 0;

    QHash<QString, qint64> authCodes; // code -> issued at; removed when used
    quint64 lastStamp = 0;            // issue stamp of the newest token
    quint64 accessExpiredUpTo = 0;    // access tokens stamped up to here answer 105002
    quint64 refreshExpiredUpTo = 0;   // refresh tokens stamped up to here answer 36004001
    QSet<QString> revokedRefreshTokens;
    int refreshCount = 0;
    Rng tokenRng;
    Rng faultRng;
    Rng mutationRng;
    QList<InjectedFault> injected;
    std::deque<qint64> qpsWindow; // ms of the requests accepted in the last second
    QList<RequestRecord> records;
    quint64 totalRequests = 0;
    quint64 requestSeq = 0;
    quint64 instanceSalt = 0; // request ids differ between emulator instances

    QThread* thread = nullptr;
    HttpServer* server = nullptr;
    quint16 port = 0;
};

} // namespace tts::demo
