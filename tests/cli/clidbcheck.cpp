#include "clidbcheck.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace tts::test {
namespace {

// A private read-only connection, closed and removed when it goes out of scope.
class Connection
{
public:
    explicit Connection(const QString& path)
        : m_name(u"clidbcheck-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_ok = db.open();
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_ok = false;
};

QString text(const QJsonValue& value)
{
    return value.isString() ? value.toString() : QString();
}

} // namespace

qint64 countRows(const QString& databasePath, const QString& table, const QString& column,
                 const QString& value)
{
    Connection connection(databasePath);
    if (!connection.ok())
        return -1;
    QSqlQuery query(connection.db());
    query.prepare(u"SELECT COUNT(*) FROM %1 WHERE %2 = ?"_s.arg(table, column));
    query.addBindValue(value);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QString compareWithEmulator(const QString& databasePath, const demo::Emulator& emulator,
                            const QString& shopId)
{
    Connection connection(databasePath);
    if (!connection.ok())
        return u"cannot open %1"_s.arg(databasePath);
    QStringList problems;
    auto problem = [&problems](const QString& message) {
        if (problems.size() < 10)
            problems << message;
    };

    struct Row
    {
        QString status, currency, totalAmount, subTotal, shippingFee;
        qint64 createTime = 0, updateTime = 0;
        QStringList lineItems; // "id=sale_price", sorted
    };
    QHash<QString, Row> rows;
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT id, status, create_time, update_time, currency, total_amount, sub_total, shipping_fee "
        "FROM orders WHERE shop_id = ?"_s);
    query.addBindValue(shopId);
    if (!query.exec())
        return u"orders query failed: %1"_s.arg(query.lastError().text());
    while (query.next()) {
        Row row;
        row.status = query.value(1).toString();
        row.createTime = query.value(2).toLongLong();
        row.updateTime = query.value(3).toLongLong();
        row.currency = query.value(4).toString();
        row.totalAmount = query.value(5).toString();
        row.subTotal = query.value(6).toString();
        row.shippingFee = query.value(7).toString();
        rows.insert(query.value(0).toString(), row);
    }
    query.prepare(u"SELECT li.order_id, li.id, li.sale_price FROM line_items li JOIN orders o ON o.id = "
                  "li.order_id WHERE o.shop_id = ?"_s);
    query.addBindValue(shopId);
    if (!query.exec())
        return u"line items query failed: %1"_s.arg(query.lastError().text());
    while (query.next()) {
        auto it = rows.find(query.value(0).toString());
        if (it == rows.end())
            continue;
        it->lineItems << query.value(1).toString() + u'=' + query.value(2).toString();
    }

    const QJsonArray orders = emulator.allOrders(shopId);
    if (orders.size() != rows.size())
        problem(u"the emulator has %1 orders, the database %2"_s.arg(orders.size()).arg(rows.size()));
    for (const QJsonValue& value : orders) {
        const QJsonObject order = value.toObject();
        const QString id = order.value("id"_L1).toString();
        const auto it = rows.constFind(id);
        if (it == rows.cend()) {
            problem(u"order %1 is missing"_s.arg(id));
            continue;
        }
        const QJsonObject payment = order.value("payment"_L1).toObject();
        QStringList expectedItems;
        for (const QJsonValue& item : order.value("line_items"_L1).toArray()) {
            expectedItems << item.toObject().value("id"_L1).toString() + u'=' +
                                 text(item.toObject().value("sale_price"_L1));
        }
        expectedItems.sort();
        QStringList actualItems = it->lineItems;
        actualItems.sort();
        if (it->status != order.value("status"_L1).toString() ||
            it->updateTime != order.value("update_time"_L1).toInteger() ||
            it->createTime != order.value("create_time"_L1).toInteger() ||
            it->currency != text(payment.value("currency"_L1)) ||
            it->totalAmount != text(payment.value("total_amount"_L1)) ||
            it->subTotal != text(payment.value("sub_total"_L1)) ||
            it->shippingFee != text(payment.value("shipping_fee"_L1))) {
            problem(u"order %1 differs: db %2 %3 %4, emulator %5 %6 %7"_s.arg(id, it->status)
                        .arg(it->updateTime)
                        .arg(it->totalAmount, order.value("status"_L1).toString())
                        .arg(order.value("update_time"_L1).toInteger())
                        .arg(text(payment.value("total_amount"_L1))));
        }
        if (actualItems != expectedItems)
            problem(u"line items of order %1 differ"_s.arg(id));
    }

    QHash<QString, QString> products;
    query.prepare(u"SELECT id, title, status, update_time FROM products WHERE shop_id = ?"_s);
    query.addBindValue(shopId);
    if (!query.exec())
        return u"products query failed: %1"_s.arg(query.lastError().text());
    while (query.next()) {
        products.insert(query.value(0).toString(), query.value(1).toString() + u'|' +
                                                       query.value(2).toString() + u'|' +
                                                       QString::number(query.value(3).toLongLong()));
    }
    const QJsonArray expectedProducts = emulator.allProducts(shopId);
    if (expectedProducts.size() != products.size())
        problem(u"the emulator has %1 products, the database %2"_s.arg(expectedProducts.size())
                    .arg(products.size()));
    for (const QJsonValue& value : expectedProducts) {
        const QJsonObject product = value.toObject();
        const QString expected = product.value("title"_L1).toString() + u'|' +
                                 product.value("status"_L1).toString() + u'|' +
                                 QString::number(product.value("update_time"_L1).toInteger());
        if (products.value(product.value("id"_L1).toString()) != expected)
            problem(u"product %1 differs or is missing"_s.arg(product.value("id"_L1).toString()));
    }
    return problems.join(u"; "_s);
}

} // namespace tts::test
