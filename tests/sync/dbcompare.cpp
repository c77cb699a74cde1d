#include "dbcompare.h"

#include "storage/database.h"
#include "storage/minorunits.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace tts::test {

namespace {

// The API leaves absent what it does not know; the database stores NULL or ''. Both mean "none".
QString jsonText(const QJsonObject& o, const QString& key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

QString sqlText(const QVariant& v)
{
    return v.isNull() ? QString() : v.toString();
}

qint64 jsonTime(const QJsonObject& o, const QString& key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString().toLongLong() : v.toInteger();
}

class Collector
{
public:
    explicit Collector(int max) : m_max(max) {}
    bool full() const { return m_diffs.size() >= m_max; }
    void add(const QString& d)
    {
        if (!full())
            m_diffs.append(d);
    }
    void check(const QString& where, const QString& field, const QString& expected, const QString& actual)
    {
        if (expected != actual)
            add(QStringLiteral("%1 %2: emulator '%3', database '%4'").arg(where, field, expected, actual));
    }
    QStringList result() const { return m_diffs; }

private:
    int m_max;
    QStringList m_diffs;
};

void checkMinor(Collector& c, const QString& where, const QString& field, const QString& decimal,
                const QVariant& minor)
{
    const auto expected = parseMinorUnits(decimal);
    const QString e = expected ? QString::number(*expected) : QString();
    c.check(where, field, e, minor.isNull() ? QString() : QString::number(minor.toLongLong()));
}

std::unique_ptr<Database> openReadOnly(const QString& path, Collector& c)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    if (!db)
        c.add(QStringLiteral("cannot open %1: %2").arg(path, error.message));
    return db;
}

} // namespace

QStringList compareOrders(const QString& databasePath, const demo::Emulator& emulator, const QString& shopId,
                          int maxDifferences)
{
    Collector c(maxDifferences);
    auto db = openReadOnly(databasePath, c);
    if (!db)
        return c.result();
    QHash<QString, QSqlRecord> orders;
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT * FROM orders WHERE shop_id = ?"));
        q.addBindValue(shopId);
        if (!q.exec())
            c.add(QStringLiteral("cannot read orders"));
        while (q.next())
            orders.insert(q.value(QStringLiteral("id")).toString(), q.record());
    }
    QHash<QString, QList<QSqlRecord>> items;
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT l.* FROM line_items l JOIN orders o ON o.id = l.order_id "
                                 "WHERE o.shop_id = ? ORDER BY l.order_id, l.id"));
        q.addBindValue(shopId);
        if (!q.exec())
            c.add(QStringLiteral("cannot read line items"));
        while (q.next())
            items[q.value(QStringLiteral("order_id")).toString()].append(q.record());
    }
    const QJsonArray expected = emulator.allOrders(shopId);
    if (expected.size() != orders.size())
        c.add(QStringLiteral("shop %1: emulator has %2 orders, database %3")
                  .arg(shopId)
                  .arg(expected.size())
                  .arg(orders.size()));
    static const QStringList kPaymentFields{QStringLiteral("currency"),
                                            QStringLiteral("sub_total"),
                                            QStringLiteral("shipping_fee"),
                                            QStringLiteral("seller_discount"),
                                            QStringLiteral("platform_discount"),
                                            QStringLiteral("total_amount"),
                                            QStringLiteral("original_total_product_price"),
                                            QStringLiteral("tax")};
    static const QStringList kItemFields{QStringLiteral("product_id"),     QStringLiteral("product_name"),
                                         QStringLiteral("sku_id"),         QStringLiteral("sku_name"),
                                         QStringLiteral("seller_sku"),     QStringLiteral("sale_price"),
                                         QStringLiteral("original_price"), QStringLiteral("currency")};
    for (const QJsonValue& v : expected) {
        if (c.full())
            break;
        const QJsonObject o = v.toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        const QString where = QStringLiteral("order %1").arg(id);
        const auto it = orders.constFind(id);
        if (it == orders.constEnd()) {
            c.add(where + QStringLiteral(" is missing"));
            continue;
        }
        const QSqlRecord& r = *it;
        c.check(where, QStringLiteral("status"), jsonText(o, QStringLiteral("status")),
                sqlText(r.value(QStringLiteral("status"))));
        // Texts as the buyer wrote them (escapes, emoji) and the carrier's.
        for (const char* t : {"buyer_message", "shipping_provider", "tracking_number"}) {
            const QString key = QString::fromLatin1(t);
            c.check(where, key, jsonText(o, key), sqlText(r.value(key)));
        }
        for (const char* t : {"create_time", "update_time", "paid_time"}) {
            const QString key = QString::fromLatin1(t);
            const QString e = o.contains(key) ? QString::number(jsonTime(o, key)) : QString();
            const QVariant a = r.value(key);
            c.check(where, key, e == QLatin1String("0") && a.isNull() ? QString() : e, sqlText(a));
        }
        const QJsonObject payment = o.value(QStringLiteral("payment")).toObject();
        for (const QString& f : kPaymentFields)
            c.check(where, f, jsonText(payment, f), sqlText(r.value(f)));
        checkMinor(c, where, QStringLiteral("total_amount_minor"),
                   jsonText(payment, QStringLiteral("total_amount")),
                   r.value(QStringLiteral("total_amount_minor")));
        const QJsonArray lineItems = o.value(QStringLiteral("line_items")).toArray();
        c.check(where, QStringLiteral("units"), QString::number(lineItems.size()),
                sqlText(r.value(QStringLiteral("units"))));
        QHash<QString, QSqlRecord> stored;
        for (const QSqlRecord& li : items.value(id))
            stored.insert(li.value(QStringLiteral("id")).toString(), li);
        if (stored.size() != lineItems.size())
            c.add(QStringLiteral("%1: emulator has %2 line items, database %3")
                      .arg(where)
                      .arg(lineItems.size())
                      .arg(stored.size()));
        for (const QJsonValue& lv : lineItems) {
            const QJsonObject l = lv.toObject();
            const QString lid = l.value(QStringLiteral("id")).toString();
            const QString lwhere = QStringLiteral("%1 line item %2").arg(where, lid);
            const auto li = stored.constFind(lid);
            if (li == stored.constEnd()) {
                c.add(lwhere + QStringLiteral(" is missing"));
                continue;
            }
            for (const QString& f : kItemFields)
                c.check(lwhere, f, jsonText(l, f), sqlText(li->value(f)));
            checkMinor(c, lwhere, QStringLiteral("sale_price_minor"),
                       jsonText(l, QStringLiteral("sale_price")),
                       li->value(QStringLiteral("sale_price_minor")));
        }
    }
    return c.result();
}

