// Refresh (incremental sync) against the emulator: it fetches only what changed, catches status
// changes of old orders, late (back-dated) updates, 1,000 orders sharing one update_time across
// page boundaries, a cut-off query, and product changes; the database stays equal to the emulator.
#include "dbcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"
#include "storage/syncstate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace tts::test;

namespace {

struct Fixture
{
    TempDir dir;
    std::unique_ptr<demo::Emulator> emulator;
    QString db;
    QString shopId;

    bool setUp(demo::EmulatorConfig config = {})
    {
        emulator = startEmulator(config);
        if (!emulator)
            return false;
        db = dir.databasePath();
        shopId = emulator->config().shops.first().id;
        if (!connectEmulator(*emulator, db).isEmpty())
            return false;
        return runSync(syncOptions(*emulator, db)).ok;
    }
};

// The stored update_time of each order id; with no ids, the highest under the key "".
// records_synced of the shop's products stream; -1 when it cannot be read.
qint64 productsRecordsSynced(const QString& databasePath, const QString& shopId)
{
    Database::Error error;
    const auto db = Database::open(databasePath, Database::ReadOnly, &error);
    StreamMetadata meta;
    if (!db || !SyncState(*db).readStream(shopId, streams::products(), &meta, &error) || !meta.exists)
        return -1;
    return meta.recordsSynced;
}

QHash<QString, qint64> storedUpdateTimes(const QString& databasePath, const QStringList& ids)
{
    QHash<QString, qint64> out;
    const QString name = QStringLiteral("stored-update-times");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery q(db);
            if (ids.isEmpty()) {
                if (q.exec(QStringLiteral("SELECT max(update_time) FROM orders")) && q.next())
                    out.insert(QString(), q.value(0).toLongLong());
            }
            for (const QString& id : ids) {
                q.prepare(QStringLiteral("SELECT update_time FROM orders WHERE id = ?"));
                q.addBindValue(id);
                if (q.exec() && q.next())
                    out.insert(id, q.value(0).toLongLong());
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace

class TestIncrementalSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fetchesOnlyTheChanges()
    {
        Fixture f;
        QVERIFY(f.setUp());
        f.emulator->clearRequests();
        // Nothing changed: one search (the overlap window only), which reads orders again that
        // are stored already: none of them counts as updated.
        const qint64 mark = storedUpdateTimes(f.db, {}).value(QString());
        int inOverlap = 0;
        for (const QJsonValue& v : f.emulator->allOrders(f.shopId))
            inOverlap += v.toObject().value(QStringLiteral("update_time")).toInteger() >= mark - 300;
        QVERIFY(inOverlap > 0);
        SyncRun run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.report.mode, SyncMode::Incremental);
        QCOMPARE(orderSearches(*f.emulator), quint64(1));
        QCOMPARE(run.report.ordersUpserted, 0);
        // 30 changed orders of any age: each counts once (an order changed within the second it
        // was stored in keeps its update_time and is not told apart; the count says so too).
        const QStringList changed = f.emulator->mutateRandomOrders(f.shopId, 30);
        QCOMPARE(changed.size(), 30);
        const QHash<QString, qint64> before = storedUpdateTimes(f.db, changed);
        qint64 newer = 0;
        for (const QString& id : changed)
            newer += f.emulator->order(f.shopId, id).value(QStringLiteral("update_time")).toInteger() >
                     before.value(id);
        QVERIFY(newer >= 29);
        f.emulator->clearRequests();
        run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(orderSearches(*f.emulator), quint64(1));
        QCOMPARE(run.report.ordersUpserted, newer);
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
    }

    void statusChangesOfOldOrders()
    {
        Fixture f;
        QVERIFY(f.setUp());
        // The oldest orders (created more than a year ago) get cancelled / delivered today.
        const QJsonArray all = f.emulator->allOrders(f.shopId);
        QStringList oldest;
        const qint64 yearAgo = f.emulator->now() - 365 * 86400;
        for (const QJsonValue& v : all) {
            if (v.toObject().value(QStringLiteral("create_time")).toInteger() < yearAgo)
                oldest.append(v.toObject().value(QStringLiteral("id")).toString());
        }
        QVERIFY(oldest.size() >= 3);
        f.emulator->setOrderStatus(f.shopId, oldest.at(0), QStringLiteral("CANCELLED"));
        f.emulator->setOrderStatus(f.shopId, oldest.at(1), QStringLiteral("DELIVERED"));
        f.emulator->setOrderStatus(f.shopId, oldest.at(2), QStringLiteral("COMPLETED"));
        const SyncRun run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
    }

    void lateUpdatesWithinTheOverlap()
    {
        Fixture f;
        QVERIFY(f.setUp());
        // A change becomes visible after the sync but carries an update_time up to 4 minutes old.
        for (int back : {60, 150, 240}) {
            const QStringList ids = f.emulator->mutateRandomOrders(f.shopId, 3, f.emulator->now() - back);
            QCOMPARE(ids.size(), 3);
        }
        const SyncRun run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
    }

    void thousandOrdersShareOneUpdateTime()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 1500;
        Fixture f;
        QVERIFY(f.setUp(config));
        const QJsonArray all = f.emulator->allOrders(f.shopId);
        QStringList ids;
        for (int i = 0; i < 1000; ++i)
            ids.append(all.at(i).toObject().value(QStringLiteral("id")).toString());
        const qint64 t = f.emulator->now() - 30;
        f.emulator->setOrderUpdateTime(f.shopId, ids, t);
        for (int i = 0; i < 20; ++i)
            f.emulator->setOrderStatus(f.shopId, ids.at(i * 50), QStringLiteral("IN_TRANSIT"), t);
        SyncOptions options = syncOptions(*f.emulator, f.db);
        options.pageSize = 100; // 10+ pages with the same update_time
        const SyncRun run = runSync(options);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QVERIFY(run.report.ordersUpserted >= 1000);
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
    }

