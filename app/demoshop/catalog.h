#pragma once

// The generated product catalog of one demo shop and the per-region constants (currency, price
// scale, carriers) that orders are built from.

#include "emulator.h"

#include <QByteArray>
#include <QList>

#include <vector>

namespace tts::demo {

struct RegionInfo
{
    QByteArray region;
    QByteArray currency;
    int priceFactorPercent; // catalog prices are USD-like cents scaled by this
    qint64 roundMinor;      // prices rounded to a multiple of this (100: whole units)
    bool salesTax;          // US: tax on top of sub_total; elsewhere VAT is included ("0")
    QList<QByteArray> carriers;
    QByteArray phonePrefix;
    QByteArray countryName;
};

const RegionInfo& regionInfo(const QString& region);

struct CatalogSku
{
    QByteArray id;
    QByteArray sellerSku; // escaped-safe ASCII
    QByteArray name;      // JSON-escaped, without quotes
    QByteArray image;
    qint64 priceMinor = 0;
    int inventory = 0;
    // The line item fields that only depend on the SKU, pre-serialized:
    // "product_id":..,"product_name":..,"sku_id":..,"sku_name":..,"sku_image":..,"seller_sku":..
    QByteArray lineItemFields;
};

struct CatalogProduct
{
    QByteArray id;
    QByteArray title; // JSON-escaped, without quotes
    QByteArray status;
    qint64 createTime = 0;
    qint64 updateTime = 0;
    std::vector<CatalogSku> skus;
};

class Catalog
{
public:
    Catalog(const ShopSpec& spec, int shopNo, quint64 seed, qint64 historyStart, qint64 historyEnd);

    const RegionInfo& region() const { return *m_region; }
    const std::vector<CatalogProduct>& products() const { return m_products; }
    std::vector<CatalogProduct>& products() { return m_products; }
    // Index of a product with a skewed (Zipf-like) popularity, from a uniform random value.
    int pickProduct(quint64 random) const;
    const QByteArray& warehouseId(int which) const { return m_warehouses[which % m_warehouses.size()]; }
    qsizetype warehouseCount() const { return m_warehouses.size(); }

    // The product JSON object of the product search.
    void writeProduct(QByteArray& out, const CatalogProduct& product) const;

private:
    const RegionInfo* m_region;
    std::vector<CatalogProduct> m_products;
    std::vector<quint64> m_popularity; // cumulative weights
    QList<QByteArray> m_warehouses;
};

} // namespace tts::demo
