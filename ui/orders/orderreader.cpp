#include "orderreader.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringBuilder>

#include <algorithm>

namespace tts {

const QString OrderReader::kHitsTable = QStringLiteral("temp.tts_order_hits");

namespace {

// The sort index pays off while at least one order in this many matches: the first window then
// reads at most about 50 x its rows of the index; fewer matches are found and sorted directly.
constexpr qint64 kSortIndexRatio = 50;
// Up to this many orders in a date range are sorted rather than found on a correlated index.
constexpr qint64 kSortedRangeLimit = 300000;
// A walk along a correlated index may skip about this many rows before it reaches the range.
constexpr qint64 kSkippedRowsLimit = 20000;

bool run(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return false;
    }
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

OrderReader::OrderReader(QSqlDatabase db) : m_db(std::move(db)) {}

void OrderReader::setDatabase(const QSqlDatabase& db)
{
    m_db = db;
    m_count = 0;
    m_total = 0;
    m_hits = false;
}

OrderPlan OrderReader::plan(const OrderSort& sort) const
{
    // Order ids and update times grow with the creation time: walking their index to a date range
    // would read every row outside it first. Sort the range itself unless it is most of the table.
    // Walking toward the range is fine while it skips few rows: estimated from where the range lies
    // between the shop's first and last creation time.
    const bool dated = m_filter.createdFrom || m_filter.createdTo;
    if (dated && (sort.column == OrderColumn::Id || sort.column == OrderColumn::Updated)) {
        bool walk = false;
        if (m_lastCreated > m_firstCreated) {
            const qint64 span = m_lastCreated - m_firstCreated;
            const qint64 skipped = sort.descending
                                       ? m_lastCreated - m_filter.createdTo.value_or(m_lastCreated)
                                       : m_filter.createdFrom.value_or(m_firstCreated) - m_firstCreated;
            walk = std::max<qint64>(0, skipped) * m_total <= span * kSkippedRowsLimit;
        }
        if (!walk && m_count <= kSortedRangeLimit)
            return OrderPlan::Filter;
    }
    return m_count * kSortIndexRatio >= m_total ? OrderPlan::SortIndex : OrderPlan::Filter;
}

OrderTableQuery OrderReader::query(const OrderSort& sort, OrderPlan plan) const
{
    return OrderTableQuery(m_filter, sort, plan, m_hits ? kHitsTable : QString());
}

bool OrderReader::setFilter(const OrderFilter& filter, QString* error, bool estimate)
{
    m_filter = filter;
    m_count = 0;
    m_total = 0;
    m_hits = false;
    m_estimated = false;
    if (!isOpen())
        return true;
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("SELECT max(rowid) FROM orders"), {}, error) || !q.next())
        return false;
    m_total = q.value(0).toLongLong();
    q.finish();
    m_firstCreated = m_lastCreated = 0;
    if (!filter.shopId.isEmpty() && (filter.createdFrom || filter.createdTo)) {
        // Two seeks on the (shop_id, create_time) index.
        if (!run(q, QStringLiteral("SELECT min(create_time), max(create_time) FROM orders WHERE shop_id = ?"),
                 {filter.shopId}, error) ||
            !q.next())
            return false;
        m_firstCreated = q.value(0).toLongLong();
        m_lastCreated = q.value(1).toLongLong();
        q.finish();
    }
    if (estimate && !filter.hasSearch() && !filter.createdFrom && !filter.createdTo && estimateCount())
        return true;
    const OrderTableQuery plain(filter, OrderSort{}, OrderPlan::Planner);
    if (filter.hasSearch()) {
        QSqlQuery w(m_db);
        if (!run(w, QStringLiteral("DROP TABLE IF EXISTS ") % kHitsTable, {}, error) ||
            !run(w, QStringLiteral("CREATE TEMP TABLE tts_order_hits(rid INTEGER PRIMARY KEY)"), {}, error) ||
            !run(w, QStringLiteral("INSERT OR IGNORE INTO ") % kHitsTable % u' ' % plain.hitsSql(),
                 plain.bindings(), error))
            return false;
        m_hits = true;
        if (!run(q, QStringLiteral("SELECT COUNT(*) FROM ") % kHitsTable, {}, error) || !q.next())
            return false;
    } else if (!run(q, plain.countSql(), plain.bindings(), error) || !q.next()) {
        return false;
    }
    m_count = q.value(0).toLongLong();
    return true;
}

