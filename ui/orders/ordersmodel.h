#pragma once

#include "ordertablequery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QSqlDatabase>
#include <QTimeZone>

namespace tts {

// Every order under a filter, as a virtualized table: rowCount() comes from COUNT(*) and rows are
// read on demand in windows of blockSize() rows kept in a small LRU cache, so a million orders cost
// a few windows of memory. Reads through the GUI's own read-only connection.
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

    // An invalid connection makes an empty model.
    void setDatabase(const QSqlDatabase& db);
    void setFilter(const OrderFilter& filter);
    const OrderFilter& filter() const { return m_filter; }
    OrderSort sortOrder() const { return m_sort; }
    void setTimeZone(const QTimeZone& zone);
    void setLocale(const QLocale& locale);

    // Counts again and forgets the cached rows (after a sync).
    void refresh();

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

private:
    struct Row
    {
        QString id;
        QString shopId;
        QString status;
        qint64 createTime = 0;
        qint64 updateTime = 0;
        QString currency;
        QString totalAmount;
        int units = 0;
    };
    struct Block
    {
        QList<Row> rows;
        quint64 lastUse = 0;
    };

    const Row* rowAt(int row) const;
    void loadBlock(int block) const;
    void recount();
    QString formatTime(qint64 secs) const;
    void fail(const QString& message) const;

    QSqlDatabase m_db;
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
