#pragma once

#include "incrementalorders.h"
#include "synccontext.h"

#include "api/apiclient.h"
#include "storage/syncstate.h"

#include <QObject>
#include <QPointer>

namespace tts {

// The resumable full resync of one shop's orders. The history is sliced by create_time (a probe
// gives total_count and the oldest and newest times), newest slices first, fetched by
// `concurrency` workers through the one ApiClient (its pacer keeps the request budget). Every page
// commits its orders together with its slice's checkpoint (page token, progress), so a crash, a
// kill or a cancel resumes where it stopped. A slice cut off by a per-query result cap goes on from
// the last create_time seen, split in halves. At the end an incremental catch-up from the start
// mark minus the overlap picks up what changed meanwhile, then the checkpoints are cleared.
class FullResync : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kSliceOrders = 5000;

    FullResync(SyncContext& ctx, Shop shop, StepDone done, QObject* parent = nullptr);

    void start(); // continues an unfinished resync of the shop, or begins a new one

    // Splits [lo, hi) into slices of about kSliceOrders (at least `workers` when there is enough).
    static QList<ResyncSlice> planSlices(qint64 lo, qint64 hi, qint64 total, int workers);

private:
    struct Probe
    {
        qint64 total = 0;
        qint64 oldestCreate = 0;
        qint64 newestCreate = 0;
        qint64 newestUpdate = 0;
    };
    void probe(int step);
    void onProbe(int step, const ApiResult<OrderPage>& r);
    void begin();
    void pump();
    void fetchSlice(ResyncSlice slice);
    void onSlicePage(ResyncSlice slice, const ApiResult<OrderPage>& r);
    void workerDone(std::optional<StepResult> failure);
    void startCatchup();
    void finish(StepResult result);

    SyncContext& m_ctx;
    Shop m_shop;
    StepDone m_done;
    Probe m_probe;
    ResyncRun m_run;
    QList<ResyncSlice> m_pending; // newest first
    int m_active = 0;
    std::optional<StepResult> m_failure;
    qint64 m_upserted = 0;
    QPointer<IncrementalOrders> m_catchup;
};

} // namespace tts
