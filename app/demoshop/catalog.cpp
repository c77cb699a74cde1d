#include "catalog.h"

#include "demorandom.h"
#include "jsonwriter.h"

#include <algorithm>
#include <cmath>

namespace tts::demo {

namespace {

const QList<RegionInfo>& regions()
{
    static const QList<RegionInfo> list{
        {"US", "USD", 100, 1, true, {"USPS", "UPS", "FedEx"}, "(+1)", "United States"},
        {"GB", "GBP", 80, 1, false, {"Royal Mail", "Evri", "DPD"}, "(+44)", "United Kingdom"},
        {"DE", "EUR", 95, 1, false, {"DHL", "Hermes", "DPD"}, "(+49)", "Germany"},
        {"FR", "EUR", 95, 1, false, {"Colissimo", "Chronopost", "DPD"}, "(+33)", "France"},
        {"IT", "EUR", 95, 1, false, {"Poste Italiane", "BRT", "GLS"}, "(+39)", "Italy"},
        {"ES", "EUR", 95, 1, false, {"Correos", "SEUR", "GLS"}, "(+34)", "Spain"},
        {"IE", "EUR", 95, 1, false, {"An Post", "DPD"}, "(+353)", "Ireland"},
        {"MX", "MXN", 1800, 100, false, {"Estafeta", "J&T Express"}, "(+52)", "Mexico"},
        {"SG", "SGD", 135, 1, false, {"Ninja Van", "J&T Express"}, "(+65)", "Singapore"},
        {"MY", "MYR", 470, 1, false, {"J&T Express", "Pos Laju"}, "(+60)", "Malaysia"},
        {"TH", "THB", 3500, 100, false, {"Kerry Express", "Flash Express"}, "(+66)", "Thailand"},
        {"PH", "PHP", 5600, 100, false, {"J&T Express", "LBC"}, "(+63)", "Philippines"},
        {"VN", "VND", 2500000, 100000, false, {"GHN", "J&T Express"}, "(+84)", "Vietnam"},
        {"ID", "IDR", 1500000, 10000, false, {"J&T Express", "SiCepat"}, "(+62)", "Indonesia"},
    };
    return list;
}

const char* const kAdjectives[] = {"Bamboo",    "Organic",  "Wireless", "Vintage", "Compact",      "Premium",
                                   "Handmade",  "Portable", "Ceramic",  "Linen",   "Smart",        "Cozy",
                                   "Stainless", "Herbal",   "Mini",     "Classic", "Rechargeable", "Velvet"};
const char* const kNouns[] = {"Cutting Board",       "Face Serum",    "Earbuds",      "Tote Bag",
                              "Desk Lamp",           "Yoga Mat",      "Water Bottle", "Phone Case",
                              "Crème Brûlée Candle", "Throw Blanket", "Lip Tint",     "Hair Clip Set",
                              "Coffee Mug",          "Backpack",      "Sunglasses",   "Plant Pot",
                              "Tea Sampler",         "Sketchbook",    "Dog Leash",    "Night Light"};
const char* const kVariants[] = {"Black", "White", "Sage", "Rose", "Sand", "Navy", "Small", "Large"};

} // namespace

const RegionInfo& regionInfo(const QString& region)
{
    for (const RegionInfo& info : regions()) {
        if (QLatin1String(info.region) == region)
            return info;
    }
    return regions().front();
}

Catalog::Catalog(const ShopSpec& spec, int shopNo, quint64 seed, qint64 historyStart, qint64 historyEnd)
    : m_region(&regionInfo(spec.region))
{
    Rng rng(mixKey(seed, 0xCA7A106ull, quint64(shopNo)));
    const int warehouses = 1 + int(rng.below(2));
    for (int w = 0; w < warehouses; ++w)
        m_warehouses.append(QByteArray::number(7300000000000000000ll + shopNo * 1000 + w));

    const int count = std::max(1, spec.products);
    m_products.reserve(count);
    const qint64 productBase = 1729300000000000000ll + qint64(shopNo) * 10000000000ll;
    for (int i = 0; i < count; ++i) {
        CatalogProduct product;
        product.id = QByteArray::number(productBase + qint64(i) * 1000 + qint64(rng.below(1000)));
        const char* adjective = kAdjectives[rng.below(std::size(kAdjectives))];
        const char* noun = kNouns[rng.below(std::size(kNouns))];
        product.title = QByteArray(adjective) + ' ' + noun;
        if (i >= int(std::size(kNouns)))
            product.title += " No. " + QByteArray::number(i + 1);
        // Most listings are live; a few are drafts or deactivated.
        const int statusRoll = int(rng.below(100));
        product.status = statusRoll < 86   ? "ACTIVATE"
                         : statusRoll < 92 ? "SELLER_DEACTIVATED"
                         : statusRoll < 96 ? "DRAFT"
                                           : "PLATFORM_DEACTIVATED";
        // The catalog exists before the first order; products are listed over the first months.
        const qint64 listedFrom = historyStart - 30 * 86400;
        const qint64 span = std::max<qint64>(86400, (historyEnd - historyStart) / 3);
        product.createTime = listedFrom + rng.range(0, span);
        product.updateTime = std::min(historyEnd, product.createTime + rng.range(0, 200 * 86400));
        const qint64 basePrice = 299 + rng.range(0, 9700); // 2.99 .. 99.99 in USD-like cents
        const int skuCount = 1 + int(rng.below(3));
        for (int s = 0; s < skuCount; ++s) {
            CatalogSku sku;
            sku.id = QByteArray::number(productBase + 5000000000ll + qint64(i) * 100 + s);
            sku.sellerSku = "SKU-" + QByteArray::number(shopNo) + '-' + QByteArray::number(i + 1) + '-' +
                            QByteArray::number(s + 1);
            sku.name = skuCount == 1 ? QByteArray("Default") : QByteArray(kVariants[(i + s) % 8]);
            sku.image =
                "https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/demo" + sku.id + "~tplv.jpeg";
            qint64 price = (basePrice + s * 200) * m_region->priceFactorPercent / 100;
            price = std::max(m_region->roundMinor, price / m_region->roundMinor * m_region->roundMinor);
            if (m_region->roundMinor == 1 && price % 100 == 0)
                price -= 1; // .99 pricing
            sku.priceMinor = price;
            sku.inventory = int(rng.below(500));
            sku.lineItemFields = "\"product_id\":\"" + product.id + "\",\"product_name\":\"" + product.title +
                                 "\",\"sku_id\":\"" + sku.id + "\",\"sku_name\":\"" + sku.name +
                                 "\",\"sku_image\":\"" + sku.image + "\",\"seller_sku\":\"" + sku.sellerSku +
                                 '"';
            product.skus.push_back(sku);
        }
        m_products.push_back(std::move(product));
    }

    // Zipf-like popularity (s = 1.1) so that "top products" stand out, then shuffled so that the
    // best seller is not always the first product.
    std::vector<int> rank(count);
    for (int i = 0; i < count; ++i)
        rank[i] = i;
    for (int i = count - 1; i > 0; --i)
        std::swap(rank[i], rank[rng.below(quint64(i) + 1)]);
    m_popularity.resize(count);
    quint64 total = 0;
    for (int i = 0; i < count; ++i) {
        total += quint64(1e6 / std::pow(double(rank[i] + 1), 1.1)) + 1;
        m_popularity[i] = total;
    }
}

int Catalog::pickProduct(quint64 random) const
{
    const quint64 target = random % m_popularity.back();
    return int(std::upper_bound(m_popularity.begin(), m_popularity.end(), target) - m_popularity.begin());
}

void Catalog::writeProduct(QByteArray& out, const CatalogProduct& product) const
{
    using namespace json;
    raw(out, "{\"id\":\"");
    raw(out, product.id);
    raw(out, "\",\"title\":\"");
    raw(out, product.title);
    raw(out, "\",\"status\":\"");
    raw(out, product.status);
    raw(out, "\",\"create_time\":");
    num(out, product.createTime);
    raw(out, ",\"update_time\":");
    num(out, product.updateTime);
    raw(out, ",\"sales_regions\":[\"");
    raw(out, m_region->region);
    raw(out, "\"],\"skus\":[");
    for (size_t s = 0; s < product.skus.size(); ++s) {
        const CatalogSku& sku = product.skus[s];
        if (s)
            out.append(',');
        raw(out, "{\"id\":\"");
        raw(out, sku.id);
        raw(out, "\",\"seller_sku\":\"");
        raw(out, sku.sellerSku);
        raw(out, "\",\"price\":{\"currency\":\"");
        raw(out, m_region->currency);
        raw(out, "\",\"sale_price\":");
        money(out, sku.priceMinor);
        raw(out, ",\"tax_exclusive_price\":");
        money(out, sku.priceMinor);
        raw(out, "},\"inventory\":[{\"warehouse_id\":\"");
        raw(out, m_warehouses.front());
        raw(out, "\",\"quantity\":");
        num(out, sku.inventory);
        raw(out, "}]}");
    }
    raw(out, "]}");
}

} // namespace tts::demo
