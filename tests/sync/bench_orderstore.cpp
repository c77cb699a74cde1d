// Prints how fast OrderStore writes pages of 100 orders (3 line items each). Asserts nothing.
#include "storetesthelpers.h"

#include "storage/database.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

using namespace tts;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 total = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 100000;
    QTemporaryDir dir;
    Database::Error error;
    auto db = Database::open(dir.filePath(QStringLiteral("bench.sqlite")), Database::ReadWrite, &error);
    if (!db) {
        QTextStream(stderr) << error.message << '\n';
        return 1;
    }
    OrderStore store(*db);
    QList<QList<Order>> pages;
    for (qint64 p = 0; p < 10; ++p) {
        QList<Order> page;
        for (int i = 0; i < 100; ++i)
            page.append(test::makeOrder(QString(), 1700000000 + i, 1700000000 + i));
        pages.append(page);
    }
    QElapsedTimer timer;
    timer.start();
    qint64 written = 0;
    for (qint64 p = 0; written < total; ++p) {
        QList<Order>& page = pages[p % pages.size()];
        test::renumberPage(&page, written); // a slice: ascending create times
        CursorUpdate cursor;
        cursor.highWaterMark = 1700000000 + p;
        if (!store.upsertOrderPage(QStringLiteral("shop"), page, cursor, &error)) {
            QTextStream(stderr) << error.message << '\n';
            return 1;
        }
        written += page.size();
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    QTextStream(stdout) << "OrderStore: " << written << " orders (3 line items each) in " << seconds
                        << " s = " << qint64(double(written) / seconds) << " orders/s\n";
    return 0;
}
