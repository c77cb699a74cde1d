// The rollups under the sync's own writes (OrderStore pages): a new order, a status change and a
// deleted order mark their hour (a stale page changes nothing), an upsert keeps create_time, and
// after the refresh step the rollups equal the raw rows.
#include "analytics/analyticsqueries.h"
#include "analytics/rollups.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone kZone("Asia/Kathmandu"); // +5:45

qint64 at(int day, int h, int m)
{
    return QDateTime(QDate(2026, 5, day), QTime(h, m), kZone).toSecsSinceEpoch();
}

tts::Order order(const QString& id, qint64 created, qint64 updated, const QString& status,
                 const QStringList& products, const QString& price = u"5.25"_s)
{
    tts::Order o;
    o.id = id;
    o.status = status;
    o.createTime = created;
    o.updateTime = updated;
    o.currency = u"NPR"_s;
    o.totalAmount = u"10.50"_s;
    for (qsizetype i = 0; i < products.size(); ++i) {
        tts::LineItem l;
        l.id = id + u"-li"_s + QString::number(i);
        l.productId = products.at(i);
        l.productName = u"Name of "_s + products.at(i);
        l.salePrice = price;
        l.currency = o.currency;
        o.lineItems.append(l);
    }
    return o;
}

QList<qint64> dirtyHours(const QSqlDatabase& db)
{
    QList<qint64> hours;
    QSqlQuery q(db);
    q.exec(u"SELECT hour FROM rollup_dirty ORDER BY hour"_s);
    while (q.next())
        hours << q.value(0).toLongLong();
    return hours;
}

} // namespace

class TestRollupSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagesMarkTheirHours();

private:
    bool write(const QList<tts::Order>& page);
    void expectSameAsRaw();

    tts::test::TempDir m_dir;
    std::unique_ptr<tts::Database> m_db;
    std::unique_ptr<tts::OrderStore> m_store;
};

void TestRollupSync::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(kZone.isValid());
    tts::Database::Error error;
    m_db = tts::Database::open(m_dir.databasePath(), tts::Database::ReadWrite, &error);
    QVERIFY2(m_db, qPrintable(error.message));
    m_store = std::make_unique<tts::OrderStore>(*m_db);
}

bool TestRollupSync::write(const QList<tts::Order>& page)
{
    tts::Database::Error error;
    tts::CursorUpdate cursor;
    const bool ok = m_store->upsertOrderPage(u"S"_s, page, cursor, &error);
    if (!ok)
        qWarning() << error.message;
    return ok;
}

void TestRollupSync::expectSameAsRaw()
{
    const tts::DateRange range = tts::customRange(QDate(2026, 5, 1), QDate(2026, 5, 31), kZone);
    const tts::AnalyticsFilter filter{u"S"_s, range.from, range.to, kZone, tts::Granularity::Day};
    tts::AnalyticsQueries fast(m_db->connection());
    tts::AnalyticsQueries raw(m_db->connection());
    raw.setRollupsEnabled(false);
    const tts::DashboardData a = fast.dashboard(filter, 10);
    const tts::DashboardData b = raw.dashboard(filter, 10);
    QVERIFY(fast.lastError().isEmpty() && raw.lastError().isEmpty());
    QVERIFY(a.sameFiguresAs(b));
}

void TestRollupSync::pagesMarkTheirHours()
{
    // 23:50 local on 3 May is 18:05 UTC: the same UTC hour as 00:10 on 4 May (18:25 UTC).
    const qint64 late = at(3, 23, 50);
    const qint64 early = at(4, 0, 10);
    QCOMPARE(late / 3600, early / 3600);
    QVERIFY(write({order(u"a"_s, late, late, u"COMPLETED"_s, {u"P1"_s, u"P2"_s}),
                   order(u"b"_s, early, early, u"AWAITING_SHIPMENT"_s, {u"P1"_s}),
                   order(u"c"_s, at(9, 12, 0), at(9, 12, 0), u"COMPLETED"_s, {u"P3"_s})}));
    QCOMPARE(dirtyHours(m_db->connection()), (QList<qint64>{late / 3600, at(9, 12, 0) / 3600}));
    tts::RollupRefresh r = tts::bringRollupsUpToDate(*m_db, kZone);
    QVERIFY(r.ok);
    QCOMPARE(r.days, qint64(3)); // 3, 4 and 9 May
    QVERIFY(dirtyHours(m_db->connection()).isEmpty());
    expectSameAsRaw();

    // A newer state of "b" (cancelled): the upsert fires the update trigger, create_time stays.
    QVERIFY(write({order(u"b"_s, early, early + 60, u"CANCELLED"_s, {u"P1"_s})}));
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"SELECT create_time, status FROM orders WHERE id = 'b'"_s) && q.next());
    QCOMPARE(q.value(0).toLongLong(), early);
    QCOMPARE(q.value(1).toString(), u"CANCELLED"_s);
    QCOMPARE(dirtyHours(m_db->connection()), QList<qint64>{early / 3600});
    r = tts::bringRollupsUpToDate(*m_db, kZone);
    QCOMPARE(r.days, qint64(2)); // the hour overlaps 3 and 4 May
    expectSameAsRaw();

    // The API never changes create_time; if a page did, both the old and the new hour are marked.
    QVERIFY(write({order(u"b"_s, at(20, 8, 0), early + 120, u"CANCELLED"_s, {u"P1"_s})}));
    QCOMPARE(dirtyHours(m_db->connection()), (QList<qint64>{early / 3600, at(20, 8, 0) / 3600}));
    QVERIFY(tts::bringRollupsUpToDate(*m_db, kZone).ok);
    expectSameAsRaw();

    // A page older than the stored "c": nothing changes (the order row stays, its line items are
    // rewritten as they were), nothing is marked, the figures stay.
    QVERIFY(write({order(u"c"_s, at(9, 12, 0), at(9, 11, 0), u"UNPAID"_s, {u"P3"_s})}));
    QVERIFY(q.exec(u"SELECT status FROM orders WHERE id = 'c'"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"COMPLETED"_s);
    QVERIFY(dirtyHours(m_db->connection()).isEmpty());
    expectSameAsRaw();

    // A deleted order.
    QVERIFY(q.exec(u"DELETE FROM orders WHERE id = 'a'"_s));
    QCOMPARE(dirtyHours(m_db->connection()), QList<qint64>{late / 3600});
    QVERIFY(tts::bringRollupsUpToDate(*m_db, kZone).ok);
    expectSameAsRaw();
    QVERIFY(
        q.exec(u"SELECT COUNT(*) FROM daily_sales WHERE day = %1"_s.arg(QDate(2026, 5, 3).toJulianDay())) &&
        q.next());
    QCOMPARE(q.value(0).toLongLong(), qint64(0));
}

QTEST_GUILESS_MAIN(TestRollupSync)
#include "tst_rollupsync.moc"
