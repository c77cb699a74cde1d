#include "ordersmodel.h"

#include "money/moneyformat.h"
#include "ordersloader.h"
#include "orderstatus.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringBuilder>

#include <algorithm>
#include <limits>

namespace tts {

OrdersModel::OrdersModel(QObject* parent) : QAbstractTableModel(parent) {}

OrdersModel::~OrdersModel() = default;

void OrdersModel::setDatabase(const QSqlDatabase& db)
{
    delete m_loader;
    m_loader = nullptr;
    setLoading(false);
    beginResetModel();
    m_db = db;
    m_reader.setDatabase(db);
    m_blocks.clear();
    m_pending.clear();
    recount();
    endResetModel();
    Q_EMIT loaded(-1, 0);
}

void OrdersModel::setDatabaseFile(const QString& path)
{
    delete m_loader;
    m_loader = nullptr;
    beginResetModel();
    m_db = QSqlDatabase();
    m_reader.setDatabase(m_db);
    m_blocks.clear();
    m_pending.clear();
    m_rowCount = 0;
    endResetModel();
    if (path.isEmpty()) {
        setLoading(false);
        return;
    }
    m_loader = new OrdersLoader(path, this);
    connect(m_loader, &OrdersLoader::replied, this, &OrdersModel::onReply);
    request(true);
}

void OrdersModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void OrdersModel::request(bool refilter, const QString& locateId)
{
    OrdersRequest r;
    r.generation = ++m_generation;
    r.reset = true;
    r.refilter = refilter;
    r.filter = m_filter;
    r.sort = m_sort;
    r.blockSize = m_blockSize;
    r.locateId = locateId;
    const int first = m_visibleRow / m_blockSize;
    r.blocks = {first, first + 1};
    m_requestedSort = m_sort;
    m_loader->post(r);
    setLoading(true);
}

void OrdersModel::onReply(const OrdersReply& reply)
{
    if (reply.reset) {
        if (reply.generation != m_generation)
            return; // superseded
        if (!reply.error.isEmpty()) {
            fail(reply.error);
            m_pending.clear();
            setLoading(false);
            Q_EMIT loaded(-1, reply.elapsedMs);
            return;
        }
        beginResetModel();
        m_appliedGeneration = reply.generation;
        m_appliedSort = m_requestedSort;
        m_lastError.clear();
        m_rowCount = int(std::min<qint64>(reply.count, std::numeric_limits<int>::max()));
        m_blocks.clear();
        m_pending.clear();
        for (auto it = reply.blocks.cbegin(); it != reply.blocks.cend(); ++it)
            insertBlock(it.key(), it.value());
        endResetModel();
        setLoading(false);
        Q_EMIT loaded(int(reply.located), reply.elapsedMs);
        return;
    }
    if (reply.generation != m_appliedGeneration)
        return;
    if (!reply.error.isEmpty())
        fail(reply.error);
    if (reply.countOnly) {
        if (reply.error.isEmpty())
            setRowCount(int(std::min<qint64>(reply.count, std::numeric_limits<int>::max())));
        return;
    }
    for (auto it = reply.blocks.cbegin(); it != reply.blocks.cend(); ++it) {
        m_pending.remove(it.key());
        insertBlock(it.key(), it.value());
        const int first = it.key() * m_blockSize;
        const int last = std::min(m_rowCount, first + m_blockSize) - 1;
        if (last >= first)
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

// The exact count after an estimated one: rows appear or go at the end, the rest stays.
void OrdersModel::setRowCount(int count)
{
    if (count < m_rowCount) {
        beginRemoveRows({}, count, m_rowCount - 1);
        m_rowCount = count;
        const int lastBlock = count > 0 ? (count - 1) / m_blockSize : -1;
        m_blocks.removeIf([lastBlock](const auto& it) { return it.key() > lastBlock; });
        m_pending.removeIf([lastBlock](int block) { return block > lastBlock; });
        endRemoveRows();
    } else if (count > m_rowCount) {
        beginInsertRows({}, m_rowCount, count - 1); // blocks are read whole: the cached ones stay right
        m_rowCount = count;
        endInsertRows();
    }
}

void OrdersModel::setFilter(const OrderFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    if (m_loader) {
        m_visibleRow = 0;
        request(true);
        return;
    }
    beginResetModel();
    m_blocks.clear();
    recount();
    endResetModel();
    Q_EMIT loaded(-1, 0);
}

void OrdersModel::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, CreatedColumn), index(m_rowCount - 1, UpdatedColumn));
}

void OrdersModel::setLocale(const QLocale& locale)
{
    m_locale = locale;
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
}

void OrdersModel::setBlockSize(int rows)
{
    beginResetModel();
    m_blockSize = std::max(1, rows);
    m_blocks.clear();
    m_pending.clear();
    endResetModel();
    if (m_loader)
        request(false);
}

void OrdersModel::refresh(const QString& keepOrderId)
{
    if (m_loader) {
        request(true, keepOrderId);
        return;
    }
    beginResetModel();
    m_blocks.clear();
    recount();
    endResetModel();
    Q_EMIT loaded(rowOfOrder(keepOrderId), 0);
}

