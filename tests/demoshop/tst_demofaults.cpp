// Fault injection: every fault type is observable at the HTTP level, the QPS limit answers 429 with
// Retry-After, random faults follow the configured rate, and the server keeps serving afterwards.

#include "demoapi.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using tts::demo::Fault;
using tts::test::DemoApi;
using tts::test::HttpResult;
using tts::test::Params;

namespace {

const QString kSearch = QStringLiteral("/order/202309/orders/search");
const Params kPage{{QStringLiteral("page_size"), QStringLiteral("20")}};

} // namespace

class TestDemoFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void rateLimited_data();
    void rateLimited();
    void serverError();
    void envelopeErrors_data();
    void envelopeErrors();
    void truncated();
    void notJson();
    void reset();
    void hang();
    void latency();
    void injectedFaultsTargetPaths();
    void faultRate();
    void qpsLimit();
    void manyConcurrentConnections();

private:
    HttpResult search(int timeoutMs = 10000);
    std::unique_ptr<tts::demo::Emulator> m_emulator;
    std::unique_ptr<DemoApi> m_api;
};

void TestDemoFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 400;
    m_emulator = tts::test::startEmulator(config);
    QVERIFY(m_emulator);
    m_api = std::make_unique<DemoApi>(*m_emulator);
    m_api->accessToken = m_emulator->issueTokens().accessToken;
}

void TestDemoFaults::init()
{
    m_emulator->setFaults({});
    m_emulator->clearRequests();
}

HttpResult TestDemoFaults::search(int timeoutMs)
{
    Params query = kPage;
    query.prepend({QStringLiteral("timestamp"), QString::number(m_emulator->now())});
    query.prepend({QStringLiteral("app_key"), m_emulator->config().appKey});
    query.append({QStringLiteral("shop_cipher"), m_api->cipher});
    query.append(
        {QStringLiteral("sign"), tts::test::testSign(m_emulator->config().appSecret, kSearch, query, "{}")});
    return m_api->request("POST", kSearch, query, "{}",
                          {{"x-tts-access-token", m_api->accessToken.toLatin1()}}, timeoutMs);
}

void TestDemoFaults::rateLimited_data()
{
    QTest::addColumn<bool>("asDate");
    QTest::newRow("seconds") << false;
    QTest::newRow("http-date") << true;
}

void TestDemoFaults::rateLimited()
{
    QFETCH(bool, asDate);
    tts::demo::FaultConfig faults;
    faults.retryAfterSeconds = 7;
    faults.retryAfterAsHttpDate = asDate;
    m_emulator->setFaults(faults);
    m_emulator->injectFault(Fault::RateLimited);
    const HttpResult r = search();
    QCOMPARE(r.status, 429);
    QCOMPARE(r.code(), 36009002);
    const QByteArray retryAfter = r.header("Retry-After");
    if (asDate) {
        QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(retryAfter),
                                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        when.setTimeSpec(Qt::UTC);
        QVERIFY2(when.isValid(), retryAfter.constData());
        QVERIFY(when.toSecsSinceEpoch() >= m_emulator->now() + 5);
    } else {
        QCOMPARE(retryAfter, QByteArray("7"));
    }
    QCOMPARE(search().code(), 0); // one request only
    const QList<tts::demo::RequestRecord> records = m_emulator->requests();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0].fault, Fault::RateLimited);
    QCOMPARE(records[0].httpStatus, 429);
    QCOMPARE(records[1].fault, Fault::None);
}

void TestDemoFaults::serverError()
{
    m_emulator->injectFault(Fault::ServerError, 6);
    QSet<int> statuses;
    for (int i = 0; i < 6; ++i) {
        const HttpResult r = search();
        QVERIFY2(r.status == 500 || r.status == 502 || r.status == 503,
                 qPrintable(QString::number(r.status)));
        statuses.insert(r.status);
    }
    QVERIFY(!statuses.isEmpty());
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::envelopeErrors_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("code");
    QTest::newRow("internal") << Fault::InternalError << 36009003;
    QTest::newRow("gateway-timeout") << Fault::GatewayTimeout << 36009007;
}

