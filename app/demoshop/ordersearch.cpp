#include "orderstore.h"

#include <algorithm>
#include <limits>

namespace tts::demo {

namespace {

// A sorted run of (key, index) positions, seen through an accessor, for keyset paging.
template <typename KeyAt> size_t firstPosNotBefore(size_t size, KeyAt keyAt, qint64 key, qint64 index)
{
    // first position whose (key, index) >= (key, index)
    size_t lo = 0;
    size_t hi = size;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const auto [k, i] = keyAt(mid);
        if (k < key || (k == key && qint64(i) < index))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

} // namespace

bool OrderStore::matches(const OrderRec& rec, const OrderFilter& filter) const
{
    if (filter.createGe && qint64(rec.create) < *filter.createGe)
        return false;
    if (filter.createLt && qint64(rec.create) >= *filter.createLt)
        return false;
    if (filter.updateGe && qint64(rec.update) < *filter.updateGe)
        return false;
    if (filter.updateLt && qint64(rec.update) >= *filter.updateLt)
        return false;
    if (filter.status && rec.status != *filter.status)
        return false;
    return true;
}

SearchPage OrderStore::search(const OrderFilter& filter, bool byUpdate, bool ascending,
                              const std::optional<Cursor>& after, int limit) const
{
    const size_t size = m_orders.size();
    auto keyAt = [&](size_t pos) -> std::pair<qint64, quint32> {
        if (byUpdate)
            return {qint64(m_byUpdate[pos].update), m_byUpdate[pos].index};
        const quint32 index = createPosToIndex(pos);
        return {qint64(m_orders[index].create), index};
    };
    auto indexAt = [&](size_t pos) {
        return byUpdate ? m_byUpdate[pos].index : createPosToIndex(pos);
    };

    // The range of the sort key's own filter: O(log n).
    const std::optional<qint64>& ge = byUpdate ? filter.updateGe : filter.createGe;
    const std::optional<qint64>& lt = byUpdate ? filter.updateLt : filter.createLt;
    const size_t rangeBegin = ge ? firstPosNotBefore(size, keyAt, *ge, -1) : 0;
    size_t rangeEnd = lt ? firstPosNotBefore(size, keyAt, *lt, -1) : size;
    rangeEnd = std::max(rangeBegin, rangeEnd);

    OrderFilter rest = filter; // what the range does not already guarantee
    if (byUpdate) {
        rest.updateGe.reset();
        rest.updateLt.reset();
    } else {
        rest.createGe.reset();
        rest.createLt.reset();
    }
    const bool scanNeeded = rest.createGe || rest.createLt || rest.updateGe || rest.updateLt || rest.status;

    SearchPage page;
    if (!scanNeeded) {
        page.total = qint64(rangeEnd - rangeBegin);
    } else {
        // Counting needs a scan of the range; it is cached per (filter, data version) so that
        // paging through a large result does not rescan on every page.
        QByteArray key;
        for (const auto& bound : {filter.createGe, filter.createLt, filter.updateGe, filter.updateLt})
            key += bound ? QByteArray::number(*bound) + ',' : QByteArray("-,");
        key += filter.status ? QByteArray::number(int(*filter.status)) : QByteArray("-");
        key += byUpdate ? "u" : "c";
        if (m_countVersion != m_version || m_countKey != key) {
            qint64 total = 0;
            for (size_t pos = rangeBegin; pos < rangeEnd; ++pos)
                total += matches(m_orders[indexAt(pos)], rest) ? 1 : 0;
            m_countVersion = m_version;
            m_countKey = key;
            m_countValue = total;
        }
        page.total = m_countValue;
    }

    page.indexes.reserve(size_t(std::max(0, limit)));
    if (ascending) {
        size_t pos = rangeBegin;
        if (after)
            pos = std::max(pos, firstPosNotBefore(size, keyAt, after->key, qint64(after->index) + 1));
        for (; pos < rangeEnd; ++pos) {
            const quint32 index = indexAt(pos);
            if (scanNeeded && !matches(m_orders[index], rest))
                continue;
            if (int(page.indexes.size()) == limit) {
                page.more = true;
                break;
            }
            page.indexes.push_back(index);
        }
    } else {
        size_t pos = rangeEnd;
        if (after)
            pos = std::min(pos, firstPosNotBefore(size, keyAt, after->key, after->index));
        while (pos > rangeBegin) {
            --pos;
            const quint32 index = indexAt(pos);
            if (scanNeeded && !matches(m_orders[index], rest))
                continue;
            if (int(page.indexes.size()) == limit) {
                page.more = true;
                break;
            }
            page.indexes.push_back(index);
        }
    }
    return page;
}

} // namespace tts::demo
