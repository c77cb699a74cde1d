#include "analyticsqueries.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAnalytics, "tts.analytics")

namespace tts {

namespace {

// One read transaction: every query of a refresh sees the same snapshot of the database (WAL), so a
// sync committing meanwhile cannot make the rollups, the dirty hours and the raw rows disagree.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(QSqlDatabase db) : m_db(std::move(db)), m_open(m_db.transaction()) {}
    ~ReadSnapshot()
    {
        if (m_open && !m_db.commit())
            m_db.rollback();
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    QSqlDatabase m_db;
    bool m_open;
};

} // namespace

AnalyticsQueries::AnalyticsQueries(QSqlDatabase db) : m_db(std::move(db)) {}

void AnalyticsQueries::tuneConnection(QSqlDatabase db)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA mmap_size = 1073741824"_s))
        qCDebug(lcAnalytics) << "mmap_size not applied:" << query.lastError().text();
}

bool AnalyticsQueries::isSale(const QString& status)
{
    return status != "UNPAID"_L1 && status != "CANCELLED"_L1;
}

bool AnalyticsQueries::fail(const QSqlQuery& query, const char* what)
{
    // The driver text can name tables; it goes to the log, the user gets one plain sentence.
    qCWarning(lcAnalytics) << "query failed:" << what << query.lastError().text();
    m_error = QStringLiteral("The shop database could not be read (%1). Try again after the sync "
                             "finishes; if it persists, run a full resync.")
                  .arg(QString::fromLatin1(what));
    return false;
}

QString AnalyticsQueries::shopPlaceholders(int count) const
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks << u"?"_s;
    return marks.join(u',');
}

QList<ShopInfo> AnalyticsQueries::shops()
{
    m_error.clear();
    QList<ShopInfo> result;
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT id, name FROM shops ORDER BY name, id"_s)) {
        while (query.next())
            result.append({query.value(0).toString(), query.value(1).toString()});
    }
    const QStringList withOrders = shopIdsFor(QString());
    for (const QString& id : withOrders) {
        if (std::none_of(result.cbegin(), result.cend(), [&](const ShopInfo& s) { return s.id == id; }))
            result.append({id, QString()});
    }
    return result;
}

QStringList AnalyticsQueries::shopIdsFor(const QString& shopId)
{
    if (!shopId.isEmpty())
        return {shopId};
    // A skip scan by hand: one index seek per shop instead of reading every order.
    QStringList ids;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT MIN(shop_id) FROM orders WHERE shop_id > ?"_s)) {
        fail(query, "shops");
        return ids;
    }
    QString last = u""_s;
    for (;;) {
        query.bindValue(0, last);
        if (!query.exec()) {
            fail(query, "shops");
            break;
        }
        if (!query.next() || query.value(0).isNull())
            break;
        last = query.value(0).toString();
        ids << last;
    }
    return ids;
}

bool AnalyticsQueries::forEachDay(const DateRange& range, const QTimeZone& zone,
                                  const std::function<bool(QDate, qint64, qint64, bool)>& visit)
{
    if (!range.isValid())
        return true;
    const qint64 end = range.to.toSecsSinceEpoch();
    qint64 from = range.from.toSecsSinceEpoch();
    QDate day = range.from.toTimeZone(zone).date();
    qint64 dayStart = startOfLocalDay(day, zone).toSecsSinceEpoch();
    while (from < end) {
        const qint64 dayEnd = startOfLocalDay(day.addDays(1), zone).toSecsSinceEpoch();
        const qint64 next = std::min(end, dayEnd);
        if (next > from && !visit(day, from, next, from == dayStart && next == dayEnd))
            return false;
        from = std::max(from, next);
        day = day.addDays(1);
        dayStart = dayEnd;
    }
    return true;
}

bool AnalyticsQueries::scanOrders(const QString& shopId, const DateRange& range, const QTimeZone& zone,
                                  QList<DaySlice>* slices)
{
    const QStringList ids = shopIdsFor(shopId);
    if (ids.isEmpty() || !range.isValid())
        return m_error.isEmpty();
    const RollupState rollups = rollupState(ids, zone, range);
    QHash<qint64, QList<Cell>> summed;
    if (rollups.usable && !readDailySales(ids, range.from.toTimeZone(zone).date(),
                                          range.to.addSecs(-1).toTimeZone(zone).date(), &summed))
        return false;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = u"SELECT status, currency, COUNT(*), SUM(total_amount_minor), "
                        "COUNT(total_amount_minor), SUM(units) FROM orders "
                        "WHERE shop_id IN ("_s +
                        shopPlaceholders(int(ids.size())) +
                        u") AND create_time >= ? AND create_time < ? GROUP BY status, currency"_s;
    if (!query.prepare(sql))
        return fail(query, "orders");
    return forEachDay(range, zone, [&](QDate day, qint64 from, qint64 to, bool wholeDay) {
        DaySlice slice{day, {}};
        if (rollups.covers(day, wholeDay)) {
            slice.cells = summed.value(day.toJulianDay());
        } else {
            int i = 0;
            for (const QString& id : ids)
                query.bindValue(i++, id);
            query.bindValue(i++, from);
            query.bindValue(i++, to);
            if (!query.exec())
                return fail(query, "orders");
            while (query.next()) {
                slice.cells.append({query.value(0).toString(), query.value(1).toString(),
                                    query.value(2).toLongLong(), query.value(3).toLongLong(),
                                    query.value(4).toLongLong(), query.value(5).toLongLong()});
            }
        }
        if (!slice.cells.isEmpty()) {
            if (!slices->isEmpty() && slices->last().day == day)
                slices->last().cells.append(slice.cells);
            else
                slices->append(slice);
        }
        return true;
    });
}

