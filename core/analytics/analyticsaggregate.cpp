// The pure half of AnalyticsQueries: folding the per-day SQL rows into the dashboard's figures.
#include "analyticsqueries.h"
#include "money.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tts {

qint64 CurrencyTotals::averageOrderValueMinor() const
{
    return divideRounded(revenueMinor, orders - unpricedSales);
}

double CurrencyTotals::cancellationRate() const
{
    return allOrders > 0 ? double(cancelledOrders) / double(allOrders) : 0.0;
}

std::optional<double> Comparison::changePercent() const
{
    if (previous == 0)
        return std::nullopt;
    return double(current - previous) * 100.0 / double(previous < 0 ? -previous : previous);
}

bool DashboardData::sameFiguresAs(const DashboardData& other) const
{
    return previous == other.previous && kpis == other.kpis && statuses == other.statuses &&
           series == other.series && topByUnits == other.topByUnits && topByRevenue == other.topByRevenue;
}

QStringList DashboardData::currencies() const
{
    QStringList result;
    for (const CurrencyKpis& k : kpis)
        result << k.currency;
    return result;
}

const CurrencyKpis* DashboardData::kpisFor(const QString& currency) const
{
    for (const CurrencyKpis& k : kpis) {
        if (k.currency == currency)
            return &k;
    }
    return nullptr;
}

const RevenueSeries* DashboardData::seriesFor(const QString& currency) const
{
    for (const RevenueSeries& s : series) {
        if (s.currency == currency)
            return &s;
    }
    return nullptr;
}

QList<ProductRank> DashboardData::topByRevenueFor(const QString& currency) const
{
    QList<ProductRank> result;
    for (const ProductRank& p : topByRevenue) {
        if (p.currency == currency)
            result << p;
    }
    return result;
}

QList<CurrencyTotals> AnalyticsQueries::totalsOf(const QList<DaySlice>& slices)
{
    QList<CurrencyTotals> result;
    QHash<QString, qsizetype> index;
    for (const DaySlice& slice : slices) {
        for (const Cell& cell : slice.cells) {
            auto it = index.find(cell.currency);
            if (it == index.end()) {
                it = index.insert(cell.currency, result.size());
                result.append(CurrencyTotals{cell.currency});
            }
            CurrencyTotals& t = result[*it];
            t.allOrders += cell.orders;
            if (cell.status == "CANCELLED"_L1)
                t.cancelledOrders += cell.orders;
            if (isSale(cell.status)) {
                t.orders += cell.orders;
                t.revenueMinor += cell.revenueMinor;
                t.unpricedSales += cell.orders - cell.pricedOrders;
                t.units += cell.units;
            }
        }
    }
    std::stable_sort(result.begin(), result.end(), [](const CurrencyTotals& a, const CurrencyTotals& b) {
        return a.revenueMinor != b.revenueMinor ? a.revenueMinor > b.revenueMinor : a.currency < b.currency;
    });
    return result;
}

QList<StatusCount> AnalyticsQueries::statusesOf(const QList<DaySlice>& slices)
{
    QMap<QString, qint64> counts;
    for (const DaySlice& slice : slices) {
        for (const Cell& cell : slice.cells)
            counts[cell.status] += cell.orders;
    }
    QList<StatusCount> result;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        result.append({it.key(), it.value()});
    std::stable_sort(result.begin(), result.end(),
                     [](const StatusCount& a, const StatusCount& b) { return a.orders > b.orders; });
    return result;
}

