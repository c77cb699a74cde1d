#include "uitestdb.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariantList>

#include <QtTest>
#include <cmath>

namespace tts::test {

namespace {

void exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        qFatal("SQL failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
}

} // namespace

QSqlDatabase openTestDatabase(const QString& path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                QStringLiteral("uitest-") + QUuid::createUuid().toString());
    db.setDatabaseName(path);
    if (!db.open())
        qFatal("cannot open %s", qPrintable(path));
    exec(db, QStringLiteral("PRAGMA journal_mode=WAL"));
    return db;
}

void createOrderTables(QSqlDatabase& db)
{
    exec(db,
         QStringLiteral(
             "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, shop_id TEXT, status TEXT, create_time "
             "INTEGER, update_time INTEGER, paid_time INTEGER, cancel_time INTEGER, delivery_time INTEGER, "
             "currency TEXT, total_amount TEXT, sub_total TEXT, shipping_fee TEXT, seller_discount TEXT, "
             "platform_discount TEXT, tax TEXT, original_total_product_price TEXT, buyer_email TEXT, "
             "shipping_provider TEXT, tracking_number TEXT, payment_method_name TEXT, total_amount_minor "
             "INTEGER, units INTEGER)"));
    exec(db, QStringLiteral(
                 "CREATE TABLE IF NOT EXISTS line_items (id TEXT PRIMARY KEY, order_id TEXT, product_id "
                 "TEXT, product_name TEXT, sku_id TEXT, sku_name TEXT, seller_sku TEXT, sale_price TEXT, "
                 "original_price TEXT, currency TEXT, sale_price_minor INTEGER, shop_id TEXT, "
                 "create_time INTEGER)"));
    exec(db,
         QStringLiteral("CREATE TABLE IF NOT EXISTS products (id TEXT PRIMARY KEY, shop_id TEXT, title TEXT, "
                        "status TEXT, create_time INTEGER, update_time INTEGER)"));
    exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS product_skus (id TEXT PRIMARY KEY, product_id TEXT, "
                            "seller_sku TEXT, currency TEXT, sale_price TEXT, sale_price_minor INTEGER, "
                            "inventory INTEGER)"));
    exec(db, QStringLiteral("CREATE INDEX IF NOT EXISTS idx_line_items_sku ON line_items(sku_id, order_id)"));
    exec(db, QStringLiteral("CREATE INDEX IF NOT EXISTS idx_orders_analytics ON orders(shop_id, create_time, "
                            "status, currency, total_amount_minor, units)"));
    exec(db, QStringLiteral("CREATE INDEX IF NOT EXISTS idx_orders_update ON orders(shop_id, update_time)"));
    exec(db, QStringLiteral("CREATE INDEX IF NOT EXISTS idx_line_items_order ON line_items(order_id)"));
}

qint64 minorUnits(const QString& decimal)
{
    const qsizetype dot = decimal.indexOf(u'.');
    QString integer = dot < 0 ? decimal : decimal.left(dot);
    QString fraction = dot < 0 ? QString() : decimal.mid(dot + 1);
    if (fraction.size() > 2)
        return -1;
    while (fraction.size() < 2)
        fraction += u'0';
    const bool negative = integer.startsWith(u'-');
    const qint64 value = integer.remove(u'-').toLongLong() * 100 + fraction.toLongLong();
    return negative ? -value : value;
}

