// What PRAGMA quick_check costs at open: fills a database with N orders (3 line items each, as the
// sync writes them), then times a plain read-only open, the quick_check alone, and the sync's
// read-write open (which runs it). Prints figures, asserts nothing.
//   build/tests/hardening/bench_quickcheck 300000 1000000
#include "storetesthelpers.h"

#include "storage/database.h"
#include "storage/databaserecovery.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

using namespace tts;

namespace {

bool fill(const QString& path, qint64 total)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadWrite, &error);
    if (!db) {
        QTextStream(stderr) << error.message << '\n';
        return false;
    }
    OrderStore store(*db);
    QList<Order> page;
    for (int i = 0; i < 100; ++i)
        page.append(test::makeOrder(QString(), 0, 0));
    for (qint64 written = 0, p = 0; written < total; ++p) {
        test::renumberPage(&page, written);
        CursorUpdate cursor;
        cursor.highWaterMark = 1700000000 + p;
        if (!store.upsertOrderPage(QStringLiteral("shop"), page, cursor, &error)) {
            QTextStream(stderr) << error.message << '\n';
            return false;
        }
        written += page.size();
    }
    return true;
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QList<qint64> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toLongLong();
    if (sizes.isEmpty())
        sizes = {300000, 1000000};
    QTextStream out(stdout);
    for (const qint64 n : std::as_const(sizes)) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
        if (!fill(path, n))
            return 1;
        QElapsedTimer t;
        t.start();
        Database::Error error;
        {
            auto ro = Database::open(path, Database::ReadOnly, &error);
        }
        const double readOnlyMs = msSince(t);
        t.start();
        const IntegrityResult check = checkIntegrity(path); // warm cache: as right after a sync
        const double checkMs = msSince(t);
        t.start();
        {
            auto rw = Database::open(path, Database::ReadWrite, &error);
        }
        const double readWriteMs = msSince(t);
        out << n << " orders, " << QFileInfo(path).size() / (1024 * 1024) << " MB: read-only open "
            << readOnlyMs << " ms; quick_check " << checkMs << " ms ("
            << (check.isCorrupt() ? "CORRUPT" : "ok") << "); read-write open with quick_check " << readWriteMs
            << " ms = " << readWriteMs / std::max(0.001, readOnlyMs) << " x the read-only open\n";
        writeIntegrityStamp(path); // as a clean sync leaves it
        t.start();
        {
            auto stamped = Database::open(path, Database::ReadWrite, &error);
        }
        const double stampedMs = msSince(t);
        out << "  read-write open after a clean sync (stamp matches, no check): " << stampedMs
            << " ms; checking costs " << readWriteMs / std::max(0.001, stampedMs) << " x that\n";
        out.flush();
    }
    return 0;
}