// The rollups count every order once per shop, local day, status and currency; with hours still
// to recompute the sum may be off, which countExactly() corrects. Without rollups the table's
// largest rowid stands in for a shop (most databases hold one), but not for a status: false then,
// and the filter is counted.
bool OrderReader::estimateCount()
{
    const OrderTableQuery rollups(m_filter, OrderSort{}, OrderPlan::Planner);
    QSqlQuery q(m_db);
    QString ignored;
    const bool summed =
        run(q, rollups.rollupCountSql(), rollups.bindings(), &ignored) && q.next() && !q.value(0).isNull();
    if (!summed && !m_filter.statuses.isEmpty())
        return false;
    m_count = summed ? std::min(q.value(0).toLongLong(), m_total) : m_total;
    m_estimated = true;
    return true;
}

bool OrderReader::countExactly(QString* error)
{
    if (!m_estimated)
        return true;
    const OrderTableQuery plain(m_filter, OrderSort{}, OrderPlan::Planner);
    QSqlQuery q(m_db);
    if (!run(q, plain.countSql(), plain.bindings(), error) || !q.next())
        return false;
    m_count = q.value(0).toLongLong();
    m_estimated = false;
    return true;
}

bool OrderReader::window(const OrderSort& sort, qint64 offset, int limit, QList<OrderRow>* rows,
                         QString* error) const
{
    rows->clear();
    if (!isOpen() || limit <= 0 || offset < 0)
        return true;
    // Past the middle: the same rows, read from the other end (which only an exact count knows).
    const bool reverse = !m_estimated && m_count > 0 && offset > m_count / 2;
    OrderSort s = sort;
    qint64 from = offset;
    qint64 size = limit;
    if (reverse) {
        const qint64 end = std::min(offset + limit, m_count);
        s = sort.reversed();
        from = m_count - end;
        size = std::max<qint64>(0, end - offset);
    }
    const OrderTableQuery q = query(s, plan(sort));
    QSqlQuery sql(m_db);
    if (!run(sql, q.windowSql(int(size), from), q.bindings(), error))
        return false;
    rows->reserve(int(size));
    while (sql.next()) {
        OrderRow row;
        row.id = sql.value(0).toString();
        row.shopId = sql.value(1).toString();
        row.status = sql.value(2).toString();
        row.createTime = sql.value(3).toLongLong();
        row.updateTime = sql.value(4).toLongLong();
        row.currency = sql.value(5).toString();
        row.totalAmount = sql.value(6).toString();
        row.units = sql.value(7).toInt();
        rows->append(std::move(row));
    }
    if (reverse)
        std::reverse(rows->begin(), rows->end());
    return true;
}

qint64 OrderReader::locate(const OrderSort& sort, const QString& orderId) const
{
    if (!isOpen() || orderId.isEmpty())
        return -1;
    QString error;
    const QStringList keys = OrderTableQuery::sortKeys(sort.column);
    QSqlQuery key(m_db);
    if (!run(key,
             QStringLiteral("SELECT o.rowid, ") % keys.join(QStringLiteral(", ")) %
                 QStringLiteral(" FROM orders o WHERE o.id = ?"),
             {orderId}, &error) ||
        !key.next())
        return -1;
    const qint64 rowid = key.value(0).toLongLong();
    QVariantList values;
    for (int i = 0; i < keys.size(); ++i) {
        if (key.value(i + 1).isNull())
            return -1;
        values << key.value(i + 1);
    }
    key.finish();
    // Does the order pass the filter at all? (The rowid makes it one lookup.)
    const OrderTableQuery q = query(sort, OrderPlan::SortIndex);
    QSqlQuery member(m_db);
    const QString glue = q.where().isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    if (!run(member,
             QStringLiteral("SELECT 1 FROM orders o") % q.where() % glue % QStringLiteral("o.rowid = ?"),
             QVariantList(q.bindings()) << rowid, &error) ||
        !member.next())
        return -1;
    member.finish();
    // Count the rows that sort before it.
    QSqlQuery count(m_db);
    if (!run(count, q.countBeforeSql(), QVariantList(q.bindings()) << values, &error) || !count.next())
        return -1;
    const qint64 row = count.value(0).toLongLong();
    return row < m_count ? row : -1;
}

} // namespace tts
