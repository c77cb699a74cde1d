#include "analytics/analyticsqueries.h"
#include "analyticstestdb.h"
#include "testsupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using tts::AnalyticsFilter;
using tts::Granularity;
using tts::test::TestItem;

namespace {

const QTimeZone kBerlin("Europe/Berlin");

QDateTime berlin(int m, int d, int h = 0, int min = 0, int s = 0)
{
    return QDateTime(QDate(2026, m, d), QTime(h, min, s), kBerlin);
}

// Local days 2026-03-27 .. 2026-03-30 in Berlin; clocks go forward on the 29th (a 23-hour day).
AnalyticsFilter march27to30(const QString& shop = u"A"_s, Granularity g = Granularity::Day)
{
    const tts::DateRange r = tts::customRange(QDate(2026, 3, 27), QDate(2026, 3, 30), kBerlin);
    return {shop, r.from, r.to, kBerlin, g};
}

} // namespace

class TestAnalyticsQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void kpis();
    void kpisAllShops();
    void previousPeriodAndChange();
    void currenciesNeverSummed();
    void revenueByDayAcrossDst();
    void revenueByWeekAndMonth();
    void emptyPeriodsAreZero();
    void ordersByStatus();
    void topProducts();
    void statusChangeMovesRevenue();
    void dashboardMatchesSingleQueries();
    void missingTablesGiveAnError();

private:
    tts::test::TempDir m_dir;
    std::unique_ptr<tts::test::AnalyticsTestDb> m_db;
};

// Every test runs twice: from the raw rows, and from the daily rollups kept in Berlin time.
void TestAnalyticsQueries::initTestCase_data()
{
    QTest::addColumn<bool>("rollups");
    QTest::newRow("raw rows") << false;
    QTest::newRow("rollups") << true;
}

void TestAnalyticsQueries::init()
{
    QFETCH_GLOBAL(bool, rollups);
    QVERIFY2(rollups ? m_db->refreshRollups(kBerlin) : m_db->dropRollupZone(), qPrintable(m_db->error()));
}

