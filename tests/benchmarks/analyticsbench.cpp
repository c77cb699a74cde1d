// analyticsbench: how long one dashboard refresh takes over a large shop database.
//
//   analyticsbench [--orders N] [--days D] [--db PATH] [--tz ZONE] [--runs R] [--raw-runs R] [--quick]
//
// Generates N orders (default 1,000,000) spread over the last D days (default 365) with 1-3 line
// items each, straight into the schema of core/storage with SQL (fast), then times
// AnalyticsQueries::dashboard() (every query of one DashboardView reload) for the presets
// "30 days" and "12 months", for all shops and for one shop, and prints each step. Each refresh starts
// with the rollup refresh step, as in the dashboard; the one-off rollup build after the generation, the
// same refresh from the raw rows (--raw-runs, checked to give the same figures) and a refresh after 100
// changed orders are printed too. `--trigger-cost N` instead measures what the rollup triggers cost
// the sync's writes (rollupwritecost.cpp). Asserts nothing about time.
#include "analytics/analyticsqueries.h"
#include "analytics/rollups.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

int measureTriggerCost(qint64 orders, int rounds); // rollupwritecost.cpp

namespace {

void print(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

bool exec(QSqlDatabase db, const QString& sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    print(u"SQL failed: "_s + q.lastError().text());
    return false;
}

// Deterministic pseudo-random orders: ~90% of them in shop 1 (USD), ~10% in shop 2 (GBP);
// statuses 70% COMPLETED, 8% DELIVERED, 5% IN_TRANSIT, 5% AWAITING_SHIPMENT, 2% AWAITING_COLLECTION,
// 2% ON_HOLD, 5% CANCELLED, 3% UNPAID; 200 products; 1-3 line items per order.
bool generate(tts::Database& database, qint64 orders, int days, qint64 now)
{
    QSqlDatabase db = database.connection();
    const qint64 start = now - qint64(days) * 86400;
    const QString sql = uR"(
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1)
        INSERT INTO orders(id, shop_id, status, create_time, update_time, currency, total_amount,
                           total_amount_minor, units)
        SELECT 'o' || i,
               CASE WHEN i % 10 = 3 THEN 'shop2' ELSE 'shop1' END,
               CASE (i * 7919) % 100 / 1
                   WHEN 0 THEN 'CANCELLED' WHEN 1 THEN 'CANCELLED' WHEN 2 THEN 'CANCELLED'
                   WHEN 3 THEN 'CANCELLED' WHEN 4 THEN 'CANCELLED'
                   WHEN 5 THEN 'UNPAID' WHEN 6 THEN 'UNPAID' WHEN 7 THEN 'UNPAID'
                   WHEN 8 THEN 'ON_HOLD' WHEN 9 THEN 'ON_HOLD'
                   WHEN 10 THEN 'AWAITING_COLLECTION' WHEN 11 THEN 'AWAITING_COLLECTION'
                   ELSE CASE WHEN (i * 7919) % 100 < 17 THEN 'AWAITING_SHIPMENT'
                             WHEN (i * 7919) % 100 < 22 THEN 'IN_TRANSIT'
                             WHEN (i * 7919) % 100 < 30 THEN 'DELIVERED'
                             ELSE 'COMPLETED' END END,
               %2 + (i * %3) / %1, %2 + (i * %3) / %1 + 3600,
               CASE WHEN i % 10 = 3 THEN 'GBP' ELSE 'USD' END,
               '', 500 + (i * 104729) % 25000, 1 + (i * 31) % 3
        FROM n)"_s.arg(orders)
                            .arg(start)
                            .arg(qint64(days) * 86400);
    if (!exec(db, u"BEGIN"_s) || !exec(db, sql))
        return false;
    const QString items = uR"(
        WITH k(k) AS (VALUES (1), (2), (3))
        INSERT INTO line_items(id, order_id, product_id, product_name, sale_price, currency,
                               sale_price_minor, shop_id, create_time)
        SELECT o.id || '-' || k.k, o.id, 'p' || ((o.rowid * 13 + k.k * 7) % 200),
               'Product ' || ((o.rowid * 13 + k.k * 7) % 200), '', o.currency,
               o.total_amount_minor / o.units, o.shop_id, o.create_time
        FROM orders o JOIN k ON k.k <= o.units)"_s;
    if (!exec(db, items))
        return false;
    if (!exec(db, u"INSERT INTO shops(id, cipher, name) VALUES ('shop1', 'c1', 'Sunrise Goods'), "
                  "('shop2', 'c2', 'Sunrise Goods UK')"_s))
        return false;
    return exec(db, u"COMMIT"_s) && exec(db, u"ANALYZE"_s);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders to generate (default 1000000)."_s, u"n"_s);
    const QCommandLineOption daysOpt(u"days"_s, u"Days the orders span, ending now (default 365)."_s, u"d"_s);
    const QCommandLineOption dbOpt(u"db"_s, u"Use (or create) this database file."_s, u"path"_s);
    const QCommandLineOption tzOpt(u"tz"_s, u"Time zone of the day boundaries (default: system)."_s, u"id"_s);
    const QCommandLineOption runsOpt(u"runs"_s, u"Refreshes per case (default 5)."_s, u"r"_s);
    const QCommandLineOption rawRunsOpt(
        u"raw-runs"_s, u"Refreshes per case from the raw rows, for comparison (default 1)."_s, u"r"_s);
    const QCommandLineOption triggerOpt(u"trigger-cost"_s,
                                        u"Only measure what the rollup triggers cost the sync's writes "
                                        "(n orders per round, 4 rounds)."_s,
                                        u"n"_s);
    const QCommandLineOption quickOpt(u"quick"_s, u"10,000 orders, 2 runs: a smoke test."_s);
    const QCommandLineOption noMmapOpt(u"no-mmap"_s, u"Read without memory mapping."_s);
    const QCommandLineOption indexOpt(u"covering-line-items"_s,
                                      u"Add the index line_items(shop_id, create_time, product_id, currency, "
                                      "sale_price_minor, order_id) to see what it would give."_s);
    parser.addOptions(
        {ordersOpt, daysOpt, dbOpt, tzOpt, runsOpt, rawRunsOpt, triggerOpt, quickOpt, noMmapOpt, indexOpt});
    parser.process(app);

    const bool quick = parser.isSet(quickOpt);
    if (parser.isSet(triggerOpt))
        return measureTriggerCost(std::max<qint64>(100, parser.value(triggerOpt).toLongLong()), 4);
    bool ok = true;
    const qint64 orders = parser.isSet(ordersOpt) ? parser.value(ordersOpt).toLongLong(&ok)
                          : quick                 ? 10000
                                                  : 1000000;
    const int days = parser.isSet(daysOpt) ? parser.value(daysOpt).toInt() : 365;
    const int runs = parser.isSet(runsOpt) ? parser.value(runsOpt).toInt() : quick ? 2 : 5;
    const int rawRuns = parser.isSet(rawRunsOpt) ? parser.value(rawRunsOpt).toInt() : 1;
    const QTimeZone zone =
        parser.isSet(tzOpt) ? QTimeZone(parser.value(tzOpt).toLatin1()) : QTimeZone::systemTimeZone();
    if (!ok || orders <= 0 || days <= 0 || runs <= 0 || rawRuns < 0 || !zone.isValid()) {
        print(u"analyticsbench: bad option; see --help"_s);
        return 2;
    }

    QTemporaryDir tmp;
    const QString path = parser.isSet(dbOpt) ? parser.value(dbOpt) : tmp.filePath(u"bench.sqlite"_s);
    const bool reuse = QFileInfo::exists(path);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!reuse) {
        tts::Database::Error error;
        auto writer = tts::Database::open(path, tts::Database::ReadWrite, &error);
        if (!writer) {
            print(u"cannot create the database: "_s + error.message);
            return 1;
        }
        QElapsedTimer t;
        t.start();
        if (!generate(*writer, orders, days, now))
            return 1;
        print(u"generated %1 orders over %2 days in %3 s"_s.arg(orders).arg(days).arg(
            double(t.elapsed()) / 1000.0, 0, 'f', 1));
    } else {
        print(u"using the existing database "_s + path);
    }

    if (parser.isSet(indexOpt)) {
        tts::Database::Error error;
        auto writer = tts::Database::open(path, tts::Database::ReadWrite, &error);
        if (!writer || !exec(writer->connection(),
                             u"CREATE INDEX IF NOT EXISTS bench_line_items_cover ON line_items(shop_id, "
                             "create_time, product_id, currency, sale_price_minor, order_id)"_s))
            return 1;
        print(u"with the covering line_items index"_s);
    }

    // The refresh step of every dashboard refresh (dashboardloader.cpp). Its first run after the
    // orders were written (or after a v2 database was migrated) builds the rollups: a one-off.
    tts::Database::Error error;
    auto writer = tts::Database::open(path, tts::Database::ReadWrite, &error);
    if (!writer) {
        print(u"cannot open the database: "_s + error.message);
        return 1;
    }
    const tts::RollupRefresh build = tts::bringRollupsUpToDate(*writer, zone);
    if (!build.ok) {
        print(u"rollup build failed: "_s + build.error);
        return 1;
    }
    print(u"one-off rollup build: %1 ms (%2 shop-days in %3 transactions%4)"_s.arg(build.elapsedMs)
              .arg(build.days)
              .arg(build.transactions)
              .arg(build.rebuilt ? u", from scratch"_s : QString()));

    auto reader = tts::Database::open(path, tts::Database::ReadOnly, &error);
    if (!reader) {
        print(u"cannot open the database read-only: "_s + error.message);
        return 1;
    }
    if (!parser.isSet(noMmapOpt))
        tts::AnalyticsQueries::tuneConnection(reader->connection());
    tts::AnalyticsQueries queries(reader->connection());
    print(u"time zone %1, %2 runs per case (raw: %3), figures in ms (median, min, max)"_s
              .arg(QString::fromUtf8(zone.id()))
              .arg(runs)
              .arg(rawRuns));

    // One refresh as the dashboard does it: the refresh step, then every query.
    const auto refresh = [&](const tts::AnalyticsFilter& filter, QList<QPair<QString, double>>* steps,
                             tts::DashboardData* data) {
        QElapsedTimer t;
        t.start();
        const tts::RollupRefresh step = tts::bringRollupsUpToDate(*writer, zone);
        if (steps)
            steps->append({u"rollup refresh step"_s, double(t.nsecsElapsed()) / 1e6});
        *data = queries.dashboard(filter, 8, steps);
        if (!step.ok)
            print(u"rollup refresh failed: "_s + step.error);
        return double(t.nsecsElapsed()) / 1e6;
    };
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v.at(v.size() / 2);
    };

    const QDateTime nowTime = QDateTime::fromSecsSinceEpoch(now);
    for (const auto& [presetName, preset] : {std::pair{u"30 days"_s, tts::Preset::Last30Days},
                                             std::pair{u"12 months"_s, tts::Preset::Last12Months}}) {
        for (const QString& shop : {QString(), u"shop1"_s}) {
            const tts::DateRange range = tts::presetRange(preset, nowTime, zone);
            const tts::AnalyticsFilter filter{shop, range.from, range.to, zone,
                                              tts::defaultGranularity(preset)};
            QList<double> totals;
            QList<QPair<QString, double>> lastSteps;
            tts::DashboardData data;
            for (int run = 0; run < runs; ++run) {
                QList<QPair<QString, double>> steps;
                totals << refresh(filter, &steps, &data);
                lastSteps = steps;
            }
            if (!queries.lastError().isEmpty()) {
                print(u"query failed: "_s + queries.lastError());
                return 1;
            }
            // The same refresh from the raw rows (what it cost before the rollups), same run.
            QList<double> rawTotals;
            queries.setRollupsEnabled(false);
            for (int run = 0; run < rawRuns; ++run) {
                tts::DashboardData raw;
                rawTotals << refresh(filter, nullptr, &raw);
                if (!raw.sameFiguresAs(data)) {
                    print(u"MISMATCH: the rollups and the raw rows give different figures"_s);
                    return 1;
                }
            }
            queries.setRollupsEnabled(true);
            std::sort(totals.begin(), totals.end());
            qint64 inRange = 0;
            for (const tts::StatusCount& s : std::as_const(data.statuses))
                inRange += s.orders;
            print(u"\n%1, %2: %3 orders in range -> dashboard refresh %4 ms (min %5, max %6)"_s
                      .arg(presetName, shop.isEmpty() ? u"all shops"_s : shop)
                      .arg(inRange)
                      .arg(median(totals), 0, 'f', 1)
                      .arg(totals.first(), 0, 'f', 1)
                      .arg(totals.last(), 0, 'f', 1));
            if (!rawTotals.isEmpty()) {
                print(u"    from the raw rows: %1 ms = %2 x the rollups' time; same figures"_s
                          .arg(median(rawTotals), 0, 'f', 1)
                          .arg(median(rawTotals) / std::max(0.001, median(totals)), 0, 'f', 1));
            }
            for (const auto& [step, ms] : std::as_const(lastSteps))
                print(u"    %1: %2 ms"_s.arg(step, -30).arg(ms, 0, 'f', 1));
        }
    }

    // A sync changed 100 orders spread over the year: the next refresh recomputes their days only.
    if (!exec(
            writer->connection(),
            u"UPDATE orders SET status = 'CANCELLED', update_time = update_time + 1 "
            "WHERE rowid IN (SELECT rowid FROM orders WHERE rowid % (1 + (SELECT COUNT(*) FROM orders) / 100) = 7)"_s))
        return 1;
    const tts::DateRange year = tts::presetRange(tts::Preset::Last12Months, nowTime, zone);
    const tts::AnalyticsFilter yearFilter{QString(), year.from, year.to, zone, tts::Granularity::Month};
    QElapsedTimer t;
    t.start();
    const tts::RollupRefresh after = tts::bringRollupsUpToDate(*writer, zone);
    const double stepMs = double(t.nsecsElapsed()) / 1e6;
    tts::DashboardData data = queries.dashboard(yearFilter, 8);
    print(u"\nafter 100 orders changed: refresh step %1 ms (%2 shop-days recomputed), 12 months all shops "
          "%3 ms in all"_s.arg(stepMs, 0, 'f', 1)
              .arg(after.days)
              .arg(double(t.nsecsElapsed()) / 1e6, 0, 'f', 1));
    return queries.lastError().isEmpty() ? 0 : 1;
}
