#include "orderstore.h"

#include "minorunits.h"

#include <QSqlError>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace tts {

namespace {

const QVariant kNullInt{QMetaType(QMetaType::LongLong)};

QVariant minorUnits(const QString& decimal)
{
    const auto v = parseMinorUnits(decimal);
    return v ? QVariant(*v) : kNullInt;
}

constexpr int kOrderColumns = 36;
constexpr int kLineItemColumns = 18;

const char kUpsertOrder[] =
    "INSERT INTO orders(id, shop_id, status, create_time, update_time, paid_time, cancel_time, delivery_time,"
    " currency, total_amount, sub_total, shipping_fee, seller_discount, platform_discount, tax,"
    " original_total_product_price, original_shipping_fee, user_id, buyer_email, buyer_message, "
    "cancel_reason,"
    " cancellation_initiator, shipping_type, delivery_option_name, shipping_provider, tracking_number,"
    " warehouse_id, payment_method_name, is_cod, is_sample_order, is_replacement_order, seller_note,"
    " recipient_region, recipient_postal_code, total_amount_minor, units)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT(id) DO UPDATE SET shop_id=excluded.shop_id, status=excluded.status,"
    " create_time=excluded.create_time, update_time=excluded.update_time, paid_time=excluded.paid_time,"
    " cancel_time=excluded.cancel_time, delivery_time=excluded.delivery_time, currency=excluded.currency,"
    " total_amount=excluded.total_amount, sub_total=excluded.sub_total, shipping_fee=excluded.shipping_fee,"
    " seller_discount=excluded.seller_discount, platform_discount=excluded.platform_discount, "
    "tax=excluded.tax,"
    " original_total_product_price=excluded.original_total_product_price,"
    " original_shipping_fee=excluded.original_shipping_fee, user_id=excluded.user_id,"
    " buyer_email=excluded.buyer_email, buyer_message=excluded.buyer_message,"
    " cancel_reason=excluded.cancel_reason, cancellation_initiator=excluded.cancellation_initiator,"
    " shipping_type=excluded.shipping_type, delivery_option_name=excluded.delivery_option_name,"
    " shipping_provider=excluded.shipping_provider, tracking_number=excluded.tracking_number,"
    " warehouse_id=excluded.warehouse_id, payment_method_name=excluded.payment_method_name,"
    " is_cod=excluded.is_cod, is_sample_order=excluded.is_sample_order,"
    " is_replacement_order=excluded.is_replacement_order, seller_note=excluded.seller_note,"
    " recipient_region=excluded.recipient_region, recipient_postal_code=excluded.recipient_postal_code,"
    " total_amount_minor=excluded.total_amount_minor, units=excluded.units"
    // A page fetched earlier must not overwrite a newer state of the order.
    " WHERE excluded.update_time >= orders.update_time";

const char kInsertLineItem[] =
    "INSERT OR REPLACE INTO line_items(id, order_id, product_id, product_name, sku_id, sku_name, seller_sku,"
    " sale_price, original_price, platform_discount, seller_discount, currency, display_status, package_id,"
    " is_gift, sale_price_minor, shop_id, create_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

const char kMarkDirty[] = "INSERT INTO rollup_dirty(shop_id, hour) VALUES (?, ?) ON CONFLICT DO NOTHING";
const char kDeleteLineItems[] = "DELETE FROM line_items WHERE order_id";
const char kStoredUpdateTimes[] = "SELECT id, update_time FROM orders WHERE id";
const char kStoredProductUpdateTimes[] = "SELECT id, update_time FROM products WHERE id";

} // namespace

OrderStore::OrderStore(Database& db) : m_db(db), m_state(db) {}

OrderStore::~OrderStore() = default;

bool OrderStore::prepare(Database::Error* error)
{
    if (m_prepared)
        return true;
    m_handle = RawStatement::handleOf(m_db);
    if (!m_handle) {
        *error = {Database::Error::Other, QStringLiteral("The database driver is not SQLite.")};
        return false;
    }
    if (!m_upsertOrder.prepare(m_handle, kUpsertOrder, error) ||
        !m_insertLineItem.prepare(m_handle, kInsertLineItem, error) ||
        !m_markDirty.prepare(m_handle, kMarkDirty, error))
        return false;
    const QSqlDatabase c = m_db.connection();
    struct Stmt
    {
        QSqlQuery* query;
        QString sql;
    };
    const Stmt statements[] = {
        {&m_upsertProduct,
         QStringLiteral(
             "INSERT INTO products(id, shop_id, title, status, create_time, update_time)"
             " VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET shop_id=excluded.shop_id,"
             " title=excluded.title, status=excluded.status, create_time=excluded.create_time,"
             " update_time=excluded.update_time"
             // A page read earlier must not overwrite a newer state of the product.
             " WHERE products.update_time IS NULL OR excluded.update_time >= products.update_time")},
        {&m_deleteSkus, QStringLiteral("DELETE FROM product_skus WHERE product_id = ?")},
        {&m_insertSku,
         QStringLiteral("INSERT OR REPLACE INTO product_skus(id, product_id, seller_sku, currency,"
                        " sale_price, sale_price_minor, inventory) VALUES (?,?,?,?,?,?,?)")},
    };
    for (const Stmt& st : statements) {
        *st.query = QSqlQuery(c);
        st.query->setForwardOnly(true);
        if (!st.query->prepare(st.sql)) {
            *error =
                Database::classify(st.query->lastError(), QStringLiteral("prepare the database statements"));
            return false;
        }
    }
    m_prepared = true;
    return true;
}

