#pragma once

#include "analytics/analyticstypes.h"

#include <QList>
#include <QString>

namespace tts {

// What one dashboard refresh read from the database.
struct DashboardSnapshot
{
    enum State
    {
        NoDatabase,
        NoShops,
        Failed,
        Ready
    };
    State state = NoDatabase;
    QString message; // Failed: one sentence for the user
    QList<ShopInfo> shops;
    DashboardData data;
};

// Brings the dashboard's daily rollups up to date (core/analytics/rollups.h; its only write), then
// opens the database at `path` read-only (its own connection, closed on return), reads the shops and
// every figure of the dashboard. Runs in any thread: DashboardView calls it on a worker thread so
// that a refresh over a million orders never freezes the window. Never creates the file.
DashboardSnapshot loadDashboardSnapshot(const QString& path, const AnalyticsFilter& filter, int topLimit);

} // namespace tts
