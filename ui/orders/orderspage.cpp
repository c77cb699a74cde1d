#include "orderspage.h"

#include "analytics/daterange.h"
#include "csvexport.h"
#include "orderdetailpane.h"
#include "orderdetails.h"
#include "ordersmodel.h"
#include "orderstatus.h"
#include "storage/database.h"
#include "widgets/recordtable.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace tts {

namespace {
constexpr int kAllTime = -1;
constexpr int kCustom = int(Preset::Custom);
} // namespace

OrdersPage::OrdersPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ordersPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(8);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    m_search = createSearchField(QStringLiteral("orderSearch"),
                                 tr("Search order ID, product or SKU  (Ctrl+F)"), this);
    m_shop = new QComboBox(this);
    m_shop->setToolTip(tr("Shop"));
    m_shop->hide();
    m_status = new QComboBox(this);
    m_status->setToolTip(tr("Status"));
    m_status->addItem(tr("All statuses"), QString());
    for (const QString& status : OrderStatus::all())
        m_status->addItem(OrderStatus::label(status), status);
    m_range = new QComboBox(this);
    m_range->setToolTip(tr("Created"));
    m_range->addItem(tr("All time"), kAllTime);
    m_range->addItem(tr("Today"), int(Preset::Today));
    m_range->addItem(tr("Last 7 days"), int(Preset::Last7Days));
    m_range->addItem(tr("Last 30 days"), int(Preset::Last30Days));
    m_range->addItem(tr("Last 90 days"), int(Preset::Last90Days));
    m_range->addItem(tr("This month"), int(Preset::ThisMonth));
    m_range->addItem(tr("Last month"), int(Preset::LastMonth));
    m_range->addItem(tr("Last 12 months"), int(Preset::Last12Months));
    m_range->addItem(tr("Custom range"), kCustom);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->hide();
    }
    m_count = new QLabel(this);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_export->setToolTip(tr("Export the orders of the current filter (Ctrl+E)"));
    filters->addWidget(m_search, 2);
    filters->addWidget(m_shop);
    filters->addWidget(m_status);
    filters->addWidget(m_range);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addStretch(1);
    filters->addWidget(m_count);
    filters->addWidget(m_export);
    layout->addLayout(filters);

    m_model = new OrdersModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setModel(m_model);
    // Fixed row heights and column widths: the view never measures a million rows.
    setUpRecordTable(m_table);
    m_table->sortByColumn(OrdersModel::CreatedColumn, Qt::DescendingOrder);
    QHeaderView* header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int pad = 24;
    header->resizeSection(OrdersModel::IdColumn,
                          fm.horizontalAdvance(QStringLiteral("576000000049999294")) + pad);
    header->resizeSection(OrdersModel::CreatedColumn,
                          fm.horizontalAdvance(QStringLiteral("2026-11-22 05:56")) + pad);
    header->resizeSection(OrdersModel::UpdatedColumn,
                          fm.horizontalAdvance(QStringLiteral("2026-11-22 05:56")) + pad);
    header->resizeSection(OrdersModel::StatusColumn,
                          fm.horizontalAdvance(OrderStatus::label(QStringLiteral("AWAITING_COLLECTION"))) +
                              pad);
    header->resizeSection(OrdersModel::TotalColumn, fm.horizontalAdvance(QStringLiteral("$12,345.67")) + pad);
    header->setStretchLastSection(true);

    m_detail = new OrderDetailPane(this);
    // In a small window the table keeps its width and the detail pane scrolls.
    auto* detailScroll = new QScrollArea(this);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setMinimumWidth(220);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(detailScroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
    m_splitter->setSizes({800, 400});

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &OrdersPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &OrdersPage::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilter);
    connect(m_shop, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilter);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        updateDateEdits();
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &OrdersPage::exportCsv);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrdersPage::updateCount);
    // The exact count after an estimated one arrives as rows inserted or removed at the end.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OrdersPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OrdersPage::updateCount);
    connect(m_model, &OrdersModel::loaded, this, &OrdersPage::onLoaded);
    // A new sort starts at the top (and reads no rows of the old position meanwhile).
    connect(header, &QHeaderView::sortIndicatorChanged, m_table, &QTableView::scrollToTop);
    connect(m_model, &OrdersModel::loadingChanged, this, &OrdersPage::updateCount);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, m_model, &OrdersModel::setVisibleRow);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrdersPage::showSelected);
    updateCount();
}

OrdersPage::~OrdersPage()
{
    if (m_exportThread) {
        m_cancelExport->store(true);
        m_exportThread->wait();
        delete m_exportThread;
    }
}

void OrdersPage::setDatabase(const QSqlDatabase& db, const QString& path)
{
    m_db = db;
    m_path = path;
    // The table reads on its own thread from the file; tests without a file read synchronously.
    if (path.isEmpty())
        m_model->setDatabase(db);
    else
        m_model->setDatabaseFile(path);
    m_detail->showOrder(std::nullopt);
}

void OrdersPage::setShops(const QList<QPair<QString, QString>>& shops)
{
    const QString current = m_shop->currentData().toString();
    const QSignalBlocker blocker(m_shop);
    m_shop->clear();
    m_shop->addItem(tr("All shops"), QString());
    for (const auto& shop : shops)
        m_shop->addItem(shop.second.isEmpty() ? shop.first : shop.second, shop.first);
    int index = m_shop->findData(current);
    // One shop: filter on it, so that the (shop_id, create_time) index serves the default sort.
    if (shops.size() == 1)
        index = 1;
    m_shop->setCurrentIndex(index < 0 ? 0 : index);
    m_shop->setVisible(shops.size() > 1);
    applyFilter();
}

