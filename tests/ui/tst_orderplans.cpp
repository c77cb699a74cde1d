// The orders table's queries on the schema the storage module creates: a sort walks its column's
// index (no sort of the matching rows), a status filter and its count seek the statuses. A shop
// term that SQLite may use draws it to an index that leads with the shop; OrderTableQuery lets it
// only where that index is the one meant to drive.
#include "orders/csvexport.h"
#include "orders/ordertablequery.h"
#include "storage/database.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tts;

namespace {

const QString kShop = QStringLiteral("7495000000000000001");

} // namespace

class TestOrderPlans : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;

    // EXPLAIN QUERY PLAN's details, one line each.
    QString plan(const QString& sql, const QVariantList& bindings)
    {
        QSqlQuery q(m_db->connection());
        if (!q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
            return QStringLiteral("cannot prepare: ") + sql;
        for (int i = 0; i < bindings.size(); ++i)
            q.bindValue(i, bindings.at(i));
        if (!q.exec())
            return QStringLiteral("cannot explain: ") + sql;
        QStringList lines;
        while (q.next())
            lines << q.value(3).toString();
        return lines.join(u'\n');
    }

    // The rows of one window, before their own rows are read (windowSql()'s inner query).
    QString windowPlan(const OrderTableQuery& q)
    {
        return plan(q.hitsSql() + q.orderBy() + QStringLiteral(" LIMIT 100"), q.bindings());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        Database::Error error;
        m_db = Database::open(m_dir->filePath(QStringLiteral("plans.sqlite")), Database::ReadWrite, &error);
        QVERIFY2(m_db, qPrintable(error.message));
    }

    void cleanupTestCase() { m_db.reset(); }

    void sortWalksTheColumnsIndex_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("index");
        QTest::addColumn<bool>("everyShop"); // the index leads with the column: also without a shop
        // The sort keys are the index's columns up to its rowid: nothing is sorted on the way, however
        // deep the window. Created sorts the orders of one creation time by rowid, which
        // orders_analytics holds after its other columns: SQLite sorts those (few) ties.
        QTest::addColumn<bool>("walkIsTheOrder");
        QTest::newRow("order id") << int(OrderColumn::Id) << QStringLiteral("sqlite_autoindex_orders_1")
                                  << true << true;
        QTest::newRow("created") << int(OrderColumn::Created) << QStringLiteral("orders_analytics") << false
                                 << false;
        QTest::newRow("updated") << int(OrderColumn::Updated) << QStringLiteral("orders_shop_update") << false
                                 << true;
        QTest::newRow("status") << int(OrderColumn::Status) << QStringLiteral("orders_sort_status") << true
                                << true;
        QTest::newRow("total") << int(OrderColumn::Total) << QStringLiteral("orders_sort_total") << true
                               << true;
        QTest::newRow("items") << int(OrderColumn::Items) << QStringLiteral("orders_sort_units") << true
                               << true;
    }

    void sortWalksTheColumnsIndex()
    {
        QFETCH(int, column);
        QFETCH(QString, index);
        QFETCH(bool, everyShop);
        QFETCH(bool, walkIsTheOrder);
        for (const QString& shop : {kShop, QString()}) {
            if (shop.isEmpty() && !everyShop)
                continue;
            for (const bool descending : {true, false}) {
                OrderFilter filter;
                filter.shopId = shop;
                const OrderTableQuery q(filter, {OrderColumn(column), descending}, OrderPlan::SortIndex);
                const QString detail = windowPlan(q);
                QVERIFY2(detail.contains(QStringLiteral("INDEX ") + index), qPrintable(detail));
                QVERIFY2(!detail.contains(QLatin1String("TEMP B-TREE FOR ORDER BY")), qPrintable(detail));
                if (walkIsTheOrder)
                    QVERIFY2(!detail.contains(QLatin1String("TEMP B-TREE")), qPrintable(detail));
                // The count of the rows before an order (locate()) seeks on the same index.
                if (column != int(OrderColumn::Id) && !shop.isEmpty()) {
                    QVariantList values = q.bindings();
                    for (qsizetype i = 0; i < OrderTableQuery::sortKeys(OrderColumn(column)).size(); ++i)
                        values << 1;
                    const QString before = plan(q.countBeforeSql(), values);
                    QVERIFY2(before.contains(QStringLiteral("SEARCH o USING COVERING INDEX ") + index),
                             qPrintable(before));
                }
            }
        }
    }

    void csvExportWalksTheSortIndex()
    {
        // The export reads every matching order in the sort's order: the walk, not a sort of them all.
        OrderFilter filter;
        filter.shopId = kShop;
        const OrderTableQuery q = csvExportQuery(filter, {OrderColumn::Total, true});
        const QString detail =
            plan(QStringLiteral("SELECT o.id FROM orders o") + q.where() + q.orderBy(), q.bindings());
        QVERIFY2(detail.contains(QLatin1String("orders_sort_total")), qPrintable(detail));
        QVERIFY2(!detail.contains(QLatin1String("TEMP B-TREE")), qPrintable(detail));
    }

    void statusFilterSeeksTheStatuses()
    {
        OrderFilter filter;
        filter.shopId = kShop;
        filter.statuses = {QStringLiteral("CANCELLED"), QStringLiteral("UNPAID")};
        // Few matches: found on the status index, then sorted.
        const OrderTableQuery few(filter, {OrderColumn::Total, true}, OrderPlan::Filter);
        QString detail = windowPlan(few);
        QVERIFY2(detail.contains(QLatin1String("orders_sort_status (status=?)")), qPrintable(detail));
        // Counted there too (the status index holds the shop).
        const OrderTableQuery plain(filter, {}, OrderPlan::Planner);
        detail = plan(plain.countSql(), plain.bindings());
        QVERIFY2(detail.contains(QLatin1String("COVERING INDEX orders_sort_status (status=?)")),
                 qPrintable(detail));
    }

    void dateRangeSeeksTheShopsDays()
    {
        OrderFilter filter;
        filter.shopId = kShop;
        filter.createdFrom = 1'700'000'000;
        filter.createdTo = 1'700'086'400;
        const OrderTableQuery plain(filter, {}, OrderPlan::Planner);
        const QString detail = plan(plain.countSql(), plain.bindings());
        QVERIFY2(detail.contains(
                     QLatin1String("orders_analytics (shop_id=? AND create_time>? AND create_time<?)")),
                 qPrintable(detail));
    }
};

QTEST_GUILESS_MAIN(TestOrderPlans)
#include "tst_orderplans.moc"
