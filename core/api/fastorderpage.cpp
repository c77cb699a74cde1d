#include "fastorderpage.h"

#include "jsonreader.h"
#include "stringpool.h"

#include <cstring>

namespace tts {

namespace {

struct PooledReader : JsonReader
{
    PooledReader(QByteArrayView text, StringPool* stringPool) : JsonReader(text), pool(stringPool) {}
    StringPool* pool;
    // The UTF-8 reading (RawOrders): a text of ASCII only is referenced where it is in the body;
    // any other is decoded like readString() does and appended, encoded, to `decoded`.
    const char* body = nullptr;
    QByteArray decoded;
};

template <size_t N> bool is(QByteArrayView key, const char (&name)[N])
{
    return key.size() == qsizetype(N - 1) && std::memcmp(key.data(), name, N - 1) == 0;
}

// Each reader returns false on anything unexpected; the whole page then takes the general path.
bool text(PooledReader& r, QString& out)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    return r.readString(out);
}

// A value that repeats across orders: shared through the pool.
bool shared(PooledReader& r, QString& out)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    return r.pool ? r.readString(out, *r.pool) : r.readString(out);
}

bool requiredText(PooledReader& r, QString& out)
{
    return r.readString(out) && !out.isEmpty();
}

// The known keys an object has given so far, one bit each. A key given twice (never in a reply of
// the real API): QJsonDocument keeps the last value, this reader would merge them; such a page takes
// the general path.
struct Keys
{
    quint64 seen = 0;
    bool first(int bit)
    {
        const quint64 mask = quint64(1) << bit;
        if (seen & mask)
            return false;
        seen |= mask;
        return true;
    }
    // Whether every key of bits 0 to count - 1 was given.
    bool gaveFirst(int count) const
    {
        const quint64 mask = (quint64(1) << count) - 1;
        return (seen & mask) == mask;
    }
};

// Unix seconds, bounded like the general path (jsonmapping) so both accept the same values.
bool time(PooledReader& r, qint64& out)
{
    return r.readInteger(out) && out >= 0 && out < 1000000000000LL;
}

bool optionalTime(PooledReader& r, std::optional<qint64>& out)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    qint64 value = 0;
    if (!time(r, value))
        return false;
    if (value > 0)
        out = value;
    return true;
}

// At most 15 digits (leading zeros aside), which a double holds exactly: the general path
// (moneyFromJson) accepts the same number with the same value. Longer: the general path decides.
bool fitsDouble(QByteArrayView number)
{
    int digits = 0;
    bool leading = true;
    for (char c : number) {
        if (c == '-' || c == '.') {
            leading = leading && c == '-';
            continue;
        }
        if (leading && c == '0')
            continue;
        leading = false;
        ++digits;
    }
    return digits <= 15;
}

// A number as money: its exact text, which the general path reads to the same value (no exponent,
// digits that a double holds exactly). False (the page takes the general path) for any other.
bool moneyNumber(PooledReader& r, QByteArrayView& number)
{
    return r.readNumberText(number) && !number.contains('e') && !number.contains('E') && fitsDouble(number);
}

// A decimal string as received (`readText`), or a plain decimal number's exact text (no exponent).
template <class Text, class ReadText, class FromNumber>
bool moneyValue(PooledReader& r, Text& out, ReadText readText, FromNumber fromNumber)
{
    switch (r.peek()) {
    case JsonReader::Type::String:
        return readText();
    case JsonReader::Type::Null:
        return r.readNull();
    case JsonReader::Type::Number: {
        QByteArrayView number;
        if (!moneyNumber(r, number))
            return false;
        out = fromNumber(number);
        return true;
    }
    default:
        return false;
    }
}

// `repeats`: an amount that recurs (a SKU's price, a shipping fee, a discount: often zero), shared
// through the pool; order totals and taxes mostly differ.
bool money(PooledReader& r, QString& out, bool repeats = false)
{
    return moneyValue(
        r, out, [&] { return repeats && r.pool ? r.readString(out, *r.pool) : r.readString(out); },
        [](QByteArrayView number) { return QString::fromLatin1(number); });
}

// The UTF-8 texts: the same values as the QString readers above, referenced instead of copied.
bool utf8(PooledReader& r, Utf8Ref& out)
{
    QByteArrayView ascii;
    if (r.readAsciiString(ascii)) {
        out = {qint32(ascii.data() - r.body), qint32(ascii.size())};
        return true;
    }
    QString text;
    if (!r.readString(text))
        return false;
    const QByteArray bytes = text.toUtf8();
    out = {qint32(Utf8Ref::kDecoded + r.decoded.size()), qint32(bytes.size())};
    r.decoded.append(bytes);
    return true;
}

bool text(PooledReader& r, Utf8Ref& out)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    return utf8(r, out);
}

bool shared(PooledReader& r, Utf8Ref& out)
{
    return text(r, out);
}

bool requiredText(PooledReader& r, Utf8Ref& out)
{
    return utf8(r, out) && !out.isEmpty();
}

