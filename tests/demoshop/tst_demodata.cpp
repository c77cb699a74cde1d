// The generated shop: deterministic for a seed, realistic 202309 orders, money relations exact in
// integer minor units for every order, mutations that move orders forward, live mode.

#include "demoapi.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

namespace {

constexpr qint64 kHistoryEnd = 1767225600; // 2026-01-01

// Exact minor units from the API's decimal string; -1 when it is not a valid amount.
qint64 minor(const QJsonValue& value)
{
    static const QRegularExpression format(QStringLiteral("^(0|[1-9][0-9]*)(\\.[0-9]?[1-9])?$"));
    const QString text = value.toString();
    if (!value.isString() || !format.match(text).hasMatch())
        return -1;
    const qsizetype dot = text.indexOf(u'.');
    const qint64 units = text.left(dot < 0 ? text.size() : dot).toLongLong();
    QString cents = dot < 0 ? QString() : text.mid(dot + 1);
    cents = cents.leftJustified(2, u'0');
    return units * 100 + cents.toLongLong();
}

tts::demo::EmulatorConfig config(quint64 seed, qint64 orders, const QString& region = QStringLiteral("US"))
{
    tts::demo::EmulatorConfig c;
    c.seed = seed;
    c.historyEnd = kHistoryEnd;
    c.historyDays = 365;
    c.shops.front().orders = orders;
    c.shops.front().region = region;
    return c;
}

const QSet<QString> kStatuses{QStringLiteral("UNPAID"),
                              QStringLiteral("ON_HOLD"),
                              QStringLiteral("AWAITING_SHIPMENT"),
                              QStringLiteral("PARTIALLY_SHIPPING"),
                              QStringLiteral("AWAITING_COLLECTION"),
                              QStringLiteral("IN_TRANSIT"),
                              QStringLiteral("DELIVERED"),
                              QStringLiteral("COMPLETED"),
                              QStringLiteral("CANCELLED")};

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deterministic();
    void moneyRelations_data();
    void moneyRelations();
    void realisticOrders();
    void statusesByAge();
    void topProductsStandOut();
    void mutationsMoveForward();
    void addOrders();
    void liveModeIsDeterministicInTime();
};

void TestDemoData::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDemoData::deterministic()
{
    tts::demo::Emulator a(config(7, 800)), b(config(7, 800)), c(config(8, 800));
    const QString shop = a.config().shops.front().id;
    const QJsonArray ordersA = a.allOrders(shop);
    QCOMPARE(ordersA.size(), 800);
    QCOMPARE(ordersA, b.allOrders(shop));
    QCOMPARE(a.allProducts(shop), b.allProducts(shop));
    QVERIFY(ordersA != c.allOrders(shop));
    // Over HTTP too: the same page, byte for byte in its orders.
    QVERIFY(a.start() && b.start());
    tts::test::DemoApi apiA(a), apiB(b);
    apiA.accessToken = a.issueTokens().accessToken;
    apiB.accessToken = b.issueTokens().accessToken;
    const tts::test::Params query{{QStringLiteral("page_size"), QStringLiteral("50")}};
    const auto pageA = apiA.shopCall("POST", QStringLiteral("/order/202309/orders/search"), query, "{}");
    const auto pageB = apiB.shopCall("POST", QStringLiteral("/order/202309/orders/search"), query, "{}");
    QCOMPARE(pageA.code(), 0);
    QCOMPARE(pageA.data().value(QStringLiteral("orders")), pageB.data().value(QStringLiteral("orders")));
    QCOMPARE(pageA.data().value(QStringLiteral("next_page_token")),
             pageB.data().value(QStringLiteral("next_page_token")));
}

void TestDemoData::moneyRelations_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("currency");
    QTest::newRow("US") << QStringLiteral("US") << QStringLiteral("USD");
    QTest::newRow("GB") << QStringLiteral("GB") << QStringLiteral("GBP");
    QTest::newRow("DE") << QStringLiteral("DE") << QStringLiteral("EUR");
    QTest::newRow("VN") << QStringLiteral("VN") << QStringLiteral("VND");
}