QList<RevenueSeries> AnalyticsQueries::seriesOf(const QList<DaySlice>& slices, const AnalyticsFilter& filter,
                                                const QStringList& currencies)
{
    QList<RevenueSeries> result;
    if (!filter.from.isValid() || !filter.to.isValid() || filter.from >= filter.to)
        return result;
    // Every period that intersects [from, to), so that empty periods show as zero.
    const QDate first = periodStartDate(filter.from.toTimeZone(filter.timeZone).date(), filter.granularity);
    QList<QDate> periods;
    for (QDate p = first; startOfLocalDay(p, filter.timeZone) < filter.to;
         p = nextPeriodStartDate(p, filter.granularity))
        periods << p;
    for (const QString& currency : currencies) {
        RevenueSeries series{currency, {}};
        series.points.reserve(periods.size());
        for (const QDate& p : std::as_const(periods))
            series.points.append({startOfLocalDay(p, filter.timeZone), 0, 0});
        result.append(series);
    }
    for (const DaySlice& slice : slices) {
        const QDate period = periodStartDate(slice.day, filter.granularity);
        const auto at = std::lower_bound(periods.cbegin(), periods.cend(), period);
        if (at == periods.cend() || *at != period)
            continue;
        const qsizetype i = at - periods.cbegin();
        for (const Cell& cell : slice.cells) {
            if (!isSale(cell.status))
                continue;
            const qsizetype c = currencies.indexOf(cell.currency);
            if (c < 0)
                continue;
            result[c].points[i].revenueMinor += cell.revenueMinor;
            result[c].points[i].orders += cell.orders;
        }
    }
    return result;
}

QList<CurrencyKpis> AnalyticsQueries::combine(const QList<CurrencyTotals>& current,
                                              const QList<CurrencyTotals>& previous)
{
    QList<CurrencyKpis> result;
    for (const CurrencyTotals& c : current)
        result.append({c.currency, c, CurrencyTotals{c.currency}});
    for (const CurrencyTotals& p : previous) {
        auto it = std::find_if(result.begin(), result.end(),
                               [&](const CurrencyKpis& k) { return k.currency == p.currency; });
        if (it == result.end())
            result.append({p.currency, CurrencyTotals{p.currency}, p});
        else
            it->previous = p;
    }
    return result;
}

QList<ProductRank> AnalyticsQueries::rankByUnits(const QList<ProductCell>& cells, int limit,
                                                 const QStringList& shops)
{
    QList<ProductRank> result;
    QHash<QString, qsizetype> index;
    for (const ProductCell& cell : cells) {
        auto it = index.find(cell.productId);
        if (it == index.end()) {
            it = index.insert(cell.productId, result.size());
            result.append({cell.productId, QString(), cell.currency, 0, 0});
        }
        ProductRank& rank = result[*it];
        if (rank.currency != cell.currency) {
            rank.currency.clear(); // several currencies: revenue is not summed
            rank.revenueMinor = 0;
        } else {
            rank.revenueMinor += cell.revenueMinor;
        }
        rank.units += cell.units;
    }
    std::sort(result.begin(), result.end(), [](const ProductRank& a, const ProductRank& b) {
        return a.units != b.units ? a.units > b.units : a.productId < b.productId;
    });
    if (limit >= 0 && result.size() > limit)
        result.resize(limit);
    for (ProductRank& rank : result)
        rank.productName = productName(rank.productId, shops);
    return result;
}

QList<ProductRank> AnalyticsQueries::rankByRevenue(const QList<ProductCell>& cells, int limit,
                                                   const QStringList& shops)
{
    QList<ProductRank> all;
    for (const ProductCell& cell : cells)
        all.append({cell.productId, QString(), cell.currency, cell.units, cell.revenueMinor});
    std::sort(all.begin(), all.end(), [](const ProductRank& a, const ProductRank& b) {
        if (a.currency != b.currency)
            return a.currency < b.currency;
        return a.revenueMinor != b.revenueMinor ? a.revenueMinor > b.revenueMinor : a.productId < b.productId;
    });
    QList<ProductRank> result;
    QHash<QString, int> taken;
    for (const ProductRank& rank : std::as_const(all)) {
        int& n = taken[rank.currency];
        if (limit >= 0 && n >= limit)
            continue;
        ++n;
        result.append(rank);
        result.last().productName = productName(rank.productId, shops);
    }
    return result;
}

} // namespace tts