void TestDemoFaults::envelopeErrors()
{
    QFETCH(Fault, fault);
    QFETCH(int, code);
    m_emulator->injectFault(fault);
    const HttpResult r = search();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.code(), code);
    QCOMPARE(m_emulator->requests().constFirst().code, code);
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::truncated()
{
    m_emulator->injectFault(Fault::Truncated);
    const HttpResult r = search();
    QVERIFY2(r.error != QNetworkReply::NoError, qPrintable(QString::number(r.error)));
    QVERIFY(r.json.isEmpty());
    QCOMPARE(m_emulator->requests().constFirst().fault, Fault::Truncated);
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::notJson()
{
    m_emulator->injectFault(Fault::NotJson);
    const HttpResult r = search();
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("<!DOCTYPE html>"));
    QVERIFY(r.json.isEmpty());
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::reset()
{
    // QNetworkAccessManager itself resends once when a reused connection closes without an answer,
    // so two resets in a row are what a client sees as a failure.
    m_emulator->injectFault(Fault::Reset, 2);
    const HttpResult r = search();
    QVERIFY(r.error != QNetworkReply::NoError);
    QCOMPARE(r.status, 0);
    QCOMPARE(m_emulator->requests().constFirst().httpStatus, 0);
    QCOMPARE(m_emulator->requests().constFirst().fault, Fault::Reset);
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::hang()
{
    m_emulator->injectFault(Fault::Hang);
    const HttpResult r = search(500); // the client's transfer timeout ends it
    QCOMPARE(r.error, QNetworkReply::OperationCanceledError);
    QCOMPARE(r.status, 0);
    QCOMPARE(search().code(), 0);
}

void TestDemoFaults::latency()
{
    tts::demo::FaultConfig faults;
    faults.latencyMs = 300;
    m_emulator->setFaults(faults);
    QElapsedTimer timer;
    timer.start();
    const HttpResult r = search();
    QCOMPARE(r.code(), 0);
    QVERIFY(timer.elapsed() >= 300); // a lower bound: a delay cannot be shorter
}

void TestDemoFaults::injectedFaultsTargetPaths()
{
    m_emulator->injectFault(Fault::InternalError, 2, QStringLiteral("/products/"));
    QCOMPARE(search().code(), 0);
    QCOMPARE(m_api->shopCall("POST", QStringLiteral("/product/202309/products/search"), kPage, "{}").code(),
             36009003);
    QCOMPARE(m_api->shopCall("POST", QStringLiteral("/product/202309/products/search"), kPage, "{}").code(),
             36009003);
    QCOMPARE(m_api->shopCall("POST", QStringLiteral("/product/202309/products/search"), kPage, "{}").code(),
             0);
    QCOMPARE(m_emulator->requestCount(QStringLiteral("/products/")), quint64(3));
    QCOMPARE(m_emulator->requestCount(), quint64(4));
}

void TestDemoFaults::faultRate()
{
    tts::demo::FaultConfig faults;
    faults.faultRate = 0.3;
    faults.faultMix = {Fault::InternalError, Fault::NotJson};
    m_emulator->setFaults(faults);
    int failed = 0;
    for (int i = 0; i < 100; ++i)
        failed += search().code() != 0 ? 1 : 0;
    QVERIFY2(failed > 10 && failed < 60, qPrintable(QString::number(failed)));
    int recorded = 0;
    for (const tts::demo::RequestRecord& record : m_emulator->requests())
        recorded += record.fault != Fault::None ? 1 : 0;
    QCOMPARE(recorded, failed);
}

void TestDemoFaults::qpsLimit()
{
    tts::demo::FaultConfig faults;
    faults.qpsLimit = 5;
    faults.retryAfterSeconds = 1;
    m_emulator->setFaults(faults);
    QNetworkAccessManager nam;
    QList<QNetworkReply*> replies;
    Params query = kPage;
    query.prepend({QStringLiteral("timestamp"), QString::number(m_emulator->now())});
    query.prepend({QStringLiteral("app_key"), m_emulator->config().appKey});
    query.append({QStringLiteral("shop_cipher"), m_api->cipher});
    query.append(
        {QStringLiteral("sign"), tts::test::testSign(m_emulator->config().appSecret, kSearch, query, "{}")});
    int limited = 0;
    for (int i = 0; i < 20; ++i) {
        const HttpResult r = m_api->request("POST", kSearch, query, "{}",
                                            {{"x-tts-access-token", m_api->accessToken.toLatin1()}});
        if (r.status == 429) {
            ++limited;
            QCOMPARE(r.code(), 36009002);
            QCOMPARE(r.header("Retry-After"), QByteArray("1"));
        } else {
            QCOMPARE(r.code(), 0);
        }
    }
    QVERIFY(limited > 0);
    // Whatever the machine's speed: no 1 s window holds more than 5 accepted requests.
    QList<qint64> accepted;
    for (const tts::demo::RequestRecord& record : m_emulator->requests()) {
        if (record.fault == Fault::None)
            accepted.append(record.receivedMs);
    }
    for (qsizetype i = 5; i < accepted.size(); ++i)
        QVERIFY(accepted[i] - accepted[i - 5] >= 1000);
}

void TestDemoFaults::manyConcurrentConnections()
{
    // Several managers open up to 6 connections each: 24 connections, 96 requests in flight.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 4; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QUrl url = m_emulator->baseUrl();
    url.setPath(QStringLiteral("/demo/auth-code"));
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 96; ++i)
        replies.append(managers[size_t(i % 4)]->get(QNetworkRequest(url)));
    for (QNetworkReply* reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().contains("\"auth_code\""));
        reply->deleteLater();
    }
}

QTEST_GUILESS_MAIN(TestDemoFaults)
#include "tst_demofaults.moc"
