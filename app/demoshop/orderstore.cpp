#include "orderstore.h"

#include "demorandom.h"

#include <algorithm>
#include <array>

namespace tts::demo {

namespace {

constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

quint32 clampTime(qint64 t)
{
    return quint32(std::clamp<qint64>(t, 1, 0xFFFFFFFFll));
}

// Relative order volume per weekday (Unix day 0 was a Thursday): weekends sell more.
constexpr std::array<double, 7> kWeekly{1.0, 1.05, 1.3, 1.35, 0.95, 0.9, 0.95};

} // namespace

QByteArray statusName(Status status)
{
    switch (status) {
    case Status::Unpaid:
        return QByteArrayLiteral("UNPAID");
    case Status::OnHold:
        return QByteArrayLiteral("ON_HOLD");
    case Status::AwaitingShipment:
        return QByteArrayLiteral("AWAITING_SHIPMENT");
    case Status::PartiallyShipping:
        return QByteArrayLiteral("PARTIALLY_SHIPPING");
    case Status::AwaitingCollection:
        return QByteArrayLiteral("AWAITING_COLLECTION");
    case Status::InTransit:
        return QByteArrayLiteral("IN_TRANSIT");
    case Status::Delivered:
        return QByteArrayLiteral("DELIVERED");
    case Status::Completed:
        return QByteArrayLiteral("COMPLETED");
    case Status::Cancelled:
        return QByteArrayLiteral("CANCELLED");
    }
    return {};
}

std::optional<Status> statusFromName(QByteArrayView name)
{
    for (int s = 0; s <= int(Status::Cancelled); ++s) {
        if (statusName(Status(s)) == name)
            return Status(s);
    }
    return std::nullopt;
}

OrderStore::OrderStore(const Catalog& catalog, int shopNo, quint64 seed, qint64 historyStart,
                       qint64 historyEnd, qint64 count, qint64 evaluateAt)
    : m_catalog(catalog), m_shopNo(shopNo), m_seed(seed),
      m_idBase(576000000000000000ll + qint64(shopNo) * 1000000000000000ll)
{
    m_orders.reserve(size_t(count));
    m_deferIndex = true;
    const qint64 days = std::max<qint64>(1, (historyEnd - historyStart + kDay - 1) / kDay);
    // Growth over the history (the last day sells ~3x the first) and weekly seasonality.
    std::vector<double> cumulative(size_t(days) + 1, 0.0);
    for (qint64 d = 0; d < days; ++d) {
        const qint64 unixDay = (historyStart + d * kDay) / kDay;
        const double weight = (1.0 + 2.0 * double(d) / double(days)) * kWeekly[size_t(unixDay % 7)];
        cumulative[size_t(d) + 1] = cumulative[size_t(d)] + weight;
    }
    std::vector<qint64> offsets;
    for (qint64 d = 0; d < days; ++d) {
        const auto before = qint64(double(count) * cumulative[size_t(d)] / cumulative.back());
        const qint64 after =
            d + 1 == days ? count : qint64(double(count) * cumulative[size_t(d) + 1] / cumulative.back());
        const qint64 dayStart = historyStart + d * kDay;
        const qint64 dayLength = std::max<qint64>(1, std::min(kDay, historyEnd - dayStart));
        Rng rng(mixKey(seed, quint64(shopNo) * 7919 + 1, quint64(d)));
        offsets.clear();
        for (qint64 i = before; i < after; ++i)
            offsets.push_back(qint64(rng.below(quint64(dayLength))));
        std::sort(offsets.begin(), offsets.end());
        for (qint64 offset : offsets)
            appendGenerated(dayStart + offset, evaluateAt);
    }
    endDeferredIndex();
    m_liveUntil = historyEnd;
}

quint64 OrderStore::hashOf(quint32 index) const
{
    return mixKey(m_seed, 0x0DE5ull + quint64(m_shopNo), index);
}

int OrderStore::itemCount(quint64 hash) const
{
    // One line item per unit: 1 (55%), 2 (25%), 3 (12%), 4 (5%), 5 (3%).
    const int roll = int((hash >> 8) % 100);
    return roll < 55 ? 1 : roll < 80 ? 2 : roll < 92 ? 3 : roll < 97 ? 4 : 5;
}

OrderRec OrderStore::generatedState(quint32 index, qint64 create, qint64 at) const
{
    const quint64 hash = hashOf(index);
    Rng rng(hash ^ 0x71AE11E5ull);
    struct Event
    {
        qint64 time;
        Status status;
    };
    std::array<Event, 8> events{};
    int n = 0;
    events[n++] = {create, Status::Unpaid};
    qint64 paid = 0;
    qint64 delivered = 0;
    qint64 cancelled = 0;
    if (rng.chance(30)) {
        cancelled = create + rng.range(30 * 60, 48 * kHour); // never paid: auto-cancelled
        events[n++] = {cancelled, Status::Cancelled};
    } else {
        paid = create + rng.range(5, 30 * 60);
        qint64 t = paid;
        if (rng.chance(400)) {
            events[n++] = {t, Status::OnHold}; // the buyer's remorse hour
            t += kHour;
        }
        events[n++] = {t, Status::AwaitingShipment};
        if (rng.chance(55)) {
            cancelled = t + rng.range(kHour, 72 * kHour);
            events[n++] = {cancelled, Status::Cancelled};
        } else {
            if (itemCount(hash) > 1 && rng.chance(200)) {
                t += rng.range(6 * kHour, 30 * kHour);
                events[n++] = {t, Status::PartiallyShipping};
            }
            t += rng.range(12 * kHour, 60 * kHour);
            events[n++] = {t, Status::AwaitingCollection};
            t += rng.range(3 * kHour, 30 * kHour);
            events[n++] = {t, Status::InTransit};
            delivered = t + rng.range(kDay, 6 * kDay);
            events[n++] = {delivered, Status::Delivered};
            events[n++] = {delivered + rng.range(7 * kDay, 15 * kDay), Status::Completed};
        }
    }
    int last = 0;
    while (last + 1 < n && events[last + 1].time <= at)
        ++last;
    OrderRec rec;
    rec.create = clampTime(create);
    rec.update = clampTime(events[last].time);
    rec.status = events[last].status;
    rec.paid = paid != 0 && paid <= at ? clampTime(paid) : 0;
    if (rec.status == Status::Cancelled)
        rec.end = clampTime(cancelled);
    else if (rec.status == Status::Delivered || rec.status == Status::Completed)
        rec.end = clampTime(delivered);
    return rec;
}

void OrderStore::appendGenerated(qint64 create, qint64 at)
{
    const auto index = quint32(m_orders.size());
    if (!m_orders.empty() && create < m_orders.back().create && m_createPerm.empty()) {
        m_createPerm.resize(m_orders.size());
        for (quint32 i = 0; i < index; ++i)
            m_createPerm[i] = i;
    }
    m_orders.push_back(generatedState(index, create, at));
    const OrderRec& rec = m_orders.back();
    if (!m_createPerm.empty()) {
        const auto pos =
            std::upper_bound(m_createPerm.begin(), m_createPerm.end(), index, [this](quint32 a, quint32 b) {
                const OrderRec &ra = m_orders[a], &rb = m_orders[b];
                return ra.create != rb.create ? ra.create < rb.create : a < b;
            });
        m_createPerm.insert(pos, index);
    }
    const UpdateKey key{rec.update, index};
    if (m_deferIndex) {
        m_byUpdate.push_back(key);
        m_indexDirty = true;
    } else {
        m_byUpdate.insert(std::upper_bound(m_byUpdate.begin(), m_byUpdate.end(), key), key);
    }
    ++m_version;
}

void OrderStore::beginDeferredIndex()
{
    m_deferIndex = true;
}

void OrderStore::endDeferredIndex()
{
    m_deferIndex = false;
    if (!m_indexDirty)
        return;
    m_indexDirty = false;
    m_byUpdate.resize(m_orders.size());
    for (quint32 i = 0; i < quint32(m_orders.size()); ++i)
        m_byUpdate[i] = UpdateKey{m_orders[i].update, i};
    std::sort(m_byUpdate.begin(), m_byUpdate.end());
}

void OrderStore::reindexUpdate(quint32 index, quint32 oldUpdate)
{
    ++m_version;
    if (m_deferIndex) {
        m_indexDirty = true;
        return;
    }
    // Move the one entry to its new place, shifting only the entries in between.
    const UpdateKey oldKey{oldUpdate, index};
    const UpdateKey key{m_orders[index].update, index};
    auto from = std::lower_bound(m_byUpdate.begin(), m_byUpdate.end(), oldKey);
    if (from == m_byUpdate.end() || from->index != index || from->update != oldUpdate) {
        m_indexDirty = true; // cannot happen; recover by rebuilding
        endDeferredIndex();
        return;
    }
    if (key < oldKey) {
        auto to = std::lower_bound(m_byUpdate.begin(), from, key);
        std::rotate(to, from, from + 1);
        *to = key;
    } else {
        auto to = std::lower_bound(from + 1, m_byUpdate.end(), key);
        std::rotate(from, from + 1, to);
        *(to - 1) = key;
    }
}

void OrderStore::setState(quint32 index, Status status, qint64 updateTime)
{
    OrderRec& rec = m_orders[index];
    const quint32 oldUpdate = rec.update;
    const quint32 when = std::max(rec.create, clampTime(updateTime));
    if (status != Status::Unpaid && status != Status::Cancelled && rec.paid == 0)
        rec.paid = std::min(when, rec.create + 60);
    if (status == Status::Cancelled ||
        ((status == Status::Delivered || status == Status::Completed) && rec.end == 0))
        rec.end = when;
    rec.status = status;
    rec.update = when;
    rec.flags |= Pinned;
    reindexUpdate(index, oldUpdate);
}

void OrderStore::setUpdateTime(quint32 index, qint64 updateTime)
{
    OrderRec& rec = m_orders[index];
    const quint32 oldUpdate = rec.update;
    rec.update = clampTime(updateTime);
    rec.flags |= Pinned;
    reindexUpdate(index, oldUpdate);
}

std::optional<Status> OrderStore::nextStatus(Status status, quint64 random)
{
    const bool cancel = random % 100 < 15;
    switch (status) {
    case Status::Unpaid:
        return cancel ? Status::Cancelled : Status::AwaitingShipment;
    case Status::OnHold:
        return Status::AwaitingShipment;
    case Status::AwaitingShipment:
        return cancel ? Status::Cancelled : Status::AwaitingCollection;
    case Status::PartiallyShipping:
        return Status::AwaitingCollection;
    case Status::AwaitingCollection:
        return Status::InTransit;
    case Status::InTransit:
        return Status::Delivered;
    case Status::Delivered:
        return Status::Completed;
    case Status::Completed:
        return Status::Cancelled; // a late full refund
    case Status::Cancelled:
        return std::nullopt;
    }
    return std::nullopt;
}

quint32 OrderStore::addOrder(qint64 createTime)
{
    appendGenerated(createTime, createTime);
    const auto index = quint32(m_orders.size() - 1);
    // Added orders start at creation: most are paid at once, some wait for payment.
    const bool paid = hashOf(index) % 10 < 7;
    setState(index, paid ? Status::AwaitingShipment : Status::Unpaid, createTime);
    OrderRec& rec = m_orders[index];
    rec.paid = paid ? rec.create : 0;
    rec.end = 0;
    return index;
}

void OrderStore::advanceLive(qint64 now)
{
    // New orders: a deterministic few per minute, a function of (seed, minute) only, so a restarted
    // demo server shows the same shop at the same moment.
    for (qint64 minute = m_liveUntil / 60; minute <= now / 60; ++minute) {
        Rng rng(mixKey(m_seed, 0x11FEull + quint64(m_shopNo), quint64(minute)));
        const int arrivals = int(rng.below(4));
        std::array<qint64, 4> times{};
        for (int i = 0; i < arrivals; ++i)
            times[size_t(i)] = minute * 60 + qint64(rng.below(60));
        std::sort(times.begin(), times.begin() + arrivals);
        for (int i = 0; i < arrivals; ++i) {
            if (times[size_t(i)] > m_liveUntil && times[size_t(i)] <= now)
                appendGenerated(times[size_t(i)], now);
        }
    }
    m_liveUntil = std::max(m_liveUntil, now);

    // Recent generated orders move along their timelines (nothing older than 40 days still moves).
    beginDeferredIndex();
    const qint64 since = now - 40 * kDay;
    for (size_t pos = m_orders.size(); pos-- > 0;) {
        const quint32 index = createPosToIndex(pos);
        const OrderRec& rec = m_orders[index];
        if (rec.create < since)
            break;
        if (rec.flags & Pinned)
            continue;
        const OrderRec fresh = generatedState(index, rec.create, now);
        if (fresh.update != rec.update || fresh.status != rec.status) {
            const quint32 oldUpdate = rec.update;
            m_orders[index] = fresh;
            reindexUpdate(index, oldUpdate);
        }
    }
    endDeferredIndex();
}

} // namespace tts::demo
