// Every check of a signed call, in the contract's order, with its code; routing errors; bodies.

#include "demoapi.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QLocale>
#include <QStandardPaths>
#include <QTest>

using tts::test::DemoApi;
using tts::test::HttpResult;
using tts::test::Params;

namespace {

const QString kShops = QStringLiteral("/authorization/202309/shops");
const QString kSearch = QStringLiteral("/order/202309/orders/search");

} // namespace

class TestDemoChecks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void unknownPathAndMethod();
    void checksInOrder();
    void timestampWindow_data();
    void timestampWindow();
    void clockSkewMovesTheWindowAndDateHeader();
    void emptyBodySignedEitherWay();
    void shopCipher();
    void bodyAndPageSize();
    void successEnvelope();

private:
    std::unique_ptr<tts::demo::Emulator> m_emulator;
    std::unique_ptr<DemoApi> m_api;
};

void TestDemoChecks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 300;
    m_emulator = tts::test::startEmulator(config);
    QVERIFY(m_emulator);
    m_api = std::make_unique<DemoApi>(*m_emulator);
    m_api->accessToken = m_emulator->issueTokens().accessToken;
}

void TestDemoChecks::unknownPathAndMethod()
{
    const HttpResult unknown = m_api->call("GET", QStringLiteral("/order/202309/nothing"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.code(), 36009009);
    QVERIFY(unknown.json.contains(QStringLiteral("request_id")));
    QVERIFY(unknown.json.contains(QStringLiteral("data")));
    const HttpResult wrongMethod =
        m_api->shopCall("GET", kSearch, {{QStringLiteral("page_size"), QStringLiteral("10")}});
    QCOMPARE(wrongMethod.code(), 36009010);
    const HttpResult wrongMethod2 = m_api->call("POST", kShops, {}, "{}");
    QCOMPARE(wrongMethod2.code(), 36009010);
}

void TestDemoChecks::checksInOrder()
{
    const QString secret = m_emulator->config().appSecret;
    const QString now = QString::number(m_emulator->now());
    const QList<QPair<QByteArray, QByteArray>> token{{"x-tts-access-token", m_api->accessToken.toLatin1()}};
    auto signedQuery = [&](Params query, const QString& path, const QString& withSecret) {
        query.append({QStringLiteral("sign"), tts::test::testSign(withSecret, path, query, {})});
        return query;
    };

    // 1. app_key unknown, although everything else is wrong too.
    HttpResult r = m_api->request("GET", kShops, {{QStringLiteral("app_key"), QStringLiteral("nope")}});
    QCOMPARE(r.code(), 36009004);
    QVERIFY2(r.message().contains(u"app_key"), qPrintable(r.message()));
    // 2. sign missing (timestamp missing as well).
    r = m_api->request("GET", kShops, {{QStringLiteral("app_key"), m_emulator->config().appKey}});
    QCOMPARE(r.code(), 36009004);
    QVERIFY2(r.message().contains(u"sign"), qPrintable(r.message()));
    // 3. timestamp out of the window, although the signature is wrong too.
    r = m_api->request("GET", kShops,
                       {{QStringLiteral("app_key"), m_emulator->config().appKey},
                        {QStringLiteral("timestamp"), QStringLiteral("1623812664")},
                        {QStringLiteral("sign"), QStringLiteral("00")}});
    QCOMPARE(r.code(), 36009004);
    QVERIFY2(r.message().contains(u"timestamp") && r.message().contains(u"1623812664"),
             qPrintable(r.message()));
    // 4. signature wrong (other secret), although no token is sent.
    r = m_api->request("GET", kShops,
                       signedQuery({{QStringLiteral("app_key"), m_emulator->config().appKey},
                                    {QStringLiteral("timestamp"), now}},
                                   kShops, QStringLiteral("wrong-secret")));
    QCOMPARE(r.code(), 106001);
    QCOMPARE(r.status, 401);
    // 5. access token unknown.
    const Params good = signedQuery(
        {{QStringLiteral("app_key"), m_emulator->config().appKey}, {QStringLiteral("timestamp"), now}},
        kShops, secret);
    r = m_api->request("GET", kShops, good, {}, {{"x-tts-access-token", "TTP_unknown"}});
    QCOMPARE(r.code(), 36009004);
    QVERIFY2(r.message().contains(u"access token"), qPrintable(r.message()));
    r = m_api->request("GET", kShops, good);
    QCOMPARE(r.code(), 36009004);
    // The same request with the token passes.
    r = m_api->request("GET", kShops, good, {}, token);
    QCOMPARE(r.code(), 0);
    // 6. a body changed after signing fails the signature.
    Params search = {{QStringLiteral("app_key"), m_emulator->config().appKey},
                     {QStringLiteral("timestamp"), now},
                     {QStringLiteral("shop_cipher"), m_api->cipher},
                     {QStringLiteral("page_size"), QStringLiteral("5")}};
    search.append({QStringLiteral("sign"),
                   tts::test::testSign(secret, kSearch, search, "{\"order_status\":\"UNPAID\"}")});
    r = m_api->request("POST", kSearch, search, "{\"order_status\":\"UNPAID\"}", token);
    QCOMPARE(r.code(), 0);
    r = m_api->request("POST", kSearch, search, "{\"order_status\":\"COMPLETED\"}", token);
    QCOMPARE(r.code(), 106001);
    // 7. expired access token: 105002, but only after the signature passed.
    const QString expiredToken = m_emulator->issueTokens().accessToken;
    m_emulator->expireAccessTokens();
    r = m_api->request("GET", kShops, good, {}, {{"x-tts-access-token", expiredToken.toLatin1()}});
    QCOMPARE(r.code(), 105002);
    r = m_api->request("GET", kShops,
                       signedQuery({{QStringLiteral("app_key"), m_emulator->config().appKey},
                                    {QStringLiteral("timestamp"), now}},
                                   kShops, QStringLiteral("wrong-secret")),
                       {}, {{"x-tts-access-token", expiredToken.toLatin1()}});
    QCOMPARE(r.code(), 106001);
    m_api->accessToken = m_emulator->issueTokens().accessToken;
}

void TestDemoChecks::timestampWindow_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("now") << qint64(0) << true;
    QTest::newRow("-4min") << qint64(-240) << true;
    QTest::newRow("-6min") << qint64(-360) << false;
    QTest::newRow("+20s") << qint64(20) << true;
    QTest::newRow("+60s") << qint64(60) << false;
}

