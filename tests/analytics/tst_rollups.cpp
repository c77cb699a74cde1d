// The daily rollups behind the dashboard: the triggers note every change, the refresh step recomputes
// exactly the touched local days, and every figure equals the one computed from the raw rows, in any
// zone (+5:30, +5:45, half-hour DST), with dirty days, after a zone change and with a writer running.
#include "analytics/analyticsqueries.h"
#include "analytics/rollups.h"
#include "analyticstestdb.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using tts::AnalyticsFilter;
using tts::Granularity;
using tts::test::TestItem;

namespace {

qint64 scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// ~600 orders from 20 February to 10 April 2026 (DST changes in the US, Europe and on Lord Howe),
// two shops, three currencies, every status, some totals without exact minor units.
bool fill(tts::test::AnalyticsTestDb& db, quint32 seed, int count, const QString& prefix = u"r"_s)
{
    QRandomGenerator rng(seed);
    const QStringList statuses{u"COMPLETED"_s,         u"DELIVERED"_s, u"IN_TRANSIT"_s,
                               u"AWAITING_SHIPMENT"_s, u"ON_HOLD"_s,   u"AWAITING_COLLECTION"_s,
                               u"CANCELLED"_s,         u"UNPAID"_s};
    const QStringList currencies{u"USD"_s, u"EUR"_s, u"INR"_s};
    const qint64 start = QDateTime(QDate(2026, 2, 20), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    for (int i = 0; i < count; ++i) {
        const qint64 t = start + qint64(rng.bounded(49 * 86400));
        QList<TestItem> items;
        const int units = 1 + int(rng.bounded(3));
        for (int u = 0; u < units; ++u) {
            const int p = int(rng.bounded(7));
            items.append({u"P%1"_s.arg(p), u"Product %1"_s.arg(p),
                          rng.bounded(20) == 0 ? u"1.005"_s
                                               : u"%1.%2"_s.arg(rng.bounded(90) + 1).arg(rng.bounded(10))});
        }
        const QString total =
            rng.bounded(15) == 0 ? u"9.999"_s
                                 : u"%1.%2"_s.arg(rng.bounded(300)).arg(rng.bounded(100), 2, 10, QChar(u'0'));
        if (!db.addOrder(prefix + QString::number(i), rng.bounded(3) == 0 ? u"B"_s : u"A"_s,
                         statuses.at(int(rng.bounded(statuses.size()))), QDateTime::fromSecsSinceEpoch(t),
                         currencies.at(int(rng.bounded(currencies.size()))), total, items))
            return false;
    }
    return true;
}

QList<AnalyticsFilter> filtersFor(const QTimeZone& zone)
{
    const QDateTime now(QDate(2026, 4, 3), QTime(12, 0), zone);
    QList<AnalyticsFilter> result;
    const auto add = [&](const tts::DateRange& r, Granularity g) {
        for (const QString& shop : {QString(), u"A"_s, u"B"_s})
            result.append({shop, r.from, r.to, zone, g});
    };
    add(tts::presetRange(tts::Preset::Last7Days, now, zone), Granularity::Day);
    add(tts::presetRange(tts::Preset::Last30Days, now, zone), Granularity::Day);
    add(tts::presetRange(tts::Preset::LastMonth, now, zone), Granularity::Week);
    add(tts::presetRange(tts::Preset::Last12Months, now, zone), Granularity::Month);
    add(tts::customRange(QDate(2026, 3, 25), QDate(2026, 4, 6), zone), Granularity::Day);
    // Not whole days: the partial days at both ends come from the raw rows.
    add({QDateTime(QDate(2026, 3, 10), QTime(13, 17), zone),
         QDateTime(QDate(2026, 3, 20), QTime(8, 5), zone)},
        Granularity::Day);
    return result;
}

} // namespace

class TestRollups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void localDaysOfHour_data();
    void localDaysOfHour();
    void sameFiguresAsRawRows_data();
    void sameFiguresAsRawRows();
    void rollupsAreWhatIsRead();
    void dirtyDaysStayExact();
    void zoneChangeRebuilds();
    void tinyStepsFinish();
    void exactWithConcurrentWriter();

private:
    bool refresh(const QTimeZone& zone, tts::RollupRefresh* out = nullptr, int stepMs = 100);
    void compareAll(const QTimeZone& zone);

