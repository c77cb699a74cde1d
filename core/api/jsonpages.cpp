// The `data` objects of whole replies; the records themselves are read in jsonmapping.cpp.
#include "jsonmapping.h"

#include <QJsonArray>

#include <cmath>

namespace tts {

namespace {

void setError(QString* error, QString text)
{
    if (error)
        *error = std::move(text);
}

// `next_page_token` "" on the last page; empty and missing alike.
bool readPaging(const QJsonObject& data, QString& nextPageToken, qint64& totalCount, QString* error)
{
    const QJsonValue token = data.value(QLatin1String("next_page_token"));
    if (token.isString()) {
        nextPageToken = token.toString();
    } else if (!token.isUndefined() && !token.isNull()) {
        setError(error, QStringLiteral("\"next_page_token\" is not a string"));
        return false;
    }
    const QJsonValue total = data.value(QLatin1String("total_count"));
    if (total.isDouble() && total.toDouble() >= 0 && total.toDouble() < 9.0e18) { // fits a qint64
        totalCount = qint64(total.toDouble());
    } else if (!total.isUndefined() && !total.isNull()) {
        setError(error, QStringLiteral("\"total_count\" is not a count"));
        return false;
    }
    return true;
}

// The array under `key`: missing or null is an empty page, anything but an array is malformed.
std::optional<QJsonArray> records(const QJsonObject& data, QLatin1String key, QString* error)
{
    const QJsonValue value = data.value(key);
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return QJsonArray();
    setError(error, QStringLiteral("\"%1\" is not an array").arg(key));
    return std::nullopt;
}

} // namespace

std::optional<OrderPage> orderPageFromJson(const QJsonObject& data, QString* error)
{
    OrderPage page;
    if (!readPaging(data, page.nextPageToken, page.totalCount, error))
        return std::nullopt;
    const auto orders = records(data, QLatin1String("orders"), error);
    if (!orders)
        return std::nullopt;
    page.orders.reserve(orders->size());
    for (const QJsonValue& value : *orders) {
        if (!value.isObject()) {
            setError(error, QStringLiteral("an order is not an object"));
            return std::nullopt;
        }
        auto order = orderFromJson(value.toObject(), error);
        if (!order)
            return std::nullopt;
        page.orders.append(std::move(*order));
    }
    return page;
}

std::optional<ProductPage> productPageFromJson(const QJsonObject& data, QString* error)
{
    ProductPage page;
    if (!readPaging(data, page.nextPageToken, page.totalCount, error))
        return std::nullopt;
    const auto products = records(data, QLatin1String("products"), error);
    if (!products)
        return std::nullopt;
    page.products.reserve(products->size());
    for (const QJsonValue& value : *products) {
        if (!value.isObject()) {
            setError(error, QStringLiteral("a product is not an object"));
            return std::nullopt;
        }
        auto product = productFromJson(value.toObject(), error);
        if (!product)
            return std::nullopt;
        page.products.append(std::move(*product));
    }
    return page;
}

std::optional<QList<Shop>> shopsFromJson(const QJsonObject& data, QString* error)
{
    const auto shops = records(data, QLatin1String("shops"), error);
    if (!shops)
        return std::nullopt;
    QList<Shop> result;
    result.reserve(shops->size());
    for (const QJsonValue& value : *shops) {
        auto shop = shopFromJson(value.toObject(), error);
        if (!shop)
            return std::nullopt;
        result.append(std::move(*shop));
    }
    return result;
}

std::optional<TokenSet> tokensFromJsonData(const QJsonObject& data, QString* error)
{
    TokenSet tokens;
    tokens.accessToken = data.value(QLatin1String("access_token")).toString();
    tokens.refreshToken = data.value(QLatin1String("refresh_token")).toString();
    if (tokens.accessToken.isEmpty() || tokens.refreshToken.isEmpty()) {
        setError(error, QStringLiteral("the token reply lacks access_token or refresh_token"));
        return std::nullopt;
    }
    // Absolute Unix seconds (not durations), as numbers or digit strings.
    const auto seconds = [&data](QLatin1String key) -> qint64 {
        const QJsonValue value = data.value(key);
        if (value.isString())
            return value.toString().toLongLong();
        const double d = value.toDouble();
        return std::abs(d) < 9.0e18 ? qint64(d) : 0; // beyond qint64 the cast is undefined
    };
    tokens.accessTokenExpiresAt = seconds(QLatin1String("access_token_expire_in"));
    tokens.refreshTokenExpiresAt = seconds(QLatin1String("refresh_token_expire_in"));
    tokens.openId = data.value(QLatin1String("open_id")).toString();
    tokens.sellerName = data.value(QLatin1String("seller_name")).toString();
    tokens.sellerBaseRegion = data.value(QLatin1String("seller_base_region")).toString();
    return tokens;
}

} // namespace tts
