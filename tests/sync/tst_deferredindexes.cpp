// DeferredIndexes: the secondary indexes of orders and line_items (and the rollups' per-row
// triggers) are dropped only while both tables are empty, whatever indexes the migrations created
// (a later migration's too), recorded in the same transaction, and built again by restore() or by
// any read-write open after a crash; the line items of stored orders are still replaced and the
// rollups' dirty hours still noted while they are dropped.
#include "storetesthelpers.h"

#include "storage/database.h"
#include "storage/deferredindexes.h"
#include "storage/orderstore.h"
#include "storage/sqlfaultinjector.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tts;
using tts::test::scalar;

namespace {

QStringList indexNames(Database& db)
{
    QSqlQuery q(db.connection());
    q.exec(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name "
                       "IN ('orders', 'line_items') ORDER BY name"));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

QStringList triggerNames(Database& db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

// The rollups' per-row triggers, which are deferred with the indexes.
QStringList perRowTriggers()
{
    return {QStringLiteral("orders_rollup_insert"), QStringLiteral("orders_rollup_update")};
}

// Drops the indexes of an empty database, then writes an order as a writer that notes no dirty hours
// itself would (an older build after a crash, other SQL). Empty on success, else what failed.
QString deferThenWriteUnnoted(Database& db)
{
    Database::Error error;
    bool deferred = false;
    if (!DeferredIndexes::deferIfEmpty(db, &deferred, &error))
        return error.message;
    if (!deferred)
        return QStringLiteral("nothing was deferred");
    if (!db.exec(QStringLiteral("INSERT INTO orders(id, shop_id, status, create_time, update_time) "
                                "VALUES ('x', 'shop', 'UNPAID', 36000, 36000)"),
                 &error))
        return error.message;
    return {};
}

} // namespace

class TestDeferredIndexes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dropsOnlyWhileEmptyAndRestores()
    {
        QTemporaryDir dir;
        Database::Error error;
        auto db = Database::open(dir.filePath(QStringLiteral("a.sqlite")), Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        // An index of some later migration is handled like the others.
        QVERIFY(db->exec(QStringLiteral("CREATE INDEX orders_later ON orders(status, update_time)"), &error));
        // And one whose quoted name reads like the statement's own words.
        QVERIFY(db->exec(QStringLiteral("CREATE INDEX \"if not exists \"\"trigger\"\"\" ON orders(currency)"),
                         &error));
        const QStringList before = indexNames(*db);
        QVERIFY(before.contains(QStringLiteral("orders_later")));
        QVERIFY(before.contains(QStringLiteral("if not exists \"trigger\"")));
        QVERIFY(before.size() >= 5);

        const QStringList triggersBefore = triggerNames(*db);
        const QStringList perRow = perRowTriggers();
        for (const QString& name : perRow)
            QVERIFY(triggersBefore.contains(name));

        bool deferred = false;
        QVERIFY2(DeferredIndexes::deferIfEmpty(*db, &deferred, &error), qPrintable(error.message));
        QVERIFY(deferred);
        QCOMPARE(indexNames(*db), QStringList());
        // The per-row triggers of the rollups go too; the others stay.
        QStringList triggersLeft = triggersBefore;
        for (const QString& name : perRow)
            triggersLeft.removeOne(name);
        QCOMPARE(triggerNames(*db), triggersLeft);
        QVERIFY(triggersLeft.contains(QStringLiteral("orders_rollup_delete")));
        QCOMPARE(DeferredIndexes::pending(*db, &error), before + perRow);

        // Stored orders keep their line items replaced, not duplicated, without the index.
        OrderStore store(*db);
        QList<Order> page{test::makeOrder(QStringLiteral("1"), 100, 100, 3),
                          test::makeOrder(QStringLiteral("2"), 100, 100, 2)};
        QVERIFY2(store.upsertOrderPage(QStringLiteral("shop"), page, {}, &error), qPrintable(error.message));
        page[0] = test::makeOrder(QStringLiteral("1"), 100, 200, 1);
        QVERIFY2(store.upsertOrderPage(QStringLiteral("shop"), page, {}, &error), qPrintable(error.message));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id = '1'")), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM line_items")), 3);
        // Their rollup hours are dirty all the same (the store notes them).
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM rollup_dirty WHERE shop_id = 'shop'")), 1);

        QVERIFY2(DeferredIndexes::restore(*db, &error), qPrintable(error.message));
        QCOMPARE(indexNames(*db), before);
        QCOMPARE(triggerNames(*db), triggersBefore);
        QCOMPARE(DeferredIndexes::pending(*db, &error), QStringList());
        // The triggers work again: an order written by any other SQL marks its hour.
        QVERIFY(db->exec(QStringLiteral("INSERT INTO orders(id, shop_id, status, create_time, update_time) "
                                        "VALUES ('x', 'other', 'UNPAID', 7200, 7200)"),
                         &error));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT hour FROM rollup_dirty WHERE shop_id = 'other'")), 2);
        QVERIFY(db->exec(QStringLiteral("DELETE FROM orders WHERE id = 'x'"), &error));

        // Not empty any more: nothing is dropped.
        QVERIFY(DeferredIndexes::deferIfEmpty(*db, &deferred, &error));
        QVERIFY(!deferred);
        QCOMPARE(indexNames(*db), before);
    }

    void anyOpenRestoresAfterACrash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("b.sqlite"));
        Database::Error error;
        QStringList before;
        QStringList triggersBefore;
        {
            auto db = Database::open(path, Database::ReadWrite, &error);
            QVERIFY2(db, qPrintable(error.message));
            before = indexNames(*db);
            triggersBefore = triggerNames(*db);
            const QString failed = deferThenWriteUnnoted(*db);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
            QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM rollup_dirty")), 0);
            // Gone without restore(), as if killed in the middle of the resync.
        }
        auto db = Database::open(path, Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(indexNames(*db), before);
        QCOMPARE(triggerNames(*db), triggersBefore);
        QCOMPARE(DeferredIndexes::pending(*db, &error), QStringList());
        // Its order's hour is read raw until the rollups are computed again.
        QCOMPARE(scalar(*db, QStringLiteral("SELECT hour FROM rollup_dirty WHERE shop_id = 'shop'")), 10);
    }

    // Each index is built and forgotten in a transaction of its own, the triggers with the dirty hours
    // they missed in the last one: a restore that fails at any statement keeps the indexes it built,
    // still records the others, and the next one completes.
    void aFailedRestoreKeepsWhatItBuilt()
    {
        QTemporaryDir dir;
        bool sawSomeBuilt = false; // a failure after some indexes and before others
        for (long failing = 1;; ++failing) {
            Database::Error error;
            auto db = Database::open(dir.filePath(QStringLiteral("f%1.sqlite").arg(failing)),
                                     Database::ReadWrite, &error);
            QVERIFY2(db, qPrintable(error.message));
            const QStringList before = indexNames(*db);
            const QStringList triggersBefore = triggerNames(*db);
            const QString failed = deferThenWriteUnnoted(*db);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));

            SqlFaultInjector::failAtStatement(failing);
            const bool restored = DeferredIndexes::restore(*db, &error);
            const bool fired = SqlFaultInjector::fired();
            SqlFaultInjector::disarm();
            QCOMPARE(restored, !fired);

            const QStringList pending = DeferredIndexes::pending(*db, &error);
            const QStringList perRow = perRowTriggers();
            QStringList pendingIndexes = pending;
            for (const QString& name : perRow)
                pendingIndexes.removeOne(name);
            const QStringList built = indexNames(*db);
            for (const QString& name : std::as_const(pendingIndexes))
                QVERIFY2(!built.contains(name), qPrintable(name));
            QStringList all = built + pendingIndexes;
            all.sort();
            QStringList expected = before;
            expected.sort();
            QCOMPARE(all, expected);
            const bool triggersBack = !pending.contains(perRow.first()) && !pending.contains(perRow.last());
            QCOMPARE(triggerNames(*db) == triggersBefore, triggersBack);
            // The hours of the order written meanwhile are dirty exactly when the triggers are back.
            QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM rollup_dirty")),
                     qint64(triggersBack ? 1 : 0));
            QSqlQuery check(db->connection());
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            if (!fired) {
                QVERIFY(failing > before.size()); // every index had its turn to fail
                QVERIFY(sawSomeBuilt);
                break;
            }
            sawSomeBuilt =
                sawSomeBuilt || (!pendingIndexes.isEmpty() && pendingIndexes.size() < before.size());

            QVERIFY2(DeferredIndexes::restore(*db, &error), qPrintable(error.message));
            QCOMPARE(indexNames(*db), before);
            QCOMPARE(triggerNames(*db), triggersBefore);
            QCOMPARE(DeferredIndexes::pending(*db, &error), QStringList());
            QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM rollup_dirty")), 1);
        }
    }

    // The resync's own restore: only OrderStore wrote, and it noted its hours; no order is read again.
    void restoreAfterOrderStoreOnlyTrustsItsHours()
    {
        QTemporaryDir dir;
        Database::Error error;
        auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")), Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        const QStringList before = indexNames(*db);
        bool deferred = false;
        QVERIFY(DeferredIndexes::deferIfEmpty(*db, &deferred, &error));
        QVERIFY(deferred);
        OrderStore store(*db);
        QVERIFY2(store.upsertOrderPage(QStringLiteral("shop"),
                                       {test::makeOrder(QStringLiteral("1"), 3600, 3600, 1)}, {}, &error),
                 qPrintable(error.message));
        // An order nobody noted (other SQL, which a resync rules out) stays unnoted: no order is read.
        QVERIFY(db->exec(QStringLiteral("INSERT INTO orders(id, shop_id, status, create_time, update_time) "
                                        "VALUES ('summed', 'shop', 'UNPAID', 36000, 36000)"),
                         &error));
        QVERIFY2(DeferredIndexes::restore(*db, &error, DeferredIndexes::Writers::OrderStoreOnly),
                 qPrintable(error.message));
        QCOMPARE(indexNames(*db), before);
        QCOMPARE(DeferredIndexes::pending(*db, &error), QStringList());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM rollup_dirty")), 1);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT hour FROM rollup_dirty")), 1);
    }
};

QTEST_GUILESS_MAIN(TestDeferredIndexes)
#include "tst_deferredindexes.moc"
