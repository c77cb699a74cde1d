// Request dispatch: the fault layer (a gateway in front of the API), the route table, the
// contract's checks on signed calls in order, and the response envelope.

#include "emulator_p.h"
#include "jsonwriter.h"
#include "signing.h"

#include <QDateTime>

namespace tts::demo {

namespace {

constexpr qsizetype kMaxRecords = 200000;

enum class Route
{
    Unknown,
    TokenGet,
    TokenRefresh,
    Shops,
    OrderSearch,
    OrderDetail,
    ProductSearch,
    Consent,
    DemoCode
};

struct RouteInfo
{
    Route route;
    const char* method;
};

RouteInfo routeOf(const QString& path)
{
    if (path == u"/api/v2/token/get")
        return {Route::TokenGet, "GET"};
    if (path == u"/api/v2/token/refresh")
        return {Route::TokenRefresh, "GET"};
    if (path == u"/authorization/202309/shops")
        return {Route::Shops, "GET"};
    if (path == u"/order/202309/orders/search")
        return {Route::OrderSearch, "POST"};
    if (path == u"/order/202309/orders")
        return {Route::OrderDetail, "GET"};
    if (path == u"/product/202309/products/search")
        return {Route::ProductSearch, "POST"};
    if (path == u"/open/authorize")
        return {Route::Consent, "GET"};
    if (path == u"/demo/auth-code")
        return {Route::DemoCode, "GET"};
    return {Route::Unknown, ""};
}

ApiReply error(int code, const QString& message, int httpStatus = 200)
{
    ApiReply reply;
    reply.httpStatus = httpStatus;
    reply.code = code;
    reply.message = message;
    return reply;
}

} // namespace

QByteArray EmulatorPrivate::envelope(const ApiReply& reply)
{
    QByteArray body;
    body.reserve(reply.data.size() + 160);
    json::raw(body, "{\"code\":");
    json::num(body, reply.code);
    json::raw(body, ",\"message\":");
    json::str(body, reply.message);
    json::raw(body, ",\"request_id\":\"");
    body +=
        QDateTime::fromSecsSinceEpoch(now(), Qt::UTC).toString(QStringLiteral("yyyyMMddhhmmss")).toLatin1();
    body += QByteArray::number(mixKey(instanceSalt, ++requestSeq), 16).toUpper().rightJustified(16, '0');
    json::raw(body, "\",\"data\":");
    body += reply.data;
    body += '}';
    return body;
}

Fault EmulatorPrivate::pickFault(const HttpRequest& request)
{
    for (qsizetype i = 0; i < injected.size(); ++i) {
        InjectedFault& entry = injected[i];
        if (!entry.pathContains.isEmpty() && !request.path.contains(entry.pathContains))
            continue;
        const Fault fault = entry.fault;
        if (--entry.remaining <= 0)
            injected.removeAt(i);
        return fault;
    }
    const FaultConfig& faults = config.faults;
    if (faults.qpsLimit > 0) {
        while (!qpsWindow.empty() && qpsWindow.front() <= request.receivedMs - 1000)
            qpsWindow.pop_front();
        if (double(qpsWindow.size()) >= faults.qpsLimit)
            return Fault::RateLimited;
    }
    if (faults.faultRate > 0 && !faults.faultMix.isEmpty() && faultRng.unit() < faults.faultRate)
        return faults.faultMix[qsizetype(faultRng.below(quint64(faults.faultMix.size())))];
    if (faults.qpsLimit > 0)
        qpsWindow.push_back(request.receivedMs);
    return Fault::None;
}

HttpResponse EmulatorPrivate::handle(const HttpRequest& request)
{
    QMutexLocker lock(&mutex);
    advanceLive();
    RequestRecord record;
    record.receivedMs = request.receivedMs;
    record.method = QString::fromLatin1(request.method);
    record.path = request.path;
    for (const auto& [key, value] : request.query)
        record.query.addQueryItem(key, value);
    record.body = request.body;

    const RouteInfo info = routeOf(request.path);
    const bool apiRoute = info.route != Route::Consent && info.route != Route::DemoCode;
    HttpResponse response;
    response.delayMs = config.faults.latencyMs;
    const Fault fault = apiRoute ? pickFault(request) : Fault::None;
    record.fault = fault;

    std::optional<ApiReply> reply;
    switch (fault) {
    case Fault::None:
    case Fault::Truncated:
    case Fault::MalformedJson:
    case Fault::Stall:
        break;
    case Fault::RateLimited: {
        reply = error(36009002, QStringLiteral("Too many requests, please retry later"), 429);
        const int seconds = std::max(0, config.faults.retryAfterSeconds);
        reply->headers.append({"Retry-After", config.faults.retryAfterAsHttpDate
                                                  ? httpDate(now() + seconds)
                                                  : QByteArray::number(seconds)});
        break;
    }
    case Fault::InternalError:
        reply = error(36009003, QStringLiteral("Internal error, please try again later"));
        break;
    case Fault::GatewayTimeout:
        reply = error(36009007, QStringLiteral("Gateway timeout, please try again later"));
        break;
    case Fault::ServerError: {
        static const int statuses[] = {500, 502, 503};
        response.status = statuses[faultRng.below(3)];
        if (response.status == 500) {
            reply = error(36009003, QStringLiteral("Internal server error"), 500);
        } else {
            response.contentType = "text/html";
            response.body = "<html><body><h1>" + QByteArray::number(response.status) + "</h1></body></html>";
        }
        break;
    }
    case Fault::NotJson:
        response.contentType = "text/html; charset=utf-8";
        response.body = "<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                        "<body>The service is under maintenance.</body></html>";
        break;
    case Fault::Reset:
        response.action = HttpResponse::Action::Reset;
        break;
    case Fault::Hang:
        response.action = HttpResponse::Action::Hang;
        break;
    }

    const bool routed = fault == Fault::None || fault == Fault::Truncated || fault == Fault::MalformedJson ||
                        fault == Fault::Stall;
    if (routed) {
        if (info.route == Route::Unknown) {
            reply = error(36009009, QStringLiteral("Unknown path: ") + request.path.left(200), 404);
        } else if (request.method != info.method) {
            reply = error(
                36009010,
                QStringLiteral("Method not allowed: ") + QString::fromLatin1(request.method.left(10)), 405);
        } else {
            switch (info.route) {
            case Route::TokenGet:
                reply = tokenGet(request);
                break;
            case Route::TokenRefresh:
                reply = tokenRefresh(request);
                break;
            case Route::Consent:
                response = consentPage(request);
                break;
            case Route::DemoCode:
                reply = demoAuthCode();
                break;
            case Route::Shops:
            case Route::OrderSearch:
            case Route::OrderDetail:
            case Route::ProductSearch: {
                ShopData* target = nullptr;
                reply = checkSigned(request, info.route != Route::Shops, &target);
                if (reply)
                    break;
                if (info.route == Route::Shops)
                    reply = shops(request);
                else if (info.route == Route::OrderSearch)
                    reply = searchOrders(request, *target);
                else if (info.route == Route::OrderDetail)
                    reply = orderDetail(request, *target);
                else
                    reply = searchProducts(request, *target);
                break;
            }
            case Route::Unknown:
                break;
            }
        }
        if (fault == Fault::Truncated)
            response.action = HttpResponse::Action::Truncate;
        response.delayMs = config.faults.latencyMs;
    }
    if (reply) {
        response.status = reply->httpStatus;
        response.body = envelope(*reply);
        response.headers = reply->headers;
        record.code = reply->code;
    }
    applyResponseFault(fault, response);
    record.httpStatus =
        response.action == HttpResponse::Action::Reset || response.action == HttpResponse::Action::Hang
            ? 0
            : response.status;
    records.append(std::move(record));
    if (records.size() > kMaxRecords)
        records.remove(0, kMaxRecords / 10);
    ++totalRequests;
    return response;
}

std::optional<ApiReply> EmulatorPrivate::checkSigned(const HttpRequest& request, bool shopScoped,
                                                     ShopData** shopOut)
{
    if (request.queryValue(QStringLiteral("app_key")) != config.appKey)
        return error(36009004, QStringLiteral("Invalid app_key"));
    const QString sign = request.queryValue(QStringLiteral("sign"));
    if (sign.isEmpty())
        return error(36009004, QStringLiteral("Missing required parameter: sign"));
    const QString timestampText = request.queryValue(QStringLiteral("timestamp"));
    bool ok = false;
    const qint64 timestamp = timestampText.toLongLong(&ok);
    const qint64 current = now();
    if (!ok || timestamp < current - 300 || timestamp > current + 30)
        return error(36009004,
                     QStringLiteral("Invalid timestamp %1: it must be within 5 minutes of the server time")
                         .arg(timestampText.left(20)));
    QByteArray expected = computeSign(config.appSecret, request.path, request.query, request.body);
    bool signatureOk = sign.toLatin1() == expected;
    if (!signatureOk && request.body.isEmpty()) // an empty body is accepted signed as "{}" too
        signatureOk = sign.toLatin1() == computeSign(config.appSecret, request.path, request.query, "{}");
    if (!signatureOk)
        return error(106001, QStringLiteral("Invalid signature"), 401);
    QString token = QString::fromLatin1(request.headers.value("x-tts-access-token"));
    if (token.isEmpty())
        token = request.queryValue(QStringLiteral("access_token"));
    const auto claims = readToken(token, 'A');
    if (!claims)
        return error(36009004, QStringLiteral("The access token is invalid"));
    if (claims->expiresAt <= current || claims->stamp <= accessExpiredUpTo)
        return error(105002, QStringLiteral("Expired credentials: the access token has expired"));
    const bool hasCipher = request.hasQuery(QStringLiteral("shop_cipher"));
    if (!shopScoped) {
        if (hasCipher)
            return error(36009004, QStringLiteral("Invalid shop_cipher: this API does not need one"));
        return std::nullopt;
    }
    if (!hasCipher)
        return error(106013, QStringLiteral("The shop_cipher parameter is missing"));
    *shopOut = shopByCipher(request.queryValue(QStringLiteral("shop_cipher")));
    if (!*shopOut)
        return error(36009004, QStringLiteral("Invalid shop_cipher: no authorized shop matches"));
    return std::nullopt;
}

} // namespace tts::demo
