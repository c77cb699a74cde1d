#include "money/moneyformat.h"
#include "orders/lineitemsmodel.h"
#include "orders/orderdetails.h"
#include "orders/ordersmodel.h"
#include "orders/orderspage.h"
#include "uitestdb.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace tts;
using namespace tts::test;

class TestOrdersModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void countsEveryOrder();
    void filters_data();
    void filters();
    void sorting_data();
    void sorting();
    void windowsNeverOverlapAndCacheStaysSmall();
    void rowOfOrder();
    void refreshSeesNewRows();
    void displaysMoneyAndStatus();
    void invalidDatabaseIsEmpty();
    void asynchronousMatchesSynchronous_data();
    void asynchronousMatchesSynchronous();
    void asynchronousRefreshFindsTheKeptOrder();
    void firstRowsComeBeforeTheExactCount_data();
    void firstRowsComeBeforeTheExactCount();
    void lineItems();

private:
    QList<TestOrder> m_orders;
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
};

namespace {

// Every order id of the model in row order, waiting for the rows the loader thread still reads.
void readIds(const OrdersModel& model, QStringList* ids)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        QString id;
        QTRY_VERIFY_WITH_TIMEOUT(!(id = model.orderId(row)).isEmpty(), 20000);
        *ids << id;
    }
}

} // namespace

void TestOrdersModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_db = openTestDatabase(m_dir.filePath(QStringLiteral("orders.sqlite")));
    createOrderTables(m_db);
    QRandomGenerator rng(7);
    const QStringList statuses{QStringLiteral("COMPLETED"), QStringLiteral("CANCELLED"),
                               QStringLiteral("UNPAID"), QStringLiteral("IN_TRANSIT")};
    for (int i = 0; i < 700; ++i) {
        TestOrder o;
        o.id = QString::number(580000000000000000LL + qint64(rng.bounded(1000000)) * 1000 + i);
        o.shopId = i % 5 == 0 ? QStringLiteral("shop2") : QStringLiteral("shop1");
        o.status = statuses.at(rng.bounded(int(statuses.size())));
        o.createTime = 1700000000 + rng.bounded(100) * 3600; // many equal create times: tie-breaks matter
        o.updateTime = o.createTime + rng.bounded(5000);
        o.totalAmount = QString::number(rng.bounded(100000)) + u'.' + QString::number(rng.bounded(10)) + u'5';
        const int items = 1 + rng.bounded(3);
        for (int k = 0; k < items; ++k) {
            const int product = rng.bounded(30);
            o.lineItems << QStringList{QStringLiteral("Product %1").arg(product),
                                       QStringLiteral("SKU-%1-%2").arg(product).arg(rng.bounded(3)),
                                       QStringLiteral("4.50")};
        }
        m_orders << o;
    }
    insertOrders(m_db, m_orders);
}

void TestOrdersModel::cleanupTestCase()
{
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(name);
}

void TestOrdersModel::countsEveryOrder()
{
    OrdersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabase(m_db);
    QCOMPARE(model.rowCount(), m_orders.size());
    QCOMPARE(model.columnCount(), int(OrdersModel::ColumnCount));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.orderId(row));
    QCOMPARE(ids.size(), m_orders.size());
}

void TestOrdersModel::filters_data()
{
    QTest::addColumn<QString>("shop");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::newRow("shop") << "shop2"
                          << "" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("status") << ""
                            << "" << QStringList{QStringLiteral("CANCELLED")} << qint64(0) << qint64(0);
    QTest::newRow("two statuses") << "shop1"
                                  << "" << QStringList{QStringLiteral("UNPAID"), QStringLiteral("IN_TRANSIT")}
                                  << qint64(0) << qint64(0);
    QTest::newRow("date range") << ""
                                << "" << QStringList{} << qint64(1700000000 + 10 * 3600)
                                << qint64(1700000000 + 20 * 3600);
    QTest::newRow("product") << ""
                             << "product 7" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("sku") << ""
                         << "SKU-4" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("order id prefix") << ""
                                     << "5800000005" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("order id inside is no match") << ""
                                                 << "0001" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("sku id") << ""
                            << "sku-SKU-3-1" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("like wildcard is literal") << ""
                                              << "%" << QStringList{} << qint64(0) << qint64(0);
    QTest::newRow("everything") << "shop1"
                                << "product 1" << QStringList{QStringLiteral("COMPLETED")}
                                << qint64(1700000000 + 5 * 3600) << qint64(1700000000 + 90 * 3600);
}

