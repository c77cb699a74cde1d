#include "dashboardloader.h"

#include "analytics/analyticsqueries.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

namespace tts {

DashboardSnapshot loadDashboardSnapshot(const QString& path, const AnalyticsFilter& filter, int topLimit)
{
    DashboardSnapshot snapshot;
    if (path.isEmpty() || !QFileInfo::exists(path))
        return snapshot; // NoDatabase
    QElapsedTimer timer;
    timer.start();
    Database::Error error;
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
