#include "orderrows.h"

#include "minorunits.h"

#include <QHash>

namespace tts {

namespace {
// A rough size of one order's texts (and of one line item's), so that the buffer rarely grows.
constexpr qsizetype kOrderBytes = 200;
constexpr qsizetype kLineItemBytes = 180;
} // namespace

// An order that comes twice in one page (it changed while the pages were read) is written once, in
// its newest state: its line items are those of that state, none left over from the other.
// Empty when every order of the page is distinct (the usual case).
QList<bool> OrderRows::supersededInPage(const QList<Order>& orders)
{
    QHash<QStringView, qsizetype> newest;
    newest.reserve(orders.size());
    bool twice = false;
    for (qsizetype i = 0; i < orders.size(); ++i) {
        const auto it = newest.find(QStringView(orders.at(i).id));
        if (it == newest.end()) {
            newest.insert(QStringView(orders.at(i).id), i);
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
    qsizetype lineItems = 0;
    for (const Order& o : orders)
        lineItems += o.lineItems.size();
    m_text.reserve(orders.size() * kOrderBytes + lineItems * kLineItemBytes);
    m_cells.reserve(size_t(orders.size() * kOrderCells + lineItems * kLineItemCells));
    m_orders.reserve(size_t(orders.size()));
    const QList<bool> superseded = supersededInPage(orders);
    for (qsizetype i = 0; i < orders.size(); ++i) {
        if (!superseded.isEmpty() && superseded.at(i))
            continue;
        const Order& o = orders.at(i);
        m_orders.push_back({m_cells.size(), o.createTime, o.lineItems.size()});
        // The columns of OrderStore's upsert, without shop_id (the second).
        addText(o.id);
        addText(o.status);
        addInteger(o.createTime);
        addInteger(o.updateTime);
        for (const std::optional<qint64>& time : {o.paidTime, o.cancelTime, o.deliveryTime})
            time ? addInteger(*time) : addNull();
        for (const QString* text : {&o.currency,
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
        for (const QString* text : {&o.sellerNote, &o.recipientRegion, &o.recipientPostalCode})
            addText(*text);
        const std::optional<qint64> total = parseMinorUnits(o.totalAmount);
        total ? addInteger(*total) : addNull();
        addInteger(o.lineItems.size());
        Q_ASSERT(m_cells.size() - m_orders.back().firstCell == kOrderCells);
        // The columns of the line item insert, without order_id (the second), shop_id and create_time.
        for (const LineItem& l : o.lineItems) {
            [[maybe_unused]] const std::size_t first = m_cells.size();
            addText(l.id);
            for (const QString* text : {&l.productId, &l.productName, &l.skuId, &l.skuName, &l.sellerSku,
                                        &l.salePrice, &l.originalPrice, &l.platformDiscount,
                                        &l.sellerDiscount, &l.currency, &l.displayStatus, &l.packageId})
                addText(*text);
            addInteger(l.isGift);
            const std::optional<qint64> price = parseMinorUnits(l.salePrice);
            price ? addInteger(*price) : addNull();
            Q_ASSERT(m_cells.size() - first == kLineItemCells);
        }
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
    m_cells.push_back({at, qint32(m_text.size() - at)});
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