void TestOrdersModel::filters()
{
    QFETCH(QString, shop);
    QFETCH(QString, search);
    QFETCH(QStringList, statuses);
    QFETCH(qint64, from);
    QFETCH(qint64, to);

    OrderFilter filter;
    filter.shopId = shop;
    filter.search = search;
    filter.statuses = statuses;
    if (from)
        filter.createdFrom = from;
    if (to)
        filter.createdTo = to;

    QSet<QString> expected;
    for (const TestOrder& o : std::as_const(m_orders)) {
        if (!shop.isEmpty() && o.shopId != shop)
            continue;
        if (!statuses.isEmpty() && !statuses.contains(o.status))
            continue;
        if (from && o.createTime < from)
            continue;
        if (to && o.createTime >= to)
            continue;
        if (!search.isEmpty()) {
            // An order id from its start; a product title or seller SKU anywhere; a SKU id whole.
            bool hit = o.id.startsWith(search);
            for (const QStringList& item : o.lineItems)
                hit = hit || item.value(0).contains(search, Qt::CaseInsensitive) ||
                      item.value(1).contains(search, Qt::CaseInsensitive) ||
                      QString(QStringLiteral("sku-") + item.value(1)) == search;
            if (!hit)
                continue;
        }
        expected.insert(o.id);
    }

    OrdersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabase(m_db);
    model.setFilter(filter);
    QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
    QCOMPARE(model.rowCount(), expected.size());
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row)
        seen.insert(model.orderId(row));
    QCOMPARE(seen, expected);
}

void TestOrdersModel::sorting_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    for (int c = 0; c < OrdersModel::ColumnCount; ++c) {
        QTest::addRow("column %d asc", c) << c << false;
        QTest::addRow("column %d desc", c) << c << true;
    }
}

void TestOrdersModel::sorting()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    OrdersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabase(m_db);
    model.setBlockSize(64);
    model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);

    // The expected order, computed here from the inserted data.
    QList<TestOrder> expected = m_orders;
    auto key = [column](const TestOrder& o) -> QVariant {
        switch (column) {
        case OrdersModel::CreatedColumn:
            return o.createTime;
        case OrdersModel::UpdatedColumn:
            return o.updateTime;
        case OrdersModel::StatusColumn:
            return o.status;
        case OrdersModel::TotalColumn:
            return minorUnits(o.totalAmount);
        case OrdersModel::ItemsColumn:
            return int(o.lineItems.size());
        default:
            return o.id;
        }
    };
    std::stable_sort(expected.begin(), expected.end(), [&](const TestOrder& a, const TestOrder& b) {
        const int c = QVariant::compare(key(a), key(b)) == QPartialOrdering::Less      ? -1
                      : QVariant::compare(key(a), key(b)) == QPartialOrdering::Greater ? 1
                                                                                       : 0;
        return descending ? c > 0 : c < 0;
    });
    QCOMPARE(model.rowCount(), expected.size());
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString id = model.orderId(row);
        seen.insert(id);
        // Equal keys may come in any order, but the key at every row must match.
        const auto it =
            std::find_if(m_orders.cbegin(), m_orders.cend(), [&](const TestOrder& o) { return o.id == id; });
        QVERIFY(it != m_orders.cend());
        QCOMPARE(key(*it), key(expected.at(row)));
    }
    QCOMPARE(seen.size(), m_orders.size());
}

void TestOrdersModel::windowsNeverOverlapAndCacheStaysSmall()
{
    OrdersModel model;
    model.setDatabase(m_db);
    model.setBlockSize(10);
    QStringList ids;
    for (int row = model.rowCount() - 1; row >= 0; --row) // backwards: every window starts mid-cache
        ids.prepend(model.orderId(row));
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), m_orders.size());
    QVERIFY(model.cachedBlockCount() <= 48);
    QVERIFY(model.cachedBlockCount() > 0);
}

