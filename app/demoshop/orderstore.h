#pragma once

// The orders of one demo shop in compact arrays (about 28 bytes an order: 1,000,000 orders fit in
// ~30 MB). Everything that never changes (line items, prices, addresses) is derived on the fly from
// (seed, shop, index); only the mutable state is stored. Two indexes make a page O(log n + page):
// create times are kept in index order (monotone; a permutation appears only if an order is added
// out of order) and a sorted (update_time, index) vector is kept current on every mutation.

#include "catalog.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace tts::demo {

enum class Status : quint8
{
    Unpaid,
    OnHold,
    AwaitingShipment,
    PartiallyShipping,
    AwaitingCollection,
    InTransit,
    Delivered,
    Completed,
    Cancelled,
};

QByteArray statusName(Status status);
std::optional<Status> statusFromName(QByteArrayView name);

struct OrderRec
{
    quint32 create = 0;
    quint32 update = 0;
    quint32 paid = 0; // 0: not paid
    quint32 end = 0;  // cancel_time (CANCELLED) or delivery_time (DELIVERED, COMPLETED)
    Status status = Status::Unpaid;
    quint8 flags = 0; // Pinned: changed by a mutation, no longer follows its generated timeline
};

struct OrderFilter
{
    std::optional<qint64> createGe, createLt, updateGe, updateLt;
    std::optional<Status> status;
};

struct Cursor
{
    qint64 key = 0;
    quint32 index = 0;
};

struct SearchPage
{
    std::vector<quint32> indexes;
    bool more = false; // another match follows the last one returned
    qint64 total = 0;  // every match of the filter
};

class OrderStore
{
public:
    static constexpr quint8 Pinned = 1;

    OrderStore(const Catalog& catalog, int shopNo, quint64 seed, qint64 historyStart, qint64 historyEnd,
               qint64 count, qint64 evaluateAt);

    qint64 size() const { return qint64(m_orders.size()); }
    const OrderRec& rec(quint32 index) const { return m_orders[index]; }
    quint64 version() const { return m_version; }

    QByteArray orderId(quint32 index) const;
    std::optional<quint32> indexOf(QByteArrayView id) const;
    void writeOrder(QByteArray& out, quint32 index) const; // the 202309 order object

    // Mutations (each pins the order and keeps the update index current).
    void setState(quint32 index, Status status, qint64 updateTime);
    void setUpdateTime(quint32 index, qint64 updateTime);
    // The realistic next status (COMPLETED turns CANCELLED: a late refund); false if final.
    static std::optional<Status> nextStatus(Status status, quint64 random);
    quint32 addOrder(qint64 createTime); // UNPAID or AWAITING_SHIPMENT, pinned
    // Live demo: orders arriving up to `now` and generated orders progressing on their timelines.
    void advanceLive(qint64 now);
    // Many mutations in a row: the update index is rebuilt once at the end (O(n log n)).
    void beginDeferredIndex();
    void endDeferredIndex();

    SearchPage search(const OrderFilter& filter, bool byUpdate, bool ascending,
                      const std::optional<Cursor>& after, int limit) const;
    qint64 sortKey(quint32 index, bool byUpdate) const
    {
        return byUpdate ? m_orders[index].update : m_orders[index].create;
    }

private:
    struct UpdateKey
    {
        quint32 update;
        quint32 index;
        friend bool operator<(const UpdateKey& a, const UpdateKey& b)
        {
            return a.update != b.update ? a.update < b.update : a.index < b.index;
        }
    };

    quint64 hashOf(quint32 index) const;
    int itemCount(quint64 hash) const;
    OrderRec generatedState(quint32 index, qint64 create, qint64 at) const;
    void appendGenerated(qint64 create, qint64 at);
    void reindexUpdate(quint32 index, quint32 oldUpdate);
    bool matches(const OrderRec& rec, const OrderFilter& filter) const;
    quint32 createPosToIndex(size_t pos) const
    {
        return m_createPerm.empty() ? quint32(pos) : m_createPerm[pos];
    }

    const Catalog& m_catalog;
    int m_shopNo;
    quint64 m_seed;
    qint64 m_idBase;
    std::vector<OrderRec> m_orders;
    std::vector<quint32> m_createPerm; // empty while create times are monotone in index order
    std::vector<UpdateKey> m_byUpdate;
    quint64 m_version = 0;
    bool m_deferIndex = false;
    bool m_indexDirty = false;
    qint64 m_liveUntil = 0; // live arrivals generated up to here
    mutable quint64 m_countVersion = ~0ull;
    mutable QByteArray m_countKey;
    mutable qint64 m_countValue = 0;

    friend class OrderWriter;
};

} // namespace tts::demo
