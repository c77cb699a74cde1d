#include "ordertablequery.h"

#include <QStringBuilder>

namespace tts {

namespace {

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

// Every order the search finds, by rowid: an order id starting with the text (the primary key's
// index), or a line item of a SKU whose product title or seller SKU contains it, or whose SKU id is
// it (products and product_skus are small; line_items_sku leads to the orders).
QString searchMatches(const QString& search, QVariantList* bindings)
{
    const QString like = u'%' % escapeLike(search) % u'%';
    *bindings << search << QString(search % QChar(0xFFFF)) << like << like << search;
    return QStringLiteral(
        "SELECT x.rowid FROM orders x WHERE x.id >= ? AND x.id < ? "
        "UNION ALL SELECT x.rowid FROM line_items li JOIN orders x ON x.id = li.order_id "
        "WHERE li.sku_id IN (SELECT s.id FROM product_skus s JOIN products p ON p.id = s.product_id "
        "WHERE p.title LIKE ? ESCAPE '\\' OR s.seller_sku LIKE ? ESCAPE '\\' UNION SELECT ?)");
}

} // namespace

OrderTableQuery::OrderTableQuery(OrderFilter filter, OrderSort sort, OrderPlan plan, const QString& hitsTable)
    : m_filter(std::move(filter)), m_sort(sort), m_plan(plan)
{
    const QString search = m_filter.search.trimmed();
    const bool searching = !search.isEmpty();
    // Which terms may use an index. The shop leads only the indexes of the creation and the update
    // time (orders_analytics, orders_shop_update); those of the status, the total and the items lead
    // with their column and hold the shop further in. A shop term that may use an index draws SQLite
    // to a shop-first index, so it may only where that is the index meant to drive.
    bool shopIndexed = true;
    bool dateIndexed = true;
    bool statusIndexed = true;
    if (plan == OrderPlan::SortIndex) {
        // The sort column's own term narrows the walk (status IN (...) seeks each status in order).
        shopIndexed = sort.column == OrderColumn::Created || sort.column == OrderColumn::Updated;
        dateIndexed = sort.column == OrderColumn::Created;
        statusIndexed = sort.column == OrderColumn::Status;
    } else if (searching || !hitsTable.isEmpty()) {
        shopIndexed = dateIndexed = statusIndexed = false;
    } else if (!m_filter.createdFrom && !m_filter.createdTo && !m_filter.statuses.isEmpty()) {
        // The statuses are found on their own index (a seek each), the shop checked there.
        shopIndexed = false;
    }
    auto col = [](bool indexed, const char* name) {
        QString text = QLatin1String(name);
        if (!indexed)
            text.prepend(u'+');
        return text;
    };

    QStringList terms;
    if (!m_filter.shopId.isEmpty()) {
        terms << col(shopIndexed, "o.shop_id") % QStringLiteral(" = ?");
        m_bindings << m_filter.shopId;
    }
    if (m_filter.createdFrom) {
        terms << col(dateIndexed, "o.create_time") % QStringLiteral(" >= ?");
        m_bindings << *m_filter.createdFrom;
    }
    if (m_filter.createdTo) {
        terms << col(dateIndexed, "o.create_time") % QStringLiteral(" < ?");
        m_bindings << *m_filter.createdTo;
    }
    if (!m_filter.statuses.isEmpty()) {
        QStringList marks;
        for (const QString& status : m_filter.statuses) {
            marks << QStringLiteral("?");
            m_bindings << status;
        }
        terms << col(statusIndexed, "o.status") % QStringLiteral(" IN (") % marks.join(u',') % u')';
    }
    if (!hitsTable.isEmpty()) {
        terms << col(plan != OrderPlan::SortIndex, "o.rowid") % QStringLiteral(" IN (SELECT rid FROM ") %
                     hitsTable % u')';
    } else if (searching) {
        terms << col(plan != OrderPlan::SortIndex, "o.rowid") % QStringLiteral(" IN (") %
                     searchMatches(search, &m_bindings) % u')';
    }
    if (!terms.isEmpty())
        m_where = QStringLiteral(" WHERE ") % terms.join(QStringLiteral(" AND "));
}

QStringList OrderTableQuery::sortKeys(OrderColumn column)
{
    switch (column) {
    case OrderColumn::Id:
        return {QStringLiteral("o.id")};
    case OrderColumn::Created:
    case OrderColumn::Count:
        return {QStringLiteral("o.create_time"), QStringLiteral("o.rowid")};
    case OrderColumn::Updated:
        return {QStringLiteral("o.update_time"), QStringLiteral("o.rowid")};
    // The columns of the sort index before its rowid, so that its walk is the order itself (no sort
    // of the rows it passes, however far the window lies).
    case OrderColumn::Status:
        return {QStringLiteral("o.status"), QStringLiteral("o.create_time"), QStringLiteral("o.shop_id"),
                QStringLiteral("o.rowid")};
    case OrderColumn::Total:
        return {QStringLiteral("o.total_amount_minor"), QStringLiteral("o.create_time"),
                QStringLiteral("o.shop_id"), QStringLiteral("o.status"), QStringLiteral("o.rowid")};
    case OrderColumn::Items:
        return {QStringLiteral("o.units"), QStringLiteral("o.create_time"), QStringLiteral("o.shop_id"),
                QStringLiteral("o.status"), QStringLiteral("o.rowid")};
    }
    return {QStringLiteral("o.create_time"), QStringLiteral("o.rowid")};
}

QString OrderTableQuery::orderBy() const
{
    const QString direction = m_sort.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList keys = sortKeys(m_sort.column);
    // The filter's plan sorts the few matches: "+" keeps SQLite off the sort column's index.
    if (m_plan == OrderPlan::Filter)
        keys.first().prepend(u'+');
    for (QString& key : keys)
        key += direction;
    return QStringLiteral(" ORDER BY ") % keys.join(QStringLiteral(", "));
}

QString OrderTableQuery::countSql() const
{
    return QStringLiteral("SELECT COUNT(*) FROM orders o") % m_where;
}

QString OrderTableQuery::countBeforeSql() const
{
    const QStringList keys = sortKeys(m_sort.column);
    QStringList marks;
    for (qsizetype i = 0; i < keys.size(); ++i)
        marks << QStringLiteral("?");
    return countSql() % (m_where.isEmpty() ? QStringLiteral(" WHERE (") : QStringLiteral(" AND (")) %
           keys.join(QStringLiteral(", ")) %
           (m_sort.descending ? QStringLiteral(") > (") : QStringLiteral(") < (")) %
           marks.join(QStringLiteral(", ")) % u')';
}

QString OrderTableQuery::rollupCountSql() const
{
    Q_ASSERT(!m_filter.hasSearch() && !m_filter.createdFrom && !m_filter.createdTo);
    return QStringLiteral("SELECT SUM(o.orders) FROM daily_sales o") % m_where;
}

QString OrderTableQuery::windowSql(int limit, qint64 offset) const
{
    return QStringLiteral(
               "SELECT o.id, o.shop_id, o.status, o.create_time, o.update_time, o.currency, "
               "o.total_amount, o.units FROM orders o WHERE o.rowid IN (SELECT o.rowid FROM orders o") %
           m_where % orderBy() % QStringLiteral(" LIMIT ") % QString::number(limit) %
           QStringLiteral(" OFFSET ") % QString::number(offset) % u')' % orderBy();
}

QString OrderTableQuery::hitsSql() const
{
    return QStringLiteral("SELECT o.rowid FROM orders o") % m_where;
}

} // namespace tts
