#include "lineitemsmodel.h"

#include "money/moneyformat.h"

namespace tts {

LineItemsModel::LineItemsModel(QObject* parent) : QAbstractTableModel(parent) {}

void LineItemsModel::setItems(const QList<LineItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

void LineItemsModel::setLocale(const QLocale& locale)
{
    m_locale = locale;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int LineItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int LineItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LineItemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LineItem& item = m_items.at(index.row());
    const bool money = index.column() == PriceColumn || index.column() == OriginalPriceColumn;
    switch (role) {
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((money ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == ProductColumn)
            return tr("Product %1").arg(item.productId);
        if (index.column() == SkuColumn)
            return tr("SKU %1").arg(item.skuId);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProductColumn:
            return item.productName;
        case SkuColumn:
            return item.skuName.isEmpty() ? item.skuId : item.skuName;
        case SellerSkuColumn:
            return item.sellerSku;
        case PriceColumn:
            return formatMoney(item.salePrice, item.currency, m_locale);
        case OriginalPriceColumn:
            return formatMoney(item.originalPrice, item.currency, m_locale);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant LineItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool money = section == PriceColumn || section == OriginalPriceColumn;
        return QVariant::fromValue((money ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProductColumn:
        return tr("Product");
    case SkuColumn:
        return tr("Variant");
    case SellerSkuColumn:
        return tr("Seller SKU");
    case PriceColumn:
        return tr("Price");
    case OriginalPriceColumn:
        return tr("Original price");
    default:
        return {};
    }
}

} // namespace tts