bool AnalyticsQueries::scanProducts(const AnalyticsFilter& filter, QList<ProductCell>* cells)
{
    const QStringList ids = shopIdsFor(filter.shopId);
    if (ids.isEmpty())
        return m_error.isEmpty();
    const QString shops = shopPlaceholders(int(ids.size()));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Line items carry the order's create_time, so one day of line items belongs to one day of
    // orders: the (small) set of that day's non-sales is excluded with NOT IN.
    const QString sql = u"SELECT product_id, currency, COUNT(*), SUM(sale_price_minor) FROM line_items "
                        "WHERE shop_id IN ("_s +
                        shops +
                        u") AND create_time >= ? AND create_time < ? AND order_id NOT IN "
                        "(SELECT id FROM orders WHERE shop_id IN ("_s +
                        shops +
                        u") AND create_time >= ? AND create_time < ? "
                        "AND status IN ('UNPAID', 'CANCELLED')) GROUP BY product_id, currency"_s;
    if (!query.prepare(sql))
        return fail(query, "line items");
    QHash<QPair<QString, QString>, qsizetype> index;
    m_productsFrom = filter.from.toSecsSinceEpoch();
    m_productsTo = filter.to.toSecsSinceEpoch();
    const auto visit = [&](qint64 from, qint64 to) {
        int i = 0;
        for (int pass = 0; pass < 2; ++pass) {
            for (const QString& id : ids)
                query.bindValue(i++, id);
            query.bindValue(i++, from);
            query.bindValue(i++, to);
        }
        if (!query.exec())
            return fail(query, "line items");
        while (query.next()) {
            addProductCell({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(),
                            query.value(3).toLongLong()},
                           &index, cells);
        }
        return true;
    };
    // What the rollups cannot answer: the partial days at the ends and the dirty days, as intervals.
    QList<QPair<qint64, qint64>> raw;
    const DateRange range{filter.from, filter.to};
    const RollupState rollups = rollupState(ids, filter.timeZone, range);
    if (rollups.usable && range.isValid()) {
        QSet<qint64> covered;
        forEachDay(range, filter.timeZone, [&](QDate day, qint64 from, qint64 to, bool wholeDay) {
            if (rollups.covers(day, wholeDay)) {
                covered.insert(day.toJulianDay());
            } else if (!raw.isEmpty() && raw.last().second == from) {
                raw.last().second = to;
            } else {
                raw.append({from, to});
            }
            return true;
        });
        // Whole covered months from monthly_products, the other covered days from daily_products.
        QList<qint64> months;
        QList<qint64> days;
        QHash<qint64, bool> wholeMonth;
        for (qint64 jd : std::as_const(covered)) {
            const QDate day = QDate::fromJulianDay(jd);
            const QDate first(day.year(), day.month(), 1);
            auto it = wholeMonth.find(first.toJulianDay());
            if (it == wholeMonth.end()) {
                bool whole = true;
                for (QDate d = first; whole && d.month() == first.month(); d = d.addDays(1))
                    whole = covered.contains(d.toJulianDay());
                it = wholeMonth.insert(first.toJulianDay(), whole);
                if (whole)
                    months << first.toJulianDay();
            }
            if (!*it)
                days << jd;
        }
        if (!readProductRollup(ids, true, months, &index, cells) ||
            !readProductRollup(ids, false, days, &index, cells))
            return false;
    } else if (range.isValid()) {
        raw.append({m_productsFrom, m_productsTo});
    }
    // Rankings need no day boundaries: week-long slices keep each sort small with 7x fewer queries.
    constexpr qint64 kSlice = 7 * 86400;
    for (const auto& [begin, end] : std::as_const(raw)) {
        for (qint64 from = begin; from < end; from += kSlice) {
            if (!visit(from, std::min(end, from + kSlice)))
                return false;
        }
    }
    return true;
}

