#include "apiclient.h"

#include "apiclient_p.h"
#include "fastorderpage.h"
#include "jsonmapping.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>

namespace tts {

namespace {

// Wraps a typed callback: an error passes through, a success is mapped from `data`; a reply that
// does not map is MalformedResponse (never half-read).
template <typename T, typename Map> ApiCall::Finish mapped(ApiCallback<T> callback, Map map)
{
    return [callback = std::move(callback), map](QJsonObject data, ApiError error) {
        ApiResult<T> result;
        if (error.isError()) {
            result.error = std::move(error);
        } else {
            QString why;
            if (auto value = map(data, &why))
                result.value = std::move(*value);
            else
                result.error = makeError(ApiErrorKind::MalformedResponse,
                                         QStringLiteral("The reply could not be read: %1").arg(why));
        }
        callback(std::move(result));
    };
}

QString sortOrder(bool ascending)
{
    return ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
}

} // namespace

ApiError makeError(ApiErrorKind kind, QString message, int httpStatus)
{
    ApiError error;
    error.kind = kind;
    error.message = std::move(message);
    error.httpStatus = httpStatus;
    return error;
}

ApiClientPrivate::ApiClientPrivate(ApiClient* owner, QNetworkAccessManager* manager, ApiConfig configuration)
    : q(owner), nam(manager), config(std::move(configuration)), pacer(config.requestsPerSecond, config.burst)
{}

qint64 ApiClientPrivate::now() const
{
    return QDateTime::currentSecsSinceEpoch() + clockOffsetSecs;
}

std::shared_ptr<ApiCall> ApiClientPrivate::find(quint64 id) const
{
    const auto it = calls.find(id);
    return it == calls.end() ? nullptr : it->second;
}

ApiClient::ApiClient(QNetworkAccessManager* nam, ApiConfig config, QObject* parent)
    : QObject(parent), d(std::make_unique<ApiClientPrivate>(this, nam, std::move(config)))
{}

ApiClient::~ApiClient()
{
    d->cancelAll(false);
}

const ApiConfig& ApiClient::config() const
{
    return d->config;
}

void ApiClient::setRequestsPerSecond(double rps)
{
    d->config.requestsPerSecond = rps;
    d->pacer.setRate(rps, d->config.burst);
}

void ApiClient::setTokens(const TokenSet& tokens)
{
    d->tokens = tokens;
}

TokenSet ApiClient::tokens() const
{
    return d->tokens;
}

void ApiClient::setTokenPersister(TokenPersister persister)
{
    d->persister = std::move(persister);
}

qint64 ApiClient::clockOffsetSeconds() const
{
    return d->clockOffsetSecs;
}

void ApiClient::fetchShops(ApiCallback<QList<Shop>> callback)
{
    auto call = std::make_shared<ApiCall>();
    call->path = QStringLiteral("/authorization/202309/shops");
    call->finish = mapped(std::move(callback),
                          [](const QJsonObject& data, QString* why) { return shopsFromJson(data, why); });
    d->submit(std::move(call));
}

void ApiClient::searchOrders(const OrderQuery& query, ApiCallback<OrderPage> callback)
{
    QJsonObject filters;
    if (query.createTimeGe)
        filters.insert(QLatin1String("create_time_ge"), *query.createTimeGe);
    if (query.createTimeLt)
        filters.insert(QLatin1String("create_time_lt"), *query.createTimeLt);
    if (query.updateTimeGe)
        filters.insert(QLatin1String("update_time_ge"), *query.updateTimeGe);
    if (query.updateTimeLt)
        filters.insert(QLatin1String("update_time_lt"), *query.updateTimeLt);
    if (!query.orderStatus.isEmpty())
        filters.insert(QLatin1String("order_status"), query.orderStatus);

    auto call = std::make_shared<ApiCall>();
    call->post = true;
    call->path = QStringLiteral("/order/202309/orders/search");
    call->params = {{QStringLiteral("shop_cipher"), query.shopCipher},
                    {QStringLiteral("page_size"), QString::number(qBound(1, query.pageSize, 100))},
                    {QStringLiteral("page_token"), query.pageToken},
                    {QStringLiteral("sort_field"), query.sortField},
                    {QStringLiteral("sort_order"), sortOrder(query.ascending)}};
    call->body = QJsonDocument(filters).toJson(QJsonDocument::Compact);
    // The hot path of every sync: read the page in one pass; anything unusual takes the general path.
    auto fast = std::make_shared<std::optional<OrderPage>>();
    call->fastPath = [fast, pool = &d->stringPool, utf8 = query.utf8](const QByteArray& body) {
        *fast = utf8 ? readOrderSearchReplyUtf8(body) : readOrderSearchReply(body, pool);
        return fast->has_value();
    };
    call->finish = mapped(std::move(callback), [fast](const QJsonObject& data, QString* why) {
        if (fast->has_value())
            return std::exchange(*fast, std::nullopt);
        return orderPageFromJson(data, why);
    });
    d->submit(std::move(call));
}

void ApiClient::searchProducts(const ProductQuery& query, ApiCallback<ProductPage> callback)
{
    QJsonObject filters;
    if (!query.status.isEmpty())
        filters.insert(QLatin1String("status"), query.status);
    if (query.createTimeGe)
        filters.insert(QLatin1String("create_time_ge"), *query.createTimeGe);
    if (query.createTimeLe)
        filters.insert(QLatin1String("create_time_le"), *query.createTimeLe);
    if (query.updateTimeGe)
        filters.insert(QLatin1String("update_time_ge"), *query.updateTimeGe);
    if (query.updateTimeLe)
        filters.insert(QLatin1String("update_time_le"), *query.updateTimeLe);

    auto call = std::make_shared<ApiCall>();
    call->post = true;
    call->path = QStringLiteral("/product/202309/products/search");
    call->params = {{QStringLiteral("shop_cipher"), query.shopCipher},
                    {QStringLiteral("page_size"), QString::number(qBound(1, query.pageSize, 100))},
                    {QStringLiteral("page_token"), query.pageToken}};
    call->body = QJsonDocument(filters).toJson(QJsonDocument::Compact);
    call->finish = mapped(std::move(callback), [](const QJsonObject& data, QString* why) {
        return productPageFromJson(data, why);
    });
    d->submit(std::move(call));
}

void ApiClient::cancelAll()
{
    d->cancelAll(true);
}

quint64 ApiClient::requestCount() const
{
    return d->requestCount;
}

qint64 ApiClient::lastRoundTripMs() const
{
    return d->lastRoundTripMs;
}

ApiError ApiClient::checkBaseUrl(const QUrl& url)
{
    const QString shown = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ApiErrorKind::InsecureUrl,
                         QStringLiteral("\"%1\" is not a valid server address.").arg(shown.left(200)));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http") {
        const QString host = url.host().toLower();
        const QHostAddress address(host);
        if (host == u"localhost" || (!address.isNull() && address.isLoopback()))
            return {};
    }
    return makeError(ApiErrorKind::InsecureUrl,
                     QStringLiteral("Refusing the insecure server address \"%1\": only https:// (or http:// "
                                    "to this computer) is allowed.")
                         .arg(shown.left(200)));
}

} // namespace tts