void TestAnalyticsQueries::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(kBerlin.isValid());
    m_db = std::make_unique<tts::test::AnalyticsTestDb>(m_dir.databasePath());
    QVERIFY2(m_db->isOpen(), qPrintable(m_db->error()));
    auto& db = *m_db;
    QVERIFY(db.addShop(u"A"_s, u"Alpha"_s));
    QVERIFY(db.addShop(u"B"_s, u"Beta"_s));
    QVERIFY(db.addProduct(u"P1"_s, u"A"_s, u"Ceramic Mug"_s)); // P2..P5: only line items name them
    const TestItem mug{u"P1"_s, u"Mug"_s, u"10.00"_s};
    // Current period, shop A.
    // o1: 00:30 local on the 27th is 23:30 UTC on the 26th: it belongs to the 27th.
    QVERIFY(db.addOrder(u"o1"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 27, 0, 30), u"USD"_s, u"10.00"_s, {mug}));
    QVERIFY(db.addOrder(u"o2"_s, u"A"_s, u"DELIVERED"_s, berlin(3, 28, 23, 59, 59), u"USD"_s, u"21.3"_s,
                        {{u"P2"_s, u"T-shirt"_s, u"10.65"_s}, {u"P2"_s, u"T-shirt"_s, u"10.65"_s}}));
    QVERIFY(db.addOrder(u"o3"_s, u"A"_s, u"AWAITING_SHIPMENT"_s, berlin(3, 29, 1, 30), u"USD"_s, u"5.05"_s,
                        {{u"P3"_s, u"Sticker"_s, u"5.05"_s}}));
    QVERIFY(db.addOrder(
        u"o4"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 29, 23, 30), u"USD"_s, u"100"_s,
        {{u"P1"_s, u"Mug"_s, u"33.33"_s}, {u"P1"_s, u"Mug"_s, u"33.33"_s}, {u"P1"_s, u"Mug"_s, u"33.34"_s}}));
    // o5: 00:30 CEST on the 30th is 22:30 UTC on the 29th; a fixed UTC+1 would put it on the 29th.
    QVERIFY(db.addOrder(u"o5"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 30, 0, 30), u"USD"_s, u"1.01"_s,
                        {{u"P3"_s, u"Sticker"_s, u"1.01"_s}}));
    QVERIFY(db.addOrder(u"o6"_s, u"A"_s, u"CANCELLED"_s, berlin(3, 29, 12), u"USD"_s, u"50.00"_s,
                        {{u"P3"_s, u"Sticker"_s, u"25.00"_s}, {u"P3"_s, u"Sticker"_s, u"25.00"_s}}));
    QVERIFY(db.addOrder(u"o7"_s, u"A"_s, u"UNPAID"_s, berlin(3, 30, 10), u"USD"_s, u"7.00"_s,
                        {{u"P2"_s, u"T-shirt"_s, u"7.00"_s}}));
    QVERIFY(db.addOrder(u"o8"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 28, 12), u"EUR"_s, u"40.00"_s,
                        {{u"P4"_s, u"Poster"_s, u"30.00"_s}, {u"P1"_s, u"Mug"_s, u"10.00"_s}}));
    // o14: a total with 3 decimals has no exact minor units: a sale without revenue.
    QVERIFY(db.addOrder(u"o14"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 30, 11), u"USD"_s, u"3.333"_s,
                        {{u"P3"_s, u"Sticker"_s, u"3.333"_s}}));
    // o10: exactly at the end of the range (excluded); o15: 1 April 00:15 CEST = 31 March 22:15 UTC.
    QVERIFY(db.addOrder(u"o10"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 31), u"USD"_s, u"999.00"_s, {mug}));
    QVERIFY(db.addOrder(u"o15"_s, u"A"_s, u"COMPLETED"_s, berlin(4, 1, 0, 15), u"USD"_s, u"7.77"_s, {mug}));
    // Previous period (23..26 March), shop A.
    QVERIFY(db.addOrder(u"o11"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 26, 23, 59, 59), u"USD"_s, u"30.00"_s,
                        {{u"P1"_s, u"Mug"_s, u"15.00"_s}, {u"P1"_s, u"Mug"_s, u"15.00"_s}}));
    QVERIFY(db.addOrder(u"o12"_s, u"A"_s, u"CANCELLED"_s, berlin(3, 23), u"USD"_s, u"8.00"_s,
                        {{u"P2"_s, u"T-shirt"_s, u"8.00"_s}}));
    // Shop B.
    QVERIFY(db.addOrder(u"o9"_s, u"B"_s, u"COMPLETED"_s, berlin(3, 28, 13), u"USD"_s, u"2.00"_s,
                        {{u"P5"_s, u"Keyring"_s, u"2.00"_s}}));
}

void TestAnalyticsQueries::kpis()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto kpis = q.kpis(march27to30());
    QVERIFY2(q.lastError().isEmpty(), qPrintable(q.lastError()));
    QCOMPARE(kpis.size(), 2);
    const tts::CurrencyTotals& usd = kpis[0].current; // USD first: the larger revenue
    QCOMPARE(usd.currency, u"USD"_s);
    // Sales o1, o2, o3, o4, o5, o14: 1000 + 2130 + 505 + 10000 + 101 (+ o14 unpriced) = 13736
    QCOMPARE(usd.revenueMinor, qint64(13736));
    QCOMPARE(usd.orders, qint64(6));
    QCOMPARE(usd.unpricedSales, qint64(1));
    // 13736 / 5 priced sales = 2747.2 -> 2747
    QCOMPARE(usd.averageOrderValueMinor(), qint64(2747));
    // units 1 + 2 + 1 + 3 + 1 + 1
    QCOMPARE(usd.units, qint64(9));
    // all orders: 6 sales + o6 (cancelled) + o7 (unpaid) = 8; 1 cancelled
    QCOMPARE(usd.allOrders, qint64(8));
    QCOMPARE(usd.cancelledOrders, qint64(1));
    QCOMPARE(usd.cancellationRate(), 1.0 / 8.0);
}

