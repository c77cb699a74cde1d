#pragma once

// The chart builders of the dashboard: the only code besides chartstyle that touches Qt Charts.
// Each function replaces the chart shown by `view` with a new one for the given numbers.

#include "analytics/analyticstypes.h"

#include <QLocale>
#include <QPalette>

class QChartView;
class QWidget;

namespace tts::charts {

QChartView* createView(QWidget* parent, const QString& objectName);

void showRevenue(QChartView* view, const RevenueSeries* series, Granularity granularity,
                 const QPalette& palette, const QLocale& locale);
void showStatuses(QChartView* view, const QList<StatusCount>& statuses, const QPalette& palette,
                  const QLocale& locale);
// byRevenue: the bars are revenue in `currency`; else units.
void showTopProducts(QChartView* view, const QList<ProductRank>& products, bool byRevenue,
                     const QString& currency, const QPalette& palette, const QLocale& locale);

// "Awaiting shipment" for AWAITING_SHIPMENT.
QString statusLabel(const QString& status);

// Round axis steps for 0..max (minor units or counts): at most about `ticks` steps of 1, 2, 2.5 or 5
// times a power of ten, never less than `minimumStep`. Integer arithmetic.
qint64 niceStep(qint64 max, int ticks, qint64 minimumStep);

} // namespace tts::charts