bool money(PooledReader& r, Utf8Ref& out, bool /*repeats*/ = false)
{
    return moneyValue(
        r, out, [&] { return utf8(r, out); },
        [&r](QByteArrayView number) {
            return Utf8Ref{qint32(number.data() - r.body), qint32(number.size())};
        });
}

bool flag(PooledReader& r, bool& out)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    return r.readBool(out);
}

template <class O> bool payment(PooledReader& r, O& o)
{
    if (r.peek() == JsonReader::Type::Null)
        return r.readNull();
    if (!r.beginObject())
        return false;
    QByteArrayView key;
    Keys keys;
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "currency"))
            ok = keys.first(0) && shared(r, o.currency);
        else if (is(key, "sub_total"))
            ok = keys.first(1) && money(r, o.subTotal);
        else if (is(key, "shipping_fee"))
            ok = keys.first(2) && money(r, o.shippingFee, true);
        else if (is(key, "seller_discount"))
            ok = keys.first(3) && money(r, o.sellerDiscount, true);
        else if (is(key, "platform_discount"))
            ok = keys.first(4) && money(r, o.platformDiscount, true);
        else if (is(key, "total_amount"))
            ok = keys.first(5) && money(r, o.totalAmount);
        else if (is(key, "original_total_product_price"))
            ok = keys.first(6) && money(r, o.originalTotalProductPrice);
        else if (is(key, "original_shipping_fee"))
            ok = keys.first(7) && money(r, o.originalShippingFee, true);
        else if (is(key, "tax"))
            ok = keys.first(8) && money(r, o.tax);
        else
            ok = r.skipValue();
        if (!ok)
            return false;
    }
    return !r.failed();
}

template <class O> bool address(PooledReader& r, O& o)
{
    if (r.peek() != JsonReader::Type::Object)
        return r.skipValue();
    r.beginObject();
    QByteArrayView key;
    Keys keys;
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "region_code"))
            ok = keys.first(0) && shared(r, o.recipientRegion);
        else if (is(key, "postal_code"))
            ok = keys.first(1) && text(r, o.recipientPostalCode);
        else
            ok = r.skipValue();
        if (!ok)
            return false;
    }
    return !r.failed();
}

template <class L> bool lineItem(PooledReader& r, L& item)
{
    if (!r.beginObject())
        return false;
    QByteArrayView key;
    Keys keys;
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "id"))
            ok = keys.first(0) && requiredText(r, item.id);
        else if (is(key, "product_id"))
            ok = keys.first(1) && shared(r, item.productId);
        else if (is(key, "product_name"))
            ok = keys.first(2) && shared(r, item.productName);
        else if (is(key, "sku_id"))
            ok = keys.first(3) && shared(r, item.skuId);
        else if (is(key, "sku_name"))
            ok = keys.first(4) && shared(r, item.skuName);
        else if (is(key, "seller_sku"))
            ok = keys.first(5) && shared(r, item.sellerSku);
        else if (is(key, "sale_price"))
            ok = keys.first(6) && money(r, item.salePrice, true);
        else if (is(key, "original_price"))
            ok = keys.first(7) && money(r, item.originalPrice, true);
        else if (is(key, "platform_discount"))
            ok = keys.first(8) && money(r, item.platformDiscount, true);
        else if (is(key, "seller_discount"))
            ok = keys.first(9) && money(r, item.sellerDiscount, true);
        else if (is(key, "currency"))
            ok = keys.first(10) && shared(r, item.currency);
        else if (is(key, "display_status"))
            ok = keys.first(11) && shared(r, item.displayStatus);
        else if (is(key, "package_id"))
            ok = keys.first(12) && text(r, item.packageId);
        else if (is(key, "is_gift"))
            ok = keys.first(13) && flag(r, item.isGift);
        else
            ok = r.skipValue();
        if (!ok)
            return false;
    }
    return !r.failed() && !item.id.isEmpty();
}

