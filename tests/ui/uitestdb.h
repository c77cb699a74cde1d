#pragma once

// A small orders database in the contract's schema (the columns the views read), written with plain
// SQL so that the model tests do not depend on the sync engine.

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace tts::test {

struct TestOrder
{
    QString id;
    QString shopId = QStringLiteral("shop1");
    QString status = QStringLiteral("COMPLETED");
    qint64 createTime = 0;
    qint64 updateTime = 0;
    QString currency = QStringLiteral("USD");
    QString totalAmount = QStringLiteral("10.00");
    QList<QStringList>
        lineItems; // {product_name, seller_sku, sale_price}; a seller SKU belongs to one product
};

// Opens (creating) a SQLite file with a unique connection name.
QSqlDatabase openTestDatabase(const QString& path);
void createOrderTables(QSqlDatabase& db);
void insertOrders(QSqlDatabase& db, const QList<TestOrder>& orders);
// `count` synthetic orders in one transaction, fast (a million in seconds).
void generateOrders(QSqlDatabase& db, qint64 count, const QString& shopId = QStringLiteral("shop1"),
                    qint64 firstCreateTime = 1700000000);
// A catalog of `products` products (1 to 3 SKUs each, titles like "Cozy Hoodie No. 12") and the line
// items of the orders generateOrders() made (1 + i % 4 per order, Zipf-like product popularity).
void generateLineItems(QSqlDatabase& db, qint64 orders, int products,
                       const QString& shopId = QStringLiteral("shop1"), qint64 firstCreateTime = 1700000000);
qint64 minorUnits(const QString& decimal); // "12.3" -> 1230; -1 if more than 2 decimals

} // namespace tts::test
