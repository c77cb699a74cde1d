#include "incrementalorders.h"

#include "synclog.h"

#include "storage/orderstore.h"

#include <QDateTime>
#include <QPointer>
#include <QStringDecoder>

#include <algorithm>

namespace tts {

namespace {

template <class O, class IdOf> QString validate(const QList<O>& orders, IdOf idOf)
{
    for (const O& o : orders) {
        if (o.id.isEmpty())
            return QStringLiteral("an order without an id");
        if (o.status.isEmpty())
            return QStringLiteral("order %1 without a status").arg(idOf(o));
        if (o.createTime <= 0 || o.updateTime <= 0)
            return QStringLiteral("order %1 without create or update time").arg(idOf(o));
    }
    return {};
}

} // namespace

QString validateOrders(const QList<Order>& orders)
{
    return validate(orders, [](const Order& o) { return o.id; });
}

QString validateOrders(const RawOrders& orders)
{
    // As the QString reading has it: a byte order mark at its start is a character of the id.
    return validate(orders.orders, [&orders](const RawOrder& o) {
        QStringDecoder decode(QStringDecoder::Utf8,
                              QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        return QString(decode(orders.view(o.id)));
    });
}

IncrementalOrders::IncrementalOrders(SyncContext& ctx, Shop shop, qint64 fromGe, CursorTarget target,
                                     StepDone done, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_shop(std::move(shop)), m_target(target), m_done(std::move(done)),
      m_queryGe(std::max<qint64>(0, fromGe)),
      // Without _lt the server ends the range at its "now", exclusive: an order changed in the very
      // second of the query would wait for the next sync. A bound a day ahead of the local clock
      // includes that second whatever the clock skew, and stays fixed for the whole run (the page
      // tokens are bound to the query). The cursor is the max update_time stored, never this bound.
      m_queryLt(QDateTime::currentSecsSinceEpoch() + 86400)
{}

void IncrementalOrders::start()
{
    qCDebug(lcSync) << "incremental orders of shop" << m_shop.id << "from update_time" << m_queryGe;
    m_ctx.progress->setStream(m_shop.id, streams::orders());
    fetch();
}

void IncrementalOrders::fetch()
{
    if (m_ctx.cancelled()) {
        finish(StepResult{std::nullopt, true, m_upserted});
        return;
    }
    OrderQuery q;
    q.shopCipher = m_shop.cipher;
    q.updateTimeGe = m_queryGe;
    q.updateTimeLt = m_queryLt;
    q.sortField = QStringLiteral("update_time");
    q.ascending = true;
    q.pageSize = std::clamp(m_ctx.options.pageSize, 1, 100);
    q.pageToken = m_pageToken;
    QPointer<IncrementalOrders> self(this);
    m_ctx.api->searchOrders(q, [self](ApiResult<OrderPage> r) {
        if (self)
            self->onPage(r);
    });
}

void IncrementalOrders::onPage(const ApiResult<OrderPage>& r)
{
    if (!r.ok()) {
        finish(StepResult::fromApi(r.error, m_shop.id));
        return;
    }
    const OrderPage& page = r.value;
    if (const QString bad = validateOrders(page.orders); !bad.isEmpty()) {
        finish(StepResult::malformed(bad));
        return;
    }
    m_ctx.progress->addPage();
    if (!m_totalCounted) {
        m_ctx.progress->addTotal(page.totalCount);
        m_totalCounted = true;
    }
    m_queryTotal = page.totalCount;
    if (!page.orders.isEmpty()) {
        qint64 maxUpdate = 0;
        for (const Order& o : page.orders)
            maxUpdate = std::max(maxUpdate, o.updateTime);
        CursorUpdate cursor;
        // Counted: the orders new or changed, not those the overlap reads again: "37 orders
        // updated" means 37 orders. (This run is the only writer: the sync lock.)
        Database::Error dbError;
        qint64 changed = 0;
        if (!m_ctx.store->countChanged(page.orders, &changed, &dbError)) {
            finish(StepResult::fromDatabase(dbError));
            return;
        }
        if (m_target == CursorTarget::Stream) {
            cursor.highWaterMark = maxUpdate;
            cursor.recordsSynced = m_upserted + changed;
        } else {
            cursor.catchupMark = maxUpdate;
        }
        if (!m_ctx.store->upsertOrderPage(m_shop.id, page.orders, cursor, &dbError)) {
            finish(StepResult::fromDatabase(dbError));
            return;
        }
        m_upserted += changed;
        m_queryFetched += page.orders.size();
        m_lastSeen = std::max(m_lastSeen, maxUpdate);
        m_highWaterMark = std::max(m_highWaterMark, maxUpdate);
        m_ctx.progress->addDone(page.orders.size(), true);
    }
    m_ctx.progress->report();
    if (!page.nextPageToken.isEmpty()) {
        m_pageToken = page.nextPageToken;
        fetch();
        return;
    }
    if (m_queryFetched < m_queryTotal && m_queryFetched > 0) {
        // Cut off by a result cap: go on from the last update_time seen (re-reading that second
        // is harmless, the upserts are idempotent).
        if (m_lastSeen <= m_queryGe) {
            finish(StepResult::malformed(QStringLiteral("more orders share update time %1 than one query "
                                                        "can return")
                                             .arg(m_lastSeen)));
            return;
        }
        qCDebug(lcSync) << "order query cut off after" << m_queryFetched << "of" << m_queryTotal
                        << "; continuing from" << m_lastSeen;
        m_queryGe = m_lastSeen;
        m_pageToken.clear();
        m_queryFetched = 0;
        fetch();
        return;
    }
    finish(StepResult{std::nullopt, false, m_upserted});
}

void IncrementalOrders::finish(StepResult result)
{
    result.upserted = m_upserted;
    if (result.ok() && m_target == CursorTarget::Stream) {
        CursorUpdate done;
        done.lastSyncTime = QDateTime::currentSecsSinceEpoch();
        done.recordsSynced = m_upserted;
        Database::Error dbError;
        if (!m_ctx.store->state().writeStream(m_shop.id, done, &dbError))
            result = StepResult::fromDatabase(dbError);
    }
    if (m_done) {
        auto done = std::move(m_done);
        m_done = nullptr;
        done(result);
    }
}

} // namespace tts
