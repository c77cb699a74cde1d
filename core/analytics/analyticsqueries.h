#pragma once

#include "analyticstypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QSqlQuery;

namespace tts {

// The dashboard's queries over the orders / line_items schema (core/storage), on a connection the
// caller owns (the GUI's read-only one). Queries read only the covering indexes
// orders(shop_id, create_time, status, currency, total_amount_minor, units) and
// line_items(shop_id, create_time, product_id) plus, for product revenue, the line item rows.
// A range is walked one local day at a time. A whole local day comes from the daily rollups
// (core/analytics/rollups.h) when they are kept in the filter's time zone and none of the day's hours
// is dirty; any other day, and the partial days at the ends of a range, from the raw rows (a small
// index range each, aggregated by SQLite). The day boundaries come from QTimeZone, so DST days are
// exact, and dashboard() reads in one snapshot, so a sync writing meanwhile never mixes states.
// Not thread-safe; use it in the thread that owns the connection.
class AnalyticsQueries
{
public:
    explicit AnalyticsQueries(QSqlDatabase db);

    // On by default. Off: every figure from the raw rows (the benchmark's and the tests' reference).
    void setRollupsEnabled(bool enabled) { m_rollupsEnabled = enabled; }

    // Empty when the last call succeeded; else one sentence for the user (never SQL).
    QString lastError() const { return m_error; }

    // Shops with a name (shops table), then shop ids that only occur in orders.
    QList<ShopInfo> shops();

    QList<CurrencyTotals> totals(const QString& shopId, const DateRange& range, const QTimeZone& zone);
    QList<CurrencyKpis> kpis(const AnalyticsFilter& filter);
    QList<StatusCount> ordersByStatus(const AnalyticsFilter& filter);
    QList<RevenueSeries> revenueSeries(const AnalyticsFilter& filter);
    QList<ProductRank> topProductsByUnits(const AnalyticsFilter& filter, int limit);
    // The top `limit` products of every currency.
    QList<ProductRank> topProductsByRevenue(const AnalyticsFilter& filter, int limit);

    // All of the above for one refresh, sharing the scans. `timings` (optional) receives the time
    // of each step in milliseconds, for the benchmark.
    DashboardData dashboard(const AnalyticsFilter& filter, int topLimit,
                            QList<QPair<QString, double>>* timings = nullptr);

    // Read-connection settings for large scans: memory-mapped reads (no read() call per page).
    // Connection-local, harmless on a read-only connection; call once after opening.
    static void tuneConnection(QSqlDatabase db);

    // The status rule behind revenue (see analyticstypes.h).
    static bool isSale(const QString& status);

private:
    struct Cell
    {
        QString status;
        QString currency;
        qint64 orders = 0;
        qint64 revenueMinor = 0;
        qint64 pricedOrders = 0;
        qint64 units = 0;
    };
    struct DaySlice
    {
        QDate day; // local date
        QList<Cell> cells;
    };
    struct ProductCell
    {
        QString productId;
        QString currency;
        qint64 units = 0;
        qint64 revenueMinor = 0;
    };

    // Which whole local days may be read from the rollups.
    struct RollupState
    {
        bool usable = false; // kept in the filter's zone
        QSet<qint64> dirty;  // julian days with a changed hour in one of the shops
        bool covers(QDate day, bool wholeDay) const
        {
            return usable && wholeDay && !dirty.contains(day.toJulianDay());
        }
    };

    QStringList shopIdsFor(const QString& shopId);
    QString shopPlaceholders(int count) const;
    bool forEachDay(const DateRange& range, const QTimeZone& zone,
                    const std::function<bool(QDate day, qint64 from, qint64 to, bool wholeDay)>& visit);
    RollupState rollupState(const QStringList& shopIds, const QTimeZone& zone, const DateRange& range);
    bool readDailySales(const QStringList& shopIds, QDate first, QDate last,
                        QHash<qint64, QList<Cell>>* days);
    // monthly_products for the month keys (julian day of the 1st), else daily_products for the days.
    bool readProductRollup(const QStringList& shopIds, bool monthly, QList<qint64> keys,
                           QHash<QPair<QString, QString>, qsizetype>* index, QList<ProductCell>* cells);
    static void addProductCell(const ProductCell& cell, QHash<QPair<QString, QString>, qsizetype>* index,
                               QList<ProductCell>* cells);
    bool scanOrders(const QString& shopId, const DateRange& range, const QTimeZone& zone,
                    QList<DaySlice>* slices);
    bool scanProducts(const AnalyticsFilter& filter, QList<ProductCell>* cells);
    QString productName(const QString& productId, const QStringList& shopIds);
    bool fail(const QSqlQuery& query, const char* what);

    static QList<CurrencyTotals> totalsOf(const QList<DaySlice>& slices);
    static QList<StatusCount> statusesOf(const QList<DaySlice>& slices);
    static QList<RevenueSeries> seriesOf(const QList<DaySlice>& slices, const AnalyticsFilter& filter,
                                         const QStringList& currencies);
    static QList<CurrencyKpis> combine(const QList<CurrencyTotals>& current,
                                       const QList<CurrencyTotals>& previous);
    QList<ProductRank> rankByUnits(const QList<ProductCell>& cells, int limit, const QStringList& shops);
    QList<ProductRank> rankByRevenue(const QList<ProductCell>& cells, int limit, const QStringList& shops);

    QSqlDatabase m_db;
    QString m_error;
    bool m_rollupsEnabled = true;
    qint64 m_productsFrom = 0; // the range of the last product scan, for productName()
    qint64 m_productsTo = 0;
};

} // namespace tts
