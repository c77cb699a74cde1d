#include "ordersmodel.h"

#include "money/moneyformat.h"
#include "orderstatus.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringBuilder>

#include <algorithm>
#include <limits>

namespace tts {

namespace {

bool bindAll(QSqlQuery& query, const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    return true;
}

} // namespace

OrdersModel::OrdersModel(QObject* parent) : QAbstractTableModel(parent) {}

void OrdersModel::setDatabase(const QSqlDatabase& db)
{
    beginResetModel();
    m_db = db;
    m_blocks.clear();
    recount();
    endResetModel();
}

void OrdersModel::setFilter(const OrderFilter& filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    m_blocks.clear();
    recount();
    endResetModel();
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
    endResetModel();
}

void OrdersModel::refresh()
{
    beginResetModel();
    m_blocks.clear();
    recount();
    endResetModel();
}

void OrdersModel::recount()
{
    m_rowCount = 0;
    m_lastError.clear();
    if (!m_db.isValid() || !m_db.isOpen())
        return;
    const OrderTableQuery q(m_filter, m_sort);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(q.countSql()) || !bindAll(query, q.bindings()) || !query.exec() || !query.next()) {
        fail(query.lastError().text());
        return;
    }
    m_rowCount = int(std::min<qint64>(query.value(0).toLongLong(), std::numeric_limits<int>::max()));
}

void OrdersModel::fail(const QString& message) const
{
    m_lastError = message;
    Q_EMIT const_cast<OrdersModel*>(this)->queryFailed(message);
}

void OrdersModel::loadBlock(int block) const
{
    Block loaded;
    const OrderTableQuery q(m_filter, m_sort);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(q.windowSql(m_blockSize, qint64(block) * m_blockSize)) ||
        !bindAll(query, q.bindings()) || !query.exec()) {
        fail(query.lastError().text());
    } else {
        loaded.rows.reserve(m_blockSize);
        while (query.next()) {
            Row row;
            row.id = query.value(0).toString();
            row.shopId = query.value(1).toString();
            row.status = query.value(2).toString();
            row.createTime = query.value(3).toLongLong();
            row.updateTime = query.value(4).toLongLong();
            row.currency = query.value(5).toString();
            row.totalAmount = query.value(6).toString();
            row.units = query.value(7).toInt();
            loaded.rows.append(std::move(row));
        }
    }
    if (m_blocks.size() >= m_maxBlocks) {
        auto oldest = std::min_element(m_blocks.begin(), m_blocks.end(),
                                       [](const Block& a, const Block& b) { return a.lastUse < b.lastUse; });
        m_blocks.erase(oldest);
    }
    loaded.lastUse = ++m_useCounter;
    m_blocks.insert(block, std::move(loaded));
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
    if (orderId.isEmpty() || !m_db.isOpen())
        return -1;
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it) {
        for (int i = 0; i < it->rows.size(); ++i) {
            if (it->rows.at(i).id == orderId)
                return it.key() * m_blockSize + i;
        }
    }
    // Count the rows that sort before the order, under the same filter.
    const OrderTableQuery q(m_filter, m_sort);
    const QString expr = OrderTableQuery::sortExpression(
        m_sort.column == OrderColumn::Count ? OrderColumn::Created : m_sort.column);
    QSqlQuery key(m_db);
    key.prepare(QStringLiteral("SELECT ") % expr % QStringLiteral(", o.rowid FROM orders o") % q.where() %
                (q.where().isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) %
                QStringLiteral("o.id = ?"));
    bindAll(key, q.bindings());
    key.bindValue(int(q.bindings().size()), orderId);
    if (!key.exec() || !key.next() || key.value(0).isNull())
        return -1;
    const QString before = m_sort.descending ? QStringLiteral(">") : QStringLiteral("<");
    QString condition;
    QVariantList values = q.bindings();
    if (m_sort.column == OrderColumn::Id) {
        condition = QStringLiteral("o.id ") % before % QStringLiteral(" ?");
        values << key.value(0);
    } else {
        condition = u'(' % expr % u' ' % before % QStringLiteral(" ? OR (") % expr %
                    QStringLiteral(" = ? AND o.rowid ") % before % QStringLiteral(" ?))");
        values << key.value(0) << key.value(0) << key.value(1);
    }
    QSqlQuery count(m_db);
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM orders o") % q.where() %
                  (q.where().isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) % condition);
    bindAll(count, values);
    if (!count.exec() || !count.next())
        return -1;
    const int row = count.value(0).toInt();
    return row < m_rowCount ? row : -1;
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
    // A reset rather than a layout change: persistent indexes cannot follow their orders without
    // reading every row. The view keeps the selected order by id (rowOfOrder).
    beginResetModel();
    m_sort = sort;
    m_blocks.clear();
    endResetModel();
}

} // namespace tts
