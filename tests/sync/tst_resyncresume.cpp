// The full resync under change and interruption: data changed while it runs ends exact after the
// catch-up; a cancel keeps the committed pages and checkpoints, and the next sync (incremental or
// full) continues from them instead of starting over.
#include "dbcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"
#include "storage/statusquery.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace tts::test;

namespace {

demo::EmulatorConfig slowShop(qint64 orders)
{
    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    config.faults.latencyMs = 25; // long enough to act while the resync runs
    return config;
}

ShopStatus statusOf(const QString& path)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    if (!db)
        return {};
    const QList<ShopStatus> all = readSyncStatus(*db, &error);
    return all.isEmpty() ? ShopStatus{} : all.first();
}

} // namespace

class TestResyncResume : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dataChangingDuringTheResync()
    {
        TempDir dir;
        auto emulator = startEmulator(slowShop(2500));
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        const QString shopId = emulator->config().shops.first().id;
        SyncOptions options = syncOptions(*emulator, db, SyncMode::Full);
        options.pageSize = 50;
        int changes = 0;
        const SyncRun run = runSync(options, [&](SyncController&, const SyncProgress& p) {
            // Only early on: a change after the catch-up has read is for the next sync.
            if (p.ordersDone > 0 && p.ordersDone < 600 && changes < 5) {
                ++changes;
                emulator->mutateRandomOrders(shopId, 20); // old and new slices alike
                emulator->addOrders(shopId, 3);
                emulator->mutateRandomOrders(shopId, 2, emulator->now() - 200); // late updates
            }
        });
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QVERIFY(changes > 0);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
    }

    void cancelThenResume_data()
    {
        QTest::addColumn<SyncMode>("resumeMode");
        QTest::newRow("incremental") << SyncMode::Incremental;
        QTest::newRow("full") << SyncMode::Full;
    }
    void cancelThenResume()
    {
        QFETCH(SyncMode, resumeMode);
        TempDir dir;
        const qint64 orders = 3000;
        auto emulator = startEmulator(slowShop(orders));
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        SyncOptions options = syncOptions(*emulator, db);
        options.pageSize = 50;
        emulator->clearRequests();
        bool cancelled = false;
        SyncRun first = runSync(options, [&](SyncController& controller, const SyncProgress& p) {
            if (!cancelled && p.ordersDone >= orders / 3) {
                cancelled = true;
                controller.cancel();
            }
        });
        QVERIFY2(first.ok, qPrintable(first.error.message));
        QVERIFY(first.report.cancelled);
        const quint64 firstSearches = orderSearches(*emulator);
        ShopStatus status = statusOf(db);
        QVERIFY(status.ordersStream.fullResyncUnfinished);
        QVERIFY(status.orders >= orders / 3);
        QVERIFY(status.orders < orders);
        QCOMPARE(status.ordersStream.fullResyncDone, status.orders);
        QCOMPARE(status.ordersStream.fullResyncTotal, orders);

        emulator->clearRequests();
        options.mode = resumeMode;
        const SyncRun second = runSync(options);
        QVERIFY2(second.ok, qPrintable(second.error.message));
        QVERIFY(!second.report.cancelled);
        QCOMPARE(second.report.mode, SyncMode::Full);
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
        status = statusOf(db);
        QVERIFY(!status.ordersStream.fullResyncUnfinished);
        QVERIFY(status.ordersStream.isFullSync);
        // Not started over: both runs together fetch each page about once. The pages in flight
        // at the cancel (one per worker) and the catch-up are the only extra requests.
        const quint64 pages = (orders + 49) / 50;
        const quint64 total = firstSearches + orderSearches(*emulator);
        QVERIFY2(
            total <= pages + 3 + 8 + options.concurrency + 2,
            qPrintable(QStringLiteral("%1 + %2 searches").arg(firstSearches).arg(orderSearches(*emulator))));
        QVERIFY(second.report.ordersUpserted < orders);
    }

    void secondCancelAndThirdRun()
    {
        TempDir dir;
        auto emulator = startEmulator(slowShop(2000));
        QVERIFY(emulator);
        const QString db = dir.databasePath();
        QCOMPARE(connectEmulator(*emulator, db), QString());
        SyncOptions options = syncOptions(*emulator, db, SyncMode::Full);
        options.pageSize = 40;
        for (int round = 0; round < 3; ++round) {
            bool cancelled = false;
            const SyncRun run = runSync(options, [&](SyncController& controller, const SyncProgress& p) {
                if (!cancelled && p.ordersDone >= 400) {
                    cancelled = true;
                    controller.cancel();
                }
            });
            QVERIFY2(run.ok, qPrintable(run.error.message));
            if (!run.report.cancelled)
                break;
            emulator->mutateRandomOrders(emulator->config().shops.first().id, 10);
        }
        const SyncRun last = runSync(options);
        QVERIFY2(last.ok, qPrintable(last.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(db, *emulator);
    }
};

QTEST_GUILESS_MAIN(TestResyncResume)
#include "tst_resyncresume.moc"
