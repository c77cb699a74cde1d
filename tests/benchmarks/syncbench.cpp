// syncbench: figures of the sync engine against the emulator. Prints, asserts nothing about time.
//   syncbench [--orders N] [--big] [--quick] [--only full|latency|incremental]
// (1) full sync with no latency (demo server subprocess): orders/s end to end, API calls against
//     ceil(N/100), peak RSS; with --big also for 1,000,000 orders to show that memory stays flat.
// (2) full sync with 100 ms latency per request and a 20 requests/s limit: wall time against calls/20.
// (3) incremental sync of 100 changed orders out of N (emulator in this process, on its own thread):
//     order-search calls and wall time against two round trips.
#include "syncbench.h"

#include "emulator.h"
#include "sync/processmemory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tts;
using namespace tts::bench;

namespace {

constexpr double kUnlimited = 1e6;

struct Row
{
    QString scenario;
    qint64 orders = 0;
    qint64 calls = 0;
    QString callsVs; // what the calls are compared with
    double wallS = 0;
    QString wallVs;
    qint64 ordersPerS = 0;
    double cpuS = 0;        // client CPU (all threads)
    double serverCpuS = -1; // the demo server's CPU during the sync (-1: in this process)
    double peakMb = 0;
};

QList<Row> g_rows;

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "syncbench: %s\n", qPrintable(message));
    std::exit(1);
}

qint64 pages(qint64 orders)
{
    return (orders + 99) / 100;
}

void print(const Row& row)
{
    const QByteArray serverCpu =
        row.serverCpuS < 0 ? QByteArray("-") : QByteArray::number(row.serverCpuS, 'f', 2);
    std::printf("%-34s %9lld %7lld  %-22s %8.2f  %-26s %9lld %8.2f %8s %8.1f\n", qPrintable(row.scenario),
                static_cast<long long>(row.orders), static_cast<long long>(row.calls),
                qPrintable(row.callsVs), row.wallS, qPrintable(row.wallVs),
                static_cast<long long>(row.ordersPerS), row.cpuS, serverCpu.constData(), row.peakMb);
    std::fflush(stdout);
}

void printHeader()
{
    std::printf("%-34s %9s %7s  %-22s %8s  %-26s %9s %8s %8s %8s\n", "scenario", "orders", "calls",
                "calls vs", "wall s", "wall vs", "orders/s", "cpu s", "srv cpu", "peak MB");
}

// (1) and (2): a full sync from the demo server subprocess.
void fullFromServer(const QString& name, qint64 orders, const QStringList& serverArguments, double clientRps)
{
    DemoServer server;
    QString error;
    if (!server.start(QStringList{u"--orders"_s, QString::number(orders)} + serverArguments, &error))
        die(error);
    QTemporaryDir dir;
    const QString db = dir.filePath(u"bench.sqlite"_s);
    if (!connectShop(server.url(), server.authCode(), db, &error))
        die(u"connect failed: "_s + error);

    resetPeakRss();
    SyncOptions options;
    options.mode = SyncMode::Full;
    options.databasePath = db;
    options.apiBase = server.url();
    options.authBase = server.url();
    options.requestsPerSecond = clientRps;
    const qint64 serverCpuBefore = server.cpuMs();
    const RunResult result = runSync(options);
    const qint64 serverCpuAfter = server.cpuMs();
    if (!result.ok)
        die(u"%1 failed: %2"_s.arg(name, result.error));

    Row row;
    row.scenario = name;
    row.orders = result.report.ordersUpserted;
    row.calls = result.report.apiCalls;
    row.wallS = double(result.wallMs) / 1000.0;
    row.ordersPerS = result.wallMs > 0 ? result.report.ordersUpserted * 1000 / result.wallMs : 0;
    row.cpuS = double(result.cpuMs) / 1000.0;
    if (serverCpuBefore >= 0 && serverCpuAfter >= 0)
        row.serverCpuS = double(serverCpuAfter - serverCpuBefore) / 1000.0;
    row.peakMb = double(peakRssKb()) / 1024.0;
    row.callsVs =
        u"%1 x ceil(N/100)=%2"_s.arg(double(row.calls) / double(pages(orders)), 0, 'f', 3).arg(pages(orders));
    if (clientRps < kUnlimited) {
        const double ideal = double(row.calls) / clientRps;
        row.wallVs =
            u"%1 x calls/%2=%3 s"_s.arg(row.wallS / ideal, 0, 'f', 3).arg(clientRps).arg(ideal, 0, 'f', 1);
    }
    g_rows << row;
    print(row);
}

