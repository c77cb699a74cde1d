// The rollup half of AnalyticsQueries: which local days the daily rollups may answer, and reading them.
#include "analyticsqueries.h"
#include "rollups.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <limits>

using namespace Qt::StringLiterals;

namespace tts {

AnalyticsQueries::RollupState AnalyticsQueries::rollupState(const QStringList& shopIds, const QTimeZone& zone,
                                                            const DateRange& range)
{
    RollupState state;
    if (!m_rollupsEnabled)
        return state;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // A database without rollups (or kept in another zone) is simply read raw: exact, only slower.
    if (!query.prepare(u"SELECT value FROM app_config WHERE key = ?"_s))
        return state;
    query.bindValue(0, QString::fromLatin1(kRollupZoneKey));
    if (!query.exec() || !query.next() || query.value(0).toString() != QString::fromUtf8(zone.id()))
        return state;
    // Only the hours of the range matter (a full resync can leave thousands dirty elsewhere).
    if (!query.prepare(u"SELECT hour FROM rollup_dirty WHERE shop_id IN ("_s +
                       shopPlaceholders(int(shopIds.size())) + u") AND hour >= ? AND hour <= ?"_s))
        return state;
    int i = 0;
    for (const QString& id : shopIds)
        query.bindValue(i++, id);
    query.bindValue(i++, range.from.toSecsSinceEpoch() / 3600 - 1);
    query.bindValue(i, range.to.toSecsSinceEpoch() / 3600 + 1);
    if (!query.exec())
        return state;
    qint64 lastHour = std::numeric_limits<qint64>::min();
    while (query.next()) {
        const qint64 hour = query.value(0).toLongLong();
        if (hour == lastHour)
            continue;
        lastHour = hour;
        for (const QDate& day : localDaysOfHour(hour, zone))
            state.dirty.insert(day.toJulianDay());
    }
    state.usable = true;
    return state;
}

bool AnalyticsQueries::readDailySales(const QStringList& shopIds, QDate first, QDate last,
                                      QHash<qint64, QList<Cell>>* days)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = u"SELECT day, status, currency, SUM(orders), SUM(revenue_minor), SUM(priced_orders), "
                        "SUM(units) FROM daily_sales WHERE shop_id IN ("_s +
                        shopPlaceholders(int(shopIds.size())) +
                        u") AND day >= ? AND day <= ? GROUP BY day, status, currency"_s;
    if (!query.prepare(sql))
        return fail(query, "daily sales");
    int i = 0;
    for (const QString& id : shopIds)
        query.bindValue(i++, id);
    query.bindValue(i++, first.toJulianDay());
    query.bindValue(i, last.toJulianDay());
    if (!query.exec())
        return fail(query, "daily sales");
    while (query.next()) {
        (*days)[query.value(0).toLongLong()].append(
            {query.value(1).toString(), query.value(2).toString(), query.value(3).toLongLong(),
             query.value(4).toLongLong(), query.value(5).toLongLong(), query.value(6).toLongLong()});
    }
    return true;
}

bool AnalyticsQueries::readProductRollup(const QStringList& shopIds, bool monthly, QList<qint64> keys,
                                         QHash<QPair<QString, QString>, qsizetype>* index,
                                         QList<ProductCell>* cells)
{
    if (keys.isEmpty())
        return true;
    std::sort(keys.begin(), keys.end());
    QStringList list; // integers computed here, not input: safe to inline
    for (qint64 key : std::as_const(keys))
        list << QString::number(key);
    const QString sql = u"SELECT product_id, currency, SUM(units), SUM(revenue_minor) FROM "_s +
                        (monthly ? u"monthly_products"_s : u"daily_products"_s) + u" WHERE shop_id IN ("_s +
                        shopPlaceholders(int(shopIds.size())) + u") AND "_s +
                        (monthly ? u"month"_s : u"day"_s) + u" IN ("_s + list.join(u',') +
                        u") GROUP BY product_id, currency"_s;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(query, "product summaries");
    for (int i = 0; i < shopIds.size(); ++i)
        query.bindValue(i, shopIds.at(i));
    if (!query.exec())
        return fail(query, "product summaries");
    while (query.next()) {
        addProductCell({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(),
                        query.value(3).toLongLong()},
                       index, cells);
    }
    return true;
}

void AnalyticsQueries::addProductCell(const ProductCell& cell,
                                      QHash<QPair<QString, QString>, qsizetype>* index,
                                      QList<ProductCell>* cells)
{
    const QPair<QString, QString> key{cell.productId, cell.currency};
    auto it = index->find(key);
    if (it == index->end()) {
        index->insert(key, cells->size());
        cells->append(cell);
        return;
    }
    ProductCell& sum = (*cells)[*it];
    sum.units += cell.units;
    sum.revenueMinor += cell.revenueMinor;
}

} // namespace tts