    void cutOffQueryContinues()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 800;
        Fixture f;
        QVERIFY(f.setUp(config));
        demo::FaultConfig faults = f.emulator->faults();
        faults.resultCap = 60;
        f.emulator->setFaults(faults);
        // 200 changes at 200 different seconds; one query returns only 60 of them.
        const QStringList ids = f.emulator->mutateRandomOrders(f.shopId, 200);
        qint64 t = f.emulator->now() - 200;
        for (const QString& id : ids)
            f.emulator->setOrderUpdateTime(f.shopId, {id}, ++t);
        SyncOptions options = syncOptions(*f.emulator, f.db);
        options.pageSize = 20;
        f.emulator->clearRequests();
        const SyncRun run = runSync(options);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
        QVERIFY(orderSearches(*f.emulator) >= 10);
    }

    void productChanges()
    {
        Fixture f;
        QVERIFY(f.setUp());
        f.emulator->touchProducts(f.shopId, 5, f.emulator->now() - 1);
        SyncRun run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        // Exactly the changed products are counted (the overlap reads others again), in the report and
        // in the stream's records_synced.
        QCOMPARE(run.report.productsUpserted, 5);
        QCOMPARE(productsRecordsSynced(f.db, f.shopId), 5);
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
        // Nothing changed since: the overlap reads the same five again, and counts none of them.
        f.emulator->clearRequests();
        run = runSync(syncOptions(*f.emulator, f.db));
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QVERIFY(f.emulator->requestCount(QStringLiteral("/products/search")) >= 1);
        QCOMPARE(run.report.productsUpserted, 0);
        QCOMPARE(productsRecordsSynced(f.db, f.shopId), 0);
        TTS_VERIFY_DB_EQUALS_EMULATOR(f.db, *f.emulator);
    }
};

QTEST_GUILESS_MAIN(TestIncrementalSync)
#include "tst_incrementalsync.moc"