void TestDemoChecks::timestampWindow()
{
    QFETCH(qint64, offset);
    QFETCH(bool, accepted);
    m_api->timestampOffset = offset;
    const HttpResult r = m_api->call("GET", kShops);
    m_api->timestampOffset = 0;
    QCOMPARE(r.code() == 0, accepted);
    if (!accepted) {
        QCOMPARE(r.code(), 36009004);
        QVERIFY(r.message().contains(u"timestamp"));
    }
}

void TestDemoChecks::clockSkewMovesTheWindowAndDateHeader()
{
    tts::demo::FaultConfig faults = m_emulator->faults();
    faults.clockSkewSeconds = 3600;
    m_emulator->setFaults(faults);
    // A client on the system clock is an hour behind the server: refused; the Date header tells why.
    Params query{{QStringLiteral("app_key"), m_emulator->config().appKey},
                 {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())}};
    query.append(
        {QStringLiteral("sign"), tts::test::testSign(m_emulator->config().appSecret, kShops, query, {})});
    const HttpResult r =
        m_api->request("GET", kShops, query, {}, {{"x-tts-access-token", m_api->accessToken.toLatin1()}});
    faults.clockSkewSeconds = 0;
    m_emulator->setFaults(faults);
    QCOMPARE(r.code(), 36009004);
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(r.header("Date")),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    date.setTimeSpec(Qt::UTC);
    QVERIFY2(date.isValid(), r.header("Date").constData());
    QVERIFY(qAbs(date.toSecsSinceEpoch() - (QDateTime::currentSecsSinceEpoch() + 3600)) < 120);
}

void TestDemoChecks::emptyBodySignedEitherWay()
{
    const QString secret = m_emulator->config().appSecret;
    for (const QByteArray& signedBody : {QByteArray(), QByteArray("{}")}) {
        Params query{{QStringLiteral("app_key"), m_emulator->config().appKey},
                     {QStringLiteral("timestamp"), QString::number(m_emulator->now())},
                     {QStringLiteral("shop_cipher"), m_api->cipher},
                     {QStringLiteral("page_size"), QStringLiteral("3")}};
        query.append({QStringLiteral("sign"), tts::test::testSign(secret, kSearch, query, signedBody)});
        const HttpResult r = m_api->request("POST", kSearch, query, {},
                                            {{"x-tts-access-token", m_api->accessToken.toLatin1()}});
        QCOMPARE(r.code(), 0);
    }
}