void insertOrders(QSqlDatabase& db, const QList<TestOrder>& orders)
{
    db.transaction();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO orders (id, shop_id, status, create_time, update_time, "
                       "currency, total_amount, sub_total, shipping_fee, tax, total_amount_minor, units) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    // The catalog as the product sync stores it: one product per name, its SKUs.
    QSqlQuery product(db);
    product.prepare(QStringLiteral("INSERT OR IGNORE INTO products (id, shop_id, title, status, create_time, "
                                   "update_time) VALUES (?,?,?,'ACTIVATE',0,0)"));
    QSqlQuery sku(db);
    sku.prepare(QStringLiteral("INSERT OR IGNORE INTO product_skus (id, product_id, seller_sku, currency, "
                               "sale_price, sale_price_minor, inventory) VALUES (?,?,?,?,?,?,10)"));
    QSqlQuery li(db);
    li.prepare(
        QStringLiteral("INSERT OR REPLACE INTO line_items (id, order_id, product_id, product_name, sku_id, "
                       "sku_name, seller_sku, sale_price, original_price, currency, shop_id, create_time, "
                       "sale_price_minor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const TestOrder& o : orders) {
        const qint64 minor = minorUnits(o.totalAmount);
        const QVariantList values{o.id,
                                  o.shopId,
                                  o.status,
                                  o.createTime,
                                  o.updateTime ? o.updateTime : o.createTime,
                                  o.currency,
                                  o.totalAmount,
                                  o.totalAmount,
                                  QStringLiteral("0"),
                                  QStringLiteral("0"),
                                  minor < 0 ? QVariant() : QVariant(minor),
                                  int(o.lineItems.size())};
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            qFatal("insert failed: %s", qPrintable(q.lastError().text()));
        int n = 0;
        for (const QStringList& item : o.lineItems) {
            const QString itemId = QString(o.id + u'-' + QString::number(n++));
            const QVariantList v{itemId,
                                 o.id,
                                 QString(QStringLiteral("p-") + item.value(0)),
                                 item.value(0),
                                 QString(QStringLiteral("sku-") + item.value(1)),
                                 QString(item.value(0) + QStringLiteral(" variant")),
                                 item.value(1),
                                 item.value(2),
                                 item.value(2),
                                 o.currency,
                                 o.shopId,
                                 o.createTime,
                                 minorUnits(item.value(2)) < 0 ? QVariant()
                                                               : QVariant(minorUnits(item.value(2)))};
            for (int i = 0; i < v.size(); ++i)
                li.bindValue(i, v.at(i));
            if (!li.exec())
                qFatal("insert failed: %s", qPrintable(li.lastError().text()));
            for (const QVariant& value : {v.at(2), QVariant(o.shopId), v.at(3)})
                product.addBindValue(value);
            const qint64 price = minorUnits(item.value(2));
            for (const QVariant& value : {v.at(4), v.at(2), v.at(6), QVariant(o.currency), v.at(7),
                                          price < 0 ? QVariant() : QVariant(price)})
                sku.addBindValue(value);
            if (!product.exec() || !sku.exec())
                qFatal("insert failed: %s", qPrintable(product.lastError().text() + sku.lastError().text()));
        }
    }
    db.commit();
}

void generateOrders(QSqlDatabase& db, qint64 count, const QString& shopId, qint64 firstCreateTime)
{
    static const char* statuses[] = {"COMPLETED",         "DELIVERED", "IN_TRANSIT",
                                     "AWAITING_SHIPMENT", "CANCELLED", "UNPAID"};
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    db.transaction();
    q.prepare(QStringLiteral("INSERT INTO orders (id, shop_id, status, create_time, update_time, currency, "
                             "total_amount, total_amount_minor, units) VALUES (?,?,?,?,?,?,?,?,?)"));
    for (qint64 i = 0; i < count; ++i) {
        const qint64 minor = 500 + (i * 7919) % 40000;
        q.bindValue(0, QString::number(576000000000000000LL + i));
        q.bindValue(1, shopId);
        q.bindValue(2, QLatin1String(statuses[i % 6]));
        q.bindValue(3, firstCreateTime + i * 30);
        q.bindValue(4, firstCreateTime + i * 30 + 3600);
        q.bindValue(5, QStringLiteral("USD"));
        const QString amount =
            QString::number(minor / 100) + u'.' + QString::number(minor % 100).rightJustified(2, u'0');
        q.bindValue(6, amount);
        q.bindValue(7, minor);
        q.bindValue(8, int(1 + i % 4));
        if (!q.exec())
            qFatal("insert failed: %s", qPrintable(q.lastError().text()));
    }
    db.commit();
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
}

void generateLineItems(QSqlDatabase& db, qint64 orders, int products, const QString& shopId,
                       qint64 firstCreateTime)
{
    static const char* adjectives[] = {"Cozy", "Bright", "Classic", "Soft", "Urban", "Vintage"};
    static const char* nouns[] = {"Hoodie", "Mug", "Lamp", "Socks", "Phone Case", "Tote Bag", "Candle"};
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    db.transaction();
    QSqlQuery product(db);
    product.prepare(
        QStringLiteral("INSERT INTO products (id, shop_id, title, status, create_time, update_time) "
                       "VALUES (?,?,?,'ACTIVATE',?,?)"));
    QSqlQuery sku(db);
    sku.prepare(QStringLiteral("INSERT INTO product_skus (id, product_id, seller_sku, currency, sale_price, "
                               "sale_price_minor, inventory) VALUES (?,?,?,'USD',?,?,?)"));
    struct Sku
    {
        QString id, productId, title, sellerSku, price;
        qint64 minor;
    };
    QList<QList<Sku>> catalog;
    for (int p = 0; p < products; ++p) {
        const QString productId = QString::number(1729300000000000000LL + qint64(p) * 1000);
        const QString title = QLatin1String(adjectives[p % 6]) + u' ' + QLatin1String(nouns[(p / 6) % 7]) +
                              QStringLiteral(" No. ") + QString::number(p + 1);
        product.addBindValue(productId);
        product.addBindValue(shopId);
        product.addBindValue(title);
        product.addBindValue(firstCreateTime);
        product.addBindValue(firstCreateTime);
        if (!product.exec())
            qFatal("insert failed: %s", qPrintable(product.lastError().text()));
        QList<Sku> skus;
        for (int s = 0; s < 1 + p % 3; ++s) {
            const qint64 minor = 499 + (p * 37 + s * 100) % 5000;
            const QString price =
                QString::number(minor / 100) + u'.' + QString::number(minor % 100).rightJustified(2, u'0');
            Sku k{QString::number(1729300005000000000LL + qint64(p) * 100 + s),
                  productId,
                  title,
                  QStringLiteral("SKU-%1-%2").arg(p + 1).arg(s),
                  price,
                  minor};
            for (const QVariant& v : {QVariant(k.id), QVariant(productId), QVariant(k.sellerSku),
                                      QVariant(price), QVariant(minor), QVariant(10 + p % 90)})
                sku.addBindValue(v);
            if (!sku.exec())
                qFatal("insert failed: %s", qPrintable(sku.lastError().text()));
            skus << k;
        }
        catalog << skus;
    }
    q.prepare(
        QStringLiteral("INSERT INTO line_items (id, order_id, product_id, product_name, sku_id, sku_name, "
                       "seller_sku, sale_price, original_price, currency, sale_price_minor, shop_id, "
                       "create_time) VALUES (?,?,?,?,?,'Default',?,?,?,'USD',?,?,?)"));
    quint64 state = 88172645463325252ULL;
    for (qint64 i = 0; i < orders; ++i) {
        const QString orderId = QString::number(576000000000000000LL + i);
        for (int k = 0; k < 1 + i % 4; ++k) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Zipf-like: product p with weight about 1 / (p + 1).
            const double u = double(state % 1000000) / 1000000.0;
            const int p = std::min(products - 1, int(std::pow(double(products) + 1.0, u)) - 1);
            const QList<Sku>& skus = catalog.at(std::max(0, p));
            const Sku& s = skus.at(int((state >> 20) % quint64(skus.size())));
            const QVariantList v{QString(orderId + u'-' + QString::number(k)),
                                 orderId,
                                 s.productId,
                                 s.title,
                                 s.id,
                                 s.sellerSku,
                                 s.price,
                                 s.price,
                                 s.minor,
                                 shopId,
                                 firstCreateTime + i * 30};
            for (int c = 0; c < v.size(); ++c)
                q.bindValue(c, v.at(c));
            if (!q.exec())
                qFatal("insert failed: %s", qPrintable(q.lastError().text()));
        }
    }
    db.commit();
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
}

} // namespace tts::test