void OrdersPage::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_model->setTimeZone(zone);
    m_detail->setTimeZone(zone);
    applyFilter();
}

void OrdersPage::updateDateEdits()
{
    const bool custom = m_range->currentData().toInt() == kCustom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

OrderFilter OrdersPage::currentFilter() const
{
    OrderFilter filter;
    filter.shopId = m_shop->currentData().toString();
    filter.search = m_search->text().trimmed();
    const QString status = m_status->currentData().toString();
    if (!status.isEmpty())
        filter.statuses = {status};
    const int range = m_range->currentData().toInt();
    if (range != kAllTime) {
        const DateRange r = range == kCustom
                                ? customRange(std::min(m_from->date(), m_to->date()),
                                              std::max(m_from->date(), m_to->date()), m_zone)
                                : presetRange(Preset(range), QDateTime::currentDateTime(), m_zone);
        if (r.isValid()) {
            filter.createdFrom = r.from.toSecsSinceEpoch();
            filter.createdTo = r.to.toSecsSinceEpoch();
        }
    }
    return filter;
}

void OrdersPage::applyFilter()
{
    m_debounce.stop();
    const OrderFilter filter = currentFilter();
    if (filter == m_model->filter())
        return;
    m_table->scrollToTop();
    m_model->setFilter(filter);
    m_detail->showOrder(std::nullopt);
}

void OrdersPage::reload()
{
    m_keepOrderId = m_detail->orderId();
    m_keepScroll = m_table->verticalScrollBar()->value();
    m_keepPending = true;
    m_model->setVisibleRow(m_keepScroll);
    m_model->refresh(m_keepOrderId);
}

void OrdersPage::onLoaded(int keptRow)
{
    updateCount();
    if (!m_keepPending)
        return;
    // After a refresh: the same scroll position, and the selected order wherever it is now.
    m_keepPending = false;
    m_table->verticalScrollBar()->setValue(m_keepScroll);
    if (m_keepOrderId.isEmpty())
        return;
    if (keptRow >= 0) {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_table->selectionModel()->setCurrentIndex(
            m_model->index(keptRow, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QString error;
    m_detail->showOrder(loadOrderDetails(m_db, m_keepOrderId, &error));
}

void OrdersPage::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                           QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
}

void OrdersPage::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detail->showOrder(std::nullopt);
        return;
    }
    QString error;
    m_detail->showOrder(loadOrderDetails(m_db, m_model->orderId(current.row()), &error));
}

void OrdersPage::updateCount()
{
    const int rows = m_model->rowCount();
    if (m_model->isLoading())
        m_count->setText(m_model->filter().hasSearch() ? tr("Searching…") : tr("Loading…"));
    else
        m_count->setText(rows == 1 ? tr("1 order") : tr("%1 orders").arg(locale().toString(rows)));
    m_export->setEnabled(!m_exportThread && m_model->rowCount() > 0);
}

void OrdersPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QByteArray OrdersPage::saveSplitterState() const
{
    return m_splitter->saveState();
}

void OrdersPage::restoreSplitterState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

void OrdersPage::exportCsv()
{
    if (m_exportThread || m_path.isEmpty())
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export orders"), dir + QStringLiteral("/orders.csv"), tr("CSV files (*.csv)"));
    if (!file.isEmpty())
        exportTo(file);
}

void OrdersPage::exportTo(const QString& file)
{
    if (m_exportThread)
        return;
    const OrderFilter filter = m_model->filter();
    const OrderSort sort = m_model->sortOrder();
    const QString path = m_path;
    const QTimeZone zone = m_zone;
    m_cancelExport = std::make_shared<std::atomic_bool>(false);
    auto cancel = m_cancelExport;
    m_export->setEnabled(false);
    m_count->setText(tr("Exporting…"));
    // Its own read-only connection in its own thread: the window stays responsive, and a failed
    // export leaves no half-written file (QSaveFile).
    m_exportThread = QThread::create([this, file, filter, sort, path, zone, cancel] {
        bool ok = false;
        QString message;
        qint64 rows = 0;
        Database::Error dbError;
        if (auto db = Database::open(path, Database::ReadOnly, &dbError)) {
            QSaveFile out(file);
            if (!out.open(QIODevice::WriteOnly)) {
                message = tr("Could not write %1: %2").arg(file, out.errorString());
            } else {
                CsvExportOptions options;
                options.timeZone = zone;
                options.cancel = cancel.get();
                ok = writeOrdersCsv(db->connection(), filter, sort, &out, options, &rows, &message);
                ok = ok && out.commit();
                if (ok)
                    message = tr("Exported %1 orders to %2").arg(QLocale().toString(rows), file);
                else if (message.isEmpty())
                    message = tr("Could not write %1: %2").arg(file, out.errorString());
            }
        } else {
            message = dbError.message;
        }
        QMetaObject::invokeMethod(
            this,
            [this, ok, message] {
                m_exportThread->wait();
                delete m_exportThread;
                m_exportThread = nullptr;
                updateCount();
                Q_EMIT exportFinished(ok, message);
            },
            Qt::QueuedConnection);
    });
    m_exportThread->start();
}

} // namespace tts
