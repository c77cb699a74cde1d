#include "fullresync.h"

#include "synclog.h"

#include "storage/orderstore.h"

#include <QDateTime>

#include <algorithm>

namespace tts {

FullResync::FullResync(SyncContext& ctx, Shop shop, StepDone done, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_shop(std::move(shop)), m_done(std::move(done))
{}

QList<ResyncSlice> FullResync::planSlices(qint64 lo, qint64 hi, qint64 total, int workers)
{
    QList<ResyncSlice> slices;
    if (total <= 0 || hi <= lo)
        return slices;
    qint64 count = (total + kSliceOrders - 1) / kSliceOrders;
    count = std::max(count, std::min<qint64>(std::max(workers, 1), (total + 249) / 250));
    count = std::clamp<qint64>(count, 1, hi - lo);
    const qint64 width = (hi - lo + count - 1) / count;
    for (qint64 ge = lo; ge < hi; ge += width) {
        ResyncSlice s;
        s.createGe = ge;
        s.createLt = std::min(hi, ge + width);
        s.queryGe = ge;
        slices.append(s);
    }
    std::reverse(slices.begin(), slices.end()); // newest first: the charts are useful early
    return slices;
}

void FullResync::start()
{
    m_ctx.progress->setStream(m_shop.id, streams::orders());
    std::optional<ResyncRun> existing;
    Database::Error dbError;
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
        pump();
        return;
    }
    probe(0);
}

// Three one-order queries: total and oldest create_time, newest create_time, newest update_time
// (the mark the catch-up starts from: server time, whatever the local clock says).
void FullResync::probe(int step)
{
    if (m_ctx.cancelled()) {
        finish(StepResult{std::nullopt, true, 0});
        return;
    }
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
    if (!r.ok()) {
        finish(StepResult::fromApi(r.error, m_shop.id));
        return;
    }
    if (const QString bad = validateOrders(r.value.orders); !bad.isEmpty()) {
        finish(StepResult::malformed(bad));
        return;
    }
    if (step == 0) {
        m_probe.total = r.value.totalCount;
        if (r.value.orders.isEmpty()) {
            m_probe.total = 0;
            begin();
            return;
        }
        m_probe.oldestCreate = r.value.orders.constFirst().createTime;
    } else if (!r.value.orders.isEmpty()) {
        const Order& o = r.value.orders.constFirst();
        if (step == 1)
            m_probe.newestCreate = o.createTime;
        else
            m_probe.newestUpdate = o.updateTime;
    }
    if (step < 2)
        probe(step + 1);
    else
        begin();
}

void FullResync::begin()
{
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
    const int workers = std::max(1, m_ctx.options.concurrency);
    while (!m_failure && !m_ctx.cancelled() && m_active < workers && !m_pending.isEmpty()) {
        ++m_active;
        fetchSlice(m_pending.takeFirst());
    }
    if (m_active > 0)
        return;
    if (m_failure) {
        finish(*m_failure);
    } else if (m_ctx.cancelled()) {
        finish(StepResult{std::nullopt, true, m_upserted});
    } else if (m_pending.isEmpty()) {
        startCatchup();
    }
}

void FullResync::fetchSlice(ResyncSlice slice)
{
    OrderQuery q;
    q.shopCipher = m_shop.cipher;
    q.createTimeGe = slice.queryGe;
    q.createTimeLt = slice.createLt;
    q.sortField = QStringLiteral("create_time");
    q.ascending = true;
    q.pageSize = std::clamp(m_ctx.options.pageSize, 1, 100);
    q.pageToken = slice.pageToken;
    QPointer<FullResync> self(this);
    m_ctx.api->searchOrders(q, [self, slice](ApiResult<OrderPage> r) {
        if (self)
            self->onSlicePage(slice, r);
    });
}

void FullResync::workerDone(std::optional<StepResult> failure)
{
    --m_active;
    if (failure && !m_failure)
        m_failure = failure;
    pump();
}

void FullResync::onSlicePage(ResyncSlice slice, const ApiResult<OrderPage>& r)
{
    if (!r.ok()) {
        workerDone(StepResult::fromApi(r.error, m_shop.id));
        return;
    }
    const OrderPage& page = r.value;
    if (const QString bad = validateOrders(page.orders); !bad.isEmpty()) {
        workerDone(StepResult::malformed(bad));
        return;
    }
    m_ctx.progress->addPage();
    const qint64 n = page.orders.size();
    qint64 lastCreate = slice.queryGe;
    for (const Order& o : page.orders)
        lastCreate = std::max(lastCreate, o.createTime);
    slice.queryFetched += n;
    slice.queryTotal = page.totalCount;
    slice.ordersDone += n;
    slice.pageToken = page.nextPageToken;

    CursorUpdate cursor;
    cursor.resyncOrdersDone = n;
    bool more = !page.nextPageToken.isEmpty();
    if (!more) {
        cursor.removeSlice = slice.createGe;
        if (slice.queryFetched < slice.queryTotal && n > 0) {
            // Cut off by a result cap: continue from the last create_time seen, in two halves.
            if (lastCreate <= slice.queryGe) {
                workerDone(StepResult::malformed(QStringLiteral("more orders share create time %1 than one "
                                                                "query can return")
                                                     .arg(lastCreate)));
                return;
            }
            const qint64 mid = lastCreate + (slice.createLt - lastCreate) / 2;
            for (const auto& [ge, lt] : {std::pair{lastCreate, mid}, std::pair{mid, slice.createLt}}) {
                if (lt <= ge)
                    continue;
                ResyncSlice half;
                half.createGe = ge;
                half.createLt = lt;
                half.queryGe = ge;
                cursor.addSlices.append(half);
            }
            qCDebug(lcSync) << "slice" << slice.createGe << "cut off after" << slice.queryFetched << "of"
                            << slice.queryTotal << "; split from" << lastCreate;
        }
    } else {
        cursor.slice = slice;
    }
    if (m_ctx.cancelled() && n == 0) {
        workerDone(StepResult{std::nullopt, true, 0});
        return;
    }
    Database::Error dbError;
    if (!m_ctx.store->upsertOrderPage(m_shop.id, page.orders, cursor, &dbError)) {
        workerDone(StepResult::fromDatabase(dbError));
        return;
    }
    m_upserted += n;
    m_run.ordersDone += n;
    m_ctx.progress->addDone(n, true);
    m_ctx.progress->report();
    // The halves go to the front: they are the newest work left of this slice.
    for (qsizetype i = cursor.addSlices.size() - 1; i >= 0; --i)
        m_pending.prepend(cursor.addSlices.at(i));
    if (more && !m_failure && !m_ctx.cancelled()) {
        fetchSlice(slice);
        return;
    }
    workerDone(std::nullopt);
}

void FullResync::startCatchup()
{
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
    result.upserted = m_upserted;
    if (m_done) {
        auto done = std::move(m_done);
        m_done = nullptr;
        done(result);
    }
}

} // namespace tts