void TestAnalyticsQueries::kpisAllShops()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto kpis = q.kpis(march27to30(QString()));
    QCOMPARE(kpis[0].currency, u"USD"_s);
    // + o9 of shop B: 13736 + 200 = 13936 over 6 priced sales = 2322.67 -> 2323
    QCOMPARE(kpis[0].current.revenueMinor, qint64(13936));
    QCOMPARE(kpis[0].current.orders, qint64(7));
    QCOMPARE(kpis[0].current.averageOrderValueMinor(), qint64(2323));
    QCOMPARE(kpis[0].current.units, qint64(10));
    const auto shops = q.shops();
    QCOMPARE(shops.size(), 2);
    QCOMPARE(shops[0].name, u"Alpha"_s);
}

void TestAnalyticsQueries::previousPeriodAndChange()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto kpis = q.kpis(march27to30());
    const tts::CurrencyTotals& prev = kpis[0].previous;
    // 23..26 March: o11 (sale, 3000, 2 units) and o12 (cancelled)
    QCOMPARE(prev.revenueMinor, qint64(3000));
    QCOMPARE(prev.orders, qint64(1));
    QCOMPARE(prev.units, qint64(2));
    QCOMPARE(prev.allOrders, qint64(2));
    QCOMPARE(prev.cancellationRate(), 0.5);
    QCOMPARE(kpis[0].revenue().change(), qint64(13736 - 3000));
    QCOMPARE(*kpis[0].revenue().changePercent(), (13736.0 - 3000.0) * 100.0 / 3000.0);
    QCOMPARE(kpis[0].averageOrderValue().previous, qint64(3000));
    // EUR had nothing before: no percentage.
    QVERIFY(!kpis[1].revenue().changePercent().has_value());
}

void TestAnalyticsQueries::currenciesNeverSummed()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto kpis = q.kpis(march27to30());
    QCOMPARE(kpis[1].currency, u"EUR"_s);
    QCOMPARE(kpis[1].current.revenueMinor, qint64(4000));
    QCOMPARE(kpis[1].current.units, qint64(2));
    QCOMPARE(kpis[1].current.averageOrderValueMinor(), qint64(4000));
    for (const auto& k : kpis)
        QVERIFY(k.current.revenueMinor != 13736 + 4000);
    const auto series = q.revenueSeries(march27to30());
    QCOMPARE(series.size(), 2);
    QCOMPARE(series[1].currency, u"EUR"_s);
    QCOMPARE(series[1].points[1].revenueMinor, qint64(4000)); // the 28th
    QCOMPARE(series[0].points[1].revenueMinor, qint64(2130)); // USD on the 28th: o2 only
}

void TestAnalyticsQueries::revenueByDayAcrossDst()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto series = q.revenueSeries(march27to30());
    const auto& usd = series[0].points;
    QCOMPARE(usd.size(), 4);
    QCOMPARE(usd[0].start, berlin(3, 27));
    QCOMPARE(usd[3].start, berlin(3, 30));
    QCOMPARE(usd[2].start.secsTo(usd[3].start), qint64(23 * 3600)); // the short day
    QCOMPARE(usd[0].revenueMinor, qint64(1000));                    // o1
    QCOMPARE(usd[1].revenueMinor, qint64(2130));                    // o2 at 23:59:59
    QCOMPARE(usd[2].revenueMinor, qint64(505 + 10000));             // o3 (CET) + o4 (CEST)
    QCOMPARE(usd[2].orders, qint64(2));
    QCOMPARE(usd[3].revenueMinor, qint64(101)); // o5 + o14 (unpriced)
    QCOMPARE(usd[3].orders, qint64(2));
}

void TestAnalyticsQueries::revenueByWeekAndMonth()
{
    tts::AnalyticsQueries q(m_db->connection());
    auto weeks = q.revenueSeries(march27to30(u"A"_s, Granularity::Week))[0].points;
    QCOMPARE(weeks.size(), 2); // the week of Monday 23 March (27..29) and of Monday 30 March
    QCOMPARE(weeks[0].start, berlin(3, 23));
    QCOMPARE(weeks[0].revenueMinor, qint64(1000 + 2130 + 10505));
    QCOMPARE(weeks[1].start, berlin(3, 30));
    QCOMPARE(weeks[1].revenueMinor, qint64(101));

    const tts::DateRange r = tts::customRange(QDate(2026, 3, 27), QDate(2026, 4, 2), kBerlin);
    const auto months = q.revenueSeries({u"A"_s, r.from, r.to, kBerlin, Granularity::Month})[0].points;
    QCOMPARE(months.size(), 2);
    QCOMPARE(months[0].start, berlin(3, 1));
    QCOMPARE(months[0].revenueMinor, qint64(13736 + 99900)); // + o10 at 31 March 00:00
    QCOMPARE(months[1].start, berlin(4, 1));
    QCOMPARE(months[1].revenueMinor, qint64(777)); // o15, 31 March 22:15 UTC
}

