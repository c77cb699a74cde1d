#include "analyticstestdb.h"

#include "analytics/rollups.h"
#include "storage/minorunits.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace tts::test {

namespace {

QVariant minorOrNull(const QString& decimal)
{
    const std::optional<qint64> minor = parseMinorUnits(decimal);
    return minor ? QVariant(*minor) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

AnalyticsTestDb::AnalyticsTestDb(const QString& path)
{
    Database::Error error;
    m_db = Database::open(path, Database::ReadWrite, &error);
    if (!m_db)
        m_error = error.message;
}

QSqlDatabase AnalyticsTestDb::connection() const
{
    return m_db ? m_db->connection() : QSqlDatabase();
}

bool AnalyticsTestDb::addShop(const QString& id, const QString& name)
{
    QSqlQuery q(connection());
    q.prepare(u"INSERT INTO shops(id, cipher, name, region) VALUES (?, ?, ?, 'US')"_s);
    q.addBindValue(id);
    q.addBindValue(QString(u"cipher-"_s + id));
    q.addBindValue(name);
    if (!q.exec())
        m_error = q.lastError().text();
    return m_error.isEmpty();
}

bool AnalyticsTestDb::addProduct(const QString& id, const QString& shopId, const QString& title)
{
    QSqlQuery q(connection());
    q.prepare(u"INSERT INTO products(id, shop_id, title, status) VALUES (?, ?, ?, 'ACTIVATE')"_s);
    q.addBindValue(id);
    q.addBindValue(shopId);
    q.addBindValue(title);
    if (!q.exec())
        m_error = q.lastError().text();
    return m_error.isEmpty();
}

bool AnalyticsTestDb::writeOrder(const QString& id, const QString& shopId, const QString& status,
                                 const QDateTime& created, const QString& currency, const QString& total,
                                 const QList<TestItem>& items)
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO orders(id, shop_id, status, create_time, update_time, currency, total_amount, "
              "total_amount_minor, units) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const qint64 t = created.toSecsSinceEpoch();
    for (const QVariant& v :
         {QVariant(id), QVariant(shopId), QVariant(status), QVariant(t), QVariant(t), QVariant(currency),
          QVariant(total), minorOrNull(total), QVariant(qint64(items.size()))})
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    QSqlQuery li(db);
    li.prepare(u"INSERT INTO line_items(id, order_id, product_id, product_name, sale_price, currency, "
               "sale_price_minor, shop_id, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    int n = 0;
    for (const TestItem& item : items) {
        for (const QVariant& v :
             {QVariant(QString(id + u'-' + QString::number(++n))), QVariant(id), QVariant(item.productId),
              QVariant(item.productName), QVariant(item.salePrice), QVariant(currency),
              minorOrNull(item.salePrice), QVariant(shopId), QVariant(t)})
            li.addBindValue(v);
        if (!li.exec()) {
            m_error = li.lastError().text();
            return false;
        }
    }
    return true;
}

bool AnalyticsTestDb::addOrder(const QString& id, const QString& shopId, const QString& status,
                               const QDateTime& created, const QString& currency, const QString& total,
                               const QList<TestItem>& items)
{
    // One transaction per order with its line items, as the order store writes them (the rollups rely
    // on it: the order's trigger covers its line items).
    Database::Error error;
    if (!m_db->beginImmediate(&error)) {
        m_error = error.message;
        return false;
    }
    if (!writeOrder(id, shopId, status, created, currency, total, items)) {
        m_db->rollback();
        return false;
    }
    if (!m_db->commit(&error))
        m_error = error.message;
    return m_error.isEmpty();
}

bool AnalyticsTestDb::setStatus(const QString& orderId, const QString& status)
{
    QSqlQuery q(connection());
    q.prepare(u"UPDATE orders SET status = ?, update_time = update_time + 1 WHERE id = ?"_s);
    q.addBindValue(status);
    q.addBindValue(orderId);
    if (!q.exec() || q.numRowsAffected() != 1)
        m_error = u"no such order: "_s + orderId;
    return m_error.isEmpty();
}

bool AnalyticsTestDb::refreshRollups(const QTimeZone& zone)
{
    const RollupRefresh r = bringRollupsUpToDate(*m_db, zone);
    if (!r.ok)
        m_error = r.error;
    QSqlQuery q(connection());
    if (r.ok &&
        (!q.exec(u"SELECT COUNT(*) FROM rollup_dirty"_s) || !q.next() || q.value(0).toLongLong() != 0))
        m_error = u"dirty hours left after the refresh"_s;
    return m_error.isEmpty();
}

bool AnalyticsTestDb::dropRollupZone()
{
    QSqlQuery q(connection());
    if (!q.exec(u"DELETE FROM app_config WHERE key = 'rollup_tz'"_s))
        m_error = q.lastError().text();
    return m_error.isEmpty();
}

} // namespace tts::test