RawStatement* OrderStore::inStatement(const char* sqlHead, qsizetype count, Database::Error* error)
{
    const QPair<const char*, qsizetype> key(sqlHead, count);
    auto it = m_inStatements.find(key);
    if (it != m_inStatements.end())
        return it->get();
    QByteArray sql(sqlHead);
    sql += " IN (";
    for (qsizetype i = 0; i < count; ++i)
        sql += i == 0 ? "?" : ",?";
    sql += ')';
    auto st = std::make_shared<RawStatement>();
    if (!st->prepare(m_handle, sql.constData(), error))
        return nullptr;
    if (m_inStatements.size() > 16)
        m_inStatements.clear();
    m_inStatements.insert(key, st);
    return st.get();
}

// The line items of the orders that replaced stored ones go, in one statement for the page: while a
// resync fills empty tables without the index on line_items(order_id), only the few pages read
// again (a resumed or split slice) have any, and each costs one scan of line_items, not one per order.
bool OrderStore::deleteLineItems(const OrderRows& rows, Database::Error* error)
{
    RawStatement* st = inStatement(kDeleteLineItems, m_updated.size(), error);
    if (!st)
        return false;
    for (qsizetype i = 0; i < m_updated.size(); ++i)
        st->bindUtf8(int(i + 1), rows.id(m_updated.at(i)));
    return st->exec(error, QStringLiteral("replace the line items"));
}

namespace {

// Each record's newest update time in a page (a record may come twice): orders and products alike.
template <class Record> QHash<QString, qint64> newestUpdateTimes(const QList<Record>& records)
{
    QHash<QString, qint64> newest;
    for (const Record& r : records) {
        const auto it = newest.constFind(r.id);
        if (it == newest.cend() || *it < r.updateTime)
            newest.insert(r.id, r.updateTime);
    }
    return newest;
}

} // namespace

bool OrderStore::countChanged(const QList<Order>& orders, qint64* changed, Database::Error* error)
{
    return countNewer(kStoredUpdateTimes, newestUpdateTimes(orders), changed, error);
}

bool OrderStore::countChangedProducts(const QList<Product>& products, qint64* changed, Database::Error* error)
{
    return countNewer(kStoredProductUpdateTimes, newestUpdateTimes(products), changed, error);
}

// How many of `newest` (each record's newest update time in the page) the store holds in an older
// state or not at all: one lookup of their ids; a stored state as new or newer takes a record off.
bool OrderStore::countNewer(const char* sqlHead, const QHash<QString, qint64>& newest, qint64* changed,
                            Database::Error* error)
{
    *changed = 0;
    if (newest.isEmpty())
        return true;
    if (!prepare(error))
        return false;
    RawStatement* st = inStatement(sqlHead, newest.size(), error);
    if (!st)
        return false;
    int i = 0;
    for (auto it = newest.cbegin(); it != newest.cend(); ++it)
        st->bind(++i, it.key());
    *changed = newest.size();
    return st->forEachRow(error, QStringLiteral("read the stored records"), [&] {
        const auto it = newest.constFind(QString::fromUtf8(st->columnText(0)));
        if (it != newest.cend() && st->columnInt64(1) >= it.value())
            --*changed;
    });
}

void OrderStore::bindCell(RawStatement& statement, int index, const OrderRows& rows,
                          const OrderRows::Cell& cell)
{
    if (cell.size == OrderRows::Cell::kInteger)
        statement.bind(index, cell.value);
    else
        statement.bindUtf8(index, rows.text(cell));
}

bool OrderStore::writeOrder(const QString& shopId, const OrderRows& rows, qsizetype order,
                            RawStatement::Upsert* outcome, Database::Error* error)
{
    RawStatement& q = m_upsertOrder;
    const OrderRows::Cell* cells = rows.orderCells(order);
    // The cells are the statement's columns without shop_id, the second.
    bindCell(q, 1, rows, cells[0]);
    q.bind(2, shopId);
    for (int c = 1; c < OrderRows::kOrderCells; ++c)
        bindCell(q, c + 2, rows, cells[c]);
    static_assert(OrderRows::kOrderCells + 1 == kOrderColumns);
    return q.execUpsert(error, QStringLiteral("save an order"), outcome);
}

