// Every fault type of the emulator is retried to success; retries end in a typed error; errors
// that must not be retried are not; 429 + Retry-After (seconds or HTTP date) holds every request.
#include "clientfixture.h"

#include <QStandardPaths>

using namespace tts;
using namespace tts::test;

Q_DECLARE_METATYPE(tts::demo::Fault)
Q_DECLARE_METATYPE(tts::ApiErrorKind)

class TestApiClientFaults : public QObject
{
    Q_OBJECT

    static void addFaultRows(bool withExhaustedKind)
    {
        QTest::addColumn<demo::Fault>("fault");
        QTest::addColumn<ApiErrorKind>("kindWhenExhausted");
        Q_UNUSED(withExhaustedKind);
        QTest::newRow("RateLimited") << demo::Fault::RateLimited << ApiErrorKind::RateLimited;
        QTest::newRow("ServerError") << demo::Fault::ServerError << ApiErrorKind::Internal;
        QTest::newRow("InternalError") << demo::Fault::InternalError << ApiErrorKind::Internal;
        QTest::newRow("GatewayTimeout") << demo::Fault::GatewayTimeout << ApiErrorKind::GatewayTimeout;
        QTest::newRow("Truncated") << demo::Fault::Truncated << ApiErrorKind::MalformedResponse;
        QTest::newRow("NotJson") << demo::Fault::NotJson << ApiErrorKind::MalformedResponse;
        QTest::newRow("Reset") << demo::Fault::Reset << ApiErrorKind::Network;
        QTest::newRow("Hang") << demo::Fault::Hang << ApiErrorKind::Timeout;
    }

