#pragma once

#include "api/models.h"

#include <QAbstractTableModel>
#include <QLocale>

namespace tts {

// The line items of one order (one line per unit sold: the API has no quantity field).
class LineItemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ProductColumn,
        SkuColumn,
        SellerSkuColumn,
        PriceColumn,
        OriginalPriceColumn,
        ColumnCount
    };

    explicit LineItemsModel(QObject* parent = nullptr);

    void setItems(const QList<LineItem>& items);
    const QList<LineItem>& items() const { return m_items; }
    void setLocale(const QLocale& locale);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LineItem> m_items;
    QLocale m_locale;
};

} // namespace tts