double roundTripMs(const QUrl& base)
{
    QNetworkAccessManager nam;
    constexpr int kTrips = 5;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kTrips; ++i) {
        QNetworkReply* reply = nam.get(QNetworkRequest(base.resolved(QUrl(u"/demo/auth-code"_s))));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
    }
    return double(clock.nsecsElapsed()) / 1e6 / kTrips;
}

// (3): incremental sync of 100 changed orders, the emulator in this process.
void incremental(qint64 orders)
{
    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    demo::Emulator emulator(config);
    QString error;
    if (!emulator.start(0, &error))
        die(u"emulator: "_s + error);
    const QString shopId = config.shops.first().id;
    QTemporaryDir dir;
    const QString db = dir.filePath(u"bench.sqlite"_s);
    if (!connectShop(emulator.baseUrl(), emulator.issueAuthCode(), db, &error))
        die(u"connect failed: "_s + error);

    SyncOptions options;
    options.databasePath = db;
    options.apiBase = emulator.baseUrl();
    options.authBase = emulator.baseUrl();
    options.requestsPerSecond = kUnlimited;
    options.mode = SyncMode::Full;
    RunResult result = runSync(options);
    if (!result.ok)
        die(u"initial full sync failed: "_s + result.error);

    // Changed a second ago: the API's update_time_lt defaults to now (exclusive), so a change made in
    // the very second of the query is only seen by the next run's overlap.
    emulator.mutateRandomOrders(shopId, 100, emulator.now() - 1);
    const double rtt = roundTripMs(emulator.baseUrl());
    emulator.clearRequests();
    options.mode = SyncMode::Incremental;
    resetPeakRss();
    result = runSync(options);
    if (!result.ok)
        die(u"incremental sync failed: "_s + result.error);

    Row row;
    row.scenario = u"incremental, 100 changed of N"_s;
    row.orders = orders;
    row.calls = qint64(emulator.requestCount(u"/orders/search"_s));
    row.callsVs = u"order searches (all %1)"_s.arg(result.report.apiCalls);
    row.wallS = double(result.wallMs) / 1000.0;
    row.wallVs = u"round trip %1 ms"_s.arg(rtt, 0, 'f', 2);
    row.ordersPerS = result.report.ordersUpserted; // upserted, shown in this column
    row.cpuS = double(result.cpuMs) / 1000.0;
    row.peakMb = double(peakRssKb()) / 1024.0;
    g_rows << row;
    print(row);
    std::printf("  (incremental: %lld orders upserted, %lld products; the orders/s column shows upserts)\n",
                static_cast<long long>(result.report.ordersUpserted),
                static_cast<long long>(result.report.productsUpserted));
}

} // namespace

int main(int argc, char* argv[])
{
    tts::configureAllocator(); // as the window and the command line do
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    qint64 orders = 300000;
    bool big = false;
    bool quick = false;
    QString only; // full | latency | incremental: one scenario
    const QStringList args = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == "--big"_L1) {
            big = true;
        } else if (args.at(i) == "--quick"_L1) {
            quick = true;
        } else if (args.at(i) == "--only"_L1 && i + 1 < args.size()) {
            only = args.at(++i);
        } else if (args.at(i) == "--orders"_L1 && i + 1 < args.size()) {
            bool ok = false;
            orders = args.at(++i).toLongLong(&ok);
            if (!ok || orders < 1 || orders > 5000000)
                die(u"--orders needs a number from 1 to 5000000"_s);
        } else {
            die(u"usage: syncbench [--orders N] [--big] [--quick] [--only full|latency|incremental]"_s);
        }
    }
    const qint64 latencyOrders = quick ? 1000 : 20000;
    if (quick)
        orders = std::min<qint64>(orders, 3000);

    std::printf("syncbench: client figures against tiktok-shop-demo-server (a subprocess) on 127.0.0.1\n"
                "load average at start: %s (cpu s: this process, every thread, during the sync; srv cpu: the "
                "demo server's)\n",
                qPrintable(loadAverage()));
    printHeader();
    const auto wanted = [&only](QLatin1StringView name) {
        return only.isEmpty() || only == name;
    };
    if (wanted("full"_L1))
        fullFromServer(u"full, no latency"_s, orders, {}, kUnlimited);
    if (big && wanted("full"_L1))
        fullFromServer(u"full, no latency"_s, 1000000, {}, kUnlimited);
    if (wanted("latency"_L1))
        fullFromServer(u"full, 100 ms latency, 20 req/s"_s, latencyOrders,
                       {u"--latency-ms"_s, u"100"_s, u"--qps"_s, u"20"_s}, 20.0);
    if (wanted("incremental"_L1))
        incremental(quick ? 5000 : orders);

    std::printf("\nsummary (load average at the end: %s)\n", qPrintable(loadAverage()));
    printHeader();
    for (const Row& row : std::as_const(g_rows))
        print(row);
    return 0;
}
