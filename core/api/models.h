#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace tts {

// Money is kept exactly as the API sends it: decimal strings such as "21.3". Arithmetic on money
// goes through core/money.h (integer minor units), never through floating point.

struct LineItem
{
    QString id;
    QString productId;
    QString productName;
    QString skuId;
    QString skuName;
    QString sellerSku;
    QString salePrice;
    QString originalPrice;
    QString platformDiscount;
    QString sellerDiscount;
    QString currency;
    QString displayStatus;
    QString packageId;
    bool isGift = false;

    friend bool operator==(const LineItem&, const LineItem&) = default;
};

struct Order
{
    QString id;
    QString status;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    std::optional<qint64> paidTime;
    std::optional<qint64> cancelTime;
    std::optional<qint64> deliveryTime;
    QString userId;
    QString buyerEmail;
    QString buyerMessage;
    QString cancelReason;
    QString cancellationInitiator;
    QString shippingType;
    QString deliveryOptionName;
    QString shippingProvider;
    QString trackingNumber;
    QString warehouseId;
    QString paymentMethodName;
    bool isCod = false;
    bool isSampleOrder = false;
    bool isReplacementOrder = false;
    QString sellerNote;
    // payment
    QString currency;
    QString subTotal;
    QString shippingFee;
    QString sellerDiscount;
    QString platformDiscount;
    QString totalAmount;
    QString originalTotalProductPrice;
    QString originalShippingFee;
    QString tax;
    // recipient_address (absent while UNPAID / ON_HOLD)
    QString recipientRegion;
    QString recipientPostalCode;

    QList<LineItem> lineItems;

    friend bool operator==(const Order&, const Order&) = default;
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
