// Requests the client signs verify on the emulator: shops, orders (filters in the body, paging and
// sorting in the query, page tokens with '+' and '/'), products; insecure URLs are refused first.
#include "clientfixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>

using namespace tts;
using namespace tts::test;

class TestApiClientRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shops()
    {
        ClientFixture f;
        QVERIFY(f.start());
        const auto result =
            await<QList<Shop>>([&](ApiCallback<QList<Shop>> cb) { f.client->fetchShops(std::move(cb)); });
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->error.toString()));
        QCOMPARE(result->value.size(), 1);
        const demo::ShopSpec& spec = f.emulator->config().shops.first();
        QCOMPARE(result->value.first().id, spec.id);
        QCOMPARE(result->value.first().cipher, spec.cipher);
        QCOMPARE(result->value.first().name, spec.name);
        QCOMPARE(f.client->requestCount(), quint64(1));

        // Without a shop_cipher, with the headers of the contract.
        const auto records = f.emulator->requests();
        QCOMPARE(records.size(), 1);
        QVERIFY(!records.first().query.hasQueryItem(QStringLiteral("shop_cipher")));
        QVERIFY(!records.first().query.hasQueryItem(QStringLiteral("access_token")));
    }

    void everyOrderPageByPage_data()
    {
        QTest::addColumn<QString>("sortField");
        QTest::addColumn<bool>("ascending");
        QTest::newRow("create_time ASC") << QStringLiteral("create_time") << true;
        QTest::newRow("update_time DESC") << QStringLiteral("update_time") << false;
    }

    void everyOrderPageByPage()
    {
        QFETCH(QString, sortField);
        QFETCH(bool, ascending);
        demo::EmulatorConfig config;
        config.shops.first().orders = 1234;
        ClientFixture f;
        QVERIFY(f.start(config));

        OrderQuery query = f.orderQuery();
        query.sortField = sortField;
        query.ascending = ascending;
        query.pageSize = 100;
        QStringList ids;
        QStringList tokens;
        qint64 previous = ascending ? 0 : std::numeric_limits<qint64>::max();
        for (int page = 0; page < 100; ++page) {
            const auto result = awaitOrders(*f.client, query);
            QVERIFY(result);
            QVERIFY2(result->ok(), qPrintable(result->error.toString()));
            QCOMPARE(result->value.totalCount, 1234);
            for (const Order& order : result->value.orders) {
                ids.append(order.id);
                const qint64 key = sortField == u"create_time" ? order.createTime : order.updateTime;
                QVERIFY(ascending ? key >= previous : key <= previous);
                previous = key;
            }
            if (result->value.nextPageToken.isEmpty())
                break;
            tokens.append(result->value.nextPageToken);
            query.pageToken = result->value.nextPageToken;
        }
        QCOMPARE(ids.size(), 1234);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 1234);
        QCOMPARE(tokens.size(), 12);
        // The tokens need percent-encoding; they travelled intact (signed decoded, sent encoded).
        QVERIFY2(std::any_of(tokens.begin(), tokens.end(),
                             [](const QString& t) { return t.contains(u'+') || t.contains(u'/'); }),
                 "the emulator's page tokens contain '+' or '/'");
        QCOMPARE(f.client->requestCount(), quint64(13));

        // Paging and sorting went in the query, filters in the JSON body that was signed.
        const auto records = f.emulator->requests();
        const demo::RequestRecord& second = records.at(1);
        QCOMPARE(second.method, QStringLiteral("POST"));
        QCOMPARE(second.query.queryItemValue(QStringLiteral("page_size")), QStringLiteral("100"));
        QCOMPARE(second.query.queryItemValue(QStringLiteral("sort_field")), sortField);
        QCOMPARE(second.query.queryItemValue(QStringLiteral("sort_order")),
                 ascending ? QStringLiteral("ASC") : QStringLiteral("DESC"));
        QCOMPARE(second.query.queryItemValue(QStringLiteral("page_token"), QUrl::FullyDecoded),
                 tokens.first());
        QCOMPARE(second.query.queryItemValue(QStringLiteral("shop_cipher"), QUrl::FullyDecoded), f.cipher());
        QCOMPARE(second.body, QByteArray("{}"));
    }

    void filtersInTheBody()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 600;
        config.historyEnd = 1760000000;
        config.historyDays = 60;
        ClientFixture f;
        QVERIFY(f.start(config));

        const qint64 from = config.historyEnd - 30 * 86400;
        const qint64 to = config.historyEnd - 10 * 86400;
        int expected = 0;
        const QJsonArray all = f.emulator->allOrders(f.shopId());
        for (const QJsonValue& value : all) {
            const qint64 created = value.toObject().value(QLatin1String("create_time")).toInteger();
            expected += created >= from && created < to ? 1 : 0;
        }
        QVERIFY(expected > 0 && expected < 600);

        OrderQuery query = f.orderQuery();
        query.createTimeGe = from;
        query.createTimeLt = to;
        query.sortField = QStringLiteral("create_time");
        int received = 0;
        do {
            const auto result = awaitOrders(*f.client, query);
            QVERIFY(result);
            QVERIFY2(result->ok(), qPrintable(result->error.toString()));
            QCOMPARE(result->value.totalCount, expected);
            for (const Order& order : result->value.orders) {
                QVERIFY(order.createTime >= from && order.createTime < to); // _ge inclusive, _lt exclusive
                ++received;
            }
            query.pageToken = result->value.nextPageToken;
        } while (!query.pageToken.isEmpty());
        QCOMPARE(received, expected);

        const QByteArray body = f.emulator->requests().first().body;
        QVERIFY2(body.contains(QByteArray("\"create_time_ge\":" + QByteArray::number(from))),
                 body.constData());
        QVERIFY2(body.contains(QByteArray("\"create_time_lt\":" + QByteArray::number(to))), body.constData());
    }

    void ordersMatchTheEmulator()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 50;
        ClientFixture f;
        QVERIFY(f.start(config));
        OrderQuery query = f.orderQuery();
        query.pageSize = 50;
        const auto result = awaitOrders(*f.client, query);
        QVERIFY(result && result->ok());
        QCOMPARE(result->value.orders.size(), 50);
        for (const Order& order : result->value.orders) {
            const QJsonObject json = f.emulator->order(f.shopId(), order.id);
            QCOMPARE(order.status, json.value(QLatin1String("status")).toString());
            QCOMPARE(order.totalAmount, json.value(QLatin1String("payment"))
                                            .toObject()
                                            .value(QLatin1String("total_amount"))
                                            .toString());
            QCOMPARE(order.lineItems.size(), json.value(QLatin1String("line_items")).toArray().size());
            QVERIFY(!order.lineItems.isEmpty());
        }
    }

    void products()
    {
        demo::EmulatorConfig config;
        config.shops.first().products = 130;
        ClientFixture f;
        QVERIFY(f.start(config));
        ProductQuery query;
        query.shopCipher = f.cipher();
        query.pageSize = 50;
        QSet<QString> ids;
        int pages = 0;
        do {
            const auto result = await<ProductPage>(
                [&](ApiCallback<ProductPage> cb) { f.client->searchProducts(query, std::move(cb)); });
            QVERIFY(result);
            QVERIFY2(result->ok(), qPrintable(result->error.toString()));
            QCOMPARE(result->value.totalCount, 130);
            for (const Product& product : result->value.products)
                ids.insert(product.id);
            query.pageToken = result->value.nextPageToken;
            ++pages;
        } while (!query.pageToken.isEmpty() && pages < 10);
        QCOMPARE(ids.size(), 130);
        QCOMPARE(pages, 3);
        QCOMPARE(f.emulator->allProducts(f.shopId()).size(), 130);
    }

    void checkBaseUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << QStringLiteral("https://open-api.tiktokglobalshop.com") << true;
        QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:8080") << true;
        QTest::newRow("http loopback 127/8") << QStringLiteral("http://127.3.2.1") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:9") << true;
        QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:8080") << true;
        QTest::newRow("http remote") << QStringLiteral("http://open-api.tiktokglobalshop.com") << false;
        QTest::newRow("http private address") << QStringLiteral("http://10.0.0.1") << false;
        QTest::newRow("http lookalike") << QStringLiteral("http://127.0.0.1.example.com") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
        QTest::newRow("no host") << QStringLiteral("https://") << false;
    }

    void checkBaseUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        const ApiError error = ApiClient::checkBaseUrl(QUrl(url));
        QCOMPARE(!error.isError(), allowed);
        if (!allowed)
            QCOMPARE(toString(error.kind), toString(ApiErrorKind::InsecureUrl));
    }

    void insecureUrlRefusedBeforeAnyRequest()
    {
        ClientFixture f;
        QVERIFY(f.start({}, [](ApiConfig& config) {
            config.apiBase = QUrl(QStringLiteral("http://shop.example.com"));
            config.authBase = QUrl(QStringLiteral("http://auth.example.com"));
        }));
        const auto shops =
            await<QList<Shop>>([&](ApiCallback<QList<Shop>> cb) { f.client->fetchShops(std::move(cb)); });
        QVERIFY(shops);
        QCOMPARE(toString(shops->error.kind), toString(ApiErrorKind::InsecureUrl));
        const auto refreshed =
            await<TokenSet>([&](ApiCallback<TokenSet> cb) { f.client->refreshTokens(std::move(cb)); });
        QVERIFY(refreshed);
        QCOMPARE(toString(refreshed->error.kind), toString(ApiErrorKind::InsecureUrl));
        QVERIFY(!shops->error.userMessage().isEmpty());
        QCOMPARE(f.client->requestCount(), quint64(0));
        QCOMPARE(f.emulator->requestCount(), quint64(0));
    }

    void pacerSpacesRequests()
    {
        ClientFixture f;
        QVERIFY(f.start({}, [](ApiConfig& config) {
            config.requestsPerSecond = 10;
            config.burst = 1;
        }));
        int done = 0;
        for (int i = 0; i < 6; ++i)
            f.client->searchOrders(f.orderQuery(),
                                   [&done](ApiResult<OrderPage> r) { done += r.ok() ? 1 : 0; });
        QTRY_COMPARE_WITH_TIMEOUT(done, 6, 30000);
        // 10 requests/s with a burst of 1: the k-th leaves at least k * 100 ms after the first (minus
        // what the network may shift; a slow machine only makes the gaps longer).
        const auto records = f.emulator->requests();
        QCOMPARE(records.size(), 6);
        for (qsizetype k = 1; k < records.size(); ++k)
            QVERIFY2(records[k].receivedMs - records[0].receivedMs >= k * 100 - 40,
                     qPrintable(QStringLiteral("request %1 after %2 ms")
                                    .arg(k)
                                    .arg(records[k].receivedMs - records[0].receivedMs)));

        f.client->setRequestsPerSecond(0); // unlimited from now on
        QCOMPARE(f.client->config().requestsPerSecond, 0.0);
    }

    void cancelAllRunsEveryCallbackOnce()
    {
        demo::EmulatorConfig config;
        config.faults.latencyMs = 300;
        ClientFixture f;
        QVERIFY(f.start(config));
        QList<ApiErrorKind> kinds;
        for (int i = 0; i < 5; ++i)
            f.client->searchOrders(f.orderQuery(),
                                   [&kinds](ApiResult<OrderPage> r) { kinds.append(r.error.kind); });
        QTRY_VERIFY(f.emulator->requestCount() >= 1);
        f.client->cancelAll();
        QCOMPARE(kinds.size(), 5);
        QVERIFY(std::all_of(kinds.begin(), kinds.end(),
                            [](ApiErrorKind k) { return k == ApiErrorKind::Cancelled; }));
        QTest::qWait(400); // late replies must not call back again
        QCOMPARE(kinds.size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestApiClientRequests)
#include "tst_apiclient_requests.moc"
