// writebench: the order store alone. Fetches N orders from an in-process emulator into memory
// first, then writes them page by page into a new database the way a full resync into empty
// tables does (secondary indexes deferred, one transaction per page), then builds the indexes
// again. Prints CPU and wall time of each phase of this one thread; asserts nothing.
//
//   writebench [--orders 100000] [--runs 3]

#include "api/apiclient.h"
#include "emulator.h"
#include "storage/database.h"
#include "storage/deferredindexes.h"
#include "storage/orderrows.h"
#include "storage/orderstore.h"
#include "testsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace tts;

namespace {

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "writebench: %s\n", qPrintable(message));
    std::exit(1);
}

// Every page of the shop, oldest first, through the API client.
QList<QList<Order>> fetchAll(demo::Emulator& emulator, const demo::EmulatorConfig& config)
{
    QNetworkAccessManager nam;
    ApiConfig api = test::apiConfigFor(emulator);
    api.requestsPerSecond = 0;
    ApiClient client(&nam, api);
    client.setTokens(test::issueTokenSet(emulator));

    QList<QList<Order>> pages;
    OrderQuery query;
    query.shopCipher = config.shops.first().cipher;
    query.createTimeGe = 0;
    query.pageSize = 100;
    QEventLoop loop;
    QString failure;
    std::function<void()> next = [&] {
        client.searchOrders(query, [&](ApiResult<OrderPage> result) {
            if (!result.ok()) {
                failure = result.error.toString();
                loop.quit();
                return;
            }
            pages.append(std::move(result.value.orders));
            query.pageToken = result.value.nextPageToken;
            if (query.pageToken.isEmpty())
                loop.quit();
            else
                next();
        });
    };
    next();
    loop.exec();
    if (!failure.isEmpty())
        die(QStringLiteral("fetching failed: ") + failure);
    return pages;
}

void writeOnce(const QList<QList<Order>>& pages, const QString& shopId, qint64 orders)
{
    QTemporaryDir dir;
    Database::Error error;
    auto db = Database::open(dir.filePath(QStringLiteral("write.sqlite")), Database::ReadWrite, &error);
    if (!db)
        die(error.message);
    bool deferred = false;
    if (!DeferredIndexes::deferIfEmpty(*db, &deferred, &error) || !deferred)
        die(QStringLiteral("the indexes were not deferred: ") + error.message);
    // As the resync's page writer: its cache size, no foreign key check per line item.
    if (!db->exec(QStringLiteral("PRAGMA cache_size=-16384"), &error) ||
        !db->exec(QStringLiteral("PRAGMA foreign_keys=OFF"), &error))
        die(error.message);

    // The encoding the page writer's caller does, timed alone (its result is thrown away).
    double cpu = threadCpuSeconds();
    for (const QList<Order>& page : pages)
        OrderRows rows(page);
    const double encodeCpu = threadCpuSeconds() - cpu;

    OrderStore store(*db);
    QElapsedTimer wall;
    wall.start();
    cpu = threadCpuSeconds();
    for (const QList<Order>& page : pages) {
        CursorUpdate cursor;
        cursor.resyncOrdersDone = page.size();
        if (!store.upsertOrderPage(shopId, page, cursor, &error))
            die(error.message);
    }
    const double writeCpu = threadCpuSeconds() - cpu;
    const double writeWall = double(wall.nsecsElapsed()) / 1e9;

    wall.restart();
    cpu = threadCpuSeconds();
    if (!DeferredIndexes::restore(*db, &error))
        die(error.message);
    const double indexCpu = threadCpuSeconds() - cpu;
    const double indexWall = double(wall.nsecsElapsed()) / 1e9;

    std::printf("%9lld %7lld  %8.3f %8.3f %8.3f  %6.2f  %8.3f %8.3f\n", static_cast<long long>(orders),
                static_cast<long long>(pages.size()), encodeCpu, writeCpu, writeWall,
                writeCpu * 1e6 / double(orders), indexCpu, indexWall);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The order store's cost per page, one thread."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("orders"), QStringLiteral("Orders in the shop."), QStringLiteral("n"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Databases written."), QStringLiteral("n"),
                      QStringLiteral("3")});
    parser.process(app);
    const auto number = [&parser](const QString& name, int most) {
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < 1 || value > most)
            die(QStringLiteral("--%1 needs a number from 1 to %2").arg(name).arg(most));
        return value;
    };
    const int orders = number(QStringLiteral("orders"), 2000000);
    const int runs = number(QStringLiteral("runs"), 100);

    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    demo::Emulator emulator(config);
    QString startError;
    if (!emulator.start(0, &startError))
        die(QStringLiteral("the emulator did not start: ") + startError);
    const QList<QList<Order>> pages = fetchAll(emulator, config);
    qint64 fetched = 0;
    for (const QList<Order>& page : pages)
        fetched += page.size();

    std::printf("writebench: the order store alone, one thread (CPU s of this thread; the write includes\n"
                "the encoding, which the resync does in the thread that read the page)\n");
    std::printf("%9s %7s  %8s %8s %8s  %6s  %8s %8s\n", "orders", "pages", "encode", "write", "wall",
                "us/ord", "index", "wall");
    for (int r = 0; r < runs; ++r)
        writeOnce(pages, config.shops.first().id, fetched);
    return 0;
}
