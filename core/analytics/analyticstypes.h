#pragma once

#include "daterange.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace tts {

struct AnalyticsFilter
{
    QString shopId; // empty: all shops
    QDateTime from; // [from, to)
    QDateTime to;
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    Granularity granularity = Granularity::Day;
};

// Definitions (the dashboard's numbers mean exactly this):
// - An order belongs to the period that contains its create_time.
// - A *sale* is an order whose status is neither UNPAID nor CANCELLED (paid and not cancelled; it
//   counts from ON_HOLD through COMPLETED).
// - revenue = sum of total_amount (what the buyer paid, incl. shipping and tax) over sales, in
//   hundredths; an order whose total_amount has more than 2 decimals (total_amount_minor NULL) is
//   not summed and is counted in unpricedSales.
// - orders = number of sales; units = sum of units (line items) over sales.
// - average order value = revenue / priced sales, rounded half away from zero to the hundredth.
// - cancellation rate = CANCELLED orders / all orders (every status) created in the period.
// Every figure is per currency: amounts in different currencies are never added.
struct CurrencyTotals
{
    QString currency;
    qint64 revenueMinor = 0;
    qint64 orders = 0;
    qint64 units = 0;
    qint64 unpricedSales = 0;
    qint64 allOrders = 0;
    qint64 cancelledOrders = 0;

    qint64 averageOrderValueMinor() const;
    double cancellationRate() const; // 0 when there are no orders
    friend bool operator==(const CurrencyTotals&, const CurrencyTotals&) = default;
};

// A KPI next to its value in the previous period of the same length.
struct Comparison
{
    qint64 current = 0;
    qint64 previous = 0;

    qint64 change() const { return current - previous; }
    // Relative change in percent; nullopt when the previous value is 0.
    std::optional<double> changePercent() const;
};

struct CurrencyKpis
{
    QString currency;
    CurrencyTotals current;
    CurrencyTotals previous;

    Comparison revenue() const { return {current.revenueMinor, previous.revenueMinor}; }
    Comparison orders() const { return {current.orders, previous.orders}; }
    Comparison averageOrderValue() const
    {
        return {current.averageOrderValueMinor(), previous.averageOrderValueMinor()};
    }
    Comparison units() const { return {current.units, previous.units}; }
    friend bool operator==(const CurrencyKpis&, const CurrencyKpis&) = default;
};

struct StatusCount
{
    QString status;
    qint64 orders = 0;
    friend bool operator==(const StatusCount&, const StatusCount&) = default;
};

struct SeriesPoint
{
    QDateTime start; // local start of the day / week (Monday) / month, in the filter's time zone
    qint64 revenueMinor = 0;
    qint64 orders = 0;
    friend bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

// Revenue over time of one currency; every period of the range is present (empty ones are zero).
struct RevenueSeries
{
    QString currency;
    QList<SeriesPoint> points;
    friend bool operator==(const RevenueSeries&, const RevenueSeries&) = default;
};

// Product figures come from line items (one per unit sold) of sales: units = line items,
// revenue = sum of the line items' sale_price.
struct ProductRank
{
    QString productId;
    QString productName;
    QString currency; // empty in the by-units ranking when the product sold in several currencies
    qint64 units = 0;
    qint64 revenueMinor = 0; // only meaningful with a currency
    friend bool operator==(const ProductRank&, const ProductRank&) = default;
};

struct ShopInfo
{
    QString id;
    QString name;
};

// Everything one dashboard refresh shows.
struct DashboardData
{
    AnalyticsFilter filter;
    DateRange previous;
    QList<CurrencyKpis> kpis;        // sorted by current revenue, largest first
    QList<StatusCount> statuses;     // all currencies, largest first
    QList<RevenueSeries> series;     // one per currency of kpis, same order
    QList<ProductRank> topByUnits;   // all currencies
    QList<ProductRank> topByRevenue; // per currency, largest first within a currency
    qint64 elapsedMs = 0;

    // Every figure equal (not the filter or the time it took).
    bool sameFiguresAs(const DashboardData& other) const;
    QStringList currencies() const;
    const CurrencyKpis* kpisFor(const QString& currency) const;
    const RevenueSeries* seriesFor(const QString& currency) const;
    QList<ProductRank> topByRevenueFor(const QString& currency) const;
};

} // namespace tts
