#include "fullresync.h"

#include "synclog.h"

#include "storage/deferredindexes.h"
#include "storage/orderstore.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tts {

FullResync::FullResync(SyncContext& ctx, Shop shop, StepDone done, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_shop(std::move(shop)), m_done(std::move(done))
{}

FullResync::~FullResync()
{
    // Stopped without finishing (the window closed mid-import): flushed all the same, so that only a
    // system crash, never a later reboot, sets the file aside.
    if (m_unsynced) {
        if (m_writer)
            m_writer->close();
        endUnsynced(nullptr);
    }
}

QList<ResyncSlice> FullResync::planSlices(qint64 lo, qint64 hi, qint64 total, int workers)
{
    QList<ResyncSlice> slices;
    if (total <= 0 || hi <= lo)
        return slices;
    qint64 count = (total + kSliceOrders - 1) / kSliceOrders;
    count = std::max(count, std::min<qint64>(std::max(workers, 1), (total + 249) / 250));
    slices = splitRange(lo, hi, std::clamp<qint64>(count, 1, hi - lo));
    std::reverse(slices.begin(), slices.end()); // newest first: the charts are useful early
    return slices;
}

void FullResync::start()
{
    m_ctx.progress->setStream(m_shop.id, streams::orders());
    std::optional<ResyncRun> existing;
    Database::Error dbError;
    // Opened before any index is deferred: opening a connection builds deferred indexes again.
    m_writer = std::make_unique<PageWriter>();
    // With one request at a time (TTS_RESYNC_CONCURRENCY=1) a kill re-fetches at most one page,
    // whatever the budget: each page is committed before the next is asked for.
    m_pipelined = bulk() && m_ctx.options.concurrency > 1;
    if (!m_writer->open(m_ctx.store->database().path(), &dbError)) {
        finish(StepResult::fromDatabase(dbError));
        return;
    }
    if (!m_ctx.store->state().readResync(m_shop.id, &existing, &dbError)) {
        finish(StepResult::fromDatabase(dbError));
        return;
    }
    if (existing) {
        m_run = *existing;
        m_pending = m_run.slices;
        qCInfo(lcSync) << "continuing the full resync of shop" << m_shop.id << ":" << m_pending.size()
                       << "slices left," << m_run.ordersDone << "of" << m_run.ordersTotal << "orders done";
        m_ctx.progress->addTotal(std::max<qint64>(0, m_run.ordersTotal - m_run.ordersDone));
        if (deferIndexes())
            pump();
        return;
    }
    // The three probes are independent: one round trip instead of three.
    m_probesLeft = 3;
    for (int step = 0; step < 3; ++step)
        probe(step);
}

// Three one-order queries: total and oldest create_time, newest create_time, newest update_time
// (the mark the catch-up starts from: server time, whatever the local clock says).
void FullResync::probe(int step)
{
    OrderQuery q;
    q.shopCipher = m_shop.cipher;
    q.pageSize = 1;
    q.sortField = step == 2 ? QStringLiteral("update_time") : QStringLiteral("create_time");
    q.ascending = step == 0;
    QPointer<FullResync> self(this);
    m_ctx.api->searchOrders(q, [self, step](ApiResult<OrderPage> r) {
        if (self)
            self->onProbe(step, r);
    });
}

void FullResync::onProbe(int step, const ApiResult<OrderPage>& r)
{
    --m_probesLeft;
    if (r.ok() && m_cycleMs < 0)
        m_cycleMs = double(m_ctx.api->lastRoundTripMs()); // the window is open from the first page

    if (!r.ok()) {
        if (!m_probeFailure)
            m_probeFailure = StepResult::fromApi(r.error, m_shop.id);
    } else if (const QString bad = validateOrders(r.value.orders); !bad.isEmpty()) {
        if (!m_probeFailure)
            m_probeFailure = StepResult::malformed(bad);
    } else if (step == 0) {
        m_probe.total = r.value.orders.isEmpty() ? 0 : r.value.totalCount;
        if (!r.value.orders.isEmpty())
            m_probe.oldestCreate = r.value.orders.constFirst().createTime;
    } else if (!r.value.orders.isEmpty()) {
        const Order& o = r.value.orders.constFirst();
        if (step == 1)
            m_probe.newestCreate = o.createTime;
        else
            m_probe.newestUpdate = o.updateTime;
    }
    if (m_probesLeft > 0)
        return;
    if (m_probeFailure)
        finish(*m_probeFailure);
    else if (m_ctx.cancelled())
        finish(StepResult{std::nullopt, true, 0});
    else
        begin();
}

// Only while orders and line_items are both empty (a first sync): built again by sorting at the
// end, which costs much less than keeping them up to date row by row.
bool FullResync::deferIndexes()
{
    // Only when pages can arrive faster than the indexes are kept up to date row by row: within a
    // smaller request budget the writer has time to spare, and building them at the end would only
    // add to the wall time.
    if (!bulk())
        return true;
    Database::Error dbError;
    bool deferred = false;
    if (!DeferredIndexes::deferIfEmpty(m_ctx.store->database(), &deferred, &dbError)) {
        finish(StepResult::fromDatabase(dbError));
        return false;
    }
    m_indexesDeferred = m_indexesDeferred || deferred;
    // Into empty tables it waits for the disk once, at its end, instead of at every checkpoint: a system
    // crash meanwhile sets the file aside and the shops are fetched again (see UnsyncedImport).
    if (deferred && !m_unsynced && UnsyncedImport::begin(m_ctx.store->database().path())) {
        m_unsynced = true;
        m_flusher = std::make_unique<UnsyncedImport::Flusher>(m_ctx.store->database().path(), kFlushPeriod);
        if (!m_ctx.store->database().setWaitForDisk(false, &dbError) ||
            !m_writer->setWaitForDisk(false, &dbError)) {
            finish(StepResult::fromDatabase(dbError));
            return false;
        }
    }
    return true;
}

bool FullResync::bulk() const
{
    const double rate = m_ctx.api->config().requestsPerSecond;
    return rate <= 0 || rate * std::clamp(m_ctx.options.pageSize, 1, 100) >= kBulkOrdersPerSecond;
}

bool FullResync::restoreIndexes(Database::Error* error)
{
    if (m_writer)
        m_writer->close(); // every page is committed by now: its page cache goes before the index sort
    if (m_flusher)
        m_flusher->flushNow(); // the orders reach the disk while the indexes are sorted
    Database& db = m_ctx.store->database();
    // This resync's pages were its only writes meanwhile (the sync lock keeps other syncs out; the
    // window writes no orders), and OrderStore noted their hours.
    bool ok =
        !m_indexesDeferred || DeferredIndexes::restore(db, error, DeferredIndexes::Writers::OrderStoreOnly);
    if (ok)
        m_indexesDeferred = false;
    // However the import ended, what it wrote reaches the disk before anything else is written.
    if (!endUnsynced(ok ? error : nullptr))
        return false;
    return ok;
}

bool FullResync::endUnsynced(Database::Error* error)
{
    if (!m_unsynced)
        return true;
    if (m_flusher)
        m_flusher->stop();
    Database& db = m_ctx.store->database();
    // The WAL copied into the file first, while nothing waits for the disk: the flush then has the
    // file alone to write, and the close of the connection nothing left to copy (300,000 orders: from
    // the last index built to the connection closed 0.29 s before, 0.14 s after). A reader (the
    // window) may hold it up: then the close copies the rest, as before.
    if (!db.emptyWal())
        qCDebug(lcSync) << "the WAL was not emptied (another connection uses it, or the disk refused): the "
                           "close copies the rest";
    Database::Error syncError;
    QString why;
    const bool ok = db.setWaitForDisk(true, &syncError) && UnsyncedImport::end(db, &why, m_flusher.get());
    m_flusher.reset();
    if (!ok) {
        // The marker stays: the next sync flushes the file again.
        if (error)
            *error = syncError.isError() ? syncError : Database::Error{Database::Error::Other, why};
        return false;
    }
    m_unsynced = false;
    return true;
}

void FullResync::begin()
{
    if (!deferIndexes())
        return;
    m_run = {};
    m_run.startedAt = std::max(m_probe.newestUpdate, m_probe.newestCreate);
    m_run.ordersTotal = m_probe.total;
    const qint64 hi = std::max(m_probe.newestCreate, m_probe.oldestCreate) + 1;
    m_run.slices = planSlices(m_probe.oldestCreate, hi, m_probe.total, m_ctx.options.concurrency);
    Database::Error dbError;
    if (!m_ctx.store->state().beginResync(m_shop.id, m_run, &dbError)) {
        finish(StepResult::fromDatabase(dbError));
        return;
    }
    qCInfo(lcSync) << "full resync of shop" << m_shop.id << ":" << m_probe.total << "orders in"
                   << m_run.slices.size() << "slices";
    m_ctx.progress->addTotal(m_probe.total);
    m_pending = m_run.slices;
    pump();
}

void FullResync::pump()
{
    if (m_failure || m_ctx.cancelled()) {
        m_waiting.clear(); // a later run resumes them from their committed checkpoints
    } else {
        const int workers = std::max(1, m_ctx.options.concurrency);
        while (m_waiting.size() + m_inFlight < workers && !m_pending.isEmpty())
            m_waiting.append(m_pending.takeFirst());
        while (m_inFlight < window() && m_inFlight + m_writing < kMaxPagesWriting && !m_waiting.isEmpty()) {
            // The largest slice left first (a slice not started yet counts as largest): the slices
            // end together instead of one worker fetching a long tail alone.
            const auto left = [](const ResyncSlice& s) {
                return s.queryTotal < 0 ? std::numeric_limits<qint64>::max() : s.queryTotal - s.queryFetched;
            };
            const auto next =
                std::max_element(m_waiting.cbegin(), m_waiting.cend(),
                                 [&](const auto& a, const auto& b) { return left(a) < left(b); });
            const ResyncSlice slice = *next;
            m_waiting.erase(next);
            fetchSlice(slice);
        }
    }
    if (m_inFlight > 0 || m_writing > 0 || !m_waiting.isEmpty())
        return;
    if (m_failure) {
        finish(*m_failure);
    } else if (m_ctx.cancelled()) {
        finish(StepResult{std::nullopt, true, m_upserted});
    } else if (m_pending.isEmpty()) {
        startCatchup();
    }
}

// Requests that keep the budget busy: 1.5 x rate x (round trip + commit), at least 1, at most
// `concurrency`. The probes give the first round trip.
int FullResync::window() const
{
    const int workers = std::max(1, m_ctx.options.concurrency);
    if (m_cycleMs < 0)
        return 1;
    const double rate = m_ctx.api->config().requestsPerSecond;
    if (rate <= 0)
        return workers;
    // Half again as many as the average needs: round trips vary.
    const double needed = std::ceil(1.5 * rate * m_cycleMs / 1000.0);
    return int(std::clamp<double>(needed, 1, workers));
}

void FullResync::fetchSlice(const ResyncSlice& slice)
{
    ++m_inFlight;
    OrderQuery q;
    q.shopCipher = m_shop.cipher;
    q.createTimeGe = slice.queryGe;
    q.createTimeLt = slice.createLt;
    q.sortField = QStringLiteral("create_time");
    q.ascending = true;
    q.pageSize = std::clamp(m_ctx.options.pageSize, 1, 100);
    q.pageToken = slice.pageToken;
    q.utf8 = true; // straight to the store
    QPointer<FullResync> self(this);
    m_ctx.api->searchOrders(q, [self, slice](ApiResult<OrderPage> r) {
        if (self)
            self->onSlicePage(slice, r);
    });
}

void FullResync::onSlicePage(ResyncSlice slice, const ApiResult<OrderPage>& r)
{
    if (!r.ok())
        pageDone(StepResult::fromApi(r.error, m_shop.id));
    else if (const QString bad = r.value.raw ? validateOrders(*r.value.raw) : validateOrders(r.value.orders);
             !bad.isEmpty())
        pageDone(StepResult::malformed(bad));
    else if (auto failure = writeSlicePage(std::move(slice), r.value, m_ctx.api->lastRoundTripMs()))
        pageDone(failure);
}

QList<ResyncSlice> FullResync::splitRange(qint64 ge, qint64 lt, qint64 parts)
{
    QList<ResyncSlice> slices;
    const qint64 width = std::max<qint64>(1, (lt - ge + parts - 1) / std::max<qint64>(parts, 1));
    for (qint64 from = ge; from < lt; from += width) {
        ResyncSlice part;
        part.createGe = from;
        part.createLt = std::min(lt, from + width);
        part.queryGe = from;
        slices.append(part);
    }
    return slices;
}

// Into how many slices the rest of `slice` goes: while nothing is left to start and fewer slices
// are under way than the window holds, enough to fill it, each with at least kTailSplitPages pages.
int FullResync::tailParts(const ResyncSlice& slice) const
{
    if (!m_pending.isEmpty() || slice.queryTotal < 0 || m_ctx.cancelled())
        return 1;
    const int underWay = m_inFlight + int(m_waiting.size()); // this slice included (in flight)
    const int idle = window() - underWay;
    if (idle <= 0)
        return 1;
    const qint64 pageSize = std::clamp(m_ctx.options.pageSize, 1, 100);
    const qint64 pagesLeft = (slice.queryTotal - slice.queryFetched + pageSize - 1) / pageSize;
    return int(std::clamp<qint64>(pagesLeft / kTailSplitPages, 1, idle + 1));
}

// One page of a slice: its orders and the slice's checkpoint go to the writer as one transaction.
// nullopt: handed over (the writer's answer follows).
std::optional<StepResult> FullResync::writeSlicePage(ResyncSlice slice, const OrderPage& page,
                                                     qint64 roundTripMs)
{
    m_ctx.progress->addPage();
    const qint64 n = page.size();
    qint64 lastCreate = slice.queryGe;
    const auto seen = [&lastCreate](const auto& orders) {
        for (const auto& o : orders)
            lastCreate = std::max(lastCreate, o.createTime);
    };
    page.raw ? seen(page.raw->orders) : seen(page.orders);
    slice.queryFetched += n;
    slice.queryTotal = page.totalCount;
    slice.ordersDone += n;
    slice.pageToken = page.nextPageToken;

    CursorUpdate cursor;
    cursor.resyncOrdersDone = n;
    bool more = !page.nextPageToken.isEmpty();
    if (!more && slice.queryFetched < slice.queryTotal && n > 0) {
        // Cut off by a result cap: continue from the last create_time seen, in two halves.
        if (lastCreate <= slice.queryGe) {
            return StepResult::malformed(
                QStringLiteral("more orders share create time %1 than one query can return").arg(lastCreate));
        }
        cursor.addSlices = splitRange(lastCreate, slice.createLt, 2);
        qCDebug(lcSync) << "slice" << slice.createGe << "cut off after" << slice.queryFetched << "of"
                        << slice.queryTotal << "; split from" << lastCreate;
    } else if (const int parts = more && lastCreate > slice.queryGe ? tailParts(slice) : 1; parts > 1) {
        // The tail of the resync: no slice left to start and part of the window idle. The rest of
        // this slice goes on as several slices side by side, not one page per round trip. The orders
        // of the last create_time seen are fetched again (idempotent).
        cursor.addSlices = splitRange(lastCreate, slice.createLt, parts);
        more = false;
        qCDebug(lcSync) << "slice" << slice.createGe << "split in" << cursor.addSlices.size()
                        << "parts at the tail, from" << lastCreate;
    }
    if (more)
        cursor.slice = slice;
    else
        cursor.removeSlice = slice.createGe;
    if (m_ctx.cancelled() && n == 0)
        return StepResult{std::nullopt, true, 0};
    QElapsedTimer clock;
    clock.start();
    QPointer<FullResync> self(this);
    const bool handedOver = m_pipelined;
    m_writer->write(
        m_shop.id, page.raw ? OrderRows(*page.raw) : OrderRows(page.orders), cursor,
        [self, slice, cursor, more, handedOver, roundTripMs, clock](bool ok, const Database::Error& error) {
            if (!self)
                return;
            if (handedOver) {
                self->onHandedOverPageWritten(ok, error, cursor);
            } else if (!ok) {
                self->pageDone(StepResult::fromDatabase(error));
            } else {
                self->countCommitted(cursor);
                self->noteCycle(double(roundTripMs) + double(clock.nsecsElapsed()) / 1e6);
                self->continueSlice(slice, cursor, more);
                self->pageDone(std::nullopt);
            }
        });
    if (handedOver) {
        // The next page of the slice is asked for now, while this one waits for the writer: the
        // request's cycle ends here.
        ++m_writing;
        noteCycle(double(roundTripMs) + double(clock.nsecsElapsed()) / 1e6);
        continueSlice(slice, cursor, more);
        pageDone(std::nullopt);
    }
    return std::nullopt;
}

void FullResync::countCommitted(const CursorUpdate& cursor)
{
    const qint64 n = cursor.resyncOrdersDone;
    m_upserted += n;
    m_run.ordersDone += n;
    m_ctx.progress->addDone(n, true);
    m_ctx.progress->report();
}

void FullResync::noteCycle(double cycleMs)
{
    m_cycleMs = m_cycleMs < 0 ? cycleMs : 0.8 * m_cycleMs + 0.2 * cycleMs;
}

// The first failure is the run's, except that an error replaces a mere cancel.
void FullResync::noteFailure(const StepResult& failure)
{
    if (!m_failure || (!m_failure->error && failure.error))
        m_failure = failure;
}

void FullResync::continueSlice(const ResyncSlice& slice, const CursorUpdate& cursor, bool more)
{
    // The halves go to the front: they are the newest work left of this slice.
    for (qsizetype i = cursor.addSlices.size() - 1; i >= 0; --i)
        m_pending.prepend(cursor.addSlices.at(i));
    if (more && !m_ctx.cancelled())
        m_waiting.append(slice);
}

void FullResync::onHandedOverPageWritten(bool ok, const Database::Error& error, const CursorUpdate& cursor)
{
    --m_writing;
    if (ok)
        countCommitted(cursor);
    else
        noteFailure(StepResult::fromDatabase(error));
    pump();
}

// A request of the window is over: its page committed (in a bulk resync: handed to the writer), or
// failed.
void FullResync::pageDone(std::optional<StepResult> failure)
{
    --m_inFlight;
    if (failure)
        noteFailure(*failure);
    pump();
}

void FullResync::startCatchup()
{
    // The catch-up replaces line items of stored orders: it wants the indexes back.
    Database::Error indexError;
    if (!restoreIndexes(&indexError)) {
        finish(StepResult::fromDatabase(indexError));
        return;
    }
    const qint64 from = std::max(m_run.startedAt, m_run.catchupMark.value_or(0)) - m_ctx.overlapSeconds();
    QPointer<FullResync> self(this);
    m_catchup = new IncrementalOrders(
        m_ctx, m_shop, from, IncrementalOrders::CursorTarget::ResyncCatchup,
        [self](StepResult r) {
            if (!self)
                return;
            self->m_upserted += r.upserted;
            if (!r.ok()) {
                self->finish(r);
                return;
            }
            const qint64 mark = std::max({self->m_run.startedAt, self->m_run.catchupMark.value_or(0),
                                          self->m_catchup->highWaterMark()});
            Database::Error dbError;
            if (!self->m_ctx.store->state().finishResync(self->m_shop.id, mark, self->m_upserted,
                                                         QDateTime::currentSecsSinceEpoch(), &dbError)) {
                self->finish(StepResult::fromDatabase(dbError));
                return;
            }
            qCInfo(lcSync) << "full resync of shop" << self->m_shop.id << "complete";
            self->finish(StepResult{std::nullopt, false, self->m_upserted});
        },
        this);
    m_catchup->start();
}

void FullResync::finish(StepResult result)
{
    Database::Error indexError;
    if (!restoreIndexes(&indexError) && !result.error)
        result = StepResult::fromDatabase(indexError); // the next open builds them
    result.upserted = m_upserted;
    if (m_done) {
        auto done = std::move(m_done);
        m_done = nullptr;
        done(result);
    }
}

} // namespace tts
