#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace tts {

// Money is kept exactly as the API sends it: decimal strings such as "21.3". Arithmetic on money
// goes through core/money.h (integer minor units), never through floating point.

// A text of a page read as UTF-8 (RawOrders): `size` bytes at `offset` in the reply, or at
// `offset - kDecoded` in the texts decoded from it; null when `size` is negative (the JSON null, or
// the key absent), like a null QString.
struct Utf8Ref
{
    static constexpr qint32 kDecoded = qint32(1) << 30;
    qint32 offset = 0;
    qint32 size = -1;

    bool isNull() const { return size < 0; }
    bool isEmpty() const { return size <= 0; }
    friend bool operator==(const Utf8Ref&, const Utf8Ref&) = default;

    // The `size` bytes at `offset` (as above) in a reply `text` and the texts `decoded` from it.
    static QByteArrayView in(const QByteArray& text, const QByteArray& decoded, qint64 offset, qint32 size)
    {
        return offset >= kDecoded ? QByteArrayView(decoded.constData() + (offset - kDecoded), size)
                                  : QByteArrayView(text.constData() + offset, size);
    }
};

// Line items and orders as the API sends them, with every text a QString (Order, LineItem) or, on
// the hot path of a full resync, a reference into one UTF-8 buffer (RawOrder: RawOrders).
template <class Text> struct BasicLineItem
{
    Text id;
    Text productId;
    Text productName;
    Text skuId;
    Text skuName;
    Text sellerSku;
    Text salePrice;
    Text originalPrice;
    Text platformDiscount;
    Text sellerDiscount;
    Text currency;
    Text displayStatus;
    Text packageId;
    bool isGift = false;

    friend bool operator==(const BasicLineItem&, const BasicLineItem&) = default;
};

template <class Text> struct BasicOrder
{
    Text id;
    Text status;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    std::optional<qint64> paidTime;
    std::optional<qint64> cancelTime;
    std::optional<qint64> deliveryTime;
    Text userId;
    Text buyerEmail;
    Text buyerMessage;
    Text cancelReason;
    Text cancellationInitiator;
    Text shippingType;
    Text deliveryOptionName;
    Text shippingProvider;
    Text trackingNumber;
    Text warehouseId;
    Text paymentMethodName;
    bool isCod = false;
    bool isSampleOrder = false;
    bool isReplacementOrder = false;
    Text sellerNote;
    // payment
    Text currency;
    Text subTotal;
    Text shippingFee;
    Text sellerDiscount;
    Text platformDiscount;
    Text totalAmount;
    Text originalTotalProductPrice;
    Text originalShippingFee;
    Text tax;
    // recipient_address (absent while UNPAID / ON_HOLD)
    Text recipientRegion;
    Text recipientPostalCode;

    QList<BasicLineItem<Text>> lineItems;

    friend bool operator==(const BasicOrder&, const BasicOrder&) = default;
};

using LineItem = BasicLineItem<QString>;
using Order = BasicOrder<QString>;
using RawOrder = BasicOrder<Utf8Ref>;

// The orders of a page with their texts as UTF-8, read without a QString per value: most where
// they are in the reply, the others (escaped, not ASCII) decoded once into a buffer of their own.
struct RawOrders
{
    QByteArray text;    // the reply
    QByteArray decoded; // Utf8Ref::kDecoded onwards
    QList<RawOrder> orders;

    QByteArrayView view(Utf8Ref ref) const
    {
        return ref.isNull() ? QByteArrayView() : Utf8Ref::in(text, decoded, ref.offset, ref.size);
    }
};

struct ProductSku
{
    QString id;
    QString sellerSku;
    QString currency;
    QString salePrice;
    qint64 inventory = 0; // summed over warehouses

    friend bool operator==(const ProductSku&, const ProductSku&) = default;
};

struct Product
{
    QString id;
    QString title;
    QString status;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    QList<ProductSku> skus;

    friend bool operator==(const Product&, const Product&) = default;
};

struct Shop
{
    QString id;
    QString cipher;
    QString code;
    QString name;
    QString region;
    QString sellerType;

    friend bool operator==(const Shop&, const Shop&) = default;
};

// Never logged, never written anywhere but the secret store.
struct TokenSet
{
    QString accessToken;
    qint64 accessTokenExpiresAt = 0; // absolute Unix seconds
    QString refreshToken;
    qint64 refreshTokenExpiresAt = 0; // absolute Unix seconds
    QString openId;
    QString sellerName;
    QString sellerBaseRegion;

    bool isValid() const { return !accessToken.isEmpty() && !refreshToken.isEmpty(); }
};

struct OrderPage
{
    QList<Order> orders;
    QString nextPageToken; // empty on the last page
    qint64 totalCount = 0;
    // Instead of `orders` (then empty) when the query asked for UTF-8 (OrderQuery::utf8) and the
    // page was read on the fast path; a page the general path read has `orders` all the same.
    std::optional<RawOrders> raw;

    qsizetype size() const { return raw ? raw->orders.size() : orders.size(); }
};

struct ProductPage
{
    QList<Product> products;
    QString nextPageToken;
    qint64 totalCount = 0;
};

} // namespace tts

Q_DECLARE_METATYPE(tts::Order)
Q_DECLARE_METATYPE(tts::Shop)
