// Fuzz target: the JSON -> order / product mapping (core/api/fastorderpage.*, jsonreader.*,
// jsonmapping.*, jsonpages.cpp; storage/orderrows.* for the UTF-8 form). Input: a reply body, as an
// order search (or product search, shops, token) reply.
// Invariants: the one-pass reader's UTF-8 form gives the same rows to store as its QString form;
// whatever the one-pass reader accepts, the general path (envelope + QJsonDocument)
// accepts too, with an equal page (money compared as exact decimals); every money value of a mapped
// order or product is exact: the string received, or a number's exact decimal; a failure always
// says why.
#include "fuzzcheck.h"

#include "api/envelope.h"
#include "api/fastorderpage.h"
#include "api/jsonmapping.h"
#include "api/stringpool.h"
#include "storage/orderrows.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUtf8StringView>

namespace {

using namespace tts;

// A plain decimal ("-012.50") in canonical form ("-12.5"); anything else unchanged.
QString canonicalDecimal(const QString& text)
{
    qsizetype i = text.startsWith(u'-') ? 1 : 0;
    const qsizetype dot = text.indexOf(u'.');
    QString integer = text.mid(i, dot < 0 ? -1 : dot - i);
    QString fraction = dot < 0 ? QString() : text.mid(dot + 1);
    const auto allDigits = [](const QString& s) {
        for (QChar c : s) {
            if (c < u'0' || c > u'9')
                return false;
        }
        return true;
    };
    if (integer.isEmpty() || !allDigits(integer) || !allDigits(fraction) || (dot >= 0 && fraction.isEmpty()))
        return text;
    while (integer.size() > 1 && integer.front() == u'0')
        integer.remove(0, 1);
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    const bool zero = integer == u"0" && fraction.isEmpty();
    QString result = (i == 1 && !zero) ? QStringLiteral("-") : QString();
    result += integer;
    if (!fraction.isEmpty())
        result += u'.' + fraction;
    return result;
}

bool sameMoney(const QString& a, const QString& b)
{
    return canonicalDecimal(a) == canonicalDecimal(b);
}

bool sameLineItem(const LineItem& a, const LineItem& b)
{
    LineItem x = a;
    LineItem y = b;
    for (auto member : {&LineItem::salePrice, &LineItem::originalPrice, &LineItem::platformDiscount,
                        &LineItem::sellerDiscount}) {
        if (!sameMoney(x.*member, y.*member))
            return false;
        x.*member = y.*member;
    }
    return x == y;
}

bool sameOrder(const Order& a, const Order& b)
{
    Order x = a;
    Order y = b;
    for (auto member :
         {&Order::subTotal, &Order::shippingFee, &Order::sellerDiscount, &Order::platformDiscount,
          &Order::totalAmount, &Order::originalTotalProductPrice, &Order::originalShippingFee, &Order::tax}) {
        if (!sameMoney(x.*member, y.*member))
            return false;
        x.*member = y.*member;
    }
    if (x.lineItems.size() != y.lineItems.size())
        return false;
    for (qsizetype i = 0; i < x.lineItems.size(); ++i) {
        if (!sameLineItem(x.lineItems[i], y.lineItems[i]))
            return false;
    }
    x.lineItems = y.lineItems;
    return x == y;
}

// A money value as mapped from `json`: the string itself, or a number's exact shortest decimal.
void checkMoney(const QJsonValue& json, const QString& mapped)
{
    if (json.isString()) {
        TTS_FUZZ_CHECK(mapped == json.toString());
    } else if (json.isDouble()) {
        bool ok = false;
        TTS_FUZZ_CHECK(mapped.toDouble(&ok) == json.toDouble() && ok);
        TTS_FUZZ_CHECK(!mapped.contains(u'e') && !mapped.contains(u'E'));
    } else {
        TTS_FUZZ_CHECK(mapped.isEmpty());
    }
}

void checkOrderMoney(const QJsonObject& json, const Order& order)
{
    const QJsonObject payment = json.value(QLatin1String("payment")).toObject();
    checkMoney(payment.value(QLatin1String("sub_total")), order.subTotal);
    checkMoney(payment.value(QLatin1String("total_amount")), order.totalAmount);
    checkMoney(payment.value(QLatin1String("shipping_fee")), order.shippingFee);
    checkMoney(payment.value(QLatin1String("tax")), order.tax);
    const QJsonArray items = json.value(QLatin1String("line_items")).toArray();
    TTS_FUZZ_CHECK(items.size() == order.lineItems.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items[i].toObject();
        checkMoney(item.value(QLatin1String("sale_price")), order.lineItems[i].salePrice);
        checkMoney(item.value(QLatin1String("original_price")), order.lineItems[i].originalPrice);
    }
}

std::optional<OrderPage> generalOrderPage(const QJsonObject& data)
{
    QString why;
    auto page = orderPageFromJson(data, &why);
    if (!page) {
        TTS_FUZZ_CHECK(!why.isEmpty());
        return page;
    }
    const QJsonArray orders = data.value(QLatin1String("orders")).toArray();
    TTS_FUZZ_CHECK(orders.size() == page->orders.size());
    for (qsizetype i = 0; i < orders.size(); ++i) {
        const Order& order = page->orders[i];
        TTS_FUZZ_CHECK(!order.id.isEmpty() && !order.status.isEmpty());
        TTS_FUZZ_CHECK(order.createTime >= 0 && order.updateTime >= 0);
        checkOrderMoney(orders[i].toObject(), order);
    }
    TTS_FUZZ_CHECK(page->totalCount >= 0);
    return page;
}

void checkProducts(const QJsonObject& data)
{
    QString why;
    const auto page = productPageFromJson(data, &why);
    if (!page) {
        TTS_FUZZ_CHECK(!why.isEmpty());
        return;
    }
    const QJsonArray products = data.value(QLatin1String("products")).toArray();
    TTS_FUZZ_CHECK(products.size() == page->products.size());
    for (qsizetype i = 0; i < products.size(); ++i) {
        const Product& product = page->products[i];
        TTS_FUZZ_CHECK(!product.id.isEmpty() && !product.status.isEmpty());
        const QJsonArray skus = products[i].toObject().value(QLatin1String("skus")).toArray();
        TTS_FUZZ_CHECK(skus.size() == product.skus.size());
        for (qsizetype s = 0; s < skus.size(); ++s) {
            const QJsonObject price = skus[s].toObject().value(QLatin1String("price")).toObject();
            checkMoney(price.value(QLatin1String("sale_price")), product.skus[s].salePrice);
        }
    }
}

void checkOthers(const QJsonObject& data)
{
    QString why;
    if (const auto shops = shopsFromJson(data, &why)) {
        for (const Shop& shop : *shops)
            TTS_FUZZ_CHECK(!shop.id.isEmpty() && !shop.cipher.isEmpty());
    } else {
        TTS_FUZZ_CHECK(!why.isEmpty());
    }
    why.clear();
    if (const auto tokens = tokensFromJsonData(data, &why)) {
        TTS_FUZZ_CHECK(tokens->isValid());
    } else {
        TTS_FUZZ_CHECK(!why.isEmpty());
        // The reason never quotes a token.
        const QString access = data.value(QLatin1String("access_token")).toString();
        TTS_FUZZ_CHECK(access.size() < 4 || !why.contains(access));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView body = fuzz::bytes(data, size);
    StringPool pool;
    const auto fast = readOrderSearchReply(body, &pool);
    const auto fastUnpooled = readOrderSearchReply(body);
    TTS_FUZZ_CHECK(fast.has_value() == fastUnpooled.has_value());
    // The UTF-8 reading of a full resync: the same rows to store, byte for byte, or nothing.
    const auto utf8 = readOrderSearchReplyUtf8(body.toByteArray());
    TTS_FUZZ_CHECK(fast.has_value() == utf8.has_value());
    if (fast) {
        TTS_FUZZ_CHECK(utf8->raw && utf8->orders.isEmpty() && utf8->size() == fast->orders.size());
        TTS_FUZZ_CHECK(utf8->nextPageToken == fast->nextPageToken && utf8->totalCount == fast->totalCount);
        TTS_FUZZ_CHECK(OrderRows(*utf8->raw) == OrderRows(fast->orders));
    }

    const EnvelopeParse envelope = parseEnvelope(body.toByteArray());
    if (!envelope.ok) {
        // Only one difference: the one-pass reader reads invalid UTF-8 (as U+FFFD) where
        // QJsonDocument refuses the whole reply.
        TTS_FUZZ_CHECK(!fast || !QUtf8StringView(body).isValidUtf8());
        return 0;
    }
    const auto general = generalOrderPage(envelope.envelope.data);
    if (fast) {
        // The one-pass reader accepts only code-0 pages that the general path maps to the same.
        TTS_FUZZ_CHECK(envelope.envelope.code == 0);
        TTS_FUZZ_CHECK(general.has_value());
        TTS_FUZZ_CHECK(fast->nextPageToken == general->nextPageToken);
        TTS_FUZZ_CHECK(fast->totalCount == general->totalCount);
        TTS_FUZZ_CHECK(fast->orders.size() == general->orders.size());
        for (qsizetype i = 0; i < fast->orders.size(); ++i) {
            TTS_FUZZ_CHECK(sameOrder(fast->orders[i], general->orders[i]));
            TTS_FUZZ_CHECK(fast->orders[i] == fastUnpooled->orders[i]);
        }
    }
    checkProducts(envelope.envelope.data);
    checkOthers(envelope.envelope.data);
    return 0;
}