void TestAnalyticsQueries::emptyPeriodsAreZero()
{
    tts::AnalyticsQueries q(m_db->connection());
    const tts::DateRange r = tts::customRange(QDate(2026, 3, 27), QDate(2026, 4, 3), kBerlin);
    const auto days = q.revenueSeries({u"A"_s, r.from, r.to, kBerlin, Granularity::Day})[0].points;
    QCOMPARE(days.size(), 8);
    QCOMPARE(days[4].revenueMinor, qint64(99900)); // 31 March
    QCOMPARE(days[5].revenueMinor, qint64(777));   // 1 April
    QCOMPARE(days[6].revenueMinor, qint64(0));
    QCOMPARE(days[6].start, berlin(4, 2));
    QCOMPARE(days[7].revenueMinor, qint64(0));
    // A range with no orders at all has no currencies and so no series.
    const tts::DateRange empty = tts::customRange(QDate(2020, 1, 1), QDate(2020, 1, 31), kBerlin);
    QVERIFY(q.revenueSeries({QString(), empty.from, empty.to, kBerlin, Granularity::Day}).isEmpty());
}

void TestAnalyticsQueries::ordersByStatus()
{
    tts::AnalyticsQueries q(m_db->connection());
    const auto statuses = q.ordersByStatus(march27to30());
    QMap<QString, qint64> counts;
    for (const auto& s : statuses)
        counts.insert(s.status, s.orders);
    // COMPLETED: o1 o4 o5 o8 o14; one each of the others
    QCOMPARE(statuses[0], (tts::StatusCount{u"COMPLETED"_s, 5}));
    QCOMPARE(counts.value(u"DELIVERED"_s), qint64(1));
    QCOMPARE(counts.value(u"AWAITING_SHIPMENT"_s), qint64(1));
    QCOMPARE(counts.value(u"CANCELLED"_s), qint64(1));
    QCOMPARE(counts.value(u"UNPAID"_s), qint64(1));
    QCOMPARE(counts.size(), 5);
}

void TestAnalyticsQueries::topProducts()
{
    tts::AnalyticsQueries q(m_db->connection());
    // Units (cancelled o6 and unpaid o7 excluded): P1 1 + 3 + 1 (EUR) = 5; P3 1 + 1 + 1 = 3; P2 2; P4 1
    const auto byUnits = q.topProductsByUnits(march27to30(), 3);
    QCOMPARE(byUnits.size(), 3);
    QCOMPARE(byUnits[0].productId, u"P1"_s);
    QCOMPARE(byUnits[0].units, qint64(5));
    QCOMPARE(byUnits[0].productName, u"Ceramic Mug"_s); // from the products table
    QVERIFY(byUnits[0].currency.isEmpty());             // sold in USD and EUR
    QCOMPARE(byUnits[1].productId, u"P3"_s);
    QCOMPARE(byUnits[1].units, qint64(3));
    QCOMPARE(byUnits[2].productId, u"P2"_s);
    QCOMPARE(byUnits[2].productName, u"T-shirt"_s); // from a line item
    QCOMPARE(byUnits[2].currency, u"USD"_s);
    QCOMPARE(byUnits[2].revenueMinor, qint64(2130));

    // Revenue, per currency: USD P1 1000 + 3333 + 3333 + 3334 = 11000, P2 2130, P3 505 + 101 = 606;
    // EUR P4 3000, P1 1000.
    const auto byRevenue = q.topProductsByRevenue(march27to30(), 2);
    QCOMPARE(byRevenue.size(), 4);
    QCOMPARE(byRevenue[0].currency, u"EUR"_s);
    QCOMPARE(byRevenue[0].productId, u"P4"_s);
    QCOMPARE(byRevenue[0].revenueMinor, qint64(3000));
    QCOMPARE(byRevenue[1].productId, u"P1"_s);
    QCOMPARE(byRevenue[1].revenueMinor, qint64(1000));
    QCOMPARE(byRevenue[2].currency, u"USD"_s);
    QCOMPARE(byRevenue[2].productId, u"P1"_s);
    QCOMPARE(byRevenue[2].revenueMinor, qint64(11000));
    QCOMPARE(byRevenue[2].units, qint64(4));
    QCOMPARE(byRevenue[3].productId, u"P2"_s);
    QCOMPARE(byRevenue[3].revenueMinor, qint64(2130));
}