void TestDemoData::moneyRelations()
{
    QFETCH(QString, region);
    QFETCH(QString, currency);
    tts::demo::Emulator emulator(config(11, 3000, region));
    const QJsonArray orders = emulator.allOrders(emulator.config().shops.front().id);
    QCOMPARE(orders.size(), 3000);
    for (const QJsonValue& value : orders) {
        const QJsonObject order = value.toObject();
        const QJsonObject payment = order.value(QStringLiteral("payment")).toObject();
        const QString id = order.value(QStringLiteral("id")).toString();
        QCOMPARE(payment.value(QStringLiteral("currency")).toString(), currency);
        const qint64 original = minor(payment.value(QStringLiteral("original_total_product_price")));
        const qint64 sellerDiscount = minor(payment.value(QStringLiteral("seller_discount")));
        const qint64 platformDiscount = minor(payment.value(QStringLiteral("platform_discount")));
        const qint64 subTotal = minor(payment.value(QStringLiteral("sub_total")));
        const qint64 shipping = minor(payment.value(QStringLiteral("shipping_fee")));
        const qint64 tax = minor(payment.value(QStringLiteral("tax")));
        const qint64 total = minor(payment.value(QStringLiteral("total_amount")));
        const qint64 originalShipping = minor(payment.value(QStringLiteral("original_shipping_fee")));
        for (qint64 amount :
             {original, sellerDiscount, platformDiscount, subTotal, shipping, tax, total, originalShipping})
            QVERIFY2(amount >= 0, qPrintable(id));
        QVERIFY2(subTotal == original - sellerDiscount - platformDiscount, qPrintable(id));
        QVERIFY2(total == subTotal + shipping + tax, qPrintable(id));
        QVERIFY(shipping <= originalShipping);
        const QJsonArray items = order.value(QStringLiteral("line_items")).toArray();
        QVERIFY(items.size() >= 1 && items.size() <= 5);
        qint64 sale = 0, itemsOriginal = 0, itemsSeller = 0, itemsPlatform = 0;
        for (const QJsonValue& itemValue : items) {
            const QJsonObject item = itemValue.toObject();
            const qint64 salePrice = minor(item.value(QStringLiteral("sale_price")));
            const qint64 originalPrice = minor(item.value(QStringLiteral("original_price")));
            QVERIFY(salePrice >= 0 && originalPrice >= salePrice);
            QCOMPARE(item.value(QStringLiteral("currency")).toString(), currency);
            sale += salePrice;
            itemsOriginal += originalPrice;
            itemsSeller += minor(item.value(QStringLiteral("seller_discount")));
            itemsPlatform += minor(item.value(QStringLiteral("platform_discount")));
        }
        QVERIFY2(sale == subTotal && itemsOriginal == original, qPrintable(id));
        QVERIFY2(itemsSeller == sellerDiscount && itemsPlatform == platformDiscount, qPrintable(id));
    }
}

