#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace tts {

// What the orders view shows: one shop (or all), a free-text search and filters.
struct OrderFilter
{
    QString shopId;                    // empty: every shop
    QString search;                    // order id prefix, product title, seller SKU or SKU id
    QStringList statuses;              // empty: every status
    std::optional<qint64> createdFrom; // inclusive, Unix seconds
    std::optional<qint64> createdTo;   // exclusive, Unix seconds

    bool hasSearch() const { return !search.trimmed().isEmpty(); }
    friend bool operator==(const OrderFilter&, const OrderFilter&) = default;
};

enum class OrderColumn
{
    Id,
    Created,
    Updated,
    Status,
    Total,
    Items,
    Count
};

struct OrderSort
{
    OrderColumn column = OrderColumn::Created;
    bool descending = true;

    OrderSort reversed() const { return {column, !descending}; }
    friend bool operator==(const OrderSort&, const OrderSort&) = default;
};

// How a window of rows is found at a million orders:
//   Planner   - SQLite chooses (the CSV export, small tables);
//   SortIndex - walk the index of the sort column and check the filter on the way (most orders match);
//   Filter    - find the few matching orders on the filter's index and sort them.
enum class OrderPlan
{
    Planner,
    SortIndex,
    Filter
};

// SQL fragments shared by the table model, its row counter and the CSV export. Values are always
// bound, never spliced into the text. The unary "+" on a column keeps SQLite from using an index
// for that term, which is how a plan is chosen without INDEXED BY (indexes may be dropped and
// rebuilt during a full resync).
class OrderTableQuery
{
public:
    // hitsTable: a temporary table (rid INTEGER PRIMARY KEY) with the rowid of every order that
    // passes the whole filter, search included (see hitsSql()).
    OrderTableQuery(OrderFilter filter, OrderSort sort, OrderPlan plan = OrderPlan::Planner,
                    const QString& hitsTable = {});

    // " WHERE ..." (or empty) over the table aliased "o".
    QString where() const { return m_where; }
    const QVariantList& bindings() const { return m_bindings; }
    // " ORDER BY ..." with a unique tie-break so that windows of rows never overlap.
    QString orderBy() const;

    QString countSql() const;
    // The count of the matching rows that sort before one row, whose sort keys (sortKeys()) are
    // bound after bindings(): a row-value comparison on the sort index.
    QString countBeforeSql() const;
    // The count as the dashboard's daily rollups (daily_sales) hold it: for a filter on shop and
    // status only (its columns have the same names there).
    QString rollupCountSql() const;
    // Rows [offset, offset + limit): the window is found on the indexes (rowid only) and only its
    // rows are read from the table.
    QString windowSql(int limit, qint64 offset) const;
    // The rowids of every matching order (to fill a hits table).
    QString hitsSql() const;

    // The sort keys, most significant first; the last one makes the order unique.
    static QStringList sortKeys(OrderColumn column);
    static QString sortExpression(OrderColumn column) { return sortKeys(column).constFirst(); }

private:
    OrderFilter m_filter;
    OrderSort m_sort;
    OrderPlan m_plan;
    QString m_where;
    QVariantList m_bindings;
};

} // namespace tts
