#include "orderrows.h"

#include "minorunits.h"

#include <QHash>

#include <type_traits>

namespace tts {

namespace {
// A rough size of one order's texts (and of one line item's), so that the buffer rarely grows.
constexpr qsizetype kOrderBytes = 200;
constexpr qsizetype kLineItemBytes = 180;
} // namespace

// An order that comes twice in one page (it changed while the pages were read) is written once, in
// its newest state: its line items are those of that state, none left over from the other.
// Empty when every order of the page is distinct (the usual case).
template <class O, class IdOf> QList<bool> OrderRows::supersededInPage(const QList<O>& orders, IdOf idOf)
{
    using Key = decltype(idOf(orders.front()));
    QHash<Key, qsizetype> newest;
    newest.reserve(orders.size());
    bool twice = false;
    for (qsizetype i = 0; i < orders.size(); ++i) {
        const auto it = newest.find(idOf(orders.at(i)));
        if (it == newest.end()) {
            newest.insert(idOf(orders.at(i)), i);
        } else {
            twice = true;
            if (orders.at(i).updateTime >= orders.at(*it).updateTime)
                *it = i;
        }
    }
    if (!twice)
        return {};
    QList<bool> superseded(orders.size(), true);
    for (const qsizetype i : std::as_const(newest))
        superseded[i] = false;
    return superseded;
}

OrderRows::OrderRows(const QList<Order>& orders)
{
    build(
        orders, [](const Order& o) { return QStringView(o.id); },
        [](const QString& decimal) { return parseMinorUnits(QStringView(decimal)); });
}

OrderRows::OrderRows(const RawOrders& raw) : m_text(raw.text), m_decoded(raw.decoded)
{
    build(
        raw.orders, [&raw](const RawOrder& o) { return raw.view(o.id); },
        [&raw](Utf8Ref decimal) { return parseMinorUnits(raw.view(decimal)); });
}

template <class O, class IdOf, class Minor>
void OrderRows::build(const QList<O>& orders, IdOf idOf, Minor minor)
{
    qsizetype lineItems = 0;
    for (const O& o : orders)
        lineItems += o.lineItems.size();
    if constexpr (std::is_same_v<O, Order>) // their texts are encoded into m_text
        m_text.reserve(orders.size() * kOrderBytes + lineItems * kLineItemBytes);
    m_cells.reserve(size_t(orders.size() * kOrderCells + lineItems * kLineItemCells));
    m_orders.reserve(size_t(orders.size()));
    const QList<bool> superseded = supersededInPage(orders, idOf);
    for (qsizetype i = 0; i < orders.size(); ++i) {
        if (superseded.isEmpty() || !superseded.at(i))
            add(orders.at(i), minor);
    }
}

template <class O, class Minor> void OrderRows::add(const O& o, Minor minor)
{
    m_orders.push_back({m_cells.size(), o.createTime, o.lineItems.size()});
    // The columns of OrderStore's upsert, without shop_id (the second).
    addText(o.id);
    addText(o.status);
    addInteger(o.createTime);
    addInteger(o.updateTime);
    for (const std::optional<qint64>& time : {o.paidTime, o.cancelTime, o.deliveryTime})
        time ? addInteger(*time) : addNull();
    for (const auto* text : {&o.currency,
                             &o.totalAmount,
                             &o.subTotal,
                             &o.shippingFee,
                             &o.sellerDiscount,
                             &o.platformDiscount,
                             &o.tax,
                             &o.originalTotalProductPrice,
                             &o.originalShippingFee,
                             &o.userId,
                             &o.buyerEmail,
                             &o.buyerMessage,
                             &o.cancelReason,
                             &o.cancellationInitiator,
                             &o.shippingType,
                             &o.deliveryOptionName,
                             &o.shippingProvider,
                             &o.trackingNumber,
                             &o.warehouseId,
                             &o.paymentMethodName})
        addText(*text);
    addInteger(o.isCod);
    addInteger(o.isSampleOrder);
    addInteger(o.isReplacementOrder);
    for (const auto* text : {&o.sellerNote, &o.recipientRegion, &o.recipientPostalCode})
        addText(*text);
    const std::optional<qint64> total = minor(o.totalAmount);
    total ? addInteger(*total) : addNull();
    addInteger(o.lineItems.size());
    Q_ASSERT(m_cells.size() - m_orders.back().firstCell == kOrderCells);
    // The columns of the line item insert, without order_id (the second), shop_id and create_time.
    for (const auto& l : o.lineItems) {
        [[maybe_unused]] const std::size_t first = m_cells.size();
        addText(l.id);
        for (const auto* text : {&l.productId, &l.productName, &l.skuId, &l.skuName, &l.sellerSku,
                                 &l.salePrice, &l.originalPrice, &l.platformDiscount, &l.sellerDiscount,
                                 &l.currency, &l.displayStatus, &l.packageId})
            addText(*text);
        addInteger(l.isGift);
        const std::optional<qint64> price = minor(l.salePrice);
        price ? addInteger(*price) : addNull();
        Q_ASSERT(m_cells.size() - first == kLineItemCells);
    }
}

void OrderRows::addText(const QString& text)
{
    if (text.isNull()) {
        addNull();
        return;
    }
    const qsizetype at = m_text.size();
    const qsizetype n = text.size();
    // Almost every value is ASCII: copied byte by byte; anything else through Qt's converter.
    if (m_text.capacity() - at < n)
        m_text.reserve(2 * (at + n));
    m_text.resize(at + n);
    const char16_t* src = reinterpret_cast<const char16_t*>(text.utf16());
    char* dst = m_text.data() + at;
    qsizetype i = 0;
    for (; i < n && src[i] < 0x80; ++i)
        dst[i] = char(src[i]);
    if (i < n) {
        m_text.resize(at);
        m_text.append(text.toUtf8());
    }
    Q_ASSERT(at < Utf8Ref::kDecoded); // a page of orders, far below 1 GiB
    m_cells.push_back({at, qint32(m_text.size() - at)});
}

bool operator==(const OrderRows& a, const OrderRows& b)
{
    if (a.m_cells.size() != b.m_cells.size() || a.m_orders.size() != b.m_orders.size())
        return false;
    for (std::size_t i = 0; i < a.m_orders.size(); ++i) {
        const OrderRows::OrderIndex& x = a.m_orders[i];
        const OrderRows::OrderIndex& y = b.m_orders[i];
        if (x.firstCell != y.firstCell || x.createTime != y.createTime || x.lineItems != y.lineItems)
            return false;
    }
    for (std::size_t i = 0; i < a.m_cells.size(); ++i) {
        const OrderRows::Cell& x = a.m_cells[i];
        const OrderRows::Cell& y = b.m_cells[i];
        const bool text = x.size >= 0;
        if (text != (y.size >= 0) || (text ? a.text(x) != b.text(y) : x.size != y.size || x.value != y.value))
            return false;
    }
    return true;
}

void OrderRows::addInteger(qint64 value)
{
    m_cells.push_back({value, Cell::kInteger});
}

void OrderRows::addNull()
{
    m_cells.push_back({0, Cell::kNull});
}

} // namespace tts
