// The 202309 order object, written directly as JSON bytes from the compact state and the order's
// hash (see orderstore.h). Money is computed in integer minor units and satisfies the documented
// relations: sub_total = original_total_product_price - seller_discount - platform_discount and
// total_amount = sub_total + shipping_fee + tax.

#include "demorandom.h"
#include "jsonwriter.h"
#include "orderstore.h"

#include <array>

namespace tts::demo {

using namespace json;

namespace {

constexpr const char* kPaymentMethods[] = {"Visa",   "Mastercard", "PayPal", "Apple Pay", "American Express",
                                           "Klarna", "Google Pay"};
constexpr const char* kFirstInitials = "ABCDEHJKLMNRST";
constexpr const char* kBuyerCancelReasons[] = {"Buyer changed mind", "Found a better price elsewhere",
                                               "Need to change shipping address", "Delivery takes too long"};

const char* packageStatus(Status status)
{
    switch (status) {
    case Status::Unpaid:
    case Status::OnHold:
    case Status::AwaitingShipment:
        return "TO_FULFILL";
    case Status::PartiallyShipping:
    case Status::AwaitingCollection:
        return "PROCESSING";
    case Status::InTransit:
        return "FULFILLING";
    case Status::Delivered:
    case Status::Completed:
        return "COMPLETED";
    case Status::Cancelled:
        return "CANCELLED";
    }
    return "";
}

bool isShipped(Status status)
{
    return status == Status::AwaitingCollection || status == Status::InTransit ||
           status == Status::Delivered || status == Status::Completed;
}

qint64 roundDown(qint64 value, qint64 step)
{
    return value / step * step;
}

} // namespace

QByteArray OrderStore::orderId(quint32 index) const
{
    return QByteArray::number(m_idBase + qint64(index) * 1000 + qint64(hashOf(index) % 1000));
}

std::optional<quint32> OrderStore::indexOf(QByteArrayView id) const
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    if (!ok || id.size() != 18 || value < m_idBase)
        return std::nullopt;
    const qint64 rest = value - m_idBase;
    const qint64 index = rest / 1000;
    if (index >= qint64(m_orders.size()) || qint64(hashOf(quint32(index)) % 1000) != rest % 1000)
        return std::nullopt;
    return quint32(index);
}

