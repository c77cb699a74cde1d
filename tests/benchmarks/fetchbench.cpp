// fetchbench: fetch N orders from an in-process emulator through tts::ApiClient with concurrent
// page streams split by create_time; prints orders/s, pages/s and API calls. Asserts nothing.
//
//   fetchbench [--orders 300000] [--streams 4] [--page-size 100] [--fault-rate 0] [--latency-ms 0]

#include "api/apiclient.h"
#include "emulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSet>

#include <cstdio>
#include <ctime>
#include <vector>

using namespace tts;

namespace {

struct Totals
{
    qint64 orders = 0;
    qint64 lineItems = 0;
    qint64 pages = 0;
    int running = 0;
    QString failure;
    QSet<QString> ids;
};

struct Stream
{
    ApiClient* client;
    OrderQuery query;
    Totals* totals;

    void next()
    {
        client->searchOrders(query, [this](ApiResult<OrderPage> result) {
            if (!result.ok()) {
                totals->failure = result.error.toString();
                --totals->running;
                return;
            }
            ++totals->pages;
            totals->orders += result.value.orders.size();
            for (const Order& order : std::as_const(result.value.orders)) {
                totals->lineItems += order.lineItems.size();
                totals->ids.insert(order.id);
            }
            query.pageToken = result.value.nextPageToken;
            if (query.pageToken.isEmpty())
                --totals->running;
            else
                next();
        });
    }
};

// CPU seconds of the calling thread: the client's own cost, whatever else loads the machine.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

int option(const QCommandLineParser& parser, const QString& name, int fallback)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Orders/s through the API client from the emulator."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("orders"), QStringLiteral("Orders in the shop."), QStringLiteral("n"),
                      QStringLiteral("300000")});
    parser.addOption({QStringLiteral("streams"), QStringLiteral("Concurrent page streams."),
                      QStringLiteral("n"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("page-size"), QStringLiteral("Orders per page (1-100)."),
                      QStringLiteral("n"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("fault-rate"), QStringLiteral("Share of requests with a fault (0-1)."),
                      QStringLiteral("p"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("latency-ms"), QStringLiteral("Emulator latency per response."),
                      QStringLiteral("ms"), QStringLiteral("0")});
    parser.process(app);

    const int orders = option(parser, QStringLiteral("orders"), 300000);
    const int streams = option(parser, QStringLiteral("streams"), 4);
    const int pageSize = qBound(1, option(parser, QStringLiteral("page-size"), 100), 100);
    bool ok = false;
    const double faultRate = parser.value(QStringLiteral("fault-rate")).toDouble(&ok);
    const int latencyMs = parser.value(QStringLiteral("latency-ms")).toInt();

    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    config.historyEnd = 1760000000;
    config.historyDays = 400;
    config.faults.faultRate = ok ? qBound(0.0, faultRate, 1.0) : 0.0;
    config.faults.retryAfterSeconds = 1;
    config.faults.latencyMs = qMax(0, latencyMs);

    QElapsedTimer timer;
    timer.start();
    demo::Emulator emulator(config);
    QString error;
    if (!emulator.start(0, &error)) {
        std::fprintf(stderr, "fetchbench: the emulator did not start: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 generationMs = timer.elapsed();

    QNetworkAccessManager nam;
    ApiConfig api;
    api.apiBase = emulator.baseUrl();
    api.authBase = emulator.baseUrl();
    api.appKey = config.appKey;
    api.appSecret = config.appSecret;
    api.requestsPerSecond = 0; // the benchmark measures the client, not the pacer
    api.backoffBaseMs = 10;
    api.backoffMaxMs = 200;
    api.maxAttempts = 10;
    ApiClient client(&nam, api);
    const demo::IssuedTokens issued = emulator.issueTokens();
    TokenSet tokens;
    tokens.accessToken = issued.accessToken;
    tokens.accessTokenExpiresAt = issued.accessTokenExpiresAt;
    tokens.refreshToken = issued.refreshToken;
    tokens.refreshTokenExpiresAt = issued.refreshTokenExpiresAt;
    client.setTokens(tokens);

    Totals totals;
    totals.ids.reserve(orders);
    totals.running = streams;
    const qint64 begin = config.historyEnd - qint64(config.historyDays + 1) * 86400;
    const qint64 end = config.historyEnd + 86400;
    std::vector<Stream> slices;
    slices.reserve(size_t(streams));
    for (int i = 0; i < streams; ++i) {
        OrderQuery query;
        query.shopCipher = config.shops.first().cipher;
        query.sortField = QStringLiteral("create_time");
        query.pageSize = pageSize;
        query.createTimeGe = begin + (end - begin) * i / streams;
        query.createTimeLt = begin + (end - begin) * (i + 1) / streams;
        slices.push_back(Stream{&client, query, &totals});
    }

    timer.restart();
    const double cpuStart = threadCpuSeconds();
    for (Stream& stream : slices)
        stream.next();
    while (totals.running > 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double seconds = qMax<qint64>(1, timer.elapsed()) / 1000.0;
    const double clientCpu = qMax(1e-6, threadCpuSeconds() - cpuStart);

    if (!totals.failure.isEmpty()) {
        std::fprintf(stderr, "fetchbench: a stream failed: %s\n", qPrintable(totals.failure));
        return 1;
    }
    std::printf("fetchbench: %d orders generated in %lld ms\n", orders, generationMs);
    std::printf(
        "fetched %lld orders (%lld unique, %lld line items) in %.2f s with %d streams of %d per page\n",
        totals.orders, qint64(totals.ids.size()), totals.lineItems, seconds, streams, pageSize);
    std::printf("orders/s: %.0f\npages/s: %.1f\nAPI calls: %llu (%.1f/s), fault rate %.3f\n",
                double(totals.orders) / seconds, double(totals.pages) / seconds, client.requestCount(),
                double(client.requestCount()) / seconds, config.faults.faultRate);
    std::printf("client thread CPU: %.2f s (%.1f us/order): at most %.0f orders/s on one free core\n",
                clientCpu, clientCpu * 1e6 / double(qMax<qint64>(1, totals.orders)),
                double(totals.orders) / clientCpu);
    std::fflush(stdout);
    return totals.ids.size() == orders ? 0 : 2;
}
