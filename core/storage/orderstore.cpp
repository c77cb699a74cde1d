#include "orderstore.h"

#include "minorunits.h"

#include <QSqlError>
#include <QStringList>
#include <QVariant>

namespace tts {

namespace {

const QVariant kNullInt{QMetaType(QMetaType::LongLong)};

QVariant optionalTime(const std::optional<qint64>& t)
{
    return t ? QVariant(*t) : kNullInt;
}

QVariant minorUnits(const QString& decimal)
{
    const auto v = parseMinorUnits(decimal);
    return v ? QVariant(*v) : kNullInt;
}

constexpr int kOrderColumns = 36;

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

} // namespace

OrderStore::OrderStore(Database& db) : m_db(db), m_state(db) {}

OrderStore::~OrderStore() = default;

bool OrderStore::prepare(Database::Error* error)
{
    if (m_prepared)
        return true;
    const QSqlDatabase c = m_db.connection();
    struct Stmt
    {
        QSqlQuery* query;
        QString sql;
    };
    const Stmt statements[] = {
        {&m_upsertOrder, QString::fromLatin1(kUpsertOrder)},
        {&m_insertLineItem, QString::fromLatin1(kInsertLineItem)},
        {&m_upsertProduct,
         QStringLiteral("INSERT INTO products(id, shop_id, title, status, create_time, update_time)"
                        " VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET shop_id=excluded.shop_id,"
                        " title=excluded.title, status=excluded.status, create_time=excluded.create_time,"
                        " update_time=excluded.update_time")},
        {&m_deleteSkus, QStringLiteral("DELETE FROM product_skus WHERE product_id = ?")},
        {&m_insertSku,
         QStringLiteral("INSERT OR REPLACE INTO product_skus(id, product_id, seller_sku, currency,"
                        " sale_price, sale_price_minor, inventory) VALUES (?,?,?,?,?,?,?)")},
    };
    for (const Stmt& s : statements) {
        *s.query = QSqlQuery(c);
        s.query->setForwardOnly(true);
        if (!s.query->prepare(s.sql)) {
            *error =
                Database::classify(s.query->lastError(), QStringLiteral("prepare the database statements"));
            return false;
        }
    }
    m_prepared = true;
    return true;
}

QSqlQuery* OrderStore::deleteStatement(qsizetype count, Database::Error* error)
{
    auto it = m_deleteLineItems.find(count);
    if (it != m_deleteLineItems.end())
        return it->get();
    QStringList marks(count, QStringLiteral("?"));
    auto q = std::make_shared<QSqlQuery>(m_db.connection());
    q->setForwardOnly(true);
    if (!q->prepare(QStringLiteral("DELETE FROM line_items WHERE order_id IN (%1)").arg(marks.join(u',')))) {
        *error = Database::classify(q->lastError(), QStringLiteral("prepare the database statements"));
        return nullptr;
    }
    if (m_deleteLineItems.size() > 8)
        m_deleteLineItems.clear();
    m_deleteLineItems.insert(count, q);
    return q.get();
}

bool OrderStore::deleteLineItems(const QList<Order>& orders, Database::Error* error)
{
    QSqlQuery* q = deleteStatement(orders.size(), error);
    if (!q)
        return false;
    for (qsizetype i = 0; i < orders.size(); ++i)
        q->bindValue(int(i), orders.at(i).id);
    return execQuery(*q, error, QStringLiteral("replace the line items"));
}

bool OrderStore::writeOrder(const QString& shopId, const Order& o, Database::Error* error)
{
    QSqlQuery& q = m_upsertOrder;
    const QVariant values[kOrderColumns] = {o.id,
                                            shopId,
                                            o.status,
                                            o.createTime,
                                            o.updateTime,
                                            optionalTime(o.paidTime),
                                            optionalTime(o.cancelTime),
                                            optionalTime(o.deliveryTime),
                                            o.currency,
                                            o.totalAmount,
                                            o.subTotal,
                                            o.shippingFee,
                                            o.sellerDiscount,
                                            o.platformDiscount,
                                            o.tax,
                                            o.originalTotalProductPrice,
                                            o.originalShippingFee,
                                            o.userId,
                                            o.buyerEmail,
                                            o.buyerMessage,
                                            o.cancelReason,
                                            o.cancellationInitiator,
                                            o.shippingType,
                                            o.deliveryOptionName,
                                            o.shippingProvider,
                                            o.trackingNumber,
                                            o.warehouseId,
                                            o.paymentMethodName,
                                            int(o.isCod),
                                            int(o.isSampleOrder),
                                            int(o.isReplacementOrder),
                                            o.sellerNote,
                                            o.recipientRegion,
                                            o.recipientPostalCode,
                                            minorUnits(o.totalAmount),
                                            qint64(o.lineItems.size())};
    for (int i = 0; i < kOrderColumns; ++i)
        q.bindValue(i, values[i]);
    if (!execQuery(q, error, QStringLiteral("save an order")))
        return false;
    QSqlQuery& li = m_insertLineItem;
    for (const LineItem& l : o.lineItems) {
        li.bindValue(0, l.id);
        li.bindValue(1, o.id);
        li.bindValue(2, l.productId);
        li.bindValue(3, l.productName);
        li.bindValue(4, l.skuId);
        li.bindValue(5, l.skuName);
        li.bindValue(6, l.sellerSku);
        li.bindValue(7, l.salePrice);
        li.bindValue(8, l.originalPrice);
        li.bindValue(9, l.platformDiscount);
        li.bindValue(10, l.sellerDiscount);
        li.bindValue(11, l.currency);
        li.bindValue(12, l.displayStatus);
        li.bindValue(13, l.packageId);
        li.bindValue(14, int(l.isGift));
        li.bindValue(15, minorUnits(l.salePrice));
        li.bindValue(16, shopId);
        li.bindValue(17, o.createTime);
        if (!execQuery(li, error, QStringLiteral("save a line item")))
            return false;
    }
    return true;
}

bool OrderStore::upsertOrderPage(const QString& shopId, const QList<Order>& orders,
                                 const CursorUpdate& cursor, Database::Error* error)
{
    if (!prepare(error) || !m_db.beginImmediate(error))
        return false;
    bool ok = orders.isEmpty() || deleteLineItems(orders, error);
    for (qsizetype i = 0; ok && i < orders.size(); ++i)
        ok = writeOrder(shopId, orders.at(i), error);
    if (ok)
        ok = m_state.apply(shopId, cursor, error);
    if (!ok) {
        m_db.rollback();
        return false;
    }
    return m_db.commit(error);
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
