#pragma once

#include "synccontext.h"

#include "api/apiclient.h"

#include <QObject>

namespace tts {

// Orders changed since a mark: update_time_ge = fromGe (and _lt a day ahead), sorted by
// update_time ascending, 100 per page. Every page commits its orders, their line items and the
// advanced cursor in one transaction; the cursor (max update_time of the committed pages) never
// moves on a failed, empty or malformed page. A query cut off by a result cap is continued by a
// new query from the last update_time seen.
class IncrementalOrders : public QObject
{
    Q_OBJECT
public:
    enum class CursorTarget
    {
        Stream,        // sync_metadata.last_record_time (a normal incremental sync)
        ResyncCatchup, // resync_runs.catchup_mark (the catch-up at the end of a full resync)
    };

    IncrementalOrders(SyncContext& ctx, Shop shop, qint64 fromGe, CursorTarget target, StepDone done,
                      QObject* parent = nullptr);

    void start();
    qint64 highWaterMark() const { return m_highWaterMark; }
    qint64 upserted() const { return m_upserted; }

private:
    void fetch();
    void onPage(const ApiResult<OrderPage>& result);
    void finish(StepResult result);

    SyncContext& m_ctx;
    Shop m_shop;
    CursorTarget m_target;
    StepDone m_done;
    qint64 m_queryGe;
    qint64 m_queryLt;
    QString m_pageToken;
    qint64 m_queryFetched = 0;
    qint64 m_queryTotal = 0;
    qint64 m_lastSeen = 0;
    qint64 m_highWaterMark = 0;
    qint64 m_upserted = 0;
    bool m_totalCounted = false;
};

// Checks what the rest of the engine relies on; empty when the page is usable.
QString validateOrders(const QList<Order>& orders);
QString validateOrders(const RawOrders& orders);

} // namespace tts