    static demo::EmulatorConfig quickRetryAfter()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 200;
        config.faults.retryAfterSeconds = 0;
        return config;
    }

    static void shortTimeout(ApiConfig& config) { config.transferTimeoutMs = 400; }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void faultIsRetriedToSuccess_data() { addFaultRows(false); }

    void faultIsRetriedToSuccess()
    {
        QFETCH(demo::Fault, fault);
        ClientFixture f;
        QVERIFY(f.start(quickRetryAfter(), shortTimeout));
        f.emulator->injectFault(fault, 2, QStringLiteral("orders/search"));
        const auto result = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->error.toString()));
        QCOMPARE(result->value.orders.size(), 100);
        // Qt itself resends once when a kept-alive connection closes without an answer; that resend
        // reaches the emulator without passing the client's retry logic.
        if (fault == demo::Fault::Reset)
            QVERIFY(f.client->requestCount() >= 2 && f.client->requestCount() <= 3);
        else
            QCOMPARE(f.client->requestCount(), quint64(3));
        const auto records = f.emulator->requests();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records[0].fault, fault);
        QCOMPARE(records[1].fault, fault);
        QCOMPARE(records[2].fault, demo::Fault::None);
        QCOMPARE(records[2].code, 0);
    }

    void retriesExhaustedGiveATypedError_data() { addFaultRows(true); }

    void retriesExhaustedGiveATypedError()
    {
        QFETCH(demo::Fault, fault);
        QFETCH(ApiErrorKind, kindWhenExhausted);
        ClientFixture f;
        QVERIFY(f.start(quickRetryAfter(), [](ApiConfig& config) {
            shortTimeout(config);
            config.maxAttempts = 3;
        }));
        f.emulator->injectFault(fault, 100, QStringLiteral("orders/search"));
        const auto result = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(result);
        QCOMPARE(toString(result->error.kind), toString(kindWhenExhausted));
        QCOMPARE(f.client->requestCount(), quint64(3));
        if (fault == demo::Fault::Reset) // plus Qt's own resends on kept-alive connections
            QVERIFY(f.emulator->requestCount() >= 3 && f.emulator->requestCount() <= 6);
        else
            QCOMPARE(f.emulator->requestCount(), quint64(3));
        QVERIFY(!result->error.userMessage().isEmpty());
        // Never the signed URL or a secret in the message.
        const QString text = result->error.toString() + result->error.userMessage();
        QVERIFY(!text.contains(QStringLiteral("sign=")));
        QVERIFY(!text.contains(f.emulator->config().appSecret));
        QVERIFY(!text.contains(f.client->tokens().accessToken));
    }

    void notRetried_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("106001 signature")
            << QStringLiteral("secret") << ApiErrorKind::SignatureInvalid << 106001;
        QTest::newRow("36009004 access token")
            << QStringLiteral("token") << ApiErrorKind::AccessTokenInvalid << 36009004;
        QTest::newRow("106013 shop_cipher missing")
            << QStringLiteral("cipher") << ApiErrorKind::ShopCipherMissing << 106013;
        QTest::newRow("36009004 other (app_key)")
            << QStringLiteral("appkey") << ApiErrorKind::InvalidRequest << 36009004;
        QTest::newRow("36009004 other (page_token)")
            << QStringLiteral("pagetoken") << ApiErrorKind::InvalidRequest << 36009004;
    }

    void notRetried()
    {
        QFETCH(QString, what);
        QFETCH(ApiErrorKind, kind);
        QFETCH(int, code);
        ClientFixture f;
        QVERIFY(f.start({}, [&what](ApiConfig& config) {
            if (what == u"secret")
                config.appSecret = QStringLiteral("not-the-secret");
            if (what == u"appkey")
                config.appKey = QStringLiteral("not-the-key");
        }));
        OrderQuery query = f.orderQuery();
        if (what == u"token") {
            TokenSet tokens = f.client->tokens();
            tokens.accessToken = QStringLiteral("forged");
            f.client->setTokens(tokens);
        }
        if (what == u"cipher")
            query.shopCipher.clear();
        if (what == u"pagetoken")
            query.pageToken = QStringLiteral("bm90IGEgdG9rZW4+/w==");
        const auto result = awaitOrders(*f.client, query);
        QVERIFY(result);
        QCOMPARE(toString(result->error.kind), toString(kind));
        QCOMPARE(result->error.code, code);
        QCOMPARE(f.client->requestCount(), quint64(1));
        QCOMPARE(f.emulator->requestCount(), quint64(1));
        QCOMPARE(result->error.needsReauthorization(), kind == ApiErrorKind::AccessTokenInvalid);
    }

    void longRetryAfterFailsInsteadOfStalling()
    {
        demo::EmulatorConfig config;
        config.faults.retryAfterSeconds = 3600;
        ClientFixture f;
        QVERIFY(f.start(config));
        f.emulator->injectFault(demo::Fault::RateLimited, 1, QStringLiteral("orders/search"));
        const auto result = awaitOrders(*f.client, f.orderQuery(), 10000);
        QVERIFY(result);
        QCOMPARE(toString(result->error.kind), toString(ApiErrorKind::RateLimited));
        QVERIFY(result->error.message.contains(QStringLiteral("3600 s")));
        QCOMPARE(f.client->requestCount(), quint64(1));

        // Nothing is sent before the hour has passed: a new request waits in the client.
        bool answered = false;
        f.client->searchOrders(f.orderQuery(), [&answered](ApiResult<OrderPage>) { answered = true; });
        QTest::qWait(300);
        QVERIFY(!answered);
        QCOMPARE(f.emulator->requestCount(), quint64(1));
        f.client->cancelAll();
        QVERIFY(answered);
    }

    void retryAfterHoldsEveryRequest_data()
    {
        QTest::addColumn<bool>("asHttpDate");
        QTest::newRow("seconds") << false;
        QTest::newRow("HTTP date") << true;
    }

    void retryAfterHoldsEveryRequest()
    {
        QFETCH(bool, asHttpDate);
        demo::EmulatorConfig config;
        config.shops.first().orders = 500;
        config.faults.retryAfterSeconds = 1;
        config.faults.retryAfterAsHttpDate = asHttpDate;
        ClientFixture f;
        QVERIFY(f.start(config));
        QSignalSpy rateLimited(f.client.get(), &ApiClient::rateLimited);

        // One request gets the 429; while the client waits, three more are asked for.
        f.emulator->injectFault(demo::Fault::RateLimited, 1, QStringLiteral("orders/search"));
        int done = 0;
        int failed = 0;
        const auto search = [&](int pageSize) {
            OrderQuery query = f.orderQuery();
            query.pageSize = pageSize;
            f.client->searchOrders(query, [&](ApiResult<OrderPage> r) {
                ++done;
                failed += r.ok() ? 0 : 1;
            });
        };
        connect(f.client.get(), &ApiClient::rateLimited, this, [&] {
            for (int i = 1; i <= 3; ++i)
                search(10 + i);
        });
        search(10);
        QTRY_COMPARE_WITH_TIMEOUT(done, 4, 30000);
        QCOMPARE(failed, 0);
        QCOMPARE(rateLimited.size(), 1);
        QCOMPARE(f.emulator->requestCount(), quint64(5));

        // No request left before Retry-After had elapsed.
        const auto records = f.emulator->requests();
        QCOMPARE(records.first().fault, demo::Fault::RateLimited);
        QCOMPARE(records.first().httpStatus, 429);
        const qint64 limitedAt = records.first().receivedMs;
        // Seconds count from the 429; a date (1 s resolution) names the second from which on.
        const qint64 allowedFrom = asHttpDate ? (limitedAt / 1000 + config.faults.retryAfterSeconds) * 1000
                                              : limitedAt + config.faults.retryAfterSeconds * 1000;
        int retried = 0;
        for (qsizetype i = 1; i < records.size(); ++i) {
            QVERIFY2(
                records[i].receivedMs >= allowedFrom,
                qPrintable(
                    QStringLiteral("a request came %1 ms early").arg(allowedFrom - records[i].receivedMs)));
            ++retried;
        }
        QVERIFY(retried >= 1);
    }
};

QTEST_GUILESS_MAIN(TestApiClientFaults)
#include "tst_apiclient_faults.moc"