QStringList compareProducts(const QString& databasePath, const demo::Emulator& emulator,
                            const QString& shopId, int maxDifferences)
{
    Collector c(maxDifferences);
    auto db = openReadOnly(databasePath, c);
    if (!db)
        return c.result();
    QHash<QString, QSqlRecord> products;
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("SELECT * FROM products WHERE shop_id = ?"));
    q.addBindValue(shopId);
    if (!q.exec())
        c.add(QStringLiteral("cannot read products"));
    while (q.next())
        products.insert(q.value(QStringLiteral("id")).toString(), q.record());
    const QJsonArray expected = emulator.allProducts(shopId);
    if (expected.size() != products.size())
        c.add(QStringLiteral("shop %1: emulator has %2 products, database %3")
                  .arg(shopId)
                  .arg(expected.size())
                  .arg(products.size()));
    for (const QJsonValue& v : expected) {
        const QJsonObject p = v.toObject();
        const QString id = p.value(QStringLiteral("id")).toString();
        const QString where = QStringLiteral("product %1").arg(id);
        const auto it = products.constFind(id);
        if (it == products.constEnd()) {
            c.add(where + QStringLiteral(" is missing"));
            continue;
        }
        for (const char* f : {"title", "status"})
            c.check(where, QString::fromLatin1(f), jsonText(p, QString::fromLatin1(f)),
                    sqlText(it->value(QString::fromLatin1(f))));
        for (const char* f : {"create_time", "update_time"})
            c.check(where, QString::fromLatin1(f), QString::number(jsonTime(p, QString::fromLatin1(f))),
                    sqlText(it->value(QString::fromLatin1(f))));
    }
    return c.result();
}

QStringList compareAll(const QString& databasePath, const demo::Emulator& emulator, int maxDifferences)
{
    QStringList all;
    for (const demo::ShopSpec& shop : emulator.config().shops) {
        all += compareOrders(databasePath, emulator, shop.id, maxDifferences);
        all += compareProducts(databasePath, emulator, shop.id, maxDifferences);
    }
    return all;
}

} // namespace tts::test
