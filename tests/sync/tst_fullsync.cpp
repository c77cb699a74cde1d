// A first sync (automatically full) and `sync --full` against the emulator: the database equals the
// emulator exactly, with the expected number of API calls, slicing, result-cap splitting, several
// shops, and a WAL database.
#include "dbcompare.h"
#include "storetesthelpers.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"
#include "storage/statusquery.h"
#include "storage/unsyncedimport.h"

#include "sync/fullresync.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTest>

using namespace tts;
using namespace tts::test;
using namespace Qt::StringLiterals;

class TestFullSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void firstSyncIsFullAndExact()
    {
        TempDir dir;
        auto emulator = startEmulator();
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        emulator->clearRequests();
        const SyncRun run = runSync(syncOptions(*emulator, db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.mode, SyncMode::Full); // no metadata yet
        QVERIFY(!run.report.cancelled);
        const QString shopId = emulator->config().shops.first().id;
        const qint64 orders = emulator->orderCount(shopId);
        QCOMPARE(run.report.ordersUpserted >= orders, true);
        QCOMPARE(run.report.productsUpserted, qint64(emulator->allProducts(shopId).size()));
        QCOMPARE(run.report.apiCalls, qint64(emulator->requestCount()));
        QVERIFY(run.progressSignals > 0);
        QCOMPARE(run.lastProgress.mode, SyncMode::Full); // reported as what it is, not as asked
        QCOMPARE(run.lastProgress.ordersTotal >= orders, true);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        // 3 probes + the slices' pages (at most one partial page per slice) + the catch-up.
        const quint64 searches = orderSearches(*emulator);
        QVERIFY2(searches <= quint64((orders + 99) / 100 + 3 + 4 + 1), qPrintable(QString::number(searches)));

        Database::Error error;
        auto database = Database::open(db, Database::ReadOnly, &error);
        QVERIFY(database);
        QCOMPARE(database->journalMode(), QStringLiteral("wal"));
        const QList<ShopStatus> status = readSyncStatus(*database, &error);
        QCOMPARE(status.size(), 1);
        QCOMPARE(status.first().orders, orders);
        QVERIFY(status.first().ordersStream.isFullSync);
        QVERIFY(!status.first().ordersStream.fullResyncUnfinished);
        QVERIFY(status.first().ordersStream.lastRecordTime > 0);
        QVERIFY(status.first().productsStream.isFullSync);
        QSqlQuery q(database->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM resync_slices")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void explicitFullResyncStaysExact()
    {
        TempDir dir;
        auto emulator = startEmulator();
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        QVERIFY(runSync(syncOptions(*emulator, db)).ok);
        emulator->mutateRandomOrders(emulator->config().shops.first().id, 50);
        const SyncRun run = runSync(syncOptions(*emulator, db, SyncMode::Full));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.mode, SyncMode::Full);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
    }

    void resultCapSplitsSlices()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 1200;
        config.faults.resultCap = 70; // every query stops after 70 orders, total_count says more
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        SyncOptions options = syncOptions(*emulator, db);
        options.pageSize = 50;
        const SyncRun run = runSync(options);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        // Continuations re-read only the orders of one second each: far fewer than starting over.
        QVERIFY2(orderSearches(*emulator) < 1200 / 50 * 3,
                 qPrintable(QString::number(orderSearches(*emulator))));
    }

    // Two slices of ten pages each: once both are under way, part of the window of four would idle
    // for the rest of the resync; the rest of a slice is split instead, and the data stays exact.
    void tailIsSplitToFillTheWindow()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 400;
        config.faults.latencyMs = 20; // the window holds four requests: 1.5 x 1000/s x 20 ms and more
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        emulator->clearRequests();
        SyncOptions options = syncOptions(*emulator, db);
        options.pageSize = 20;
        options.concurrency = 4;
        const SyncRun run = runSync(options);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        QSet<qint64> starts; // the first page of each slice
        for (const demo::RequestRecord& r : emulator->requests()) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (r.path.endsWith(QLatin1String("/orders/search")) && body.contains(u"create_time_lt"_s) &&
                r.query.queryItemValue(QStringLiteral("page_token")).isEmpty())
                starts.insert(body.value(u"create_time_ge"_s).toInteger());
        }
        const QList<ResyncSlice> planned = FullResync::planSlices(0, 1000, 400, 4);
        QVERIFY2(starts.size() > planned.size(), qPrintable(QString::number(starts.size())));
        // Each split costs at most a partial page and the orders of one second again.
        const quint64 searches = orderSearches(*emulator);
        QVERIFY2(searches <= quint64(400 / 20 + 3 + 2 * starts.size() + 1),
                 qPrintable(QString::number(searches)));
    }

    // The secondary indexes are dropped during a first resync only when the request budget lets
    // pages arrive fast; within a small budget they are kept up to date and nothing is left to build
    // at the end. Either way they are all there afterwards.
    void indexesAreDeferredOnlyForALargeBudget_data()
    {
        QTest::addColumn<double>("requestsPerSecond");
        QTest::addColumn<bool>("deferred");
        QTest::newRow("20 req/s") << 20.0 << false;
        QTest::newRow("1000 req/s") << 1000.0 << true;
    }
    void indexesAreDeferredOnlyForALargeBudget()
    {
        QFETCH(double, requestsPerSecond);
        QFETCH(bool, deferred);
        demo::EmulatorConfig config;
        config.shops.first().orders = 300;
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        const auto indexCount = [&db] {
            Database::Error error;
            auto c = Database::open(db, Database::ReadOnly, &error, Database::Role::Auxiliary);
            QSqlQuery q(c ? c->connection() : QSqlDatabase());
            return c &&
                           q.exec(
                               QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                              "sql IS NOT NULL AND tbl_name IN ('orders', 'line_items')")) &&
                           q.next()
                       ? q.value(0).toInt()
                       : -1;
        };
        const int all = indexCount();
        QVERIFY(all >= 8);
        SyncOptions options = syncOptions(*emulator, db);
        options.requestsPerSecond = requestsPerSecond;
        int during = -1;
        UnsyncedImport::Marker markerDuring = UnsyncedImport::Marker::None;
        const SyncRun run = runSync(options, [&](SyncController&, const SyncProgress& p) {
            if (during < 0 && p.ordersDone > 0) {
                during = indexCount();
                markerDuring = UnsyncedImport::marker(db);
            }
        });
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(during, deferred ? 0 : all);
        QCOMPARE(indexCount(), all);
        // Into the empty tables of a first import, and only then, the writes do not wait for the disk
        // until its end: meanwhile the marker with this boot's id says so (where the system has a boot
        // id); once the import is flushed, it is gone.
        const bool unsynced = deferred && !QSysInfo::bootUniqueId().isEmpty();
        QCOMPARE(markerDuring, unsynced ? UnsyncedImport::Marker::ThisBoot : UnsyncedImport::Marker::None);
        QCOMPARE(UnsyncedImport::marker(db), UnsyncedImport::Marker::None);
        QVERIFY(!QFileInfo::exists(UnsyncedImport::markerPath(db) + u".new"_s));
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
    }

    // Within a large request budget (and more than one request allowed in flight) the next page of a
    // slice is asked for as soon as the page is handed to the writer, up to kMaxPagesWriting pages
    // waiting for it and requests out together; within a small one, only once the page is
    // committed. A second connection holds the write lock for a second in the
    // middle of the resync: pages then pile up at the writer, or not.
    void pagesAreHandedOverOnlyForALargeBudget_data()
    {
        QTest::addColumn<double>("requestsPerSecond");
        QTest::addColumn<bool>("handedOver");
        QTest::addColumn<int>("orders");
        QTest::addColumn<int>("concurrency");
        // One request at a time within the small budget, whatever the machine's round trips.
        QTest::newRow("20 req/s") << 20.0 << false << 200 << 1;
        QTest::newRow("1000 req/s") << 1000.0 << true << 4000 << 4;
        // One request at a time: a kill re-fetches at most one page, whatever the budget.
        QTest::newRow("1000 req/s, one at a time") << 1000.0 << false << 4000 << 1;
    }
    void pagesAreHandedOverOnlyForALargeBudget()
    {
        QFETCH(double, requestsPerSecond);
        QFETCH(bool, handedOver);
        QFETCH(int, orders);
        QFETCH(int, concurrency);
        constexpr int kPageSize = 10;
        demo::EmulatorConfig config;
        config.shops.first().orders = orders;
        config.shops.first().products = 0;
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        Database::Error error;
        auto blocker = Database::open(db, Database::ReadWrite, &error, Database::Role::Auxiliary);
        QVERIFY2(blocker, qPrintable(error.message));
        const auto slicePages = [&emulator] { // the probes ask for one order each
            qint64 n = 0;
            for (const demo::RequestRecord& r : emulator->requests())
                n += r.path.endsWith("/orders/search"_L1) && r.httpStatus == 200 &&
                     r.query.queryItemValue(u"page_size"_s) == QString::number(kPageSize);
            return n;
        };
        SyncOptions options = syncOptions(*emulator, db);
        options.requestsPerSecond = requestsPerSecond;
        options.pageSize = kPageSize;
        options.concurrency = concurrency;
        QVERIFY(handedOver ==
                (requestsPerSecond * kPageSize >= FullResync::kBulkOrdersPerSecond && concurrency > 1));
        bool blocked = false; // once; the wait below lets further progress signals in
        qint64 uncommitted = -1;
        const SyncRun run = runSync(options, [&](SyncController&, const SyncProgress& p) {
            if (blocked || p.ordersDone == 0)
                return;
            blocked = true;
            QVERIFY(blocker->beginImmediate(&error));
            QTest::qWait(1000); // well within the writer's busy timeout
            // Pages the emulator answered whose orders are not stored (a page holds kPageSize but
            // the last of a slice).
            const qint64 stored = scalar(*blocker, u"SELECT count(*) FROM orders"_s);
            uncommitted = slicePages() - stored / kPageSize;
            qInfo("%lld pages answered, %lld orders stored", slicePages(), stored);
            QVERIFY(blocker->commit(&error));
        });
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        QVERIFY(uncommitted >= 0);
        qInfo("pages answered and not committed while the writer waited: %lld", uncommitted);
        if (handedOver) {
            QVERIFY2(uncommitted > options.concurrency + 4, qPrintable(QString::number(uncommitted)));
            QVERIFY2(uncommitted <= FullResync::kMaxPagesWriting, qPrintable(QString::number(uncommitted)));
        } else {
            QVERIFY2(uncommitted <= 1, qPrintable(QString::number(uncommitted)));
        }
    }

    void severalShopsAndOneShop()
    {
        demo::EmulatorConfig config;
        demo::ShopSpec second;
        second.id = QStringLiteral("7495000000000000002");
        second.cipher = QStringLiteral("ROW_secondShop+/2");
        second.code = QStringLiteral("DEMOUS02");
        second.name = QStringLiteral("Second shop");
        second.orders = 300;
        second.products = 10;
        config.shops.append(second);
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        // Only the second shop.
        SyncOptions options = syncOptions(*emulator, db);
        options.shopId = second.id;
        SyncRun run = runSync(options);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.shopIds, QStringList{second.id});
        QCOMPARE(compareOrders(db, *emulator, second.id), QStringList());
        QVERIFY(!compareOrders(db, *emulator, config.shops.first().id).isEmpty());
        // Then all of them: the first shop gets its full sync, the second an incremental one.
        emulator->mutateRandomOrders(second.id, 5);
        emulator->mutateRandomOrders(config.shops.first().id, 5);
        run = runSync(syncOptions(*emulator, db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.shopIds.size(), 2);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        // An unknown shop is a usage error.
        options.shopId = QStringLiteral("nope");
        run = runSync(options);
        QVERIFY(run.ended && !run.ok);
        QCOMPARE(run.error.exitCode(), 2);
    }

    void emptyShop()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 0;
        config.shops.first().products = 0;
        TempDir dir;
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        SyncRun run = runSync(syncOptions(*emulator, db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        const QString shopId = config.shops.first().id;
        emulator->addOrders(shopId, 7);
        run = runSync(syncOptions(*emulator, db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.mode, SyncMode::Incremental);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
    }
};

QTEST_GUILESS_MAIN(TestFullSync)
#include "tst_fullsync.moc"
