#include "orderdetails.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace tts {

namespace {

std::optional<qint64> optionalTime(const QVariant& value)
{
    if (value.isNull() || value.toLongLong() <= 0)
        return std::nullopt;
    return value.toLongLong();
}

} // namespace

std::optional<OrderDetails> loadOrderDetails(const QSqlDatabase& db, const QString& orderId, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // SELECT * keeps this working whatever optional columns the schema has; missing ones read empty.
    query.prepare(QStringLiteral("SELECT * FROM orders WHERE id = ?"));
    query.addBindValue(orderId);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next()) {
        if (error)
            error->clear();
        return std::nullopt;
    }
    const QSqlRecord record = query.record();
    auto text = [&](const char* name) {
        const int i = record.indexOf(QLatin1String(name));
        return i < 0 ? QString() : query.value(i).toString();
    };
    auto value = [&](const char* name) {
        const int i = record.indexOf(QLatin1String(name));
        return i < 0 ? QVariant() : query.value(i);
    };
    OrderDetails details;
    Order& o = details.order;
    o.id = text("id");
    details.shopId = text("shop_id");
    o.status = text("status");
    o.createTime = value("create_time").toLongLong();
    o.updateTime = value("update_time").toLongLong();
    o.paidTime = optionalTime(value("paid_time"));
    o.cancelTime = optionalTime(value("cancel_time"));
    o.deliveryTime = optionalTime(value("delivery_time"));
    o.currency = text("currency");
    o.totalAmount = text("total_amount");
    o.subTotal = text("sub_total");
    o.shippingFee = text("shipping_fee");
    o.sellerDiscount = text("seller_discount");
    o.platformDiscount = text("platform_discount");
    o.tax = text("tax");
    o.originalTotalProductPrice = text("original_total_product_price");
    o.buyerEmail = text("buyer_email");
    o.shippingProvider = text("shipping_provider");
    o.trackingNumber = text("tracking_number");
    o.paymentMethodName = text("payment_method_name");
    o.cancelReason = text("cancel_reason");

    QSqlQuery items(db);
    items.setForwardOnly(true);
    items.prepare(
        QStringLiteral("SELECT id, product_id, product_name, sku_id, sku_name, seller_sku, sale_price, "
                       "original_price, currency FROM line_items WHERE order_id = ? ORDER BY id"));
    items.addBindValue(orderId);
    if (!items.exec()) {
        if (error)
            *error = items.lastError().text();
        return std::nullopt;
    }
    while (items.next()) {
        LineItem item;
        item.id = items.value(0).toString();
        item.productId = items.value(1).toString();
        item.productName = items.value(2).toString();
        item.skuId = items.value(3).toString();
        item.skuName = items.value(4).toString();
        item.sellerSku = items.value(5).toString();
        item.salePrice = items.value(6).toString();
        item.originalPrice = items.value(7).toString();
        item.currency = items.value(8).toString();
        o.lineItems.append(item);
    }
    return details;
}

} // namespace tts
