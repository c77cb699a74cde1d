#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace tts {

// One product of the catalog with its SKUs and what its orders sold (units = line items of orders
// that are neither unpaid nor cancelled; revenue per currency, never summed across currencies).
struct ProductRow
{
    QString id;
    QString shopId;
    QString title;
    QString status;
    QStringList sellerSkus;
    QStringList skuIds;
    QString currency;          // of the SKU prices
    qint64 minPriceMinor = -1; // -1: no price
    qint64 maxPriceMinor = -1;
    qint64 inventory = 0;
    qint64 units = 0;
    QMap<QString, qint64> revenueMinor; // currency -> hundredths
    qint64 revenueSortKey() const;
};

// Reads every product with its SKUs and sales; one scan of the line items. Run it off the GUI thread
// (ProductsPage does, on its own connection). An empty shopId: every shop.
bool loadProducts(const QSqlDatabase& db, const QString& shopId, QList<ProductRow>* rows, QString* error);

// The Products page's table: the catalog in memory (thousands of rows at most), searchable by title,
// seller SKU or SKU id, sortable by every column. The view paints only the visible rows.
class ProductsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        StatusColumn,
        SkusColumn,
        PriceColumn,
        InventoryColumn,
        UnitsColumn,
        RevenueColumn,
        ColumnCount
    };
    enum Role
    {
        ProductIdRole = Qt::UserRole + 1,
        SortValueRole,
    };

    explicit ProductsModel(QObject* parent = nullptr);

    void setProducts(QList<ProductRow> products);
    int totalCount() const { return int(m_all.size()); }
    void setSearch(const QString& text);
    QString search() const { return m_search; }
    void setLocale(const QLocale& locale);
    const ProductRow* product(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void rebuild();
    QString priceText(const ProductRow& p) const;
    QString revenueText(const ProductRow& p) const;

    QList<ProductRow> m_all;
    QList<int> m_rows; // indexes into m_all, filtered and sorted
    QString m_search;
    int m_sortColumn = UnitsColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QLocale m_locale;
};

} // namespace tts