void TestDemoChecks::shopCipher()
{
    HttpResult r = m_api->call("POST", kSearch, {{QStringLiteral("page_size"), QStringLiteral("5")}}, "{}");
    QCOMPARE(r.code(), 106013);
    r = m_api->shopCall("GET", kShops);
    QCOMPARE(r.code(), 36009004);
    QVERIFY(r.message().contains(u"shop_cipher"));
    r = m_api->call("POST", kSearch,
                    {{QStringLiteral("page_size"), QStringLiteral("5")},
                     {QStringLiteral("shop_cipher"), QStringLiteral("ROW_other")}},
                    "{}");
    QCOMPARE(r.code(), 36009004);
    QVERIFY(r.message().contains(u"shop_cipher"));
}

void TestDemoChecks::bodyAndPageSize()
{
    HttpResult r =
        m_api->shopCall("POST", kSearch, {{QStringLiteral("page_size"), QStringLiteral("5")}}, "{not json");
    QCOMPARE(r.code(), 36009022);
    for (const QString& size :
         {QString(), QStringLiteral("0"), QStringLiteral("101"), QStringLiteral("ten")}) {
        Params query;
        if (!size.isNull())
            query.append({QStringLiteral("page_size"), size});
        r = m_api->shopCall("POST", kSearch, query, "{}");
        QCOMPARE(r.code(), 36009004);
        QVERIFY2(r.message().contains(u"page_size"), qPrintable(r.message()));
    }
    r = m_api->shopCall("POST", QStringLiteral("/product/202309/products/search"),
                        {{QStringLiteral("page_size"), QStringLiteral("101")}}, "{}");
    QCOMPARE(r.code(), 36009004);
    for (const QString& size : {QStringLiteral("1"), QStringLiteral("100")}) {
        r = m_api->shopCall("POST", kSearch, {{QStringLiteral("page_size"), size}}, "{}");
        QCOMPARE(r.code(), 0);
        QCOMPARE(r.data().value(QStringLiteral("orders")).toArray().size(), size.toInt());
    }
    // Order detail: at most 50 ids.
    QStringList ids;
    for (const QJsonValue& order : m_emulator->allOrders(m_emulator->config().shops.front().id))
        ids.append(order.toObject().value(QStringLiteral("id")).toString());
    r = m_api->shopCall("GET", QStringLiteral("/order/202309/orders"),
                        {{QStringLiteral("ids"), ids.mid(0, 3).join(u',')}});
    QCOMPARE(r.code(), 0);
    QCOMPARE(r.data().value(QStringLiteral("orders")).toArray().size(), 3);
    QCOMPARE(r.data()
                 .value(QStringLiteral("orders"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             ids.at(1));
    r = m_api->shopCall("GET", QStringLiteral("/order/202309/orders"),
                        {{QStringLiteral("ids"), ids.mid(0, 51).join(u',')}});
    QCOMPARE(r.code(), 36009004);
}

void TestDemoChecks::successEnvelope()
{
    const HttpResult r = m_api->call("GET", kShops);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.code(), 0);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!r.json.value(QStringLiteral("request_id")).toString().isEmpty());
    const QJsonArray shops = r.data().value(QStringLiteral("shops")).toArray();
    QCOMPARE(shops.size(), 1);
    const QJsonObject shop = shops.first().toObject();
    const tts::demo::ShopSpec spec = m_emulator->config().shops.front();
    QCOMPARE(shop.value(QStringLiteral("cipher")).toString(), spec.cipher);
    QCOMPARE(shop.value(QStringLiteral("id")).toString(), spec.id);
    QCOMPARE(shop.value(QStringLiteral("name")).toString(), spec.name);
    QCOMPARE(shop.value(QStringLiteral("region")).toString(), spec.region);
    QCOMPARE(shop.value(QStringLiteral("code")).toString(), spec.code);
    QVERIFY(shop.contains(QStringLiteral("seller_type")));
}

QTEST_GUILESS_MAIN(TestDemoChecks)
#include "tst_demochecks.moc"
