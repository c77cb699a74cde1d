#include "soakcompare.h"

#include "storage/database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace tts::soak {

namespace {

// One spelling for both sides: absent, null and "" are "none"; booleans are 1/0; a time of 0 is none.
QString jsonText(const QJsonValue& v, const QString& key)
{
    QString text;
    if (v.isString())
        text = v.toString();
    else if (v.isBool())
        text = v.toBool() ? u"1"_s : u"0"_s;
    else if (v.isDouble())
        text = QString::number(v.toInteger());
    return key.endsWith("_time"_L1) && text == "0"_L1 ? QString() : text;
}

QString sqlText(const QVariant& v, const QString& key)
{
    const QString text = v.isNull() ? QString() : v.toString();
    return key.endsWith("_time"_L1) && text == "0"_L1 ? QString() : text;
}

using Rows = QHash<QString, QSqlRecord>;

Rows readRows(Database& db, const QString& sql, const QString& shopId, const QString& key, QStringList& out)
{
    Rows rows;
    QSqlQuery q(db.connection());
    q.prepare(sql);
    q.addBindValue(shopId);
    if (!q.exec())
        out << u"cannot read: %1"_s.arg(sql);
    while (q.next())
        rows.insert(q.value(key).toString(), q.record());
    return rows;
}

// Every scalar member of `o` that `r` has a column for.
void compareScalars(const QString& where, const QJsonObject& o, const QSqlRecord& r, QStringList& out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isObject() || it.value().isArray() || r.indexOf(it.key()) < 0)
            continue;
        const QString expected = jsonText(it.value(), it.key());
        const QString actual = sqlText(r.value(it.key()), it.key());
        if (expected != actual)
            out << u"%1 %2: emulator '%3', database '%4'"_s.arg(where, it.key(), expected, actual);
    }
}

void compareSkus(const QString& where, const QJsonArray& skus, const Rows& stored, QStringList& out)
{
    for (const QJsonValue& v : skus) {
        const QJsonObject sku = v.toObject();
        const QString id = sku.value(u"id"_s).toString();
        const auto row = stored.constFind(id);
        if (row == stored.constEnd()) {
            out << u"%1 sku %2 is missing"_s.arg(where, id);
            continue;
        }
        const QJsonObject price = sku.value(u"price"_s).toObject();
        qint64 inventory = 0;
        for (const QJsonValue& w : sku.value(u"inventory"_s).toArray())
            inventory += w.toObject().value(u"quantity"_s).toInteger();
        const QList<QPair<QString, QString>> fields{
            {u"seller_sku"_s, sku.value(u"seller_sku"_s).toString()},
            {u"currency"_s, price.value(u"currency"_s).toString()},
            {u"sale_price"_s, price.value(u"sale_price"_s).toString()},
            {u"inventory"_s, QString::number(inventory)}};
        for (const auto& [column, expected] : fields) {
            const QString actual = sqlText(row->value(column), column);
            if (expected != actual)
                out << u"%1 sku %2 %3: emulator '%4', database '%5'"_s.arg(where, id, column, expected,
                                                                           actual);
        }
    }
}

} // namespace

QStringList compareEveryColumn(const QString& databasePath, const demo::Emulator& emulator,
                               const QString& shopId)
{
    QStringList out;
    Database::Error error;
    auto db = Database::open(databasePath, Database::ReadOnly, &error);
    if (!db)
        return {u"cannot open %1: %2"_s.arg(databasePath, error.message)};
    const Rows orders = readRows(*db, u"SELECT * FROM orders WHERE shop_id = ?"_s, shopId, u"id"_s, out);
    const Rows items = readRows(
        *db, u"SELECT l.* FROM line_items l JOIN orders o ON o.id = l.order_id WHERE o.shop_id = ?"_s, shopId,
        u"id"_s, out);
    for (const QJsonValue& v : emulator.allOrders(shopId)) {
        const QJsonObject o = v.toObject();
        const QString where = u"order %1"_s.arg(o.value(u"id"_s).toString());
        const auto row = orders.constFind(o.value(u"id"_s).toString());
        if (row == orders.constEnd())
            continue; // dbcompare reports missing orders
        compareScalars(where, o, *row, out);
        for (const QJsonValue& lv : o.value(u"line_items"_s).toArray()) {
            const QJsonObject l = lv.toObject();
            const auto item = items.constFind(l.value(u"id"_s).toString());
            if (item != items.constEnd())
                compareScalars(u"%1 line item %2"_s.arg(where, l.value(u"id"_s).toString()), l, *item, out);
        }
    }
    const Rows skus = readRows(
        *db, u"SELECT s.* FROM product_skus s JOIN products p ON p.id = s.product_id WHERE p.shop_id = ?"_s,
        shopId, u"id"_s, out);
    for (const QJsonValue& v : emulator.allProducts(shopId)) {
        const QJsonObject p = v.toObject();
        compareSkus(u"product %1"_s.arg(p.value(u"id"_s).toString()), p.value(u"skus"_s).toArray(), skus,
                    out);
    }
    return out;
}

} // namespace tts::soak
