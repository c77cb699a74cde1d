#pragma once

#include "analytics/analyticstypes.h"

#include <QThreadPool>
#include <QTimeZone>
#include <QWidget>

#include <memory>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace tts {

class KpiCard;
struct DashboardSnapshot;

// The dashboard: KPI cards, revenue over time, orders by status, top products; a date preset, a
// shop and a currency selector. Qt Charts stays behind this class (no Charts header here).
// reload() is asynchronous: the queries run on a worker thread with their own read-only connection
// (a refresh over a million orders must not freeze the window); reloaded() fires when the new
// figures are on screen. Reloads requested meanwhile are coalesced into one.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardView(QWidget* parent = nullptr);
    ~DashboardView() override;

    void setDatabasePath(const QString& path);
    void setTimeZone(const QTimeZone& zone);
    QTimeZone timeZone() const { return m_zone; }

    // Writes revenue.png, statuses.png, top-units.png, top-revenue.png and dashboard.png.
    bool saveChartsAsPng(const QString& directory, QString* error);

    // The controls, for the window's settings and for tests.
    void setPreset(Preset preset);
    Preset preset() const;
    void setCustomRange(QDate first, QDate last); // switches to Preset::Custom
    void setGranularity(Granularity granularity);
    void setShop(const QString& shopId); // empty: all shops
    void setCurrency(const QString& currency);
    QString currency() const { return m_currency; }

    bool hasData() const; // false while the empty state shows
    bool isReloading() const { return m_busy; }
    const DashboardData& data() const { return m_data; }
    qint64 lastRefreshMs() const { return m_data.elapsedMs; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void reloaded();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildControls();
    void applySnapshot(const DashboardSnapshot& snapshot);
    void reloadShops(const QList<ShopInfo>& shops);
    void updateCurrencies();
    void showData();
    void showKpis();
    void showEmpty(const QString& message);
    void promptSaveCharts();
    AnalyticsFilter currentFilter() const;

    QString m_path;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    DashboardData m_data;
    QString m_currency;
    QThreadPool m_pool; // one worker: refreshes run one at a time
    bool m_busy = false;
    bool m_pending = false;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QComboBox* m_shopCombo = nullptr;
    QComboBox* m_presetCombo = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QComboBox* m_currencyCombo = nullptr;
    QComboBox* m_granularityCombo = nullptr;
    QToolButton* m_saveButton = nullptr;
    QLabel* m_rangeLabel = nullptr;
    KpiCard* m_revenueCard = nullptr;
    KpiCard* m_ordersCard = nullptr;
    KpiCard* m_aovCard = nullptr;
    KpiCard* m_unitsCard = nullptr;
    KpiCard* m_cancelCard = nullptr;
    QChartView* m_revenueChart = nullptr;
    QChartView* m_statusChart = nullptr;
    QChartView* m_unitsChart = nullptr;
    QChartView* m_revenueProductsChart = nullptr;
};

} // namespace tts