    tts::test::TempDir m_dir;
    std::unique_ptr<tts::test::AnalyticsTestDb> m_db;
    std::unique_ptr<tts::Database> m_writer;
};

void TestRollups::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_db = std::make_unique<tts::test::AnalyticsTestDb>(m_dir.databasePath());
    QVERIFY2(m_db->isOpen(), qPrintable(m_db->error()));
    QVERIFY(m_db->addShop(u"A"_s, u"Alpha"_s));
    QVERIFY(m_db->addShop(u"B"_s, u"Beta"_s));
    QVERIFY(m_db->addProduct(u"P1"_s, u"A"_s, u"Ceramic Mug"_s));
    QVERIFY2(fill(*m_db, 20261122, 600), qPrintable(m_db->error()));
    tts::Database::Error error;
    m_writer = tts::Database::open(m_dir.databasePath(), tts::Database::ReadWrite, &error);
    QVERIFY2(m_writer, qPrintable(error.message));
}

bool TestRollups::refresh(const QTimeZone& zone, tts::RollupRefresh* out, int stepMs)
{
    const tts::RollupRefresh r = tts::bringRollupsUpToDate(*m_writer, zone, stepMs);
    if (out)
        *out = r;
    if (!r.ok)
        qWarning() << r.error;
    return r.ok && scalar(m_writer->connection(), u"SELECT COUNT(*) FROM rollup_dirty"_s) == 0;
}

void TestRollups::compareAll(const QTimeZone& zone)
{
    tts::AnalyticsQueries fast(m_db->connection());
    tts::AnalyticsQueries raw(m_db->connection());
    raw.setRollupsEnabled(false);
    for (const AnalyticsFilter& filter : filtersFor(zone)) {
        const tts::DashboardData a = fast.dashboard(filter, 5);
        const tts::DashboardData b = raw.dashboard(filter, 5);
        QVERIFY2(fast.lastError().isEmpty() && raw.lastError().isEmpty(), qPrintable(fast.lastError()));
        QVERIFY(!b.kpis.isEmpty());
        QVERIFY2(a.sameFiguresAs(b),
                 qPrintable(u"%1 shop '%2' %3 .. %4"_s.arg(QString::fromUtf8(zone.id()), filter.shopId,
                                                           filter.from.toString(Qt::ISODate),
                                                           filter.to.toString(Qt::ISODate))));
    }
}

void TestRollups::localDaysOfHour_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("hourStart");
    QTest::addColumn<QList<QDate>>("days");
    const QDate d(2026, 3, 10);
    const auto utc = [&](int h, int m = 0) {
        return QDateTime(d, QTime(h, m), QTimeZone::utc());
    };
    QTest::newRow("UTC") << QByteArray("UTC") << utc(23) << QList<QDate>{d};
    QTest::newRow("Kolkata 23:30") << QByteArray("Asia/Kolkata") << utc(18) << QList<QDate>{d, d.addDays(1)};
    QTest::newRow("Kolkata 00:30") << QByteArray("Asia/Kolkata") << utc(19) << QList<QDate>{d.addDays(1)};
    QTest::newRow("Kathmandu 23:45") << QByteArray("Asia/Kathmandu") << utc(18)
                                     << QList<QDate>{d, d.addDays(1)};
    QTest::newRow("New York 19:00") << QByteArray("America/New_York") << utc(23) << QList<QDate>{d};
    QTest::newRow("before 1970") << QByteArray("UTC")
                                 << QDateTime(QDate(1969, 12, 31), QTime(23, 0), QTimeZone::utc())
                                 << QList<QDate>{QDate(1969, 12, 31), QDate(1970, 1, 1)};
}