QString AnalyticsQueries::productName(const QString& productId, const QStringList& shopIds)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT title FROM products WHERE id = ? AND title <> '' LIMIT 1"_s);
    query.bindValue(0, productId);
    if (query.exec() && query.next())
        return query.value(0).toString();
    // Not synced as a product (deleted, or products not synced yet): the name on a line item.
    // Within the scanned range (the product sold there), so the index range stays small.
    query.prepare(u"SELECT product_name FROM line_items WHERE shop_id IN ("_s +
                  shopPlaceholders(int(shopIds.size())) +
                  u") AND create_time >= ? AND create_time < ? AND product_id = ? LIMIT 1"_s);
    int i = 0;
    for (const QString& id : shopIds)
        query.bindValue(i++, id);
    query.bindValue(i++, m_productsFrom);
    query.bindValue(i++, m_productsTo);
    query.bindValue(i, productId);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return productId;
}

QList<CurrencyTotals> AnalyticsQueries::totals(const QString& shopId, const DateRange& range,
                                               const QTimeZone& zone)
{
    m_error.clear();
    QList<DaySlice> slices;
    scanOrders(shopId, range, zone, &slices);
    return totalsOf(slices);
}

QList<CurrencyKpis> AnalyticsQueries::kpis(const AnalyticsFilter& filter)
{
    const ReadSnapshot snapshot(m_db);
    const DateRange range{filter.from, filter.to};
    const auto current = totals(filter.shopId, range, filter.timeZone);
    if (!m_error.isEmpty())
        return {};
    const auto previous = totals(filter.shopId, previousRange(range, filter.timeZone), filter.timeZone);
    return combine(current, previous);
}

QList<StatusCount> AnalyticsQueries::ordersByStatus(const AnalyticsFilter& filter)
{
    m_error.clear();
    QList<DaySlice> slices;
    scanOrders(filter.shopId, {filter.from, filter.to}, filter.timeZone, &slices);
    return statusesOf(slices);
}

QList<RevenueSeries> AnalyticsQueries::revenueSeries(const AnalyticsFilter& filter)
{
    m_error.clear();
    QList<DaySlice> slices;
    scanOrders(filter.shopId, {filter.from, filter.to}, filter.timeZone, &slices);
    QStringList currencies;
    for (const CurrencyTotals& t : totalsOf(slices))
        currencies << t.currency;
    return seriesOf(slices, filter, currencies);
}

QList<ProductRank> AnalyticsQueries::topProductsByUnits(const AnalyticsFilter& filter, int limit)
{
    m_error.clear();
    QList<ProductCell> cells;
    scanProducts(filter, &cells);
    return rankByUnits(cells, limit, shopIdsFor(filter.shopId));
}

QList<ProductRank> AnalyticsQueries::topProductsByRevenue(const AnalyticsFilter& filter, int limit)
{
    m_error.clear();
    QList<ProductCell> cells;
    scanProducts(filter, &cells);
    return rankByRevenue(cells, limit, shopIdsFor(filter.shopId));
}

DashboardData AnalyticsQueries::dashboard(const AnalyticsFilter& filter, int topLimit,
                                          QList<QPair<QString, double>>* timings)
{
    m_error.clear();
    QElapsedTimer total;
    total.start();
    const ReadSnapshot snapshot(m_db);
    QElapsedTimer step;
    auto lap = [&](const char* name) {
        if (timings)
            timings->append({QString::fromLatin1(name), double(step.nsecsElapsed()) / 1e6});
        step.restart();
    };
    DashboardData data;
    data.filter = filter;
    const DateRange range{filter.from, filter.to};
    data.previous = previousRange(range, filter.timeZone);

    step.start();
    QList<DaySlice> current;
    if (!scanOrders(filter.shopId, range, filter.timeZone, &current))
        return data;
    lap("orders: current period");
    QList<DaySlice> previous;
    if (!scanOrders(filter.shopId, data.previous, filter.timeZone, &previous))
        return data;
    lap("orders: previous period");
    data.kpis = combine(totalsOf(current), totalsOf(previous));
    data.statuses = statusesOf(current);
    QStringList currencies;
    for (const CurrencyKpis& k : std::as_const(data.kpis))
        currencies << k.currency;
    data.series = seriesOf(current, filter, currencies);
    lap("kpis, statuses, series");
    QList<ProductCell> products;
    if (!scanProducts(filter, &products))
        return data;
    lap("line items: products");
    const QStringList ids = shopIdsFor(filter.shopId);
    data.topByUnits = rankByUnits(products, topLimit, ids);
    data.topByRevenue = rankByRevenue(products, topLimit, ids);
    lap("product ranking and names");
    data.elapsedMs = total.elapsed();
    return data;
}

} // namespace tts
