#pragma once

#include "ordertablequery.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace tts {

// One row of the orders table, as read from the database.
struct OrderRow
{
    QString id;
    QString shopId;
    QString status;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    QString currency;
    QString totalAmount;
    int units = 0;
};

// Reads the orders table under a filter on one connection, with the plan that keeps every query
// on an index at a million orders:
//   - a search is resolved once into a temporary table of matching rowids (the read-only
//     connection may write its own temp database), so scrolling never searches again;
//   - most orders match: walk the sort column's index (OrderPlan::SortIndex); few match: sort
//     them (OrderPlan::Filter), chosen from the count;
//   - a window past the middle is read from the other end, in reverse, so OFFSET never skips more
//     than half of the rows.
// Used by OrdersModel on the GUI connection (small tables, tests) and by OrdersLoader on a worker
// thread (the window).
class OrderReader
{
public:
    explicit OrderReader(QSqlDatabase db = {});

    void setDatabase(const QSqlDatabase& db);
    bool isOpen() const { return m_db.isValid() && m_db.isOpen(); }

    // Counts the filter's orders (and collects a search's matches). False and `error` on failure.
    // With `estimate`, a filter on shop and status alone is not counted: the dashboard's daily
    // rollups give its count at once (without rollups, the table's size for a shop filter),
    // countIsEstimate() is true and countExactly() counts later; the first windows need no exact
    // count.
    bool setFilter(const OrderFilter& filter, QString* error, bool estimate = false);
    bool countIsEstimate() const { return m_estimated; }
    bool countExactly(QString* error);
    const OrderFilter& filter() const { return m_filter; }
    qint64 count() const { return m_count; }
    OrderPlan plan(const OrderSort& sort) const;

    bool window(const OrderSort& sort, qint64 offset, int limit, QList<OrderRow>* rows, QString* error) const;
    // The row of an order under the filter and `sort`, or -1.
    qint64 locate(const OrderSort& sort, const QString& orderId) const;

    static const QString kHitsTable;

private:
    OrderTableQuery query(const OrderSort& sort, OrderPlan plan) const;
    bool estimateCount();

    QSqlDatabase m_db;
    OrderFilter m_filter;
    qint64 m_count = 0;
    qint64 m_total = 0;        // max(rowid): the size of the table, to judge how selective a filter is
    qint64 m_firstCreated = 0; // the shop's creation times, to judge where a date range lies
    qint64 m_lastCreated = 0;
    bool m_hits = false;
    bool m_estimated = false;
};

} // namespace tts
