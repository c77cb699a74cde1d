#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace tts {

class Database;

// Pre-summed local days behind the dashboard (schema v3):
//   daily_sales(shop_id, day, status, currency, orders, revenue_minor, priced_orders, units)
//   daily_products(shop_id, day, product_id, currency, units, revenue_minor)  -- sales only
//   monthly_products(shop_id, month, ...)  -- the sum of a local month's daily_products (a year of
//                                             daily product rows is too many to add up per refresh)
// `day` is the local date (QDate::toJulianDay), `month` the one of the month's first day, in the zone stored
// in app_config under kRollupZoneKey. Triggers on orders and line_items note every changed UTC hour in
// rollup_dirty; a local day that one of its hours is dirty is never read from the rollups (AnalyticsQueries
// falls back to the raw rows for it; a month with a dirty day is added up from its days), so every figure is
// exact at any moment, and bringRollupsUpToDate() only makes it fast.
inline constexpr char kRollupZoneKey[] = "rollup_tz";

struct RollupRefresh
{
    bool ok = true;
    QString error;        // one sentence for the user when !ok (nothing is lost: dirty rows stay)
    bool rebuilt = false; // the zone changed (or the rollups were never built): everything recomputed
    qint64 days = 0;      // local shop-days recomputed
    qint64 hours = 0;     // dirty hours cleared
    qint64 transactions = 0;
    qint64 elapsedMs = 0;
};

// Recomputes, from the raw orders and line items, exactly the local days (in `zone`) that dirty hours
// touch, newest first, and clears those hours. Each write transaction holds the lock for about
// `budgetMsPerTransaction` so that a sync writing at the same time waits at most that long. A zone
// other than the stored one first marks every hour dirty (a rebuild for the new zone). Stops after
// `totalBudgetMs` (< 0: when nothing is dirty) so that a refresh never chases a sync that keeps
// writing; what is left stays dirty (read raw, exactly) for the next call.
RollupRefresh bringRollupsUpToDate(Database& db, const QTimeZone& zone, int budgetMsPerTransaction = 100,
                                   int totalBudgetMs = -1);

// The local days (1 or 2) that UTC hour `hour` (create_time / 3600, SQLite's integer division)
// overlaps in `zone`.
QList<QDate> localDaysOfHour(qint64 hour, const QTimeZone& zone);

} // namespace tts
