#pragma once

#include "api/models.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <vector>

namespace tts {

// A page of orders as the order store binds them: every text as UTF-8 in one buffer, every number
// ready, in the order of the statements' columns. Built in the thread that read the page, so that
// the thread holding the write lock only binds (no conversion from UTF-16, no string to free).
class OrderRows
{
public:
    // One bound value: a text of `size` bytes at `value` in the buffer, an integer, or NULL.
    struct Cell
    {
        static constexpr qint32 kNull = -1;
        static constexpr qint32 kInteger = -2;
        qint64 value = 0;
        qint32 size = kNull;
    };
    // The orders table's columns but shop_id (the page's), in the upsert's order.
    static constexpr int kOrderCells = 35;
    // The line_items table's columns but order_id, shop_id and create_time (the order's).
    static constexpr int kLineItemCells = 15;

    OrderRows() = default;
    // An order that comes more than once keeps only its newest state (the last of equally new ones).
    explicit OrderRows(const QList<Order>& orders);
    // The orders of a page read as UTF-8: the cells refer to its buffers (the reply itself, shared).
    explicit OrderRows(const RawOrders& orders);

    qsizetype size() const { return qsizetype(m_orders.size()); }
    bool isEmpty() const { return m_orders.empty(); }

    QByteArrayView id(qsizetype order) const { return text(m_cells[cellOf(order)]); }
    qint64 createTime(qsizetype order) const { return m_orders[size_t(order)].createTime; }
    const Cell* orderCells(qsizetype order) const { return m_cells.data() + cellOf(order); }
    // The line items of `order`: lineItemCount() rows of kLineItemCells cells each.
    qsizetype lineItemCount(qsizetype order) const { return m_orders[size_t(order)].lineItems; }
    // One past the end of the cells when the last order has no line items: not to be read then.
    const Cell* lineItemCells(qsizetype order) const { return m_cells.data() + cellOf(order) + kOrderCells; }
    QByteArrayView text(const Cell& cell) const
    {
        return cell.size < 0 ? QByteArrayView() : Utf8Ref::in(m_text, m_decoded, cell.value, cell.size);
    }

    // The same rows: every cell the same text, integer or NULL (wherever the texts are kept).
    friend bool operator==(const OrderRows& a, const OrderRows& b);

private:
    struct OrderIndex
    {
        std::size_t firstCell;
        qint64 createTime;
        qsizetype lineItems;
    };
    template <class O, class IdOf> static QList<bool> supersededInPage(const QList<O>& orders, IdOf idOf);
    // Every order of the page but those superseded in it: IdOf gives an order's id, Minor a money
    // text's minor units.
    template <class O, class IdOf, class Minor>
    void build(const QList<O>& orders, IdOf idOf, Minor minorUnits);
    template <class O, class Minor> void add(const O& order, Minor minorUnits);
    std::size_t cellOf(qsizetype order) const { return m_orders[size_t(order)].firstCell; }
    void addText(const QString& text);
    void addText(Utf8Ref text) { text.isNull() ? addNull() : m_cells.push_back({text.offset, text.size}); }
    void addInteger(qint64 value);
    void addNull();

    QByteArray m_text;
    QByteArray m_decoded; // a page read as UTF-8: its texts that were decoded (Utf8Ref::kDecoded on)
    std::vector<Cell> m_cells;
    std::vector<OrderIndex> m_orders;
};

} // namespace tts
