// A database of schema v2 (tests/data/schema-v2.sqlite, as an older release wrote it, with its
// orders replaced by four hand-made ones) is migrated to v3 on open: the rollup tables and
// triggers appear, every existing order is marked for the first refresh, and the rollups then hold
// the hand-computed figures.
#include "analytics/analyticsqueries.h"
#include "analytics/rollups.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone kKolkata("Asia/Kolkata");

qint64 kolkata(int day, int h, int m)
{
    return QDateTime(QDate(2026, 3, day), QTime(h, m), kKolkata).toSecsSinceEpoch();
}

QStringList rows(const QSqlDatabase& db, const QString& sql)
{
    QStringList result;
    QSqlQuery q(db);
    if (!q.exec(sql))
        return {u"error: "_s + q.lastError().text()};
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields << q.value(i).toString();
        result << fields.join(u' ');
    }
    return result;
}

} // namespace

class TestRollupMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void v2MigratesToV3();

private:
    tts::test::TempDir m_dir;
};

void TestRollupMigration::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(kKolkata.isValid());
    QVERIFY(QFile::copy(QStringLiteral(TTS_TEST_DATA_DIR "/schema-v2.sqlite"), m_dir.databasePath()));
    QVERIFY(QFile::setPermissions(m_dir.databasePath(), QFile::ReadOwner | QFile::WriteOwner));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
    db.setDatabaseName(m_dir.databasePath());
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA user_version"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.exec(u"DELETE FROM line_items"_s));
        QVERIFY(q.exec(u"DELETE FROM orders"_s));
        // o1 at 23:40 and o2 at 00:10 local (+5:30) share the UTC hour 18:00 of 1 March.
        const struct
        {
            const char* id;
            const char* status;
            qint64 created;
            const char* currency;
            const char* total;
            QVariant minor;
        } orders[] = {
            {"o1", "COMPLETED", kolkata(1, 23, 40), "USD", "10.50", 1050},
            {"o2", "CANCELLED", kolkata(2, 0, 10), "USD", "7.00", 700},
            {"o3", "DELIVERED", kolkata(2, 12, 0), "USD", "3.333", QVariant(QMetaType::fromType<qint64>())},
            {"o4", "COMPLETED", kolkata(2, 13, 0), "EUR", "20.00", 2000},
        };
        const struct
        {
            const char* order;
            const char* product;
            QVariant minor;
        } items[] = {{"o1", "P1", 450},
                     {"o1", "P2", 600},
                     {"o2", "P1", 700},
                     {"o3", "P2", QVariant(QMetaType::fromType<qint64>())},
                     {"o4", "P1", 2000}};
        q.prepare(
            u"INSERT INTO orders(id, shop_id, status, create_time, update_time, currency, total_amount, "
            "total_amount_minor, units) VALUES (?, 'S', ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const auto& o : orders) {
            int units = 0;
            for (const auto& li : items)
                units += qstrcmp(li.order, o.id) == 0;
            for (const QVariant& v :
                 {QVariant(QString::fromLatin1(o.id)), QVariant(QString::fromLatin1(o.status)),
                  QVariant(o.created), QVariant(o.created), QVariant(QString::fromLatin1(o.currency)),
                  QVariant(QString::fromLatin1(o.total)), o.minor, QVariant(units)})
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        q.prepare(
            u"INSERT INTO line_items(id, order_id, product_id, product_name, currency, sale_price_minor, "
            "shop_id, create_time) SELECT ? , id, ?, ?, currency, ?, shop_id, create_time FROM orders "
            "WHERE id = ?"_s);
        int n = 0;
        for (const auto& li : items) {
            for (const QVariant& v : {QVariant(u"li%1"_s.arg(++n)), QVariant(QString::fromLatin1(li.product)),
                                      QVariant(u"Name "_s + QString::fromLatin1(li.product)), li.minor,
                                      QVariant(QString::fromLatin1(li.order))})
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"v2"_s);
}

