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

} // namespace

OrderTableQuery::OrderTableQuery(OrderFilter filter, OrderSort sort)
    : m_filter(std::move(filter)), m_sort(sort)
{
    QStringList terms;
    if (!m_filter.shopId.isEmpty()) {
        terms << QStringLiteral("o.shop_id = ?");
        m_bindings << m_filter.shopId;
    }
    if (m_filter.createdFrom) {
        terms << QStringLiteral("o.create_time >= ?");
        m_bindings << *m_filter.createdFrom;
    }
    if (m_filter.createdTo) {
        terms << QStringLiteral("o.create_time < ?");
        m_bindings << *m_filter.createdTo;
    }
    if (!m_filter.statuses.isEmpty()) {
        QStringList marks;
        for (const QString& status : m_filter.statuses) {
            marks << QStringLiteral("?");
            m_bindings << status;
        }
        terms << QStringLiteral("o.status IN (") % marks.join(u',') % u')';
    }
    const QString search = m_filter.search.trimmed();
    if (!search.isEmpty()) {
        const QString like = u'%' % escapeLike(search) % u'%';
        terms << QStringLiteral("(o.id LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM line_items li "
                                "WHERE li.order_id = o.id AND (li.product_name LIKE ? ESCAPE '\\' "
                                "OR li.seller_sku LIKE ? ESCAPE '\\' OR li.sku_id = ? "
                                "OR li.sku_name LIKE ? ESCAPE '\\')))");
        m_bindings << like << like << like << search << like;
    }
    if (!terms.isEmpty())
        m_where = QStringLiteral(" WHERE ") % terms.join(QStringLiteral(" AND "));
}

QString OrderTableQuery::where() const
{
    return m_where;
}

QString OrderTableQuery::sortExpression(OrderColumn column)
{
    switch (column) {
    case OrderColumn::Id:
        return QStringLiteral("o.id");
    case OrderColumn::Created:
    case OrderColumn::Count:
        return QStringLiteral("o.create_time");
    case OrderColumn::Updated:
        return QStringLiteral("o.update_time");
    case OrderColumn::Status:
        return QStringLiteral("o.status");
    case OrderColumn::Total:
        return QStringLiteral("o.total_amount_minor");
    case OrderColumn::Items:
        return QStringLiteral("o.units");
    }
    return QStringLiteral("o.create_time");
}

QString OrderTableQuery::orderBy() const
{
    const QString direction = m_sort.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    if (m_sort.column == OrderColumn::Id)
        return QStringLiteral(" ORDER BY o.id") % direction;
    return QStringLiteral(" ORDER BY ") % sortExpression(m_sort.column) % direction %
           QStringLiteral(", o.rowid") % direction;
}

QString OrderTableQuery::countSql() const
{
    return QStringLiteral("SELECT COUNT(*) FROM orders o") % m_where;
}

QString OrderTableQuery::windowSql(int limit, qint64 offset) const
{
    return QStringLiteral(
               "SELECT o.id, o.shop_id, o.status, o.create_time, o.update_time, o.currency, "
               "o.total_amount, o.units FROM orders o WHERE o.rowid IN (SELECT o.rowid FROM orders o") %
           m_where % orderBy() % QStringLiteral(" LIMIT ") % QString::number(limit) %
           QStringLiteral(" OFFSET ") % QString::number(offset) % u')' % orderBy();
}

} // namespace tts
