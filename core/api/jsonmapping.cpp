#include "jsonmapping.h"

#include <QJsonArray>
#include <QtNumeric>

#include <cmath>

namespace tts {

namespace {

// Collects the first error while a record is read; every accessor keeps going so the code stays
// linear, and the caller checks `failed` once.
struct Reader
{
    const QJsonObject& json;
    const char* record;
    QString* error;
    bool failed = false;

    void fail(QLatin1String field, const char* why)
    {
        if (failed)
            return;
        failed = true;
        if (error) {
            const QString id = json.value(QLatin1String("id")).toString().left(40);
            *error = QStringLiteral("%1 %2: field \"%3\" %4")
                         .arg(QLatin1String(record), id.isEmpty() ? QStringLiteral("(no id)") : id, field,
                              QLatin1String(why));
        }
    }

    QString requiredString(QLatin1String key)
    {
        const QJsonValue value = json.value(key);
        QString text = value.toString();
        if (!value.isString() || text.isEmpty())
            fail(key, "is missing or not a non-empty string");
        return text;
    }

    QString string(QLatin1String key)
    {
        const QJsonValue value = json.value(key);
        if (value.isString())
            return value.toString();
        if (value.isDouble()) { // an ID sent as a number: exact up to 2^53
            const double d = value.toDouble();
            if (d == std::floor(d) && std::abs(d) < 9007199254740992.0)
                return QString::number(qint64(d));
        }
        if (!value.isUndefined() && !value.isNull())
            fail(key, "is not a string");
        return QString();
    }

    std::optional<qint64> time(QLatin1String key, bool required)
    {
        const QJsonValue value = json.value(key);
        if (value.isDouble()) {
            const double d = value.toDouble();
            if (d == std::floor(d) && d >= 0 && d < 1e12)
                return qint64(d);
        } else if (value.isString()) {
            bool ok = false;
            const qint64 v = value.toString().toLongLong(&ok);
            if (ok && v >= 0)
                return v;
        } else if ((value.isUndefined() || value.isNull()) && !required) {
            return std::nullopt;
        }
        fail(key, required ? "is missing or not a Unix time" : "is not a Unix time");
        return std::nullopt;
    }

    std::optional<qint64> optionalTime(QLatin1String key)
    {
        const auto t = time(key, false);
        return t && *t > 0 ? t : std::nullopt;
    }

    QString money(const QJsonObject& object, QLatin1String key)
    {
        auto value = moneyFromJson(object.value(key));
        if (!value) {
            fail(key, "is not an exact decimal amount");
            return QString();
        }
        return std::move(*value);
    }

    bool boolean(QLatin1String key)
    {
        const QJsonValue value = json.value(key);
        if (value.isBool())
            return value.toBool();
        if (value.isString())
            return value.toString() == u"true";
        return false;
    }
};

std::optional<LineItem> lineItemFromJson(const QJsonObject& json, QString* error)
{
    Reader r{json, "line item", error};
    LineItem item;
    item.id = r.requiredString(QLatin1String("id"));
    item.productId = r.string(QLatin1String("product_id"));
    item.productName = r.string(QLatin1String("product_name"));
    item.skuId = r.string(QLatin1String("sku_id"));
    item.skuName = r.string(QLatin1String("sku_name"));
    item.sellerSku = r.string(QLatin1String("seller_sku"));
    item.salePrice = r.money(json, QLatin1String("sale_price"));
    item.originalPrice = r.money(json, QLatin1String("original_price"));
    item.platformDiscount = r.money(json, QLatin1String("platform_discount"));
    item.sellerDiscount = r.money(json, QLatin1String("seller_discount"));
    item.currency = r.string(QLatin1String("currency"));
    item.displayStatus = r.string(QLatin1String("display_status"));
    item.packageId = r.string(QLatin1String("package_id"));
    item.isGift = r.boolean(QLatin1String("is_gift"));
    if (r.failed)
        return std::nullopt;
    return item;
}

} // namespace

std::optional<QString> moneyFromJson(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isDouble())
        return std::nullopt;
    // The JSON text is gone; a double holds every decimal of at most 15 significant digits
    // exactly enough that its shortest round-trip form is that decimal. More digits: reject.
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::abs(d) >= 1e15)
        return std::nullopt;
    QString text = QString::number(d, 'f', QLocale::FloatingPointShortest);
    qsizetype digits = 0;
    bool leading = true;
    for (QChar c : std::as_const(text)) {
        if (!c.isDigit() || (leading && c == u'0'))
            continue;
        leading = false;
        ++digits;
    }
    if (digits > 15)
        return std::nullopt;
    return text;
}