void TestDemoData::realisticOrders()
{
    tts::demo::Emulator emulator(config(3, 2000));
    const QJsonArray orders = emulator.allOrders(emulator.config().shops.front().id);
    QSet<QString> ids, lineIds;
    int multiUnit = 0, repeatedSku = 0;
    for (const QJsonValue& value : orders) {
        const QJsonObject o = value.toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        QCOMPARE(id.size(), 18);
        QVERIFY(id.toLongLong() > 0);
        ids.insert(id);
        const QString status = o.value(QStringLiteral("status")).toString();
        QVERIFY(kStatuses.contains(status));
        const qint64 create = o.value(QStringLiteral("create_time")).toInteger();
        const qint64 update = o.value(QStringLiteral("update_time")).toInteger();
        QVERIFY(create > kHistoryEnd - 366 * 86400 && create <= kHistoryEnd);
        QVERIFY(update >= create && update <= kHistoryEnd);
        const bool hasAddress = o.contains(QStringLiteral("recipient_address"));
        QCOMPARE(hasAddress,
                 status != u"UNPAID" && status != u"ON_HOLD" && o.contains(QStringLiteral("paid_time")));
        if (hasAddress) {
            const QString name = o.value(QStringLiteral("recipient_address"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString();
            QVERIFY2(name.contains(u'*'), qPrintable(name)); // masked
        }
        QVERIFY(o.value(QStringLiteral("buyer_email")).toString().contains(u'*'));
        QCOMPARE(status == u"CANCELLED", o.contains(QStringLiteral("cancel_time")));
        if (status == u"DELIVERED" || status == u"COMPLETED")
            QVERIFY(o.value(QStringLiteral("delivery_time")).toInteger() >= create);
        for (const char* key :
             {"user_id", "shipping_type", "warehouse_id", "payment_method_name", "delivery_option_name"})
            QVERIFY2(!o.value(QLatin1String(key)).toString().isEmpty(), key);
        for (const char* key : {"is_cod", "is_sample_order", "is_replacement_order"})
            QVERIFY2(o.value(QLatin1String(key)).isBool(), key);
        const QJsonArray items = o.value(QStringLiteral("line_items")).toArray();
        QSet<QString> skus;
        for (const QJsonValue& itemValue : items) {
            const QJsonObject item = itemValue.toObject();
            lineIds.insert(item.value(QStringLiteral("id")).toString());
            skus.insert(item.value(QStringLiteral("sku_id")).toString());
            for (const char* key : {"product_id", "product_name", "sku_id", "sku_name", "sku_image",
                                    "seller_sku", "display_status"})
                QVERIFY2(!item.value(QLatin1String(key)).toString().isEmpty(), key);
            QCOMPARE(item.value(QStringLiteral("display_status")).toString(), status);
        }
        multiUnit += items.size() > 1 ? 1 : 0;
        repeatedSku += skus.size() < items.size() ? 1 : 0;
    }
    QCOMPARE(ids.size(), orders.size());
    QVERIFY(lineIds.size() > orders.size());
    QVERIFY(multiUnit > 400 && multiUnit < 1400);
    QVERIFY(repeatedSku > 50); // quantity > 1 is the same SKU repeated
}

void TestDemoData::statusesByAge()
{
    tts::demo::Emulator emulator(config(5, 20000));
    QHash<QString, int> old, recent;
    int oldCount = 0;
    for (const QJsonValue& value : emulator.allOrders(emulator.config().shops.front().id)) {
        const QJsonObject o = value.toObject();
        const qint64 age = kHistoryEnd - o.value(QStringLiteral("create_time")).toInteger();
        const QString status = o.value(QStringLiteral("status")).toString();
        if (age > 60 * 86400) {
            ++old[status];
            ++oldCount;
        } else if (age < 2 * 86400) {
            ++recent[status];
        }
    }
    QCOMPARE(old.value(QStringLiteral("COMPLETED")) + old.value(QStringLiteral("CANCELLED")), oldCount);
    const double cancelled = double(old.value(QStringLiteral("CANCELLED"))) / oldCount;
    QVERIFY2(cancelled > 0.05 && cancelled < 0.12, qPrintable(QString::number(cancelled)));
    QVERIFY(recent.value(QStringLiteral("AWAITING_SHIPMENT")) > 0);
    QVERIFY(recent.value(QStringLiteral("AWAITING_COLLECTION")) + recent.value(QStringLiteral("IN_TRANSIT")) >
            0);
    QVERIFY(recent.value(QStringLiteral("COMPLETED")) == 0);
}

void TestDemoData::topProductsStandOut()
{
    tts::demo::Emulator emulator(config(9, 5000));
    QHash<QString, int> units;
    for (const QJsonValue& value : emulator.allOrders(emulator.config().shops.front().id)) {
        for (const QJsonValue& item : value.toObject().value(QStringLiteral("line_items")).toArray())
            ++units[item.toObject().value(QStringLiteral("product_id")).toString()];
    }
    QList<int> counts = units.values();
    std::sort(counts.begin(), counts.end(), std::greater<>());
    QVERIFY(counts.size() > 20);
    QVERIFY2(counts.first() > 4 * counts.at(counts.size() / 2), qPrintable(QString::number(counts.first())));
}

void TestDemoData::mutationsMoveForward()
{
    tts::demo::Emulator emulator(config(4, 3000));
    const QString shop = emulator.config().shops.front().id;
    QHash<QString, QJsonObject> before;
    for (const QJsonValue& v : emulator.allOrders(shop))
        before.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    static const QHash<QString, QStringList> allowed{
        {QStringLiteral("UNPAID"), {QStringLiteral("AWAITING_SHIPMENT"), QStringLiteral("CANCELLED")}},
        {QStringLiteral("ON_HOLD"), {QStringLiteral("AWAITING_SHIPMENT")}},
        {QStringLiteral("AWAITING_SHIPMENT"),
         {QStringLiteral("AWAITING_COLLECTION"), QStringLiteral("CANCELLED")}},
        {QStringLiteral("PARTIALLY_SHIPPING"), {QStringLiteral("AWAITING_COLLECTION")}},
        {QStringLiteral("AWAITING_COLLECTION"), {QStringLiteral("IN_TRANSIT")}},
        {QStringLiteral("IN_TRANSIT"), {QStringLiteral("DELIVERED")}},
        {QStringLiteral("DELIVERED"), {QStringLiteral("COMPLETED")}},
        {QStringLiteral("COMPLETED"), {QStringLiteral("CANCELLED")}}};
    const qint64 when = kHistoryEnd + 100;
    const QStringList changed = emulator.mutateRandomOrders(shop, 200, when);
    QCOMPARE(changed.size(), 200);
    QCOMPARE(QSet<QString>(changed.begin(), changed.end()).size(), 200);
    int old = 0;
    for (const QString& id : changed) {
        const QJsonObject now = emulator.order(shop, id);
        const QString from = before.value(id).value(QStringLiteral("status")).toString();
        QVERIFY2(allowed.value(from).contains(now.value(QStringLiteral("status")).toString()),
                 qPrintable(from));
        QCOMPARE(now.value(QStringLiteral("update_time")).toInteger(), when);
        old += kHistoryEnd - now.value(QStringLiteral("create_time")).toInteger() > 90 * 86400 ? 1 : 0;
    }
    QVERIFY(old > 50); // any age, not just recent orders
    // setOrderStatus / setOrderUpdateTime.
    const QString id = changed.first();
    emulator.setOrderStatus(shop, id, QStringLiteral("DELIVERED"), when + 5);
    QCOMPARE(emulator.order(shop, id).value(QStringLiteral("status")).toString(),
             QStringLiteral("DELIVERED"));
    QCOMPARE(emulator.order(shop, id).value(QStringLiteral("update_time")).toInteger(), when + 5);
    emulator.setOrderUpdateTime(shop, {id}, when + 9);
    QCOMPARE(emulator.order(shop, id).value(QStringLiteral("update_time")).toInteger(), when + 9);
}

void TestDemoData::addOrders()
{
    tts::demo::Emulator emulator(config(4, 100));
    const QString shop = emulator.config().shops.front().id;
    const QStringList ids = emulator.addOrders(shop, 5, kHistoryEnd + 50);
    QCOMPARE(emulator.orderCount(shop), 105);
    for (const QString& id : ids) {
        const QJsonObject o = emulator.order(shop, id);
        QCOMPARE(o.value(QStringLiteral("create_time")).toInteger(), kHistoryEnd + 50);
        QCOMPARE(o.value(QStringLiteral("update_time")).toInteger(), kHistoryEnd + 50);
        QVERIFY(QStringList({QStringLiteral("UNPAID"), QStringLiteral("AWAITING_SHIPMENT")})
                    .contains(o.value(QStringLiteral("status")).toString()));
    }
    // Out of order creation (older than existing orders) is indexed too.
    const QStringList older = emulator.addOrders(shop, 1, kHistoryEnd - 300 * 86400);
    QCOMPARE(emulator.order(shop, older.first()).value(QStringLiteral("create_time")).toInteger(),
             kHistoryEnd - 300 * 86400);
}

void TestDemoData::liveModeIsDeterministicInTime()
{
    tts::demo::EmulatorConfig live = config(12, 500);
    live.historyEnd = 0; // live: the history ends at midnight UTC, the day's orders arrive since
    live.live = true;
    tts::demo::Emulator a(live), b(live);
    const QString shop = a.config().shops.front().id;
    const qint64 now = a.now();
    QVERIFY(a.orderCount(shop) >= 500);
    // The same shop at the same moment (orders created before the last minute, to avoid a race).
    auto settled = [&](tts::demo::Emulator& e) {
        QJsonArray result;
        for (const QJsonValue& v : e.allOrders(shop)) {
            if (v.toObject().value(QStringLiteral("create_time")).toInteger() < now - 120)
                result.append(v.toObject().value(QStringLiteral("id")));
        }
        return result;
    };
    QCOMPARE(settled(a), settled(b));
    // Orders arrive after midnight ("a few per minute") once more than an hour of the day has passed.
    if (now % 86400 > 3600)
        QVERIFY(a.orderCount(shop) > 500);
    for (const QJsonValue& v : a.allOrders(shop))
        QVERIFY(v.toObject().value(QStringLiteral("update_time")).toInteger() <= a.now());
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
