#include "productsmodel.h"

#include "analytics/money.h"
#include "orders/orderstatus.h"

#include <QCollator>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringBuilder>

#include <algorithm>

namespace tts {

qint64 ProductRow::revenueSortKey() const
{
    qint64 best = 0;
    for (qint64 value : revenueMinor)
        best = std::max(best, value);
    return best;
}

bool loadProducts(const QSqlDatabase& db, const QString& shopId, QList<ProductRow>* rows, QString* error)
{
    rows->clear();
    const QString shopTerm = shopId.isEmpty() ? QString() : QStringLiteral(" WHERE p.shop_id = ?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    auto fail = [&] {
        *error = q.lastError().text();
        rows->clear();
        return false;
    };
    if (!q.prepare(QStringLiteral("SELECT p.id, p.shop_id, p.title, p.status FROM products p") % shopTerm))
        return fail();
    if (!shopId.isEmpty())
        q.addBindValue(shopId);
    if (!q.exec())
        return fail();
    QHash<QString, qsizetype> byId;
    while (q.next()) {
        ProductRow row;
        row.id = q.value(0).toString();
        row.shopId = q.value(1).toString();
        row.title = q.value(2).toString();
        row.status = q.value(3).toString();
        byId.insert(row.id, rows->size());
        rows->append(std::move(row));
    }
    if (!q.prepare(QStringLiteral("SELECT s.product_id, s.id, s.seller_sku, s.currency, s.sale_price_minor, "
                                  "s.inventory FROM product_skus s JOIN products p ON p.id = s.product_id") %
                   shopTerm % QStringLiteral(" ORDER BY s.product_id, s.seller_sku")))
        return fail();
    if (!shopId.isEmpty())
        q.addBindValue(shopId);
    if (!q.exec())
        return fail();
    while (q.next()) {
        const auto it = byId.constFind(q.value(0).toString());
        if (it == byId.constEnd())
            continue;
        ProductRow& row = (*rows)[*it];
        row.skuIds << q.value(1).toString();
        if (!q.value(2).toString().isEmpty())
            row.sellerSkus << q.value(2).toString();
        if (row.currency.isEmpty())
            row.currency = q.value(3).toString();
        if (!q.value(4).isNull()) {
            const qint64 price = q.value(4).toLongLong();
            row.minPriceMinor = row.minPriceMinor < 0 ? price : std::min(row.minPriceMinor, price);
            row.maxPriceMinor = std::max(row.maxPriceMinor, price);
        }
        row.inventory += q.value(5).toLongLong();
    }
    // Sales: one pass over the line items (the table itself: every row is read), without the orders
    // that are not sales (sought by status on orders_sort_status, the shop checked there).
    const QString liShop = shopId.isEmpty() ? QString() : QStringLiteral("+li.shop_id = ? AND ");
    const QString oShop = shopId.isEmpty() ? QString() : QStringLiteral("+shop_id = ? AND ");
    if (!q.prepare(QStringLiteral("SELECT li.product_id, li.currency, COUNT(*), SUM(li.sale_price_minor) "
                                  "FROM line_items li WHERE ") %
                   liShop % QStringLiteral("li.order_id NOT IN (SELECT id FROM orders WHERE ") % oShop %
                   QStringLiteral("status IN ('UNPAID', 'CANCELLED')) GROUP BY li.product_id, li.currency")))
        return fail();
    if (!shopId.isEmpty()) {
        q.addBindValue(shopId);
        q.addBindValue(shopId);
    }
    if (!q.exec())
        return fail();
    while (q.next()) {
        const auto it = byId.constFind(q.value(0).toString());
        if (it == byId.constEnd())
            continue; // sold but no longer in the catalog
        ProductRow& row = (*rows)[*it];
        row.units += q.value(2).toLongLong();
        row.revenueMinor[q.value(1).toString()] += q.value(3).toLongLong();
    }
    return true;
}

ProductsModel::ProductsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProductsModel::setProducts(QList<ProductRow> products)
{
    beginResetModel();
    m_all = std::move(products);
    rebuild();
    endResetModel();
}

void ProductsModel::setSearch(const QString& text)
{
    if (text.trimmed() == m_search)
        return;
    beginResetModel();
    m_search = text.trimmed();
    rebuild();
    endResetModel();
}

void ProductsModel::setLocale(const QLocale& locale)
{
    m_locale = locale;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ProductsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    beginResetModel();
    m_sortColumn = column;
    m_sortOrder = order;
    rebuild();
    endResetModel();
}

void ProductsModel::rebuild()
{
    m_rows.clear();
    for (int i = 0; i < m_all.size(); ++i) {
        const ProductRow& p = m_all.at(i);
        bool hit = m_search.isEmpty() || p.title.contains(m_search, Qt::CaseInsensitive) ||
                   p.skuIds.contains(m_search) || p.id == m_search;
        for (const QString& sku : p.sellerSkus)
            hit = hit || sku.contains(m_search, Qt::CaseInsensitive);
        if (hit)
            m_rows << i;
    }
    QCollator collator(m_locale);
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    auto compare = [&](const ProductRow& a, const ProductRow& b) -> int {
        switch (m_sortColumn) {
        case StatusColumn:
            return collator.compare(a.status, b.status);
        case SkusColumn:
            return int(a.skuIds.size() - b.skuIds.size());
        case PriceColumn:
            return a.minPriceMinor < b.minPriceMinor ? -1 : a.minPriceMinor > b.minPriceMinor ? 1 : 0;
        case InventoryColumn:
            return a.inventory < b.inventory ? -1 : a.inventory > b.inventory ? 1 : 0;
        case UnitsColumn:
            return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
        case RevenueColumn:
            return a.revenueSortKey() < b.revenueSortKey()   ? -1
                   : a.revenueSortKey() > b.revenueSortKey() ? 1
                                                             : 0;
        default:
            return collator.compare(a.title, b.title);
        }
    };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
        int c = compare(m_all.at(a), m_all.at(b));
        if (c == 0) // a stable, visible tie-break: the title, then the id
            c = collator.compare(m_all.at(a).title, m_all.at(b).title);
        if (c == 0)
            c = m_all.at(a).id.compare(m_all.at(b).id);
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    });
}