std::optional<Order> orderFromJson(const QJsonObject& json, QString* error)
{
    Reader r{json, "order", error};
    Order order;
    order.id = r.requiredString(QLatin1String("id"));
    order.status = r.requiredString(QLatin1String("status"));
    order.createTime = r.time(QLatin1String("create_time"), true).value_or(0);
    order.updateTime = r.time(QLatin1String("update_time"), true).value_or(0);
    order.paidTime = r.optionalTime(QLatin1String("paid_time"));
    order.cancelTime = r.optionalTime(QLatin1String("cancel_time"));
    order.deliveryTime = r.optionalTime(QLatin1String("delivery_time"));
    order.userId = r.string(QLatin1String("user_id"));
    order.buyerEmail = r.string(QLatin1String("buyer_email"));
    order.buyerMessage = r.string(QLatin1String("buyer_message"));
    order.cancelReason = r.string(QLatin1String("cancel_reason"));
    order.cancellationInitiator = r.string(QLatin1String("cancellation_initiator"));
    order.shippingType = r.string(QLatin1String("shipping_type"));
    order.deliveryOptionName = r.string(QLatin1String("delivery_option_name"));
    order.shippingProvider = r.string(QLatin1String("shipping_provider"));
    order.trackingNumber = r.string(QLatin1String("tracking_number"));
    order.warehouseId = r.string(QLatin1String("warehouse_id"));
    order.paymentMethodName = r.string(QLatin1String("payment_method_name"));
    order.isCod = r.boolean(QLatin1String("is_cod"));
    order.isSampleOrder = r.boolean(QLatin1String("is_sample_order"));
    order.isReplacementOrder = r.boolean(QLatin1String("is_replacement_order"));
    order.sellerNote = r.string(QLatin1String("seller_note"));

    const QJsonValue paymentValue = json.value(QLatin1String("payment"));
    if (paymentValue.isObject()) {
        const QJsonObject payment = paymentValue.toObject();
        order.currency = payment.value(QLatin1String("currency")).toString();
        order.subTotal = r.money(payment, QLatin1String("sub_total"));
        order.shippingFee = r.money(payment, QLatin1String("shipping_fee"));
        order.sellerDiscount = r.money(payment, QLatin1String("seller_discount"));
        order.platformDiscount = r.money(payment, QLatin1String("platform_discount"));
        order.totalAmount = r.money(payment, QLatin1String("total_amount"));
        order.originalTotalProductPrice = r.money(payment, QLatin1String("original_total_product_price"));
        order.originalShippingFee = r.money(payment, QLatin1String("original_shipping_fee"));
        order.tax = r.money(payment, QLatin1String("tax"));
    } else if (!paymentValue.isUndefined() && !paymentValue.isNull()) {
        r.fail(QLatin1String("payment"), "is not an object");
    }

    const QJsonValue addressValue = json.value(QLatin1String("recipient_address"));
    if (addressValue.isObject()) {
        const QJsonObject address = addressValue.toObject();
        order.recipientRegion = address.value(QLatin1String("region_code")).toString();
        order.recipientPostalCode = address.value(QLatin1String("postal_code")).toString();
    }

    const QJsonValue itemsValue = json.value(QLatin1String("line_items"));
    if (itemsValue.isArray()) {
        const QJsonArray items = itemsValue.toArray();
        order.lineItems.reserve(items.size());
        for (const QJsonValue& itemValue : items) {
            if (r.failed)
                break;
            auto item = lineItemFromJson(itemValue.toObject(), error);
            if (!item) {
                r.failed = true;
                break;
            }
            order.lineItems.append(std::move(*item));
        }
    } else if (!itemsValue.isUndefined() && !itemsValue.isNull()) {
        r.fail(QLatin1String("line_items"), "is not an array");
    }

    if (r.failed)
        return std::nullopt;
    return order;
}

std::optional<Product> productFromJson(const QJsonObject& json, QString* error)
{
    Reader r{json, "product", error};
    Product product;
    product.id = r.requiredString(QLatin1String("id"));
    product.title = r.string(QLatin1String("title"));
    product.status = r.requiredString(QLatin1String("status"));
    product.createTime = r.time(QLatin1String("create_time"), true).value_or(0);
    product.updateTime = r.time(QLatin1String("update_time"), true).value_or(0);
    const QJsonArray skus = json.value(QLatin1String("skus")).toArray();
    product.skus.reserve(skus.size());
    for (const QJsonValue& skuValue : skus) {
        const QJsonObject skuJson = skuValue.toObject();
        Reader s{skuJson, "sku", error};
        ProductSku sku;
        sku.id = s.requiredString(QLatin1String("id"));
        sku.sellerSku = s.string(QLatin1String("seller_sku"));
        const QJsonObject price = skuJson.value(QLatin1String("price")).toObject();
        sku.currency = price.value(QLatin1String("currency")).toString();
        sku.salePrice = s.money(price, QLatin1String("sale_price"));
        const QJsonArray inventory = skuJson.value(QLatin1String("inventory")).toArray();
        for (const QJsonValue& stock : inventory) {
            const qint64 quantity = stock.toObject().value(QLatin1String("quantity")).toInteger();
            if (qAddOverflow(sku.inventory, quantity, &sku.inventory))
                s.fail(QLatin1String("inventory"), "does not add up to a quantity");
        }
        if (s.failed) {
            r.failed = true;
            break;
        }
        product.skus.append(std::move(sku));
    }
    if (r.failed)
        return std::nullopt;
    return product;
}

std::optional<Shop> shopFromJson(const QJsonObject& json, QString* error)
{
    Reader r{json, "shop", error};
    Shop shop;
    shop.id = r.requiredString(QLatin1String("id"));
    shop.cipher = r.requiredString(QLatin1String("cipher"));
    shop.code = r.string(QLatin1String("code"));
    shop.name = r.string(QLatin1String("name"));
    shop.region = r.string(QLatin1String("region"));
    shop.sellerType = r.string(QLatin1String("seller_type"));
    if (r.failed)
        return std::nullopt;
    return shop;
}

} // namespace tts