void OrdersModel::recount()
{
    m_rowCount = 0;
    m_lastError.clear();
    if (!m_reader.isOpen())
        return;
    QString error;
    if (!m_reader.setFilter(m_filter, &error)) {
        fail(error);
        return;
    }
    m_rowCount = int(std::min<qint64>(m_reader.count(), std::numeric_limits<int>::max()));
}

void OrdersModel::fail(const QString& message) const
{
    m_lastError = message;
    Q_EMIT const_cast<OrdersModel*>(this)->queryFailed(message);
}

void OrdersModel::insertBlock(int block, QList<Row> rows) const
{
    if (m_blocks.size() >= m_maxBlocks) {
        auto oldest = std::min_element(m_blocks.begin(), m_blocks.end(),
                                       [](const Block& a, const Block& b) { return a.lastUse < b.lastUse; });
        m_blocks.erase(oldest);
    }
    Block loaded;
    loaded.rows = std::move(rows);
    loaded.lastUse = ++m_useCounter;
    m_blocks.insert(block, std::move(loaded));
}

void OrdersModel::loadBlock(int block) const
{
    if (m_loader) {
        if (m_pending.contains(block))
            return;
        m_pending.insert(block);
        OrdersRequest r;
        r.generation = m_appliedGeneration;
        r.sort = m_appliedSort;
        r.filter = m_filter;
        r.blockSize = m_blockSize;
        r.blocks = {block};
        m_loader->post(r);
        return;
    }
    QList<Row> rows;
    QString error;
    if (!m_reader.window(m_sort, qint64(block) * m_blockSize, m_blockSize, &rows, &error))
        fail(error);
    insertBlock(block, std::move(rows));
}

const OrdersModel::Row* OrdersModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const int block = row / m_blockSize;
    auto it = m_blocks.find(block);
    if (it == m_blocks.end()) {
        loadBlock(block);
        it = m_blocks.find(block);
        if (it == m_blocks.end())
            return nullptr; // on its way from the loader thread
    }
    it->lastUse = ++m_useCounter;
    const int offset = row % m_blockSize;
    if (offset >= it->rows.size())
        return nullptr; // the table shrank since the count (a sync is writing); refresh() follows
    return &it->rows.at(offset);
}

QString OrdersModel::orderId(int row) const
{
    const Row* r = rowAt(row);
    return r ? r->id : QString();
}

int OrdersModel::rowOfOrder(const QString& orderId) const
{
    if (orderId.isEmpty())
        return -1;
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it) {
        for (int i = 0; i < it->rows.size(); ++i) {
            if (it->rows.at(i).id == orderId)
                return it.key() * m_blockSize + i;
        }
    }
    if (m_loader || !m_reader.isOpen())
        return -1; // asynchronous: refresh(orderId) finds it on the loader thread
    const qint64 row = m_reader.locate(m_sort, orderId);
    return row >= 0 && row < m_rowCount ? int(row) : -1;
}

int OrdersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int OrdersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OrdersModel::formatTime(qint64 secs) const
{
    if (secs <= 0)
        return {};
    return m_locale.toString(QDateTime::fromSecsSinceEpoch(secs, m_zone), QStringLiteral("yyyy-MM-dd HH:mm"));
}

QVariant OrdersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::TextAlignmentRole && role != Qt::ToolTipRole &&
        role < OrderIdRole)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == TotalColumn || index.column() == ItemsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    const Row* r = rowAt(index.row());
    if (!r)
        return {};
    switch (role) {
    case OrderIdRole:
        return r->id;
    case ShopIdRole:
        return r->shopId;
    case CurrencyRole:
        return r->currency;
    case AmountRole:
        return r->totalAmount;
    case SortValueRole:
        switch (index.column()) {
        case CreatedColumn:
            return r->createTime;
        case UpdatedColumn:
            return r->updateTime;
        case StatusColumn:
            return r->status;
        case TotalColumn:
            return r->totalAmount;
        case ItemsColumn:
            return r->units;
        default:
            return r->id;
        }
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn)
            return r->status;
        if (index.column() == TotalColumn)
            return QString(r->totalAmount % u' ' % r->currency);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return r->id;
        case CreatedColumn:
            return formatTime(r->createTime);
        case UpdatedColumn:
            return formatTime(r->updateTime);
        case StatusColumn:
            return OrderStatus::label(r->status);
        case TotalColumn:
            return formatMoney(r->totalAmount, r->currency, m_locale);
        case ItemsColumn:
            return m_locale.toString(r->units);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        if (section == TotalColumn || section == ItemsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Order");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case StatusColumn:
        return tr("Status");
    case TotalColumn:
        return tr("Total");
    case ItemsColumn:
        return tr("Items");
    default:
        return {};
    }
}

void OrdersModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const OrderSort sort{OrderColumn(column), order == Qt::DescendingOrder};
    if (sort == m_sort)
        return;
    m_sort = sort;
    if (m_loader) {
        m_visibleRow = 0;
        request(false);
        return;
    }
    // A reset rather than a layout change: persistent indexes cannot follow their orders without
    // reading every row. The view keeps the selected order by id (rowOfOrder).
    beginResetModel();
    m_blocks.clear();
    endResetModel();
    Q_EMIT loaded(-1, 0);
}

} // namespace tts