const ProductRow* ProductsModel::product(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_all.at(m_rows.at(row));
}

int ProductsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProductsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProductsModel::priceText(const ProductRow& p) const
{
    if (p.minPriceMinor < 0)
        return {};
    const QString low = formatMoney(p.minPriceMinor, p.currency, m_locale);
    if (p.maxPriceMinor == p.minPriceMinor)
        return low;
    return low % QStringLiteral(" – ") % formatMoney(p.maxPriceMinor, p.currency, m_locale);
}

QString ProductsModel::revenueText(const ProductRow& p) const
{
    QStringList parts;
    for (auto it = p.revenueMinor.cbegin(); it != p.revenueMinor.cend(); ++it)
        parts << formatMoney(it.value(), it.key(), m_locale);
    return parts.join(QStringLiteral(" · "));
}

QVariant ProductsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProductRow* p = product(index.row());
    if (!p)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return p->title.isEmpty() ? p->id : p->title;
        case StatusColumn:
            return OrderStatus::productLabel(p->status);
        case SkusColumn:
            return p->sellerSkus.isEmpty()     ? m_locale.toString(p->skuIds.size())
                   : p->sellerSkus.size() == 1 ? p->sellerSkus.constFirst()
                                               : tr("%1 SKUs").arg(m_locale.toString(p->sellerSkus.size()));
        case PriceColumn:
            return priceText(*p);
        case InventoryColumn:
            return m_locale.toString(p->inventory);
        case UnitsColumn:
            return m_locale.toString(p->units);
        case RevenueColumn:
            return revenueText(*p);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == TitleColumn)
            return p->title;
        if (column == SkusColumn)
            return p->sellerSkus.join(u'\n');
        return {};
    case Qt::TextAlignmentRole:
        if (column >= PriceColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case ProductIdRole:
        return p->id;
    case SortValueRole:
        switch (column) {
        case StatusColumn:
            return p->status;
        case SkusColumn:
            return int(p->skuIds.size());
        case PriceColumn:
            return p->minPriceMinor;
        case InventoryColumn:
            return p->inventory;
        case UnitsColumn:
            return p->units;
        case RevenueColumn:
            return p->revenueSortKey();
        default:
            return p->title;
        }
    default:
        return {};
    }
}

QVariant ProductsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((section >= PriceColumn ? Qt::AlignRight : Qt::AlignLeft) |
                                   Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Product");
    case StatusColumn:
        return tr("Status");
    case SkusColumn:
        return tr("SKUs");
    case PriceColumn:
        return tr("Price");
    case InventoryColumn:
        return tr("Inventory");
    case UnitsColumn:
        return tr("Units sold");
    case RevenueColumn:
        return tr("Revenue");
    default:
        return {};
    }
}

} // namespace tts