void OrderStore::writeOrder(QByteArray& out, quint32 index) const
{
    const OrderRec& rec = m_orders[index];
    const quint64 hash = hashOf(index);
    const RegionInfo& region = m_catalog.region();
    Rng rng(hash);
    const qint64 orderNumber = m_idBase + qint64(index) * 1000 + qint64(hash % 1000);
    const QByteArray status = statusName(rec.status);
    const bool cancelled = rec.status == Status::Cancelled;
    const bool shipped = isShipped(rec.status);

    // Line items: one per unit; 1-3 distinct SKUs, the same SKU repeated for its quantity.
    const int units = itemCount(hash);
    const int distinct = units == 1 ? 1 : 1 + int(rng.below(quint64(std::min(units, 3))));
    struct Pick
    {
        int product;
        int sku;
    };
    std::array<Pick, 5> picks{};
    for (int i = 0; i < distinct; ++i) {
        const int product = m_catalog.pickProduct(rng.next());
        picks[size_t(i)] = {product, int(rng.below(m_catalog.products()[size_t(product)].skus.size()))};
    }
    std::array<int, 5> itemPick{};
    for (int u = 0; u < units; ++u)
        itemPick[size_t(u)] = u < distinct ? u : int(rng.below(quint64(distinct)));
    const int sellerPct = rng.chance(250) ? int(rng.range(5, 20)) : 0;
    const int platformPct = rng.chance(100) ? int(rng.range(3, 10)) : 0;

    qint64 original = 0;
    qint64 sellerDiscount = 0;
    qint64 platformDiscount = 0;
    std::array<qint64, 5> unitSeller{};
    std::array<qint64, 5> unitPlatform{};
    for (int u = 0; u < units; ++u) {
        const Pick& pick = picks[size_t(itemPick[size_t(u)])];
        const qint64 price = m_catalog.products()[size_t(pick.product)].skus[size_t(pick.sku)].priceMinor;
        unitSeller[size_t(u)] = roundDown(price * sellerPct / 100, region.roundMinor);
        unitPlatform[size_t(u)] = roundDown(price * platformPct / 100, region.roundMinor);
        original += price;
        sellerDiscount += unitSeller[size_t(u)];
        platformDiscount += unitPlatform[size_t(u)];
    }
    const qint64 subTotal = original - sellerDiscount - platformDiscount;
    const qint64 freeShippingFrom = 3500 * region.priceFactorPercent / 100;
    const qint64 originalShipping = original >= freeShippingFrom
                                        ? 0
                                        : roundDown(599 * region.priceFactorPercent / 100, region.roundMinor);
    const qint64 shippingFee = rng.chance(300) ? 0 : originalShipping; // platform-funded free shipping
    const qint64 taxBasisPoints = region.salesTax ? rng.range(400, 1025) : 0;
    const qint64 tax = (subTotal * taxBasisPoints + 5000) / 10000;
    const qint64 total = subTotal + shippingFee + tax;

    raw(out, "{\"id\":\"");
    num(out, orderNumber);
    raw(out, "\",\"status\":\"");
    raw(out, status);
    raw(out, "\",\"create_time\":");
    num(out, rec.create);
    raw(out, ",\"update_time\":");
    num(out, rec.update);
    if (rec.paid) {
        raw(out, ",\"paid_time\":");
        num(out, rec.paid);
    }
    if (cancelled && rec.end) {
        raw(out, ",\"cancel_time\":");
        num(out, rec.end);
        if (rec.paid == 0) {
            raw(out, ",\"cancel_reason\":\"Payment overdue\",\"cancellation_initiator\":\"SYSTEM\"");
        } else {
            raw(out, ",\"cancel_reason\":\"");
            raw(out, QByteArrayView(kBuyerCancelReasons[hash % 4]));
            raw(out, "\",\"cancellation_initiator\":\"BUYER\"");
        }
    }
    if ((rec.status == Status::Delivered || rec.status == Status::Completed) && rec.end) {
        raw(out, ",\"delivery_time\":");
        num(out, rec.end);
    }
    raw(out, ",\"user_id\":\"");
    num(out, 7494000000000000000ll + qint64((hash >> 20) % 1000000000000000ll));
    raw(out, "\",\"buyer_email\":\"");
    out.append(char('a' + (hash >> 3) % 26));
    raw(out, "***");
    num(out, qint64((hash >> 12) % 100));
    raw(out, "@scs.tiktokw.us\",\"buyer_message\":\"");
    if (hash % 31 == 0)
        raw(out, "Please leave at the door, thank you!");
    else if (hash % 37 == 0) // escapes as a server may write them: a quote, a new line, an emoji
        raw(out, "A gift for my mum \\ud83c\\udf81 \\\"handle with care\\\"\\nThank you");
    const bool sellerShipping = (hash >> 40) % 8 == 0;
    raw(out, sellerShipping ? QByteArrayView("\",\"shipping_type\":\"SELLER\"")
                            : QByteArrayView("\",\"shipping_type\":\"TIKTOK\""));
    raw(out, (hash >> 44) % 5 == 0 ? QByteArrayView(",\"delivery_option_name\":\"Express shipping\"")
                                   : QByteArrayView(",\"delivery_option_name\":\"Standard shipping\""));
    if (shipped) {
        const QByteArray& carrier =
            region.carriers[qsizetype((hash >> 24) % quint64(region.carriers.size()))];
        raw(out, ",\"shipping_provider\":\"");
        raw(out, carrier);
        raw(out, "\",\"tracking_number\":\"9400");
        num(out, 1000000000000000ll + qint64((hash >> 4) % 9000000000000000ll));
        out.append('"');
    }
    raw(out, ",\"warehouse_id\":\"");
    raw(out, m_catalog.warehouseId(int(hash % 7)));
    raw(out, "\",\"payment_method_name\":\"");
    raw(out, QByteArrayView(kPaymentMethods[(hash >> 28) % 7]));
    raw(out, "\",\"is_cod\":false,\"is_sample_order\":");
    boolean(out, (hash >> 32) % 100 == 0);
    raw(out, ",\"is_replacement_order\":");
    boolean(out, (hash >> 36) % 200 == 0);
    raw(out, ",\"seller_note\":\"");
    if ((hash >> 48) % 20 == 0)
        raw(out, "Gift wrap requested");
    raw(out, "\",\"payment\":{\"currency\":\"");
    raw(out, region.currency);
    raw(out, "\",\"sub_total\":");
    money(out, subTotal);
    raw(out, ",\"shipping_fee\":");
    money(out, shippingFee);
    raw(out, ",\"seller_discount\":");
    money(out, sellerDiscount);
    raw(out, ",\"platform_discount\":");
    money(out, platformDiscount);
    raw(out, ",\"total_amount\":");
    money(out, total);
    raw(out, ",\"original_total_product_price\":");
    money(out, original);
    raw(out, ",\"original_shipping_fee\":");
    money(out, originalShipping);
    raw(out, ",\"tax\":");
    money(out, tax);
    out.append('}');

    if (rec.status != Status::Unpaid && rec.status != Status::OnHold && rec.paid) {
        const char first = kFirstInitials[(hash >> 52) % 14];
        const char last = kFirstInitials[(hash >> 56) % 14];
        raw(out, ",\"recipient_address\":{\"name\":\"");
        out.append(first);
        raw(out, "*** ");
        out.append(last);
        raw(out, "***\",\"phone_number\":\"");
        raw(out, region.phonePrefix);
        num(out, 200 + qint64((hash >> 14) % 700));
        raw(out, "*****");
        num(out, 10 + qint64((hash >> 18) % 90));
        raw(out, "\",\"postal_code\":\"");
        num(out, 10000 + qint64((hash >> 22) % 89999));
        raw(out, "\",\"region_code\":\"");
        raw(out, region.region);
        raw(out, "\",\"full_address\":\"***\",\"address_detail\":\"***\",\"district_info\":["
                 "{\"address_level_name\":\"country\",\"address_name\":\"");
        raw(out, region.countryName);
        raw(out, "\",\"address_level\":\"L0\"}]}");
    }

    raw(out, ",\"line_items\":[");
    const qint64 lineBase = 577000000000000000ll + qint64(m_shopNo) * 1000000000000000ll + qint64(index) * 8;
    for (int u = 0; u < units; ++u) {
        const Pick& pick = picks[size_t(itemPick[size_t(u)])];
        const CatalogProduct& product = m_catalog.products()[size_t(pick.product)];
        const CatalogSku& sku = product.skus[size_t(pick.sku)];
        if (u)
            out.append(',');
        raw(out, "{\"id\":\"");
        num(out, lineBase + u);
        raw(out, "\",");
        raw(out, sku.lineItemFields);
        raw(out, ",\"sale_price\":");
        money(out, sku.priceMinor - unitSeller[size_t(u)] - unitPlatform[size_t(u)]);
        raw(out, ",\"original_price\":");
        money(out, sku.priceMinor);
        raw(out, ",\"platform_discount\":");
        money(out, unitPlatform[size_t(u)]);
        raw(out, ",\"seller_discount\":");
        money(out, unitSeller[size_t(u)]);
        raw(out, ",\"currency\":\"");
        raw(out, region.currency);
        raw(out, "\",\"display_status\":\"");
        raw(out, status);
        if (shipped) {
            raw(out, "\",\"package_id\":\"");
            num(out, 578000000000000000ll + qint64(m_shopNo) * 1000000000000000ll + qint64(index) * 2);
        }
        raw(out, "\",\"package_status\":\"");
        raw(out, QByteArrayView(packageStatus(rec.status)));
        raw(out, "\",\"is_gift\":false,\"cancel_reason\":\"");
        if (cancelled)
            raw(out, rec.paid ? QByteArrayView("Cancelled by buyer") : QByteArrayView("Payment overdue"));
        raw(out, "\"}");
    }
    raw(out, "]}");
}

} // namespace tts::demo
