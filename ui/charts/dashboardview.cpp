#include "dashboardview.h"
#include "dashboardcharts.h"
#include "dashboardloader.h"
#include "kpicard.h"

#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCharts, "tts.charts")

namespace tts {

namespace {
constexpr int kTopProducts = 8;
}

DashboardView::DashboardView(QWidget* parent) : QWidget(parent)
{
    buildUi();
    showEmpty(tr("No data yet — connect a shop or try the demo shop"));
}

DashboardView::~DashboardView()
{
    m_pool.waitForDone(); // a running refresh only touches its own copies; let it end
}

void DashboardView::buildUi()
{
    m_stack = new QStackedWidget(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(u"dashboardEmptyState"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    QFont emptyFont = m_emptyLabel->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.3);
    m_emptyLabel->setFont(emptyFont);
    m_stack->addWidget(m_emptyLabel);

    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(10);
    layout->addWidget(buildControls());

    auto* cards = new QHBoxLayout;
    cards->setSpacing(10);
    m_revenueCard = new KpiCard(tr("Revenue"), u"kpiRevenue"_s, page);
    m_ordersCard = new KpiCard(tr("Orders"), u"kpiOrders"_s, page);
    m_aovCard = new KpiCard(tr("Average order value"), u"kpiAov"_s, page);
    m_unitsCard = new KpiCard(tr("Units sold"), u"kpiUnits"_s, page);
    m_cancelCard = new KpiCard(tr("Cancellation rate"), u"kpiCancellation"_s, page);
    for (KpiCard* card : {m_revenueCard, m_ordersCard, m_aovCard, m_unitsCard, m_cancelCard})
        cards->addWidget(card);
    layout->addLayout(cards);

    m_revenueChart = charts::createView(page, u"revenueChart"_s);
    m_statusChart = charts::createView(page, u"statusChart"_s);
    m_unitsChart = charts::createView(page, u"topUnitsChart"_s);
    m_revenueProductsChart = charts::createView(page, u"topRevenueChart"_s);
    auto* grid = new QGridLayout;
    grid->setSpacing(10);
    grid->addWidget(m_revenueChart, 0, 0, 1, 3);
    grid->addWidget(m_statusChart, 1, 0);
    grid->addWidget(m_unitsChart, 1, 1);
    grid->addWidget(m_revenueProductsChart, 1, 2);
    grid->setRowStretch(0, 1); // the rankings need the height for their names
    grid->setRowStretch(1, 1);
    layout->addLayout(grid, 1);
    m_stack->addWidget(page);
}

QWidget* DashboardView::buildControls()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);

    m_shopCombo = new QComboBox(bar);
    m_shopCombo->setObjectName(u"shopCombo"_s);
    m_shopCombo->setToolTip(tr("Shop"));
    m_shopCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_presetCombo = new QComboBox(bar);
    m_presetCombo->setObjectName(u"presetCombo"_s);
    const QList<QPair<QString, Preset>> presets{{tr("Today"), Preset::Today},
                                                {tr("Last 7 days"), Preset::Last7Days},
                                                {tr("Last 30 days"), Preset::Last30Days},
                                                {tr("Last 90 days"), Preset::Last90Days},
                                                {tr("This month"), Preset::ThisMonth},
                                                {tr("Last month"), Preset::LastMonth},
                                                {tr("Last 12 months"), Preset::Last12Months},
                                                {tr("Custom range…"), Preset::Custom}};
    for (const auto& [label, preset] : presets)
        m_presetCombo->addItem(label, int(preset));
    m_presetCombo->setCurrentIndex(2);

    const QDate today = QDateTime::currentDateTime().toTimeZone(m_zone).date();
    m_fromEdit = new QDateEdit(today.addDays(-29), bar);
    m_toEdit = new QDateEdit(today, bar);
    for (QDateEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"d MMM yyyy"_s);
        edit->setVisible(false);
    }
    m_fromEdit->setObjectName(u"fromDate"_s);
    m_toEdit->setObjectName(u"toDate"_s);

    m_currencyCombo = new QComboBox(bar);
    m_currencyCombo->setObjectName(u"currencyCombo"_s);
    m_currencyCombo->setToolTip(tr("Currency: amounts in different currencies are never added up"));
    m_currencyCombo->setVisible(false);

    m_granularityCombo = new QComboBox(bar);
    m_granularityCombo->setObjectName(u"granularityCombo"_s);
    m_granularityCombo->addItem(tr("By day"), int(Granularity::Day));
    m_granularityCombo->addItem(tr("By week"), int(Granularity::Week));
    m_granularityCombo->addItem(tr("By month"), int(Granularity::Month));

    m_rangeLabel = new QLabel(bar);
    m_rangeLabel->setObjectName(u"rangeLabel"_s);
    m_rangeLabel->setForegroundRole(QPalette::PlaceholderText);

    m_saveButton = new QToolButton(bar);
    m_saveButton->setObjectName(u"saveChartsButton"_s);
    m_saveButton->setText(tr("Save charts as PNG…"));
    m_saveButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    row->addWidget(m_shopCombo);
    row->addWidget(m_presetCombo);
    row->addWidget(m_fromEdit);
    row->addWidget(m_toEdit);
    row->addWidget(m_currencyCombo);
    row->addWidget(m_granularityCombo);
    row->addWidget(m_rangeLabel, 1);
    row->addWidget(m_saveButton);

    connect(m_shopCombo, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_presetCombo, &QComboBox::currentIndexChanged, this, [this] {
        const Preset p = preset();
        m_fromEdit->setVisible(p == Preset::Custom);
        m_toEdit->setVisible(p == Preset::Custom);
        const QSignalBlocker block(m_granularityCombo);
        m_granularityCombo->setCurrentIndex(m_granularityCombo->findData(int(defaultGranularity(p))));
        reload();
    });
    connect(m_fromEdit, &QDateEdit::dateChanged, this, [this] { reload(); });
    connect(m_toEdit, &QDateEdit::dateChanged, this, [this] { reload(); });
    connect(m_granularityCombo, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_currencyCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_currency = m_currencyCombo->currentData().toString();
        showData();
    });
    connect(m_saveButton, &QToolButton::clicked, this, [this] { promptSaveCharts(); });
    return bar;
}

