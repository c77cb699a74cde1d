#pragma once

#include "orderreader.h"
#include "ordertablequery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QSet>
#include <QSqlDatabase>
#include <QTimeZone>

#include <algorithm>

namespace tts {

class OrdersLoader;
struct OrdersReply;

// Every order under a filter, as a virtualized table: rowCount() comes from COUNT(*) and rows are
// read on demand in windows of blockSize() rows kept in a small LRU cache, so a million orders cost
// a few windows of memory.
// Synchronous on a given connection (setDatabase), or asynchronous (setDatabaseFile): an
// OrdersLoader thread counts, searches and reads the windows; the model keeps showing the previous
// rows until the new count and first rows arrive in one reset (loaded()), and rows scrolled into
// view arrive with dataChanged. A count estimated for the first paint is corrected by inserting or
// removing rows at the end when the exact one arrives. The GUI thread never runs a query.
class OrdersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        CreatedColumn,
        UpdatedColumn,
        StatusColumn,
        TotalColumn,
        ItemsColumn,
        ColumnCount
    };
    enum Role
    {
        OrderIdRole = Qt::UserRole + 1,
        ShopIdRole,
        CurrencyRole,
        AmountRole, // the exact decimal string
        SortValueRole,
    };

    explicit OrdersModel(QObject* parent = nullptr);

    ~OrdersModel() override;

    // An invalid connection makes an empty model.
    void setDatabase(const QSqlDatabase& db);
    // Reads the file on a loader thread (an empty path: an empty model).
    void setDatabaseFile(const QString& path);
    bool isAsynchronous() const { return m_loader != nullptr; }
    // True from a change of filter, sort or data until its rows are shown.
    bool isLoading() const { return m_loading; }
    // The view's first visible row: the rows a reset loads first.
    void setVisibleRow(int row) { m_visibleRow = std::max(0, row); }
    void setFilter(const OrderFilter& filter);
    const OrderFilter& filter() const { return m_filter; }
    OrderSort sortOrder() const { return m_sort; }
    void setTimeZone(const QTimeZone& zone);
    void setLocale(const QLocale& locale);

    // Counts again and forgets the cached rows (after a sync); loaded() reports where `keepOrderId`
    // is now (rowOfOrder in the synchronous mode).
    void refresh(const QString& keepOrderId = {});

    QString orderId(int row) const;
    // The row of an order under the current filter and sort, or -1; one indexed query.
    int rowOfOrder(const QString& orderId) const;

    QString lastError() const { return m_lastError; }
    int blockSize() const { return m_blockSize; }
    void setBlockSize(int rows);
    int cachedBlockCount() const { return int(m_blocks.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void queryFailed(const QString& message);
    void loadingChanged(bool loading);
    // A filter, sort or refresh has been applied; `keptRow` is the row of refresh()'s order or -1.
    void loaded(int keptRow, qint64 elapsedMs);

private:
    using Row = OrderRow;
    struct Block
    {
        QList<Row> rows;
        quint64 lastUse = 0;
    };

    const Row* rowAt(int row) const;
    void loadBlock(int block) const;
    void recount();
    void request(bool refilter, const QString& locateId = {});
    void onReply(const OrdersReply& reply);
    void setLoading(bool loading);
    void setRowCount(int count);
    void insertBlock(int block, QList<Row> rows) const;
    QString formatTime(qint64 secs) const;
    void fail(const QString& message) const;

    QSqlDatabase m_db;
    mutable OrderReader m_reader;
    OrdersLoader* m_loader = nullptr;
    quint64 m_generation = 0;
    quint64 m_appliedGeneration = 0;
    OrderSort m_appliedSort;
    OrderSort m_requestedSort;
    bool m_loading = false;
    int m_visibleRow = 0;
    mutable QSet<int> m_pending;
    OrderFilter m_filter;
    OrderSort m_sort;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QLocale m_locale;
    int m_rowCount = 0;
    int m_blockSize = 200;
    int m_maxBlocks = 48;
    mutable QHash<int, Block> m_blocks;
    mutable quint64 m_useCounter = 0;
    mutable QString m_lastError;
};

} // namespace tts
