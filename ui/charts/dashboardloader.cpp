#include "dashboardloader.h"

#include "analytics/analyticsqueries.h"
#include "analytics/rollups.h"
#include "storage/database.h"
#include "storage/databaserecovery.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

namespace tts {

namespace {

// A step holds the write lock about this long (a sync waits at most that); the whole refresh stops
// after the budget (a first build over a million orders finishes over the next refreshes).
constexpr int kRollupStepMs = 100;
constexpr int kRollupBudgetMs = 5000;

} // namespace

DashboardSnapshot loadDashboardSnapshot(const QString& path, const AnalyticsFilter& filter, int topLimit)
{
    DashboardSnapshot snapshot;
    if (path.isEmpty() || !QFileInfo::exists(path))
        return snapshot; // NoDatabase
    QElapsedTimer timer;
    timer.start();
    Database::Error error;
    {
        // Bring the daily rollups up to date first (short write transactions; a sync may run). If the
        // database cannot be written, the queries still give exact figures from the raw rows.
        // An auxiliary connection: no integrity check (the window runs it off this path, at open) and
        // no index rebuild under a running resync. A file a clean sync stamped as checked stays
        // stamped after these rollup writes of ours, so the next sync does not pay a quick_check.
        const bool wasChecked = integrityStampMatches(path);
        std::unique_ptr<Database> writer =
            Database::open(path, Database::ReadWrite, &error, Database::Role::Auxiliary);
        const bool refreshed =
            writer && bringRollupsUpToDate(*writer, filter.timeZone, kRollupStepMs, kRollupBudgetMs).ok;
        writer.reset();
        if (refreshed && wasChecked)
            writeIntegrityStamp(path);
    }
    std::unique_ptr<Database> db = Database::open(path, Database::ReadOnly, &error);
    if (!db) {
        snapshot.state = DashboardSnapshot::Failed;
        snapshot.message = QCoreApplication::translate("tts::DashboardView",
                                                       "The dashboard cannot read the shop database: %1")
                               .arg(error.message);
        return snapshot;
    }
    AnalyticsQueries::tuneConnection(db->connection());
    AnalyticsQueries queries(db->connection());
    snapshot.shops = queries.shops();
    if (!queries.lastError().isEmpty()) {
        snapshot.state = DashboardSnapshot::Failed;
        snapshot.message = queries.lastError();
        return snapshot;
    }
    if (snapshot.shops.isEmpty()) {
        snapshot.state = DashboardSnapshot::NoShops;
        return snapshot;
    }
    snapshot.data = queries.dashboard(filter, topLimit);
    if (!queries.lastError().isEmpty()) {
        snapshot.state = DashboardSnapshot::Failed;
        snapshot.message = queries.lastError();
        return snapshot;
    }
    snapshot.data.elapsedMs = timer.elapsed(); // including opening the connection
    snapshot.state = DashboardSnapshot::Ready;
    return snapshot;
}

} // namespace tts
