#include "storetesthelpers.h"

#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/sqlfaultinjector.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tts;
using tts::test::makeOrder;
using tts::test::scalar;

namespace {

const QString kShop = QStringLiteral("shop1");

// The first column where `stored` and `given` differ (NULL apart from an empty text), or empty.
QString firstDifference(const QVariantList& stored, const QVariantList& given)
{
    if (stored.size() != given.size())
        return QStringLiteral("%1 columns stored, %2 given").arg(stored.size()).arg(given.size());
    for (qsizetype c = 0; c < given.size(); ++c) {
        if (stored.at(c).isNull() != given.at(c).isNull() ||
            stored.at(c).toString() != given.at(c).toString())
            return QStringLiteral("column %1: %2 stored, %3 given")
                .arg(c)
                .arg(stored.at(c).isNull() ? QStringLiteral("NULL") : stored.at(c).toString(),
                     given.at(c).isNull() ? QStringLiteral("NULL") : given.at(c).toString());
    }
    return {};
}

} // namespace

class TestOrderStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        Database::Error error;
        static int n = 0;
        m_db = Database::open(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++n)), Database::ReadWrite,
                              &error);
        QVERIFY2(m_db, qPrintable(error.message));
    }
    void cleanup()
    {
        SqlFaultInjector::disarm();
        m_db.reset();
    }

    void pageWithCursorCommitsTogether()
    {
        OrderStore store(*m_db);
        QList<Order> page{makeOrder(QStringLiteral("o1"), 100, 200),
                          makeOrder(QStringLiteral("o2"), 110, 250, 2)};
        CursorUpdate cursor;
        cursor.highWaterMark = 250;
        cursor.recordsSynced = 2;
        Database::Error error;
        QVERIFY2(store.upsertOrderPage(kShop, page, cursor, &error), qPrintable(error.message));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM orders")), 2);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items")), 5);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT units FROM orders WHERE id='o2'")), 2);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT total_amount_minor FROM orders WHERE id='o1'")), 2130);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT sale_price_minor FROM line_items WHERE id='o1-li0'")),
                 677);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT create_time FROM line_items WHERE id='o2-li1'")), 110);
        StreamMetadata meta;
        QVERIFY(store.state().readStream(kShop, streams::orders(), &meta, &error));
        QVERIFY(meta.exists);
        QCOMPARE(meta.lastRecordTime, 250);
        // The mark only rises.
        cursor.highWaterMark = 150;
        QVERIFY(store.upsertOrderPage(kShop, {}, cursor, &error));
        QVERIFY(store.state().readStream(kShop, streams::orders(), &meta, &error));
        QCOMPARE(meta.lastRecordTime, 250);
    }

    // Every column as given: texts (ASCII, beyond ASCII, empty) apart from NULL, the optional times,
    // the flags, and the integers derived from the money; each field differs from its neighbours so
    // that a value bound to the wrong column shows.
    void storesEveryColumnExactly()
    {
        Order o = makeOrder(QStringLiteral("576000000000000001"), 1700000000, 1700000100, 2);
        o.paidTime.reset();
        o.cancelTime = 1700000050;
        o.deliveryTime = 1700000060;
        o.currency = QStringLiteral("EUR");
        o.totalAmount = QStringLiteral("1234.5");
        o.subTotal = QStringLiteral("1200");
        o.shippingFee = QString(); // null
        o.sellerDiscount = QStringLiteral("");
        o.platformDiscount = QStringLiteral("0.01");
        o.tax = QStringLiteral("34.4");
        o.originalTotalProductPrice = QStringLiteral("1300");
        o.originalShippingFee = QStringLiteral("4.99");
        o.userId = QStringLiteral("u-7");
        o.buyerEmail = QStringLiteral("jürgen@example.de");
        o.buyerMessage = QStringLiteral("Bitte klingeln 🔔 — danke");
        o.cancelReason = QStringLiteral("Out of stock");
        o.cancellationInitiator = QStringLiteral("SELLER");
        o.shippingType = QStringLiteral("TIKTOK");
        o.deliveryOptionName = QStringLiteral("Express");
        o.shippingProvider = QStringLiteral("DHL");
        o.trackingNumber = QStringLiteral("JD0001");
        o.warehouseId = QStringLiteral("w-1");
        o.paymentMethodName = QStringLiteral("Kreditkarte");
        o.isCod = true;
        o.isSampleOrder = false;
        o.isReplacementOrder = false;
        o.sellerNote = QStringLiteral("");
        o.recipientRegion = QStringLiteral("DE");
        o.recipientPostalCode = QStringLiteral("10115");
        LineItem& l = o.lineItems[1];
        l.productName = QStringLiteral("Teekanne « Ōkubo » 日本");
        l.skuName = QStringLiteral("Größe M");
        l.sellerSku = QString(); // null
        l.salePrice = QStringLiteral("not money");
        l.platformDiscount = QStringLiteral("0.5");
        l.sellerDiscount = QStringLiteral("");
        l.displayStatus = QStringLiteral("SHIPPED");
        l.packageId = QStringLiteral("pkg-9");
        l.isGift = true;

        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY2(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("o0"), 1, 2), o}, {}, &error),
                 qPrintable(error.message));

        const auto row = [this](const QString& sql, int columns) {
            QSqlQuery q(m_db->connection());
            QVariantList values;
            if (q.exec(sql) && q.next()) {
                for (int c = 0; c < columns; ++c)
                    values << q.value(c);
            }
            return values;
        };
        const auto text = [](const QString& s) {
            return s.isNull() ? QVariant() : QVariant(s);
        };
        const auto time = [](std::optional<qint64> t) {
            return t ? QVariant(*t) : QVariant();
        };
        const QVariantList order =
            row(QStringLiteral(
                    "SELECT id, shop_id, status, create_time, update_time, paid_time, cancel_time,"
                    " delivery_time, currency, total_amount, sub_total, shipping_fee, seller_discount,"
                    " platform_discount, tax, original_total_product_price, original_shipping_fee,"
                    " user_id, buyer_email, buyer_message, cancel_reason, cancellation_initiator,"
                    " shipping_type, delivery_option_name, shipping_provider, tracking_number,"
                    " warehouse_id, payment_method_name, is_cod, is_sample_order, is_replacement_order,"
                    " seller_note, recipient_region, recipient_postal_code, total_amount_minor, units"
                    " FROM orders WHERE id = '576000000000000001'"),
                36);
        const QVariantList expected{o.id,
                                    kShop,
                                    o.status,
                                    o.createTime,
                                    o.updateTime,
                                    time(o.paidTime),
                                    time(o.cancelTime),
                                    time(o.deliveryTime),
                                    o.currency,
                                    o.totalAmount,
                                    o.subTotal,
                                    text(o.shippingFee),
                                    o.sellerDiscount,
                                    o.platformDiscount,
                                    o.tax,
                                    o.originalTotalProductPrice,
                                    o.originalShippingFee,
                                    o.userId,
                                    o.buyerEmail,
                                    o.buyerMessage,
                                    o.cancelReason,
                                    o.cancellationInitiator,
                                    o.shippingType,
                                    o.deliveryOptionName,
                                    o.shippingProvider,
                                    o.trackingNumber,
                                    o.warehouseId,
                                    o.paymentMethodName,
                                    1,
                                    0,
                                    0,
                                    o.sellerNote,
                                    o.recipientRegion,
                                    o.recipientPostalCode,
                                    123450,
                                    2};
        QCOMPARE(firstDifference(order, expected), QString());

        const QVariantList item =
            row(QStringLiteral("SELECT id, order_id, product_id, product_name, sku_id, sku_name, seller_sku,"
                               " sale_price, original_price, platform_discount, seller_discount, currency,"
                               " display_status, package_id, is_gift, sale_price_minor, shop_id, create_time"
                               " FROM line_items WHERE id = '%1'")
                    .arg(l.id),
                18);
        const QVariantList expectedItem{l.id,
                                        o.id,
                                        l.productId,
                                        l.productName,
                                        l.skuId,
                                        l.skuName,
                                        text(l.sellerSku),
                                        l.salePrice,
                                        l.originalPrice,
                                        l.platformDiscount,
                                        l.sellerDiscount,
                                        l.currency,
                                        l.displayStatus,
                                        l.packageId,
                                        1,
                                        QVariant(), // "not money": no minor units
                                        kShop,
                                        o.createTime};
        QCOMPARE(firstDifference(item, expectedItem), QString());
        // An empty text stays a text, not NULL.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT typeof(seller_note) = 'text' AND seller_note = ''"
                                              " FROM orders WHERE id = '576000000000000001'")),
                 1);
    }

    void upsertReplacesLineItemsAndIsIdempotent()
    {
        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("o1"), 100, 200, 3)}, {}, &error));
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("o1"), 100, 200, 3)}, {}, &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items")), 3);
        Order changed = makeOrder(QStringLiteral("o1"), 100, 300, 1, QStringLiteral("CANCELLED"));
        changed.totalAmount = QStringLiteral("0.1");
        QVERIFY(store.upsertOrderPage(kShop, {changed}, {}, &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items")), 1);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT total_amount_minor FROM orders")), 10);
        QSqlQuery q(m_db->connection());
        QVERIFY(
            q.exec(QStringLiteral("SELECT status, total_amount, update_time FROM orders WHERE id='o1'")) &&
            q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("0.1"));
        QCOMPARE(q.value(2).toLongLong(), 300);
    }

    void countsOnlyNewAndNewerOrders()
    {
        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY(store.upsertOrderPage(
            kShop,
            {makeOrder(QStringLiteral("o1"), 100, 200, 1), makeOrder(QStringLiteral("o2"), 100, 200, 1)}, {},
            &error));
        // o1 read again as stored, o2 in an older state, o3 new, o4 new twice in the page, o2 newer
        // later in the page.
        const QList<Order> page{
            makeOrder(QStringLiteral("o1"), 100, 200, 1), makeOrder(QStringLiteral("o2"), 100, 150, 1),
            makeOrder(QStringLiteral("o3"), 100, 210, 1), makeOrder(QStringLiteral("o4"), 100, 220, 1),
            makeOrder(QStringLiteral("o4"), 100, 230, 1), makeOrder(QStringLiteral("o2"), 100, 260, 1)};
        qint64 changed = -1;
        QVERIFY2(store.countChanged(page, &changed, &error), qPrintable(error.message));
        QCOMPARE(changed, 3); // o2, o3, o4
        QVERIFY(store.countChanged(page.mid(0, 1), &changed, &error));
        QCOMPARE(changed, 0);
        QVERIFY(store.countChanged({}, &changed, &error));
        QCOMPARE(changed, 0);
        // Counting writes nothing.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM orders")), 2);
    }

    // An order twice in one page (it changed while the pages were read): its newest state is stored,
    // with that state's line items only, whichever comes first in the page.
    void orderTwiceInAPageKeepsItsNewestState()
    {
        OrderStore store(*m_db);
        Database::Error error;
        const Order older = makeOrder(QStringLiteral("o1"), 100, 200, 3, QStringLiteral("AWAITING_SHIPMENT"));
        const Order newer = makeOrder(QStringLiteral("o1"), 100, 300, 1, QStringLiteral("CANCELLED"));
        const Order other = makeOrder(QStringLiteral("o2"), 100, 250, 2);
        QVERIFY2(store.upsertOrderPage(kShop, {older, other, newer}, {}, &error), qPrintable(error.message));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id='o1'")), 1);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT units FROM orders WHERE id='o1'")), 1);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT update_time FROM orders WHERE id='o1'")), 300);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id='o2'")), 2);

        const Order newest = makeOrder(QStringLiteral("o3"), 100, 400, 2, QStringLiteral("DELIVERED"));
        const Order stale = makeOrder(QStringLiteral("o3"), 100, 350, 4);
        QVERIFY(store.upsertOrderPage(kShop, {newest, stale}, {}, &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id='o3'")), 2);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT update_time FROM orders WHERE id='o3'")), 400);
    }

    // The last order of a page without line items (the API may send none): stored with 0 units, the
    // others' line items unaffected.
    void orderWithoutLineItemsLastInAPage()
    {
        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY2(store.upsertOrderPage(kShop,
                                       {makeOrder(QStringLiteral("o1"), 100, 200, 2),
                                        makeOrder(QStringLiteral("o2"), 100, 200, 0)},
                                       {}, &error),
                 qPrintable(error.message));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT units FROM orders WHERE id='o2'")), 0);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items")), 2);
    }

    // Products as orders: a page read earlier does not overwrite a newer state, SKUs included.
    void olderProductStateNeverOverwritesNewer()
    {
        OrderStore store(*m_db);
        Database::Error error;
        Product newer;
        newer.id = QStringLiteral("p1");
        newer.title = QStringLiteral("Mug, blue");
        newer.updateTime = 300;
        newer.skus = {
            {QStringLiteral("s1"), QStringLiteral("MUG-B"), QStringLiteral("USD"), QStringLiteral("9.5"), 4}};
        Product older = newer;
        older.title = QStringLiteral("Mug");
        older.updateTime = 200;
        older.skus = {
            {QStringLiteral("s0"), QStringLiteral("MUG"), QStringLiteral("USD"), QStringLiteral("9"), 7},
            {QStringLiteral("s2"), QStringLiteral("MUG-2"), QStringLiteral("USD"), QStringLiteral("9"), 1}};
        QVERIFY2(store.upsertProductPage(kShop, {newer}, {}, &error), qPrintable(error.message));
        QVERIFY2(store.upsertProductPage(kShop, {older}, {}, &error), qPrintable(error.message));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT title, update_time FROM products WHERE id='p1'")) && q.next());
        QCOMPARE(q.value(0).toString(), newer.title);
        QCOMPARE(q.value(1).toLongLong(), 300);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM product_skus WHERE product_id='p1'")), 1);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT inventory FROM product_skus WHERE id='s1'")), 4);
        // As new (the same update time, read again) or newer: written.
        newer.title = QStringLiteral("Mug, navy");
        QVERIFY(store.upsertProductPage(kShop, {newer}, {}, &error));
        QVERIFY(q.exec(QStringLiteral("SELECT title FROM products WHERE id='p1'")) && q.next());
        QCOMPARE(q.value(0).toString(), newer.title);
    }

    void olderStateNeverOverwritesNewer()
    {
        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY(store.upsertOrderPage(
            kShop, {makeOrder(QStringLiteral("o1"), 100, 300, 1, QStringLiteral("DELIVERED"))}, {}, &error));
        QVERIFY(store.upsertOrderPage(
            kShop, {makeOrder(QStringLiteral("o1"), 100, 200, 1, QStringLiteral("IN_TRANSIT"))}, {}, &error));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT status FROM orders")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("DELIVERED"));
        // Its line items stay those of the newer state too, in a page beside a new order.
        QVERIFY(store.upsertOrderPage(
            kShop,
            {makeOrder(QStringLiteral("o1"), 100, 250, 3), makeOrder(QStringLiteral("o2"), 100, 250, 2)}, {},
            &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id='o1'")), 1);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items WHERE order_id='o2'")), 2);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT units FROM orders WHERE id='o1'")), 1);
    }

    void notesDirtyHoursWithoutTheTriggers()
    {
        // The rollups' dirty hours of a page are noted by the store itself, so that a resync may drop
        // the per-row triggers (DeferredIndexes); an order kept in its newer state changes nothing.
        Database::Error error;
        for (const char* trigger : {"orders_rollup_insert", "orders_rollup_update"})
            QVERIFY(m_db->exec(QStringLiteral("DROP TRIGGER %1").arg(QLatin1String(trigger)), &error));
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM rollup_dirty"), &error));
        OrderStore store(*m_db);
        QVERIFY(store.upsertOrderPage(kShop,
                                      {makeOrder(QStringLiteral("o1"), 7 * 3600 + 5, 9 * 3600),
                                       makeOrder(QStringLiteral("o2"), 7 * 3600 + 99, 9 * 3600),
                                       makeOrder(QStringLiteral("o3"), -3600 - 1, 9 * 3600)},
                                      {}, &error));
        // Once per hour, truncated towards zero as SQLite's create_time / 3600 in the triggers.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT group_concat(hour, ',') FROM (SELECT hour FROM rollup_dirty "
                                      "WHERE shop_id='shop1' ORDER BY hour)")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("-1,7"));
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM rollup_dirty"), &error));
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("o1"), 7 * 3600 + 5, 8 * 3600)}, {},
                                      &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM rollup_dirty")), 0);
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("o2"), 7 * 3600 + 99, 10 * 3600)}, {},
                                      &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT hour FROM rollup_dirty")), 7);
    }

    void moneyWithThreeDecimalsKeepsTheStringOnly()
    {
        OrderStore store(*m_db);
        Order o = makeOrder(QStringLiteral("o1"), 1, 2, 1);
        o.totalAmount = QStringLiteral("10.125");
        Database::Error error;
        QVERIFY(store.upsertOrderPage(kShop, {o}, {}, &error));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT total_amount, total_amount_minor FROM orders")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("10.125"));
        QVERIFY(q.value(1).isNull());
    }

    void everyFailingStatementRollsBackThePage()
    {
        OrderStore store(*m_db);
        Database::Error error;
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("old"), 1, 5, 2)}, {}, &error));
        QList<Order> page;
        for (int i = 0; i < 4; ++i)
            page.append(makeOrder(QStringLiteral("o%1").arg(i), 100 + i, 200 + i, 2));
        CursorUpdate cursor;
        cursor.highWaterMark = 203;
        // Count the statements of one page commit, then fail each one in turn.
        SqlFaultInjector::failAtStatement(1000000);
        {
            QTemporaryDir dir;
            auto probeDb =
                Database::open(dir.filePath(QStringLiteral("p.sqlite")), Database::ReadWrite, &error);
            OrderStore probe(*probeDb);
            SqlFaultInjector::failAtStatement(1000000);
            QVERIFY(probe.upsertOrderPage(kShop, page, cursor, &error));
        }
        const long statements = SqlFaultInjector::executedSinceArmed();
        QVERIFY(statements > 10);
        for (long n = 1; n <= statements; ++n) {
            SqlFaultInjector::failAtStatement(n);
            QVERIFY2(!store.upsertOrderPage(kShop, page, cursor, &error), qPrintable(QString::number(n)));
            QVERIFY(error.isError());
            SqlFaultInjector::disarm();
            QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM orders")), 1);
            QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM line_items")), 2);
            QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM sync_metadata")), 0);
        }
        QVERIFY(store.upsertOrderPage(kShop, page, cursor, &error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM orders")), 5);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT last_record_time FROM sync_metadata")), 203);
    }

    void resyncCheckpointsRoundTrip()
    {
        OrderStore store(*m_db);
        Database::Error error;
        ResyncRun run;
        run.startedAt = 5000;
        run.ordersTotal = 300;
        ResyncSlice a{100, 200, {}, 100, 0, -1, 0};
        ResyncSlice b{200, 300, {}, 200, 0, -1, 0};
        run.slices = {b, a};
        QVERIFY(store.state().beginResync(kShop, run, &error));
        b.pageToken = QStringLiteral("tok+/=");
        b.queryFetched = 100;
        b.queryTotal = 150;
        b.ordersDone = 100;
        CursorUpdate cursor;
        cursor.slice = b;
        cursor.resyncOrdersDone = 100;
        QVERIFY(store.upsertOrderPage(kShop, {makeOrder(QStringLiteral("x"), 250, 260)}, cursor, &error));
        std::optional<ResyncRun> loaded;
        QVERIFY(store.state().readResync(kShop, &loaded, &error));
        QVERIFY(loaded);
        QCOMPARE(loaded->startedAt, 5000);
        QCOMPARE(loaded->ordersDone, 100);
        QCOMPARE(loaded->slices.size(), 2);
        QCOMPARE(loaded->slices.at(0).createGe, 200); // newest first
        QCOMPARE(loaded->slices.at(0).pageToken, QStringLiteral("tok+/="));
        QCOMPARE(loaded->slices.at(0).queryTotal, 150);
        QCOMPARE(loaded->slices.at(1).pageToken, QString());
        QVERIFY(store.state().finishResync(kShop, 6000, 300, 7000, &error));
        QVERIFY(store.state().readResync(kShop, &loaded, &error));
        QVERIFY(!loaded);
        StreamMetadata meta;
        QVERIFY(store.state().readStream(kShop, streams::orders(), &meta, &error));
        QVERIFY(meta.isFullSync);
        QCOMPARE(meta.lastRecordTime, 6000);
    }
};

QTEST_GUILESS_MAIN(TestOrderStore)
#include "tst_orderstore.moc"
