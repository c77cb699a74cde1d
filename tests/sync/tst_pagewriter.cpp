// PageWriter: pages commit in the order they were written, each with its cursor; pages that wait
// while the writer is busy share a transaction (at most kMaxPagesPerCommit), and when that
// transaction fails every page in it, and every page written after it, fails and none of their rows
// stay.
#include "storetesthelpers.h"

#include "storage/database.h"
#include "sync/pagewriter.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tts;
using tts::test::scalar;

namespace {

struct Outcome
{
    int page = -1;
    bool ok = false;
};

QList<Order> pageOf(int page, int orders)
{
    QList<Order> out;
    for (int i = 0; i < orders; ++i)
        out << test::makeOrder(QStringLiteral("%1").arg(1000 * (page + 1) + i), 1700000000 + page,
                               1700000000 + page, 2);
    return out;
}

// A writer on a fresh database whose write lock another connection (`blocker`) holds.
struct Blocked
{
    QTemporaryDir dir;
    Database::Error error;
    std::unique_ptr<Database> blocker;
    PageWriter writer;

    bool open()
    {
        const QString path = dir.filePath(QStringLiteral("w.sqlite"));
        blocker = Database::open(path, Database::ReadWrite, &error);
        return blocker && writer.open(path, &error) && blocker->beginImmediate(&error);
    }
};

} // namespace

class TestPageWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Another connection holds the write lock while twenty pages arrive: they wait, then commit
    // in order, in a few transactions instead of twenty.
    void pagesThatWaitCommitTogether()
    {
        Blocked b;
        QVERIFY2(b.open(), qPrintable(b.error.message));
        Database::Error& error = b.error;
        PageWriter& writer = b.writer;
        auto& blocker = b.blocker;
        constexpr int kPages = 20;
        QList<Outcome> outcomes;
        for (int p = 0; p < kPages; ++p) {
            CursorUpdate cursor;
            cursor.highWaterMark = 1700000000 + p;
            writer.write(QStringLiteral("shop"), OrderRows(pageOf(p, 5)), cursor,
                         [&outcomes, p](bool ok, const Database::Error&) {
                             outcomes.append({p, ok});
                         });
        }
        QTest::qWait(50); // the writer is waiting for the lock
        QCOMPARE(outcomes.size(), 0);
        QVERIFY(blocker->commit(&error));
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), kPages, 20000);
        for (int p = 0; p < kPages; ++p) {
            QCOMPARE(outcomes.at(p).page, p);
            QVERIFY(outcomes.at(p).ok);
        }
        // The first page may have been taken alone before the lock stopped it; the rest in batches.
        const qint64 batches =
            (kPages - 1 + PageWriter::kMaxPagesPerCommit - 1) / PageWriter::kMaxPagesPerCommit;
        QVERIFY2(writer.transactions() <= batches + 1 && writer.transactions() < kPages / 2,
                 qPrintable(QString::number(writer.transactions())));
        writer.close();
        QCOMPARE(scalar(*blocker, QStringLiteral("SELECT count(*) FROM orders")), kPages * 5);
        QCOMPARE(scalar(*blocker, QStringLiteral("SELECT count(*) FROM line_items")), kPages * 5 * 2);
        QCOMPARE(scalar(*blocker, QStringLiteral("SELECT last_record_time FROM sync_metadata WHERE shop_id = "
                                                 "'shop' AND sync_type = 'orders'")),
                 1700000000 + kPages - 1);
    }

    // A page that cannot be stored fails its transaction: the pages sharing it fail with it and
    // leave nothing behind; a page committed before stays.
    void aFailedTransactionFailsEveryPageInIt()
    {
        Blocked b;
        QVERIFY2(b.open(), qPrintable(b.error.message));
        Database::Error& error = b.error;
        PageWriter& writer = b.writer;
        auto& blocker = b.blocker;
        QList<Outcome> outcomes;
        const auto record = [&outcomes](int p) {
            return [&outcomes, p](bool ok, const Database::Error&) {
                outcomes.append({p, ok});
            };
        };
        writer.write(QStringLiteral("shop"), OrderRows(pageOf(0, 3)), {}, record(0));
        // The writer takes page 0 and waits for the lock; pages 1 and 2 then wait together (without
        // the pause the writer could take 0 and 1 together and 2 alone).
        QTest::qWait(300);
        // No shop: orders.shop_id is NOT NULL.
        writer.write(QString(), OrderRows(pageOf(1, 3)), {}, record(1));
        writer.write(QStringLiteral("shop"), OrderRows(pageOf(2, 3)), {}, record(2));
        QVERIFY(blocker->commit(&error));
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 3, 20000);
        QVERIFY(!outcomes.at(1).ok);
        QVERIFY(!outcomes.at(2).ok); // waited with page 1
        writer.close();
        QCOMPARE(scalar(*blocker, QStringLiteral("SELECT count(*) FROM orders")), outcomes.at(0).ok ? 3 : 0);
        QCOMPARE(scalar(*blocker, QStringLiteral("SELECT count(*) FROM orders WHERE id >= '2000'")), 0);
    }

    // A page written after a failed transaction fails too, without being written: with the next page
    // of a slice asked for before its page is committed, the later page's checkpoint would otherwise
    // skip the failed page's orders. A writer opened again writes again.
    void pagesAfterAFailureFailUnwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sqlite"));
        Database::Error error;
        auto reader = Database::open(path, Database::ReadWrite, &error);
        QVERIFY2(reader, qPrintable(error.message));
        PageWriter writer;
        QVERIFY2(writer.open(path, &error), qPrintable(error.message));
        QList<Outcome> outcomes;
        const auto record = [&outcomes](int p) {
            return [&outcomes, p](bool ok, const Database::Error&) {
                outcomes.append({p, ok});
            };
        };
        writer.write(QString(), OrderRows(pageOf(0, 3)), {}, record(0)); // no shop: NOT NULL fails
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 20000);
        QVERIFY(!outcomes.at(0).ok);
        const qint64 tried = writer.transactions();
        CursorUpdate cursor;
        cursor.highWaterMark = 1700000001;
        writer.write(QStringLiteral("shop"), OrderRows(pageOf(1, 3)), cursor, record(1));
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, 20000);
        QVERIFY(!outcomes.at(1).ok);
        QCOMPARE(writer.transactions(), tried); // not even tried
        writer.close();
        QCOMPARE(scalar(*reader, QStringLiteral("SELECT count(*) FROM orders")), 0);
        QCOMPARE(scalar(*reader, QStringLiteral("SELECT count(*) FROM sync_metadata")), 0);

        QVERIFY2(writer.open(path, &error), qPrintable(error.message));
        writer.write(QStringLiteral("shop"), OrderRows(pageOf(2, 3)), cursor, record(2));
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 3, 20000);
        QVERIFY(outcomes.at(2).ok);
        writer.close();
        QCOMPARE(scalar(*reader, QStringLiteral("SELECT count(*) FROM orders")), 3);
    }
};

QTEST_GUILESS_MAIN(TestPageWriter)
#include "tst_pagewriter.moc"
