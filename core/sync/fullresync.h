#pragma once

#include "incrementalorders.h"
#include "pagewriter.h"
#include "synccontext.h"

#include "api/apiclient.h"
#include "storage/syncstate.h"
#include "storage/unsyncedimport.h"

#include <QObject>
#include <QPointer>

namespace tts {

// The resumable full resync of one shop's orders. The history is sliced by create_time (three
// concurrent probes give total_count and the oldest and newest times), newest slices first, worked
// on by `concurrency` workers through the one ApiClient (its pacer keeps the request budget). Every
// page commits its orders together with its slice's checkpoint (page token, progress), so a crash,
// a kill or a cancel resumes where it stopped. A slice cut off by a per-query result cap goes on
// from the last create_time seen, split in halves. At the end an incremental catch-up from the
// start mark minus the overlap picks up what changed meanwhile, then the checkpoints are cleared.
//
// Requests in flight: only as many as hide the latency within the request budget (1.5 x rate x the
// measured round trip plus commit, at least 1, at most `concurrency`). Each page goes to the
// PageWriter (SQLite in its own thread, overlapping the network and JSON of the next pages) the
// moment it arrives, and a request counts as in flight until its page is committed; so while one
// request per round trip fills the budget, a kill loses at most the one page in flight or being
// committed. A bulk resync (a request budget of kBulkOrdersPerSecond or more) with more than one
// request allowed in flight frees a request's place as soon as its page is handed to the writer,
// with requests in flight and pages waiting there together at most kMaxPagesWriting: the writer
// then commits several pages per transaction, and a kill loses the waiting pages too. The largest slice left
// goes first, so that the slices end together, and at the tail a slice with pages left is split when part of
// the window is idle, so that the window stays full to the end. While the tables start empty and the budget
// is bulk, their secondary indexes are dropped and built again before the catch-up (DeferredIndexes).
class FullResync : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kSliceOrders = 5000;
    // A slice split at the tail gives each part at least this many pages.
    static constexpr qint64 kTailSplitPages = 3;
    // A request budget that lets at least this many orders per second arrive makes a bulk resync:
    // secondary indexes dropped during a first one, and pages handed over to the writer.
    static constexpr double kBulkOrdersPerSecond = 10000;
    // In a bulk resync, requests in flight and pages handed to the writer and not committed yet,
    // together at most.
    static constexpr int kMaxPagesWriting = PageWriter::kMaxPagesPerCommit;
    // A first import, which writes without waiting for the disk, flushes its file this often in a
    // thread of its own (and once more when the pages are in), so that its end waits for little.
    static constexpr std::chrono::milliseconds kFlushPeriod{1000};

    FullResync(SyncContext& ctx, Shop shop, StepDone done, QObject* parent = nullptr);
    ~FullResync() override;

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
    bool bulk() const;
    bool deferIndexes();
    bool restoreIndexes(Database::Error* error);
    // Back to waiting for the disk, the file flushed and UnsyncedImport's marker removed.
    bool endUnsynced(Database::Error* error);
    void pump();
    int window() const;
    int tailParts(const ResyncSlice& slice) const;
    // [ge, lt) in `parts` slices of equal width, oldest first.
    static QList<ResyncSlice> splitRange(qint64 ge, qint64 lt, qint64 parts);
    void fetchSlice(const ResyncSlice& slice);
    void onSlicePage(ResyncSlice slice, const ApiResult<OrderPage>& r);
    std::optional<StepResult> writeSlicePage(ResyncSlice slice, const OrderPage& page, qint64 roundTripMs);
    void countCommitted(const CursorUpdate& cursor);
    void noteCycle(double cycleMs);
    void noteFailure(const StepResult& failure);
    void continueSlice(const ResyncSlice& slice, const CursorUpdate& cursor, bool more);
    void onHandedOverPageWritten(bool ok, const Database::Error& error, const CursorUpdate& cursor);
    void pageDone(std::optional<StepResult> failure);
    void startCatchup();
    void finish(StepResult result);

    SyncContext& m_ctx;
    Shop m_shop;
    StepDone m_done;
    Probe m_probe;
    int m_probesLeft = 0;
    std::optional<StepResult> m_probeFailure;
    ResyncRun m_run;
    QList<ResyncSlice> m_pending; // not started yet, newest first
    QList<ResyncSlice> m_waiting; // started, waiting for a place in the window
    int m_inFlight = 0;
    int m_writing = 0;        // pages handed over to the writer, not committed yet (bulk only)
    bool m_pipelined = false; // bulk: a request's place is free once its page is handed over
    double m_cycleMs = -1;    // smoothed round trip + commit of a page; -1 until the first one
    std::optional<StepResult> m_failure;
    qint64 m_upserted = 0;
    bool m_indexesDeferred = false;
    std::unique_ptr<UnsyncedImport::Flusher> m_flusher;
    bool m_unsynced = false; // writing without waiting for the disk (UnsyncedImport's marker is down)
    QPointer<IncrementalOrders> m_catchup;
    std::unique_ptr<PageWriter> m_writer;
};

} // namespace tts
