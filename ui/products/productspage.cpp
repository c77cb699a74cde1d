#include "productspage.h"

#include "widgets/recordtable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSqlDatabase>
#include <QStackedWidget>
#include <QTableView>
#include <QThread>
#include <QUuid>
#include <QVBoxLayout>

namespace tts {

ProductsPage::ProductsPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("productsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(8);
    auto* bar = new QHBoxLayout;
    m_search = createSearchField(QStringLiteral("productSearch"),
                                 tr("Search product, seller SKU or SKU ID  (Ctrl+F)"), this);
    m_count = new QLabel(this);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_search, 2);
    bar->addStretch(1);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new ProductsModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("productsTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->sortByColumn(ProductsModel::UnitsColumn, Qt::DescendingOrder);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(ProductsModel::TitleColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    const int pad = 28;
    header->resizeSection(ProductsModel::StatusColumn,
                          fm.horizontalAdvance(tr("Deactivated by TikTok")) + pad);
    header->resizeSection(ProductsModel::SkusColumn,
                          fm.horizontalAdvance(QStringLiteral("SKU-1-123-0")) + pad);
    header->resizeSection(ProductsModel::PriceColumn,
                          fm.horizontalAdvance(QStringLiteral("$12.34 – $56.78")) + pad);
    header->resizeSection(ProductsModel::InventoryColumn, fm.horizontalAdvance(tr("Inventory")) + pad);
    header->resizeSection(ProductsModel::UnitsColumn, fm.horizontalAdvance(tr("Units sold")) + pad);
    header->resizeSection(ProductsModel::RevenueColumn,
                          fm.horizontalAdvance(QStringLiteral("$1,234,567.89")) + pad);
    header->setMinimumSectionSize(fm.horizontalAdvance(QStringLiteral("SKUs")) + pad);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        m_model->setSearch(m_search->text());
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    updateCount();
}

ProductsPage::~ProductsPage()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ProductsPage::setDatabaseFile(const QString& path)
{
    m_path = path;
    if (path.isEmpty()) {
        m_model->setProducts({});
        updateCount();
        return;
    }
    reload();
}

void ProductsPage::reload()
{
    if (m_path.isEmpty())
        return;
    if (m_thread) {
        m_reloadAgain = true;
        return;
    }
    const QString path = m_path;
    updateCount();
    // Its own connection in its own thread: the sales figures scan every line item.
    m_thread = QThread::create([this, path] {
        QList<ProductRow> rows;
        QString error;
        const QString name = QStringLiteral("products-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open())
                loadProducts(db, QString(), &rows, &error);
            else
                error = tr("Could not open %1.").arg(path);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(
            this, [this, rows, error] { finishLoad(rows, error); }, Qt::QueuedConnection);
    });
    m_thread->start();
    updateCount();
}

void ProductsPage::finishLoad(const QList<ProductRow>& rows, const QString& error)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_error = error;
    if (error.isEmpty())
        m_model->setProducts(rows); // a failed load keeps what was shown
    updateCount();
    Q_EMIT loaded();
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
    }
}

void ProductsPage::updateCount()
{
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    if (m_thread && total == 0)
        m_count->setText(tr("Loading…"));
    else if (shown == total)
        m_count->setText(total == 1 ? tr("1 product") : tr("%1 products").arg(locale().toString(total)));
    else
        m_count->setText(tr("%1 of %2 products").arg(locale().toString(shown), locale().toString(total)));
    if (!m_error.isEmpty())
        m_empty->setText(tr("The products could not be read: %1").arg(m_error));
    else if (total == 0)
        m_empty->setText(m_thread ? tr("Loading products…")
                                  : tr("No products yet.\nThey arrive with the next sync (Refresh, F5)."));
    else
        m_empty->setText(tr("No product matches “%1”.").arg(m_model->search()));
    m_stack->setCurrentWidget(shown > 0 ? static_cast<QWidget*>(m_table) : m_empty);
}

void ProductsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace tts