void TestRollupMigration::v2MigratesToV3()
{
    tts::Database::Error error;
    // Read-only does not migrate: the dashboard's refresh step opens it read-write first.
    QVERIFY(!tts::Database::open(m_dir.databasePath(), tts::Database::ReadOnly, &error));
    auto db = tts::Database::open(m_dir.databasePath(), tts::Database::ReadWrite, &error);
    QVERIFY2(db, qPrintable(error.message));
    QCOMPARE(db->schemaVersion(), tts::Database::kSchemaVersion); // v2 goes through v3 to the newest
    const QSqlDatabase c = db->connection();
    const qint64 hour = kolkata(1, 23, 40) / 3600;
    QCOMPARE(rows(c, u"SELECT shop_id, hour FROM rollup_dirty ORDER BY hour"_s),
             (QStringList{u"S %1"_s.arg(hour), u"S %1"_s.arg(kolkata(2, 12, 0) / 3600),
                          u"S %1"_s.arg(kolkata(2, 13, 0) / 3600)}));

    const tts::RollupRefresh r = tts::bringRollupsUpToDate(*db, kKolkata);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.rebuilt);
    QCOMPARE(r.days, qint64(2));
    QCOMPARE(rows(c, u"SELECT COUNT(*) FROM rollup_dirty"_s), QStringList{u"0"_s});
    const qint64 d1 = QDate(2026, 3, 1).toJulianDay();
    const qint64 d2 = d1 + 1;
    QCOMPARE(
        rows(c, u"SELECT day, status, currency, orders, revenue_minor, priced_orders, units FROM daily_sales "
                "ORDER BY day, currency, status"_s),
        (QStringList{u"%1 COMPLETED USD 1 1050 1 2"_s.arg(d1), u"%1 COMPLETED EUR 1 2000 1 1"_s.arg(d2),
                     u"%1 CANCELLED USD 1 700 1 1"_s.arg(d2), u"%1 DELIVERED USD 1 0 0 1"_s.arg(d2)}));
    QCOMPARE(rows(c, u"SELECT day, product_id, currency, units, revenue_minor FROM daily_products "
                     "ORDER BY day, product_id, currency"_s),
             (QStringList{u"%1 P1 USD 1 450"_s.arg(d1), u"%1 P2 USD 1 600"_s.arg(d1),
                          u"%1 P1 EUR 1 2000"_s.arg(d2), u"%1 P2 USD 1 0"_s.arg(d2)}));
    QCOMPARE(rows(c, u"SELECT month, product_id, currency, units, revenue_minor FROM monthly_products "
                     "ORDER BY product_id, currency"_s),
             (QStringList{u"%1 P1 EUR 1 2000"_s.arg(d1), u"%1 P1 USD 1 450"_s.arg(d1),
                          u"%1 P2 USD 2 600"_s.arg(d1)}));

    // The dashboard reads them: the hand-computed figures, and the same as from the raw rows.
    tts::AnalyticsQueries queries(c);
    const tts::DateRange range = tts::customRange(QDate(2026, 3, 1), QDate(2026, 3, 2), kKolkata);
    const tts::AnalyticsFilter filter{u"S"_s, range.from, range.to, kKolkata, tts::Granularity::Day};
    const tts::DashboardData data = queries.dashboard(filter, 5);
    QVERIFY(queries.lastError().isEmpty());
    const tts::CurrencyTotals usd = data.kpisFor(u"USD"_s)->current;
    QCOMPARE(usd.revenueMinor, qint64(1050));
    QCOMPARE(usd.orders, qint64(2));
    QCOMPARE(usd.unpricedSales, qint64(1));
    QCOMPARE(usd.units, qint64(3));
    QCOMPARE(usd.allOrders, qint64(3));
    QCOMPARE(usd.cancelledOrders, qint64(1));
    QCOMPARE(data.kpisFor(u"EUR"_s)->current.revenueMinor, qint64(2000));
    QCOMPARE(data.topByUnits.at(0).productId, u"P1"_s); // 2 units (USD + EUR)
    QCOMPARE(data.topByUnits.at(0).units, qint64(2));
    queries.setRollupsEnabled(false);
    QVERIFY(queries.dashboard(filter, 5).sameFiguresAs(data));

    // The triggers work on the migrated database: a status change marks its hour.
    QSqlQuery q(c);
    QVERIFY(q.exec(u"UPDATE orders SET status = 'COMPLETED' WHERE id = 'o2'"_s));
    QCOMPARE(rows(c, u"SELECT hour FROM rollup_dirty"_s), QStringList{QString::number(hour)});
}

QTEST_GUILESS_MAIN(TestRollupMigration)
#include "tst_rollupmigration.moc"