template <class O> bool order(PooledReader& r, O& o)
{
    if (!r.beginObject())
        return false;
    QByteArrayView key;
    Keys keys; // the required keys first: id, status, create_time, update_time
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "id")) {
            ok = keys.first(0) && requiredText(r, o.id);
        } else if (is(key, "status")) {
            ok = keys.first(1) && shared(r, o.status) && !o.status.isEmpty();
        } else if (is(key, "create_time")) {
            ok = keys.first(2) && time(r, o.createTime);
        } else if (is(key, "update_time")) {
            ok = keys.first(3) && time(r, o.updateTime);
        } else if (is(key, "paid_time")) {
            ok = keys.first(4) && optionalTime(r, o.paidTime);
        } else if (is(key, "cancel_time")) {
            ok = keys.first(5) && optionalTime(r, o.cancelTime);
        } else if (is(key, "delivery_time")) {
            ok = keys.first(6) && optionalTime(r, o.deliveryTime);
        } else if (is(key, "user_id")) {
            ok = keys.first(7) && text(r, o.userId);
        } else if (is(key, "buyer_email")) {
            ok = keys.first(8) && text(r, o.buyerEmail);
        } else if (is(key, "buyer_message")) {
            ok = keys.first(9) && text(r, o.buyerMessage);
        } else if (is(key, "cancel_reason")) {
            ok = keys.first(10) && shared(r, o.cancelReason);
        } else if (is(key, "cancellation_initiator")) {
            ok = keys.first(11) && shared(r, o.cancellationInitiator);
        } else if (is(key, "shipping_type")) {
            ok = keys.first(12) && shared(r, o.shippingType);
        } else if (is(key, "delivery_option_name")) {
            ok = keys.first(13) && shared(r, o.deliveryOptionName);
        } else if (is(key, "shipping_provider")) {
            ok = keys.first(14) && shared(r, o.shippingProvider);
        } else if (is(key, "tracking_number")) {
            ok = keys.first(15) && text(r, o.trackingNumber);
        } else if (is(key, "warehouse_id")) {
            ok = keys.first(16) && shared(r, o.warehouseId);
        } else if (is(key, "payment_method_name")) {
            ok = keys.first(17) && shared(r, o.paymentMethodName);
        } else if (is(key, "is_cod")) {
            ok = keys.first(18) && flag(r, o.isCod);
        } else if (is(key, "is_sample_order")) {
            ok = keys.first(19) && flag(r, o.isSampleOrder);
        } else if (is(key, "is_replacement_order")) {
            ok = keys.first(20) && flag(r, o.isReplacementOrder);
        } else if (is(key, "seller_note")) {
            ok = keys.first(21) && text(r, o.sellerNote);
        } else if (is(key, "payment")) {
            ok = keys.first(22) && payment(r, o);
        } else if (is(key, "recipient_address")) {
            ok = keys.first(23) && address(r, o);
        } else if (is(key, "line_items")) {
            if (!keys.first(24))
                return false;
            if (r.peek() == JsonReader::Type::Null) {
                ok = r.readNull();
            } else {
                ok = r.beginArray();
                while (ok && r.nextElement()) {
                    o.lineItems.emplace_back();
                    ok = lineItem(r, o.lineItems.back());
                }
                ok = ok && !r.failed();
            }
        } else {
            ok = r.skipValue();
        }
        if (!ok)
            return false;
    }
    return !r.failed() && keys.gaveFirst(4);
}

template <class O> bool data(PooledReader& r, QList<O>& orders, OrderPage& page)
{
    if (!r.beginObject())
        return false;
    QByteArrayView key;
    Keys keys;
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "orders")) {
            if (!keys.first(2))
                return false;
            if (r.peek() == JsonReader::Type::Null) {
                ok = r.readNull();
            } else {
                ok = r.beginArray();
                orders.reserve(100);
                while (ok && r.nextElement()) {
                    orders.emplace_back();
                    ok = order(r, orders.back());
                }
                ok = ok && !r.failed();
            }
        } else if (is(key, "next_page_token")) {
            ok = keys.first(0) && text(r, page.nextPageToken);
        } else if (is(key, "total_count")) {
            ok = keys.first(1) && r.readInteger(page.totalCount) && page.totalCount >= 0;
        } else {
            ok = r.skipValue();
        }
        if (!ok)
            return false;
    }
    return !r.failed();
}

// The envelope: code 0 and the page in data.
template <class O> bool reply(PooledReader& r, QList<O>& orders, OrderPage& page)
{
    if (!r.beginObject())
        return false;
    QByteArrayView key;
    Keys keys;
    while (r.nextKey(key)) {
        bool ok = true;
        if (is(key, "code")) {
            if (!keys.first(1))
                return false;
            qint64 code = -1;
            ok = r.readInteger(code) && code == 0; // any error code: the general path maps it
        } else if (is(key, "data")) {
            ok = keys.first(0) && data(r, orders, page);
        } else {
            ok = r.skipValue();
        }
        if (!ok)
            return false;
    }
    return !r.failed() && r.atEnd() && keys.gaveFirst(2); // data and code
}

} // namespace

std::optional<OrderPage> readOrderSearchReply(QByteArrayView body, StringPool* pool)
{
    PooledReader r(body, pool);
    OrderPage page;
    if (!reply(r, page.orders, page))
        return std::nullopt;
    return page;
}

std::optional<OrderPage> readOrderSearchReplyUtf8(const QByteArray& body)
{
    // Offsets are 32-bit: the body below Utf8Ref::kDecoded, and the decoded texts above it take
    // up to 3 bytes for each byte read (an invalid byte becomes U+FFFD). A larger page takes the
    // general path.
    if (body.size() > Utf8Ref::kDecoded / 4)
        return std::nullopt;
    PooledReader r(body, nullptr);
    r.body = body.constData();
    RawOrders raw;
    OrderPage page;
    if (!reply(r, raw.orders, page))
        return std::nullopt;
    raw.text = body;
    raw.decoded = std::move(r.decoded);
    page.raw = std::move(raw);
    return page;
}

} // namespace tts