void TestAnalyticsQueries::statusChangeMovesRevenue()
{
    tts::test::TempDir dir;
    tts::test::AnalyticsTestDb db(dir.databasePath());
    QVERIFY(db.isOpen());
    QVERIFY(db.addOrder(u"x"_s, u"A"_s, u"AWAITING_SHIPMENT"_s, berlin(3, 28, 9), u"USD"_s, u"12.50"_s,
                        {{u"P9"_s, u"Lamp"_s, u"12.50"_s}}));
    QFETCH_GLOBAL(bool, rollups);
    if (rollups)
        QVERIFY2(db.refreshRollups(kBerlin), qPrintable(db.error()));
    tts::AnalyticsQueries q(db.connection());
    QCOMPARE(q.kpis(march27to30())[0].current.revenueMinor, qint64(1250));
    QCOMPARE(q.topProductsByUnits(march27to30(), 5).size(), 1);
    QVERIFY(db.setStatus(u"x"_s, u"CANCELLED"_s));
    // Seen at once (the changed day is read raw until the next refresh step), and after it.
    for (int pass = 0; pass < (rollups ? 2 : 1); ++pass) {
        if (pass == 1)
            QVERIFY2(db.refreshRollups(kBerlin), qPrintable(db.error()));
        const auto after = q.kpis(march27to30())[0].current;
        QCOMPARE(after.revenueMinor, qint64(0));
        QCOMPARE(after.cancellationRate(), 1.0);
        QVERIFY(q.topProductsByUnits(march27to30(), 5).isEmpty());
    }
}

void TestAnalyticsQueries::dashboardMatchesSingleQueries()
{
    tts::AnalyticsQueries q(m_db->connection());
    QList<QPair<QString, double>> timings;
    const tts::DashboardData d = q.dashboard(march27to30(), 10, &timings);
    QVERIFY(q.lastError().isEmpty());
    QCOMPARE(d.currencies(), (QStringList{u"USD"_s, u"EUR"_s}));
    QCOMPARE(d.kpisFor(u"USD"_s)->current, q.kpis(march27to30())[0].current);
    QCOMPARE(d.kpisFor(u"USD"_s)->previous.revenueMinor, qint64(3000));
    QCOMPARE(d.seriesFor(u"USD"_s)->points[2].revenueMinor, qint64(10505));
    QCOMPARE(d.statuses, q.ordersByStatus(march27to30()));
    QCOMPARE(d.topByUnits.size(), 4);
    QCOMPARE(d.topByRevenueFor(u"USD"_s).size(), 3);
    QCOMPARE(d.previous.from, berlin(3, 23));
    QVERIFY(timings.size() >= 4);
}

void TestAnalyticsQueries::missingTablesGiveAnError()
{
    tts::test::TempDir dir;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bare"_s);
    db.setDatabaseName(dir.databasePath());
    QVERIFY(db.open());
    {
        tts::AnalyticsQueries q(db);
        QVERIFY(q.kpis(march27to30()).isEmpty());
        QVERIFY(!q.lastError().isEmpty());
        QVERIFY(q.kpis(march27to30(QString())).isEmpty());
        QVERIFY(!q.lastError().isEmpty());
        QVERIFY(!q.lastError().contains(u"SELECT"_s));
        const tts::DashboardData d = q.dashboard(march27to30(), 10);
        QVERIFY(d.kpis.isEmpty());
        QVERIFY(q.shops().isEmpty());
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"bare"_s);
}

QTEST_GUILESS_MAIN(TestAnalyticsQueries)
#include "tst_analyticsqueries.moc"
