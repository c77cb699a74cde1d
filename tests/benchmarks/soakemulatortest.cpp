// The emulator additions of the soak run, at the HTTP level: a malformed-JSON response is complete
// (Content-Length matches) but does not parse; a stalled response is the right one, late; product
// revisions change title and status and never move a product's update_time backwards.

#include "demoapi.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using tts::demo::Fault;
using tts::test::DemoApi;
using tts::test::HttpResult;
using tts::test::Params;

namespace {

const QString kSearch = u"/order/202309/orders/search"_s;
const Params kPage{{u"page_size"_s, u"20"_s}};

QHash<QString, QJsonObject> productsById(const QJsonArray& products)
{
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue& p : products)
        byId.insert(p.toObject().value(u"id"_s).toString(), p.toObject());
    return byId;
}

} // namespace

class TestSoakEmulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void malformedJsonIsCompleteButUnparsable();
    void stallDeliversTheRightResponse();
    void productRevisionsNeverGoBackInTime();

private:
    HttpResult search() { return m_api->shopCall("POST", kSearch, kPage, "{}"); }
    std::unique_ptr<tts::demo::Emulator> m_emulator;
    std::unique_ptr<DemoApi> m_api;
};

void TestSoakEmulator::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 200;
    config.shops.front().products = 12;
    m_emulator = tts::test::startEmulator(config);
    QVERIFY(m_emulator);
    m_api = std::make_unique<DemoApi>(*m_emulator);
    m_api->accessToken = m_emulator->issueTokens().accessToken;
}

void TestSoakEmulator::init()
{
    m_emulator->setFaults({});
    m_emulator->clearRequests();
}

void TestSoakEmulator::malformedJsonIsCompleteButUnparsable()
{
    const HttpResult clean = search();
    QCOMPARE(clean.code(), 0);
    m_emulator->injectFault(Fault::MalformedJson, 1, kSearch);
    const HttpResult bad = search();
    QVERIFY(bad.finished);
    QCOMPARE(bad.error, QNetworkReply::NoError); // nothing is missing at the HTTP level
    QCOMPARE(bad.status, 200);
    QVERIFY(bad.header("content-type").startsWith("application/json"));
    QCOMPARE(bad.header("content-length").toLongLong(), qint64(bad.body.size()));
    QVERIFY(!bad.body.isEmpty());
    QVERIFY(clean.body.startsWith(bad.body.left(8))); // an envelope, cut off
    QJsonParseError error;
    QJsonDocument::fromJson(bad.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(m_emulator->requests().last().fault, Fault::MalformedJson);
    QCOMPARE(search().code(), 0); // the next request is served normally
}

void TestSoakEmulator::stallDeliversTheRightResponse()
{
    const HttpResult clean = search();
    QCOMPARE(clean.code(), 0);
    tts::demo::FaultConfig faults;
    faults.stallMs = 300;
    m_emulator->setFaults(faults);
    m_emulator->injectFault(Fault::Stall, 1, kSearch);
    const HttpResult late = search();
    QVERIFY(late.finished);
    QCOMPARE(late.code(), 0);
    QCOMPARE(late.data().value(u"orders"_s).toArray(), clean.data().value(u"orders"_s).toArray());
    QCOMPARE(m_emulator->requests().last().fault, Fault::Stall);
}

void TestSoakEmulator::productRevisionsNeverGoBackInTime()
{
    const QString shopId = m_emulator->config().shops.front().id;
    const auto before = productsById(m_emulator->allProducts(shopId));
    const qint64 later = m_emulator->now();
    const QStringList revised = m_emulator->reviseRandomProducts(shopId, 4, later);
    QCOMPARE(QSet<QString>(revised.begin(), revised.end()).size(), 4);
    auto after = productsById(m_emulator->allProducts(shopId));
    QCOMPARE(after.size(), before.size());
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QJsonObject& old = it.value();
        const QJsonObject& now = after.value(it.key());
        if (!revised.contains(it.key())) {
            QCOMPARE(now, old);
            continue;
        }
        QCOMPARE(now.value(u"title"_s).toString(), old.value(u"title"_s).toString() + u" (rev 1)"_s);
        QCOMPARE(now.value(u"update_time"_s).toInteger(),
                 std::max(old.value(u"update_time"_s).toInteger(), later));
        const QString status = now.value(u"status"_s).toString();
        if (status != old.value(u"status"_s).toString())
            QVERIFY(status == "ACTIVATE"_L1 || status == "SELLER_DEACTIVATED"_L1);
    }

    // Revising every product at an earlier time moves no update_time back; titles count revisions.
    const auto middle = after;
    const QStringList all = m_emulator->reviseRandomProducts(shopId, int(middle.size()), 1);
    QCOMPARE(all.size(), middle.size());
    after = productsById(m_emulator->allProducts(shopId));
    for (auto it = middle.cbegin(); it != middle.cend(); ++it) {
        const QJsonObject& now = after.value(it.key());
        QCOMPARE(now.value(u"update_time"_s).toInteger(), it.value().value(u"update_time"_s).toInteger());
        const QString expected = revised.contains(it.key()) ? u" (rev 2)"_s : u" (rev 1)"_s;
        QVERIFY2(now.value(u"title"_s).toString().endsWith(expected),
                 qPrintable(now.value(u"title"_s).toString()));
    }

    // The API serves the revised catalog.
    const HttpResult page = m_api->shopCall("POST", u"/product/202309/products/search"_s, kPage, "{}");
    QCOMPARE(page.code(), 0);
    const auto served = productsById(page.data().value(u"products"_s).toArray());
    for (auto it = served.cbegin(); it != served.cend(); ++it)
        QCOMPARE(it.value().value(u"title"_s), after.value(it.key()).value(u"title"_s));
}

QTEST_GUILESS_MAIN(TestSoakEmulator)
#include "soakemulatortest.moc"