bool OrderStore::writeLineItems(const QString& shopId, const OrderRows& rows, qsizetype order,
                                Database::Error* error)
{
    RawStatement& li = m_insertLineItem;
    const OrderRows::Cell* cells = rows.lineItemCells(order);
    const QByteArrayView orderId = rows.id(order);
    for (qsizetype n = 0; n < rows.lineItemCount(order); ++n, cells += OrderRows::kLineItemCells) {
        // The cells are the statement's columns without order_id (the second), shop_id and
        // create_time (the last two).
        bindCell(li, 1, rows, cells[0]);
        li.bindUtf8(2, orderId);
        for (int c = 1; c < OrderRows::kLineItemCells; ++c)
            bindCell(li, c + 2, rows, cells[c]);
        static_assert(OrderRows::kLineItemCells + 3 == kLineItemColumns);
        li.bind(OrderRows::kLineItemCells + 2, shopId);
        li.bind(OrderRows::kLineItemCells + 3, rows.createTime(order));
        if (!li.exec(error, QStringLiteral("save a line item")))
            return false;
    }
    return true;
}

bool OrderStore::upsertOrderPage(const QString& shopId, const QList<Order>& orders,
                                 const CursorUpdate& cursor, Database::Error* error)
{
    const OrderRows rows(orders);
    if (!prepare(error) || !m_db.beginImmediate(error))
        return false;
    if (!writeOrderPage(shopId, rows, cursor, error)) {
        m_db.rollback();
        return false;
    }
    return m_db.commit(error);
}

bool OrderStore::upsertOrderPages(const QList<const OrderPage*>& pages, Database::Error* error)
{
    if (!prepare(error) || !m_db.beginImmediate(error))
        return false;
    for (const OrderPage* page : pages) {
        if (!writeOrderPage(page->shopId, page->rows, page->cursor, error)) {
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit(error);
}

bool OrderStore::writeOrderPage(const QString& shopId, const OrderRows& rows, const CursorUpdate& cursor,
                                Database::Error* error)
{
    // The orders first, then the old line items of those that replaced a stored order (one
    // statement), then the line items of every order written: an order the store holds in a newer
    // state is left as it is, line items included.
    m_written.clear();
    m_updated.clear();
    m_hours.clear();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        RawStatement::Upsert outcome;
        if (!writeOrder(shopId, rows, i, &outcome, error))
            return false;
        if (outcome == RawStatement::Upsert::Unchanged)
            continue;
        m_written.append(i);
        if (outcome == RawStatement::Upsert::Updated)
            m_updated.append(i);
        m_hours.push_back(rows.createTime(i) / 3600); // as SQLite's integer division
    }
    if (!m_updated.isEmpty() && !deleteLineItems(rows, error))
        return false;
    for (const qsizetype i : std::as_const(m_written)) {
        if (!writeLineItems(shopId, rows, i, error))
            return false;
    }
    return markDirtyHours(shopId, error) && m_state.apply(shopId, cursor, error);
}

// The rollups' dirty hours of the orders written, once per hour in the page's transaction. The
// triggers on orders note the same (for any writer); these let a resync into empty tables drop the
// insert and update triggers, which cost a trigger program per row (DeferredIndexes).
bool OrderStore::markDirtyHours(const QString& shopId, Database::Error* error)
{
    std::sort(m_hours.begin(), m_hours.end());
    m_hours.erase(std::unique(m_hours.begin(), m_hours.end()), m_hours.end());
    for (const qint64 hour : m_hours) {
        m_markDirty.bind(1, shopId);
        m_markDirty.bind(2, hour);
        if (!m_markDirty.exec(error, QStringLiteral("save an order")))
            return false;
    }
    return true;
}

bool OrderStore::upsertProductPage(const QString& shopId, const QList<Product>& products,
                                   const CursorUpdate& cursor, Database::Error* error)
{
    if (!prepare(error) || !m_db.beginImmediate(error))
        return false;
    bool ok = true;
    for (qsizetype i = 0; ok && i < products.size(); ++i) {
        const Product& p = products.at(i);
        const QVariant values[] = {p.id, shopId, p.title, p.status, p.createTime, p.updateTime};
        for (int c = 0; c < 6; ++c)
            m_upsertProduct.bindValue(c, values[c]);
        ok = execQuery(m_upsertProduct, error, QStringLiteral("save a product"));
        // Kept in its newer state: its SKUs stay those of that state too.
        if (ok && m_upsertProduct.numRowsAffected() == 0)
            continue;
        if (ok) {
            m_deleteSkus.bindValue(0, p.id);
            ok = execQuery(m_deleteSkus, error, QStringLiteral("save a product"));
        }
        for (qsizetype s = 0; ok && s < p.skus.size(); ++s) {
            const ProductSku& sku = p.skus.at(s);
            const QVariant skuValues[] = {sku.id,       p.id,          sku.sellerSku,
                                          sku.currency, sku.salePrice, minorUnits(sku.salePrice),
                                          sku.inventory};
            for (int c = 0; c < 7; ++c)
                m_insertSku.bindValue(c, skuValues[c]);
            ok = execQuery(m_insertSku, error, QStringLiteral("save a product"));
        }
    }
    if (ok)
        ok = m_state.apply(shopId, cursor, error);
    if (!ok) {
        m_db.rollback();
        return false;
    }
    return m_db.commit(error);
}

} // namespace tts