void TestRollups::localDaysOfHour()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, hourStart);
    QFETCH(QList<QDate>, days);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    // SQLite's create_time / 3600 truncates toward zero; before 1970 the hour is -0 = 0.
    const qint64 t = hourStart.toSecsSinceEpoch();
    const qint64 hour = t >= 0 ? t / 3600 : 0;
    QCOMPARE(tts::localDaysOfHour(hour, tz), days);
}

void TestRollups::sameFiguresAsRawRows_data()
{
    QTest::addColumn<QByteArray>("zone");
    for (const char* z : {"Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York",
                          "Australia/Lord_Howe", "UTC"})
        QTest::newRow(z) << QByteArray(z);
}

void TestRollups::sameFiguresAsRawRows()
{
    QFETCH(QByteArray, zone);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    tts::RollupRefresh r;
    QVERIFY(refresh(tz, &r));
    QVERIFY(r.rebuilt);
    // Every local day with orders of each shop (more with +5:30: an hour can touch two days).
    QSet<QPair<QString, QDate>> days;
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"SELECT shop_id, create_time FROM orders"_s));
    while (q.next())
        days.insert(
            {q.value(0).toString(), QDateTime::fromSecsSinceEpoch(q.value(1).toLongLong(), tz).date()});
    QVERIFY(days.size() > 90);
    QVERIFY2(r.days >= days.size(), qPrintable(u"%1 < %2"_s.arg(r.days).arg(days.size())));
    if (zone == "UTC" || zone == "Europe/Berlin" || zone == "America/New_York")
        QCOMPARE(r.days, qint64(days.size()));
    QVERIFY(scalar(m_db->connection(), u"SELECT COUNT(*) FROM daily_products"_s) > 0);
    compareAll(tz);
    // Nothing changed: the next refresh step does nothing.
    QVERIFY(refresh(tz, &r));
    QVERIFY(!r.rebuilt);
    QCOMPARE(r.days, qint64(0));
}

void TestRollups::rollupsAreWhatIsRead()
{
    const QTimeZone tz("Asia/Kolkata");
    QVERIFY(refresh(tz));
    const AnalyticsFilter filter = filtersFor(tz).at(3); // 30 days, shop A
    tts::AnalyticsQueries queries(m_db->connection());
    const tts::DashboardData before = queries.dashboard(filter, 5);
    // Tamper with one rollup row inside the range: the figures must move by exactly that much.
    QSqlQuery q(m_writer->connection());
    const qint64 day = QDate(2026, 3, 20).toJulianDay();
    QVERIFY(q.exec(u"UPDATE daily_sales SET revenue_minor = revenue_minor + 100000 WHERE shop_id = 'A' AND "
                   "day = %1 AND status = 'COMPLETED' AND currency = 'USD'"_s.arg(day)));
    QCOMPARE(q.numRowsAffected(), 1);
    const tts::DashboardData after = queries.dashboard(filter, 5);
    QCOMPARE(after.kpisFor(u"USD"_s)->current.revenueMinor,
             before.kpisFor(u"USD"_s)->current.revenueMinor + 100000);
    // Marking the day dirty makes it read raw again (and the refresh step repairs it).
    QVERIFY(q.exec(u"INSERT INTO rollup_dirty VALUES ('A', %1)"_s.arg(
        QDateTime(QDate(2026, 3, 20), QTime(12, 0), tz).toSecsSinceEpoch() / 3600)));
    QVERIFY(queries.dashboard(filter, 5).sameFiguresAs(before));
    QVERIFY(refresh(tz));
    QVERIFY(queries.dashboard(filter, 5).sameFiguresAs(before));
}