void TestOrdersModel::rowOfOrder()
{
    OrdersModel model;
    model.setDatabase(m_db);
    model.setBlockSize(32);
    OrderFilter filter;
    filter.shopId = QStringLiteral("shop1");
    model.setFilter(filter);
    for (int column :
         {int(OrdersModel::CreatedColumn), int(OrdersModel::IdColumn), int(OrdersModel::StatusColumn)}) {
        model.sort(column, Qt::DescendingOrder);
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.orderId(row);
        for (int row : {0, 17, 200, int(ids.size()) - 1}) {
            OrdersModel fresh; // nothing cached: the SQL path
            fresh.setDatabase(m_db);
            fresh.setFilter(filter);
            fresh.sort(column, Qt::DescendingOrder);
            QCOMPARE(fresh.rowOfOrder(ids.at(row)), row);
        }
    }
    const auto other = std::find_if(m_orders.cbegin(), m_orders.cend(),
                                    [](const TestOrder& o) { return o.shopId == u"shop2"; });
    QCOMPARE(model.rowOfOrder(other->id), -1); // filtered out
}

void TestOrdersModel::refreshSeesNewRows()
{
    QTemporaryDir dir;
    QSqlDatabase db = openTestDatabase(dir.filePath(QStringLiteral("grow.sqlite")));
    createOrderTables(db);
    insertOrders(db, {TestOrder{QStringLiteral("1"), {}, {}, 100, 100, {}, QStringLiteral("1.00"), {}}});
    {
        OrdersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(db);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.orderId(0), QStringLiteral("1"));
        insertOrders(db, {TestOrder{QStringLiteral("2"), {}, {}, 200, 200, {}, QStringLiteral("2.00"), {}}});
        QCOMPARE(model.rowCount(), 1); // nothing moves under the user until refresh
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.orderId(0), QStringLiteral("2"));
    }
    const QString name = db.connectionName();
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(name);
}

void TestOrdersModel::displaysMoneyAndStatus()
{
    OrdersModel model;
    model.setDatabase(m_db);
    model.setLocale(QLocale(QStringLiteral("en_US")));
    model.setTimeZone(QTimeZone::utc());
    const int row = model.rowOfOrder(m_orders.first().id);
    QVERIFY(row >= 0);
    const TestOrder& o = m_orders.first();
    QCOMPARE(model.index(row, OrdersModel::TotalColumn).data().toString(),
             formatMoney(o.totalAmount, o.currency, QLocale(QStringLiteral("en_US"))));
    QVERIFY(model.index(row, OrdersModel::TotalColumn).data().toString().startsWith(u'$'));
    QCOMPARE(model.index(row, OrdersModel::TotalColumn).data(OrdersModel::AmountRole).toString(),
             o.totalAmount);
    QCOMPARE(model.index(row, OrdersModel::CreatedColumn).data().toString(),
             QDateTime::fromSecsSinceEpoch(o.createTime, QTimeZone::utc())
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(model.index(row, OrdersModel::ItemsColumn).data().toInt(), int(o.lineItems.size()));
    QVERIFY(!model.index(row, OrdersModel::StatusColumn).data().toString().contains(u'_'));
}

void TestOrdersModel::invalidDatabaseIsEmpty()
{
    OrdersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabase(QSqlDatabase());
    QCOMPARE(model.rowCount(), 0);
    model.sort(OrdersModel::TotalColumn, Qt::AscendingOrder);
    model.refresh();
    QCOMPARE(model.rowCount(), 0);
}

void TestOrdersModel::asynchronousMatchesSynchronous_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::newRow("all by total") << "" << QStringList{} << int(OrdersModel::TotalColumn) << true;
    QTest::newRow("status by items") << "" << QStringList{QStringLiteral("UNPAID")}
                                     << int(OrdersModel::ItemsColumn) << false;
    QTest::newRow("search by id") << "product 2" << QStringList{} << int(OrdersModel::IdColumn) << true;
    QTest::newRow("search and status by updated")
        << "SKU-1" << QStringList{QStringLiteral("COMPLETED")} << int(OrdersModel::UpdatedColumn) << false;
}

