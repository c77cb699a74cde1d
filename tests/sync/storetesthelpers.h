#pragma once

#include "api/models.h"
#include "storage/database.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace tts::test {

// A deterministic order with `items` line items (ids derived from the order id).
inline Order makeOrder(const QString& id, qint64 createTime, qint64 updateTime, int items = 3,
                       const QString& status = QStringLiteral("AWAITING_SHIPMENT"))
{
    Order o;
    o.id = id;
    o.status = status;
    o.createTime = createTime;
    o.updateTime = updateTime;
    o.paidTime = createTime + 60;
    o.currency = QStringLiteral("USD");
    o.subTotal = QStringLiteral("20.3");
    o.shippingFee = QStringLiteral("1");
    o.sellerDiscount = QStringLiteral("0.05");
    o.platformDiscount = QStringLiteral("0");
    o.tax = QStringLiteral("0");
    o.totalAmount = QStringLiteral("21.3");
    o.originalTotalProductPrice = QStringLiteral("20.35");
    o.buyerEmail = QStringLiteral("buyer@example.com");
    for (int i = 0; i < items; ++i) {
        LineItem l;
        l.id = QStringLiteral("%1-li%2").arg(id).arg(i);
        l.productId = QStringLiteral("p%1").arg(i);
        l.productName = QStringLiteral("Product %1").arg(i);
        l.skuId = QStringLiteral("sku%1").arg(i);
        l.salePrice = QStringLiteral("6.77");
        l.originalPrice = QStringLiteral("7");
        l.currency = QStringLiteral("USD");
        o.lineItems.append(l);
    }
    return o;
}

// Gives the orders of `page` the next ids, from order number `first` on (ids, line item ids), and
// creation times one minute apart in ascending order, as one slice of a resync brings them.
inline void renumberPage(QList<Order>* page, qint64 first)
{
    for (qsizetype i = 0; i < page->size(); ++i) {
        Order& o = (*page)[i];
        o.id = QString::number(576460752303423488LL + first + i);
        o.createTime = 1600000000 + (first + i) * 60;
        o.updateTime = o.createTime + 3600;
        for (qsizetype l = 0; l < o.lineItems.size(); ++l)
            o.lineItems[l].id = o.id + QLatin1Char('-') + QString::number(l);
    }
}

// The first column of the first row of `sql` on `db` as an integer; -1 when the query fails or
// returns no row.
inline qint64 scalar(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace tts::test
