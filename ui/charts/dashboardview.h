#pragma once

#include "analytics/analyticstypes.h"

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

class Database;
class KpiCard;

// The dashboard: KPI cards, revenue over time, orders by status, top products; a date preset, a
// shop and a currency selector. Reads the shop database through its own read-only connection,
// opened lazily in the GUI thread. Qt Charts stays behind this class (no Charts header here).
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
    bool ensureDatabase();
    void reloadShops();
    void updateCurrencies();
    void showData();
    void showKpis();
    void showEmpty(const QString& message);
    void promptSaveCharts();
    AnalyticsFilter currentFilter() const;

    QString m_path;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::unique_ptr<Database> m_db;
    DashboardData m_data;
    QString m_currency;
    bool m_reloading = false;

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
