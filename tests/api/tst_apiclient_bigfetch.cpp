// 100,000 orders, 100 per page, through 5% mixed faults (429, 5xx, internal errors, truncated
// bodies, resets, HTML): every order arrives exactly once.
#include "clientfixture.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

using namespace tts;
using namespace tts::test;

namespace {

// Pages through one create_time slice, page after page.
struct Stream
{
    ApiClient* client;
    OrderQuery query;
    QStringList* ids;
    int* running;
    QString* failure;
    int pages = 0;

    void next()
    {
        client->searchOrders(query, [this](ApiResult<OrderPage> result) {
            if (!result.ok()) {
                *failure = result.error.toString();
                --*running;
                return;
            }
            ++pages;
            for (const Order& order : std::as_const(result.value.orders))
                ids->append(order.id);
            query.pageToken = result.value.nextPageToken;
            if (query.pageToken.isEmpty())
                --*running;
            else
                next();
        });
    }
};

} // namespace

class TestApiClientBigFetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyOrderExactlyOnceThroughFaults()
    {
        const qint64 total = 100000;
        demo::EmulatorConfig config;
        config.shops.first().orders = total;
        config.historyEnd = 1760000000;
        config.historyDays = 400;
        config.faults.faultRate = 0.05;
        config.faults.retryAfterSeconds = 1;
        ClientFixture f;
        QVERIFY(f.start(config, [](ApiConfig& api) {
            api.maxAttempts = 10;
            api.transferTimeoutMs = 5000;
        }));

        // Four concurrent streams over adjacent create_time slices ([ge, lt): no overlap, no gap).
        const int streams = 4;
        const qint64 begin = config.historyEnd - qint64(config.historyDays) * 86400 - 86400;
        const qint64 end = config.historyEnd + 86400;
        QStringList ids;
        ids.reserve(total);
        int running = streams;
        QString failure;
        std::vector<Stream> slices;
        for (int i = 0; i < streams; ++i) {
            OrderQuery query = f.orderQuery();
            query.sortField = QStringLiteral("create_time");
            query.ascending = true;
            query.pageSize = 100;
            query.createTimeGe = begin + (end - begin) * i / streams;
            query.createTimeLt = begin + (end - begin) * (i + 1) / streams;
            slices.push_back(Stream{f.client.get(), query, &ids, &running, &failure});
        }
        QElapsedTimer timer;
        timer.start();
        for (Stream& stream : slices)
            stream.next();
        QTRY_COMPARE_WITH_TIMEOUT(running, 0, 240000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QCOMPARE(ids.size(), total);
        const QSet<QString> unique(ids.begin(), ids.end());
        QCOMPARE(unique.size(), total);
        const QJsonArray all = f.emulator->allOrders(f.shopId());
        QCOMPARE(all.size(), total);
        for (const QJsonValue& order : all)
            QVERIFY(unique.contains(order.toObject().value(QLatin1String("id")).toString()));

        int pages = 0;
        for (const Stream& stream : slices)
            pages += stream.pages;
        int faults = 0;
        for (const demo::RequestRecord& record : f.emulator->requests())
            faults += record.fault != demo::Fault::None ? 1 : 0;
        QVERIFY(faults > 0);
        // Qt resends by itself once when a kept-alive connection closes without an answer (Reset).
        QVERIFY(f.client->requestCount() <= f.emulator->requestCount());
        qInfo("%lld orders in %d pages, %llu requests (%d faults) in %lld ms", total, pages,
              f.client->requestCount(), faults, timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestApiClientBigFetch)
#include "tst_apiclient_bigfetch.moc"