// The loader thread reads the same rows in the same order as the synchronous model, through its
// own connection; the GUI thread only receives them.
void TestOrdersModel::asynchronousMatchesSynchronous()
{
    QFETCH(QString, search);
    QFETCH(QStringList, statuses);
    QFETCH(int, column);
    QFETCH(bool, descending);
    OrderFilter filter;
    filter.search = search;
    filter.statuses = statuses;
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;

    OrdersModel sync;
    sync.setDatabase(m_db);
    sync.setFilter(filter);
    sync.sort(column, order);
    QStringList expected;
    for (int row = 0; row < sync.rowCount(); ++row)
        expected << sync.orderId(row);
    QVERIFY(!expected.isEmpty());

    OrdersModel async;
    QAbstractItemModelTester tester(&async, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&async, &OrdersModel::loaded);
    async.setBlockSize(50);
    async.setDatabaseFile(m_db.databaseName());
    QVERIFY(async.isAsynchronous());
    QVERIFY(async.isLoading());
    async.setFilter(filter);
    async.sort(column, order);
    QTRY_VERIFY_WITH_TIMEOUT(!async.isLoading(), 20000);
    QVERIFY2(async.lastError().isEmpty(), qPrintable(async.lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(async.rowCount(), expected.size(), 20000); // after an estimate: exact
    QStringList seen;
    readIds(async, &seen);
    QCOMPARE(seen, expected);
}

void TestOrdersModel::asynchronousRefreshFindsTheKeptOrder()
{
    OrdersModel async;
    async.setDatabaseFile(m_db.databaseName());
    async.sort(OrdersModel::TotalColumn, Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!async.isLoading(), 20000);
    OrdersModel sync;
    sync.setDatabase(m_db);
    sync.sort(OrdersModel::TotalColumn, Qt::AscendingOrder);
    const QString id = sync.orderId(555);
    QSignalSpy loaded(&async, &OrdersModel::loaded);
    async.refresh(id);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.last().at(0).toInt(), 555);
    async.refresh(QStringLiteral("no-such-order"));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.last().at(0).toInt(), -1);
}

void TestOrdersModel::firstRowsComeBeforeTheExactCount_data()
{
    QTest::addColumn<QString>("shop");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<qint64>("rollupDelta"); // how far the rollups are off (hours still to recompute)
    QTest::newRow("every shop, rollups exact") << "" << QStringList{} << qint64(0);
    QTest::newRow("one shop, rollups exact") << "shop2" << QStringList{} << qint64(0);
    QTest::newRow("one shop and status, rollups exact")
        << "shop1" << QStringList{QStringLiteral("UNPAID"), QStringLiteral("CANCELLED")} << qint64(0);
    QTest::newRow("one shop, rollups short") << "shop1" << QStringList{} << qint64(-20);
    QTest::newRow("one shop, rollups over") << "shop1" << QStringList{} << qint64(25);
    QTest::newRow("no rollups") << "shop2" << QStringList{} << qint64(-1000000); // the table's size then
    QTest::newRow("status, no rollups") << "shop2" << QStringList{QStringLiteral("UNPAID")}
                                        << qint64(-2000000); // counted before the first paint
}

