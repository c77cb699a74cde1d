// The output of tiktok-shop-sync: the JSON objects of the contract and the human text.
#include "clioutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncReportHasTheContractFields();
    void statusHasTheContractShape();
    void errorObject();
    void progressLine();
    void jsonLineIsOneCompactObject();
    void timesAreUtc();
};

void TestCliOutput::syncReportHasTheContractFields()
{
    tts::SyncReport report;
    report.mode = tts::SyncMode::Full;
    report.ordersUpserted = 300000;
    report.productsUpserted = 42;
    report.apiCalls = 3011;
    report.durationMs = 5123;
    report.shopIds = {u"1"_s, u"2"_s};
    QJsonObject json = tts::cli::syncReportJson(report);
    QCOMPARE(json.value("mode"_L1).toString(), u"full"_s);
    QCOMPARE(json.value("orders_upserted"_L1).toInteger(), 300000);
    QCOMPARE(json.value("products_upserted"_L1).toInteger(), 42);
    QCOMPARE(json.value("api_calls"_L1).toInteger(), 3011);
    QCOMPARE(json.value("duration_ms"_L1).toInteger(), 5123);
    QCOMPARE(json.value("cancelled"_L1).toBool(true), false);
    QCOMPARE(json.value("shops"_L1).toArray().size(), 2);

    report.mode = tts::SyncMode::Incremental;
    report.cancelled = true;
    json = tts::cli::syncReportJson(report);
    QCOMPARE(json.value("mode"_L1).toString(), u"incremental"_s);
    QCOMPARE(json.value("cancelled"_L1).toBool(false), true);

    const QString text = tts::cli::syncReportText(report);
    QVERIFY2(text.contains("300,000"_L1) && text.contains("3,011"_L1), qPrintable(text));
    QVERIFY(text.contains("interrupted"_L1));
}

void TestCliOutput::statusHasTheContractShape()
{
    tts::ShopStatus shop;
    shop.id = u"7495"_s;
    shop.name = u"Sunrise"_s;
    shop.region = u"US"_s;
    shop.orders = 1234;
    shop.products = 56;
    shop.ordersStream = {1700000000, 1699999000, 77, true, true, 500, 1000};
    shop.productsStream = {1700000001, 1699999001, 3, false, false, 0, 0};
    const QJsonObject json = tts::cli::statusJson({shop}, u"/tmp/shop.sqlite"_s);
    const QJsonArray shops = json.value("shops"_L1).toArray();
    QCOMPARE(shops.size(), 1);
    const QJsonObject object = shops.first().toObject();
    QCOMPARE(object.value("id"_L1).toString(), u"7495"_s);
    QCOMPARE(object.value("name"_L1).toString(), u"Sunrise"_s);
    QCOMPARE(object.value("orders"_L1).toInteger(), 1234);
    QCOMPARE(object.value("products"_L1).toInteger(), 56);
    const QJsonObject orders = object.value("streams"_L1).toObject().value("orders"_L1).toObject();
    QCOMPARE(orders.value("last_sync_time"_L1).toInteger(), 1700000000);
    QCOMPARE(orders.value("last_record_time"_L1).toInteger(), 1699999000);
    QCOMPARE(orders.value("records_synced"_L1).toInteger(), 77);
    QCOMPARE(orders.value("is_full_sync"_L1).toBool(false), true);
    QCOMPARE(orders.value("full_resync_unfinished"_L1).toBool(false), true);
    QCOMPARE(orders.value("full_resync_done"_L1).toInteger(), 500);
    const QJsonObject products = object.value("streams"_L1).toObject().value("products"_L1).toObject();
    QCOMPARE(products.value("last_sync_time"_L1).toInteger(), 1700000001);
    QCOMPARE(products.value("full_resync_unfinished"_L1).toBool(true), false);

    const QString text = tts::cli::statusText({shop}, u"/tmp/shop.sqlite"_s);
    QVERIFY2(text.contains("1,234 orders"_L1) && text.contains("unfinished"_L1), qPrintable(text));
    QVERIFY(tts::cli::statusText({}, u"/x"_s).contains("No shop"_L1));
}

void TestCliOutput::errorObject()
{
    const QJsonObject json = tts::cli::errorJson(5, u"The disk is full."_s);
    QCOMPARE(json.value("error"_L1).toObject().value("exit_code"_L1).toInt(), 5);
    QCOMPARE(json.value("error"_L1).toObject().value("message"_L1).toString(), u"The disk is full."_s);
}

void TestCliOutput::progressLine()
{
    tts::SyncProgress progress;
    progress.mode = tts::SyncMode::Full;
    progress.stream = u"orders"_s;
    progress.ordersDone = 2500;
    progress.ordersTotal = 10000;
    progress.pages = 25;
    progress.apiCalls = 27;
    progress.ordersPerSecond = 1234.5;
    progress.etaSeconds = 6;
    const QString line = tts::cli::progressLine(progress);
    QVERIFY2(line.contains("2,500"_L1) && line.contains("10,000"_L1) && line.contains("(25%)"_L1),
             qPrintable(line));
    QVERIFY(line.contains("27 API calls"_L1));
    QVERIFY(line.contains("6 s"_L1));
    QVERIFY(!line.contains(u'\n'));

    progress.ordersTotal = 0;
    progress.etaSeconds = -1;
    QVERIFY(!tts::cli::progressLine(progress).contains(u'%'));

    // Singular for one: "1 order", never "1 orders".
    progress.ordersDone = 1;
    progress.pages = 1;
    progress.apiCalls = 1;
    const QString one = tts::cli::progressLine(progress);
    QVERIFY2(one.contains("1 order,"_L1) && one.contains("1 page,"_L1) && one.contains("1 API call,"_L1),
             qPrintable(one));
    QVERIFY2(!one.contains("1 orders"_L1) && !one.contains("1 pages"_L1) && !one.contains("1 API calls"_L1),
             qPrintable(one));

    tts::SyncReport report;
    report.ordersUpserted = 1;
    report.productsUpserted = 1;
    report.apiCalls = 1;
    report.shopIds = {u"7495000000000000001"_s};
    const QString text = tts::cli::syncReportText(report);
    QVERIFY2(text.contains("1 order and 1 product upserted for 1 shop, 1 API call,"_L1), qPrintable(text));
    report.ordersUpserted = 2;
    report.shopIds << u"7495000000000000002"_s;
    QVERIFY2(tts::cli::syncReportText(report).contains("2 orders and 1 product upserted for 2 shops"_L1),
             qPrintable(tts::cli::syncReportText(report)));
}

void TestCliOutput::jsonLineIsOneCompactObject()
{
    const QByteArray line = tts::cli::toJsonLine(QJsonObject{{u"a"_s, 1}, {u"b"_s, u"x"_s}});
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QVERIFY(QJsonDocument::fromJson(line).isObject());
}

void TestCliOutput::timesAreUtc()
{
    QCOMPARE(tts::cli::formatTime(0), u"never"_s);
    QCOMPARE(tts::cli::formatTime(1700000000), u"2023-11-14T22:13:20Z"_s);
}

QTEST_GUILESS_MAIN(TestCliOutput)
#include "tst_clioutput.moc"
