#pragma once

#include "database.h"
#include "orderrows.h"
#include "rawstatement.h"
#include "syncstate.h"

#include "api/models.h"

#include <QHash>
#include <QSqlQuery>

#include <memory>
#include <vector>

namespace tts {

// Writes pages of orders and products. One BEGIN IMMEDIATE transaction per page (or per batch of
// pages): the rows, the replacement of their line items (SKUs) and the stream's cursor or checkpoint
// commit together or not at all. Statements are prepared once and re-bound; no per-row SELECT.
class OrderStore
{
public:
    explicit OrderStore(Database& db);
    ~OrderStore();

    bool upsertOrderPage(const QString& shopId, const QList<Order>& orders, const CursorUpdate& cursor,
                         Database::Error* error);
    // How many distinct orders of a page are new to the store or newer than its state (by
    // update_time): what a re-read of stored orders (the overlap of an incremental sync) does not
    // count. One lookup of the page's ids; call it before writing the page.
    bool countChanged(const QList<Order>& orders, qint64* changed, Database::Error* error);
    // The same for a page of products.
    bool countChangedProducts(const QList<Product>& products, qint64* changed, Database::Error* error);
    // Several pages, each applied exactly as upsertOrderPage() applies one, in one transaction: what a
    // writer that fell behind does with the pages waiting for it (fewer commits, the same rows).
    struct OrderPage
    {
        QString shopId;
        OrderRows rows;
        CursorUpdate cursor;
    };
    bool upsertOrderPages(const QList<const OrderPage*>& pages, Database::Error* error);
    bool upsertProductPage(const QString& shopId, const QList<Product>& products, const CursorUpdate& cursor,
                           Database::Error* error);

    SyncState& state() { return m_state; }
    Database& database() { return m_db; }

private:
    bool prepare(Database::Error* error);
    void bindCell(RawStatement& statement, int index, const OrderRows& rows, const OrderRows::Cell& cell);
    bool writeOrder(const QString& shopId, const OrderRows& rows, qsizetype order,
                    RawStatement::Upsert* outcome, Database::Error* error);
    bool writeLineItems(const QString& shopId, const OrderRows& rows, qsizetype order,
                        Database::Error* error);
    bool markDirtyHours(const QString& shopId, Database::Error* error);
    bool writeOrderPage(const QString& shopId, const OrderRows& rows, const CursorUpdate& cursor,
                        Database::Error* error);
    bool deleteLineItems(const OrderRows& rows, Database::Error* error);
    bool countNewer(const char* sqlHead, const QHash<QString, qint64>& newest, qint64* changed,
                    Database::Error* error);
    RawStatement* inStatement(const char* sqlHead, qsizetype count, Database::Error* error);

    Database& m_db;
    SyncState m_state;
    bool m_prepared = false;
    sqlite3* m_handle = nullptr;
    RawStatement m_upsertOrder;
    RawStatement m_insertLineItem;
    RawStatement m_markDirty;
    QSqlQuery m_upsertProduct;
    QSqlQuery m_deleteSkus;
    QSqlQuery m_insertSku;
    // "... IN (?,?,..)" statements by SQL head and number of values.
    QHash<QPair<const char*, qsizetype>, std::shared_ptr<RawStatement>> m_inStatements;
    // Of the page being written: indexes of the orders written, of those that replaced a stored
    // order, and the UTC hours (create_time / 3600) of those written.
    QList<qsizetype> m_written;
    QList<qsizetype> m_updated;
    std::vector<qint64> m_hours;
};

} // namespace tts