// A filter on shop and status is answered with the rollups' count and the first rows at once; the
// exact count follows, inserting or removing rows at the end (checked by the model tester).
void TestOrdersModel::firstRowsComeBeforeTheExactCount()
{
    QFETCH(QString, shop);
    QFETCH(QStringList, statuses);
    QFETCH(qint64, rollupDelta);
    const QString path =
        m_dir.filePath(QStringLiteral("rollups-%1.sqlite").arg(QString::fromUtf8(QTest::currentDataTag())));
    {
        QSqlQuery copy(m_db);
        QVERIFY2(copy.exec(QStringLiteral("VACUUM INTO '%1'").arg(path)),
                 qPrintable(copy.lastError().text()));
    }
    int expectedCount = 0;
    for (const TestOrder& o : std::as_const(m_orders))
        expectedCount +=
            (shop.isEmpty() || o.shopId == shop) && (statuses.isEmpty() || statuses.contains(o.status));
    int estimate = expectedCount + int(rollupDelta);
    {
        QSqlDatabase db = openTestDatabase(path);
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("CREATE TABLE daily_sales(shop_id TEXT, day INTEGER, status TEXT, currency "
                                  "TEXT, orders INTEGER, revenue_minor INTEGER, priced_orders INTEGER, "
                                  "units INTEGER)")));
        if (rollupDelta == -2000000) {
            estimate = expectedCount; // no estimate: the exact count comes with the first rows
        } else if (rollupDelta > -1000000) {
            // Per shop, day and status, as the rollups hold them; the error in one row of the filter's.
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO daily_sales SELECT shop_id, create_time / 86400, status, "
                                      "currency, COUNT(*), 0, 0, 0 FROM orders GROUP BY 1, 2, 3, 4")));
            OrderFilter filter;
            filter.shopId = shop;
            filter.statuses = statuses;
            QVERIFY(q.prepare(
                QStringLiteral("UPDATE daily_sales SET orders = orders + ? WHERE rowid = (SELECT "
                               "rowid FROM daily_sales WHERE (? = '' OR shop_id = ?) AND orders >= 20 "
                               "AND (? = '' OR instr(?, '|' || status || '|')) LIMIT 1)")));
            const QString statusList =
                statuses.isEmpty() ? QStringLiteral("") : u'|' + statuses.join(u'|') + u'|';
            q.addBindValue(rollupDelta);
            q.addBindValue(shop);
            q.addBindValue(shop);
            q.addBindValue(statusList);
            q.addBindValue(statusList);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(rollupDelta == 0 || q.numRowsAffected() == 1);
        } else {
            estimate = int(m_orders.size()); // the largest rowid
        }
        q = QSqlQuery();
        const QString name = db.connectionName();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(name);
    }

    OrdersModel sync;
    sync.setDatabase(m_db);
    OrderFilter filter;
    filter.shopId = shop;
    filter.statuses = statuses;
    sync.setFilter(filter);
    QCOMPARE(sync.rowCount(), expectedCount);
    QStringList expected;
    for (int row = 0; row < sync.rowCount(); ++row)
        expected << sync.orderId(row);

    OrdersModel async;
    QAbstractItemModelTester tester(&async, QAbstractItemModelTester::FailureReportingMode::QtTest);
    async.setBlockSize(50);
    async.setFilter(filter);
    int countAtFirstRows = -1;
    QString firstRow;
    connect(&async, &OrdersModel::loaded, this, [&] {
        if (countAtFirstRows < 0) {
            countAtFirstRows = async.rowCount();
            firstRow = async.orderId(0); // already there: no round trip to the loader
        }
    });
    QSignalSpy inserted(&async, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&async, &QAbstractItemModel::rowsRemoved);
    async.setDatabaseFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(countAtFirstRows >= 0, 20000);
    QCOMPARE(countAtFirstRows, estimate);
    QCOMPARE(firstRow, expected.value(0));
    QTRY_COMPARE_WITH_TIMEOUT(async.rowCount(), expectedCount, 20000);
    QCOMPARE(inserted.size(), estimate < expectedCount ? 1 : 0);
    QCOMPARE(removed.size(), estimate > expectedCount ? 1 : 0);
    QStringList seen;
    readIds(async, &seen);
    QCOMPARE(seen, expected);

    // The page's count follows the exact count.
    if (!shop.isEmpty() && statuses.isEmpty()) {
        OrdersPage page;
        page.setShops({{shop, shop}}); // one shop: the page filters on it
        page.setDatabase(m_db, path);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), expectedCount, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(page.countLabel()->text(), QStringLiteral("%1 orders").arg(expectedCount),
                                  20000);
    }
}

void TestOrdersModel::lineItems()
{
    const TestOrder& o = m_orders.at(3);
    QString error;
    const auto details = loadOrderDetails(m_db, o.id, &error);
    QVERIFY2(details.has_value(), qPrintable(error));
    QCOMPARE(details->order.totalAmount, o.totalAmount);
    QCOMPARE(details->order.lineItems.size(), o.lineItems.size());
    QVERIFY(!loadOrderDetails(m_db, QStringLiteral("no-such-order"), &error).has_value());
    QVERIFY(error.isEmpty());

    LineItemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocale(QLocale(QStringLiteral("en_US")));
    model.setItems(details->order.lineItems);
    QCOMPARE(model.rowCount(), o.lineItems.size());
    QCOMPARE(model.index(0, LineItemsModel::PriceColumn).data().toString(), QStringLiteral("$4.50"));
    QStringList products;
    for (int row = 0; row < model.rowCount(); ++row)
        products << model.index(row, LineItemsModel::ProductColumn).data().toString();
    QStringList expected;
    for (const QStringList& item : o.lineItems)
        expected << item.value(0);
    products.sort();
    expected.sort();
    QCOMPARE(products, expected);
    model.setItems({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestOrdersModel)
#include "tst_ordersmodel.moc"