void DashboardView::setDatabasePath(const QString& path)
{
    if (path == m_path)
        return;
    m_path = path;
}

void DashboardView::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

void DashboardView::setPreset(Preset p)
{
    m_presetCombo->setCurrentIndex(m_presetCombo->findData(int(p)));
}

Preset DashboardView::preset() const
{
    return Preset(m_presetCombo->currentData().toInt());
}

void DashboardView::setCustomRange(QDate first, QDate last)
{
    {
        const QSignalBlocker a(m_fromEdit);
        const QSignalBlocker b(m_toEdit);
        m_fromEdit->setDate(first);
        m_toEdit->setDate(last);
    }
    if (preset() == Preset::Custom)
        reload();
    else
        setPreset(Preset::Custom);
}

void DashboardView::setGranularity(Granularity g)
{
    m_granularityCombo->setCurrentIndex(m_granularityCombo->findData(int(g)));
}

void DashboardView::setShop(const QString& shopId)
{
    const int index = m_shopCombo->findData(shopId);
    if (index >= 0)
        m_shopCombo->setCurrentIndex(index);
}

void DashboardView::setCurrency(const QString& currency)
{
    m_currency = currency;
    const int index = m_currencyCombo->findData(currency);
    if (index >= 0)
        m_currencyCombo->setCurrentIndex(index);
    showData();
}

bool DashboardView::hasData() const
{
    return m_stack->currentIndex() == 1;
}

AnalyticsFilter DashboardView::currentFilter() const
{
    const Preset p = preset();
    const DateRange range = p == Preset::Custom ? customRange(m_fromEdit->date(), m_toEdit->date(), m_zone)
                                                : presetRange(p, QDateTime::currentDateTime(), m_zone);
    return {m_shopCombo->currentData().toString(), range.from, range.to, m_zone,
            Granularity(m_granularityCombo->currentData().toInt())};
}

void DashboardView::reload()
{
    if (m_busy) {
        m_pending = true;
        return;
    }
    m_busy = true;
    m_pending = false;
    const QString path = m_path;
    const AnalyticsFilter filter = currentFilter();
    m_pool.start([this, path, filter] {
        const DashboardSnapshot snapshot = loadDashboardSnapshot(path, filter, kTopProducts);
        // Queued to this object: dropped if the view is gone (the destructor waits for this job).
        QMetaObject::invokeMethod(
            this, [this, snapshot] { applySnapshot(snapshot); }, Qt::QueuedConnection);
    });
}

void DashboardView::applySnapshot(const DashboardSnapshot& snapshot)
{
    m_busy = false;
    switch (snapshot.state) {
    case DashboardSnapshot::NoDatabase:
    case DashboardSnapshot::NoShops:
        reloadShops({});
        showEmpty(tr("No data yet — connect a shop or try the demo shop"));
        break;
    case DashboardSnapshot::Failed:
        qCWarning(lcCharts) << "dashboard refresh failed:" << snapshot.message;
        showEmpty(snapshot.message);
        break;
    case DashboardSnapshot::Ready:
        reloadShops(snapshot.shops);
        m_data = snapshot.data;
        qCDebug(lcCharts) << "dashboard refreshed in" << m_data.elapsedMs << "ms";
        updateCurrencies();
        m_stack->setCurrentIndex(1);
        showData();
        break;
    }
    if (m_pending) {
        reload(); // the controls changed meanwhile: reloaded() comes with the newest figures
        return;
    }
    Q_EMIT reloaded();
}

void DashboardView::reloadShops(const QList<ShopInfo>& shops)
{
    const QString selected = m_shopCombo->currentData().toString();
    const QSignalBlocker block(m_shopCombo);
    m_shopCombo->clear();
    if (shops.isEmpty())
        return;
    m_shopCombo->addItem(tr("All shops"), QString());
    for (const ShopInfo& shop : shops)
        m_shopCombo->addItem(shop.name.isEmpty() ? shop.id : shop.name, shop.id);
    m_shopCombo->setCurrentIndex(std::max(0, m_shopCombo->findData(selected)));
    m_shopCombo->setVisible(shops.size() > 1);
}

void DashboardView::updateCurrencies()
{
    const QStringList currencies = m_data.currencies();
    if (!currencies.contains(m_currency))
        m_currency = currencies.value(0);
    const QSignalBlocker block(m_currencyCombo);
    m_currencyCombo->clear();
    for (const QString& c : currencies)
        m_currencyCombo->addItem(c, c);
    m_currencyCombo->setCurrentIndex(std::max(0, m_currencyCombo->findData(m_currency)));
    m_currencyCombo->setVisible(currencies.size() > 1);
}

void DashboardView::showEmpty(const QString& message)
{
    m_emptyLabel->setText(message);
    m_stack->setCurrentIndex(0);
}

void DashboardView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && hasData())
        showData(); // re-theme the charts for the new light / dark palette
}

} // namespace tts
