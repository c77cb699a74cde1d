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
    QString search;                    // order id, product name or SKU (seller SKU, SKU id, SKU name)
    QStringList statuses;              // empty: every status
    std::optional<qint64> createdFrom; // inclusive, Unix seconds
    std::optional<qint64> createdTo;   // exclusive, Unix seconds

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

    friend bool operator==(const OrderSort&, const OrderSort&) = default;
};

// SQL fragments shared by the table model, its row counter and the CSV export. Values are always
// bound, never spliced into the text.
class OrderTableQuery
{
public:
    OrderTableQuery(OrderFilter filter, OrderSort sort);

    // " WHERE ..." (or empty) over the table aliased "o".
    QString where() const;
    const QVariantList& bindings() const { return m_bindings; }
    // " ORDER BY ..." with a unique tie-break so that windows of rows never overlap.
    QString orderBy() const;

    QString countSql() const;
    // Rows [offset, offset + limit): the window is found on the indexes (rowid only) and only its
    // rows are read from the table, so a deep offset does not read the skipped rows.
    QString windowSql(int limit, qint64 offset) const;

    static QString sortExpression(OrderColumn column);

private:
    OrderFilter m_filter;
    OrderSort m_sort;
    QString m_where;
    QVariantList m_bindings;
};

} // namespace tts