void TestRollups::dirtyDaysStayExact()
{
    const QTimeZone tz("Europe/Berlin");
    QVERIFY(refresh(tz));
    const AnalyticsFilter filter = filtersFor(tz).at(3);
    tts::AnalyticsQueries queries(m_db->connection());
    const tts::DashboardData before = queries.dashboard(filter, 5);
    // A new sale and a cancellation, not yet rolled up: both count at once.
    QVERIFY(m_db->addOrder(u"new1"_s, u"A"_s, u"COMPLETED"_s, QDateTime(QDate(2026, 3, 29), QTime(1, 30), tz),
                           u"USD"_s, u"12.34"_s, {{u"P9"_s, u"New"_s, u"12.34"_s}}));
    QVERIFY(scalar(m_db->connection(), u"SELECT COUNT(*) FROM rollup_dirty"_s) > 0);
    const tts::DashboardData dirty = queries.dashboard(filter, 5);
    QCOMPARE(dirty.kpisFor(u"USD"_s)->current.revenueMinor,
             before.kpisFor(u"USD"_s)->current.revenueMinor + 1234);
    QCOMPARE(dirty.kpisFor(u"USD"_s)->current.orders, before.kpisFor(u"USD"_s)->current.orders + 1);
    compareAll(tz);
    QVERIFY(m_db->setStatus(u"new1"_s, u"CANCELLED"_s));
    tts::RollupRefresh r;
    QVERIFY(refresh(tz, &r));
    QCOMPARE(r.days, qint64(1)); // only 29 March of shop A
    tts::CurrencyTotals expected = before.kpisFor(u"USD"_s)->current;
    ++expected.allOrders;
    ++expected.cancelledOrders;
    QCOMPARE(queries.dashboard(filter, 5).kpisFor(u"USD"_s)->current, expected);
    // Deleting an order marks its hour too.
    QSqlQuery q(m_writer->connection());
    QVERIFY(q.exec(u"DELETE FROM orders WHERE id = 'new1'"_s));
    QVERIFY(scalar(m_db->connection(), u"SELECT COUNT(*) FROM rollup_dirty"_s) > 0);
    QVERIFY(refresh(tz));
    QVERIFY(queries.dashboard(filter, 5).sameFiguresAs(before));
}

void TestRollups::zoneChangeRebuilds()
{
    tts::RollupRefresh r;
    QVERIFY(refresh(QTimeZone("Europe/Berlin"), &r));
    QVERIFY(refresh(QTimeZone("Asia/Kathmandu"), &r));
    QVERIFY(r.rebuilt);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"SELECT value FROM app_config WHERE key = 'rollup_tz'"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"Asia/Kathmandu"_s);
    compareAll(QTimeZone("Asia/Kathmandu"));
    // Asked in another zone than the stored one, the queries read raw: still exact.
    compareAll(QTimeZone("America/New_York"));
}

void TestRollups::tinyStepsFinish()
{
    // One local day per transaction: hours that straddle midnight (+5:45) must still all be cleared.
    tts::RollupRefresh r;
    QVERIFY(refresh(QTimeZone("Asia/Kathmandu"), &r, 0));
    QVERIFY(refresh(QTimeZone("Asia/Kolkata"), &r, 0));
    QVERIFY(r.rebuilt);
    QVERIFY(r.transactions > 49);
    compareAll(QTimeZone("Asia/Kolkata"));
}

void TestRollups::exactWithConcurrentWriter()
{
    const QTimeZone tz("America/New_York");
    QVERIFY(refresh(tz));
    // A second connection writes orders (as the sync thread would) while the refreshes run here.
    std::atomic<bool> writerOk{false};
    const QString path = m_dir.databasePath();
    std::unique_ptr<QThread> thread(QThread::create([&] {
        tts::test::AnalyticsTestDb other(path);
        writerOk = other.isOpen() && fill(other, 7, 300, u"w"_s);
    }));
    thread->start();
    tts::AnalyticsQueries queries(m_db->connection());
    int refreshes = 0;
    while (!thread->isFinished()) {
        QVERIFY(tts::bringRollupsUpToDate(*m_writer, tz).ok);
        queries.dashboard(filtersFor(tz).at(3), 5);
        QVERIFY2(queries.lastError().isEmpty(), qPrintable(queries.lastError()));
        ++refreshes;
    }
    thread->wait();
    QVERIFY(writerOk);
    QVERIFY(refreshes > 0);
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM orders WHERE id LIKE 'w%'"_s), qint64(300));
    compareAll(tz); // dirty days read raw
    QVERIFY(refresh(tz));
    compareAll(tz);
}

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
