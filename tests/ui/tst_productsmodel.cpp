// The Products page: the catalog with its SKUs and what each product sold, searchable and sortable.
#include "products/productsmodel.h"
#include "products/productspage.h"
#include "uitestdb.h"

#include <QAbstractItemModelTester>
#include <QCollator>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace tts;
using namespace tts::test;

class TestProductsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loadsCatalogAndSales();
    void sortsEveryColumn_data();
    void sortsEveryColumn();
    void searches_data();
    void searches();
    void pageLoadsOnItsThread();

private:
    QList<TestOrder> m_orders;
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
};

void TestProductsModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_db = openTestDatabase(m_dir.filePath(QStringLiteral("products.sqlite")));
    createOrderTables(m_db);
    const QStringList statuses{QStringLiteral("COMPLETED"), QStringLiteral("CANCELLED"),
                               QStringLiteral("UNPAID"), QStringLiteral("DELIVERED")};
    QRandomGenerator rng(11);
    for (int i = 0; i < 400; ++i) {
        TestOrder o;
        o.id = QString::number(590000000000000000LL + i);
        o.status = statuses.at(i % 4);
        o.createTime = 1700000000 + i * 60;
        for (int k = 0; k < 1 + i % 3; ++k) {
            const int product = int(rng.bounded(12));
            const int variant = int(rng.bounded(2));
            o.lineItems << QStringList{
                QStringLiteral("Gadget %1").arg(product),
                QStringLiteral("GAD-%1-%2").arg(product).arg(variant),
                QStringLiteral("%1.%2").arg(3 + product).arg(variant * 5, 2, 10, QLatin1Char('0'))};
        }
        m_orders << o;
    }
    insertOrders(m_db, m_orders);
}

void TestProductsModel::cleanupTestCase()
{
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(name);
}

void TestProductsModel::loadsCatalogAndSales()
{
    // Expected, by hand: units are line items of orders that are neither unpaid nor cancelled.
    QHash<QString, qint64> units;
    QHash<QString, qint64> revenue;
    QHash<QString, QSet<QString>> skus;
    for (const TestOrder& o : std::as_const(m_orders)) {
        for (const QStringList& item : o.lineItems) {
            skus[item.at(0)].insert(item.at(1));
            if (o.status == u"UNPAID" || o.status == u"CANCELLED")
                continue;
            units[item.at(0)] += 1;
            revenue[item.at(0)] += minorUnits(item.at(2));
        }
    }
    QList<ProductRow> rows;
    QString error;
    QVERIFY2(loadProducts(m_db, QString(), &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), skus.size());
    for (const ProductRow& row : std::as_const(rows)) {
        QCOMPARE(row.units, units.value(row.title));
        QCOMPARE(row.revenueMinor.value(QStringLiteral("USD")), revenue.value(row.title));
        QCOMPARE(row.revenueMinor.size(), revenue.value(row.title) ? 1 : 0);
        QCOMPARE(QSet<QString>(row.sellerSkus.cbegin(), row.sellerSkus.cend()), skus.value(row.title));
        QVERIFY(row.minPriceMinor > 0);
        QVERIFY(row.maxPriceMinor >= row.minPriceMinor);
    }
    QVERIFY(loadProducts(m_db, QStringLiteral("no-such-shop"), &rows, &error));
    QVERIFY(rows.isEmpty());
}

void TestProductsModel::sortsEveryColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    for (int c = 0; c < ProductsModel::ColumnCount; ++c) {
        QTest::addRow("column %d asc", c) << c << false;
        QTest::addRow("column %d desc", c) << c << true;
    }
}

void TestProductsModel::sortsEveryColumn()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    QList<ProductRow> rows;
    QString error;
    QVERIFY(loadProducts(m_db, QString(), &rows, &error));
    ProductsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocale(QLocale(QStringLiteral("en_US")));
    model.setProducts(rows);
    model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), rows.size());
    QCollator collator(QLocale(QStringLiteral("en_US")));
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    for (int row = 1; row < model.rowCount(); ++row) {
        const QVariant a = model.index(row - 1, column).data(ProductsModel::SortValueRole);
        const QVariant b = model.index(row, column).data(ProductsModel::SortValueRole);
        const auto order = QVariant::compare(a, b);
        if (column == ProductsModel::TitleColumn || column == ProductsModel::StatusColumn) {
            const int c = collator.compare(a.toString(), b.toString()); // "Gadget 9" before "Gadget 10"
            QVERIFY2(descending ? c >= 0 : c <= 0, qPrintable(a.toString() + u" / " + b.toString()));
        } else {
            QVERIFY(descending ? order != QPartialOrdering::Less : order != QPartialOrdering::Greater);
        }
    }
    QVERIFY(!model.index(0, ProductsModel::PriceColumn).data().toString().isEmpty());
    QVERIFY(model.index(0, ProductsModel::PriceColumn).data().toString().startsWith(u'$'));
}

void TestProductsModel::searches_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("titles");
    QTest::newRow("title") << "gadget 1"
                           << QStringList{QStringLiteral("Gadget 1"), QStringLiteral("Gadget 10"),
                                          QStringLiteral("Gadget 11")};
    QTest::newRow("seller sku") << "GAD-7-" << QStringList{QStringLiteral("Gadget 7")};
    QTest::newRow("sku id") << "sku-GAD-3-1" << QStringList{QStringLiteral("Gadget 3")};
    QTest::newRow("nothing") << "no such thing" << QStringList{};
}

void TestProductsModel::searches()
{
    QFETCH(QString, search);
    QFETCH(QStringList, titles);
    QList<ProductRow> rows;
    QString error;
    QVERIFY(loadProducts(m_db, QString(), &rows, &error));
    ProductsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProducts(rows);
    model.setSearch(search);
    QStringList seen;
    for (int row = 0; row < model.rowCount(); ++row)
        seen << model.index(row, ProductsModel::TitleColumn).data().toString();
    seen.sort();
    QCOMPARE(seen, titles);
    model.setSearch(QString());
    QCOMPARE(model.rowCount(), rows.size());
}

void TestProductsModel::pageLoadsOnItsThread()
{
    ProductsPage page;
    QSignalSpy loaded(&page, &ProductsPage::loaded);
    page.setDatabaseFile(m_db.databaseName());
    QVERIFY(page.isLoading());
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.model()->rowCount(), 12);
    QCOMPARE(page.countLabel()->text(), QStringLiteral("12 products"));
    page.searchField()->setText(QStringLiteral("Gadget 1"));
    QTRY_COMPARE(page.model()->rowCount(), 3);
    QCOMPARE(page.countLabel()->text(), QStringLiteral("3 of 12 products"));
    page.reload();
    page.reload(); // a reload during a load runs once more afterwards
    QVERIFY(loaded.wait(20000));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.model()->rowCount(), 3);
    page.setDatabaseFile(m_dir.filePath(QStringLiteral("missing/none.sqlite")));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.model()->rowCount(), 3); // a failed load keeps what was shown
}

QTEST_MAIN(TestProductsModel)
#include "tst_productsmodel.moc"
