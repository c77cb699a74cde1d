#include "dashboardcharts.h"
#include "chartstyle.h"

#include "analytics/money.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QCursor>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QFontMetricsF>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPieSeries>
#include <QPieSlice>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace tts::charts {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("tts::DashboardCharts", text, disambiguation, n);
}

// A fresh chart in the view; the previous one is deleted.
QChart* replaceChart(QChartView* view, const QString& title, const QPalette& palette)
{
    QChart* old = view->chart();
    auto* chart = new QChart;
    view->setChart(chart);
    delete old;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chartstyle::apply(view, palette);
    return chart;
}

// A value axis whose labels are built from integers (money through formatMoney), not printf.
QCategoryAxis* integerAxis(qint64 max, const std::function<QString(qint64)>& label, qint64 minimumStep)
{
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const qint64 step = niceStep(max, 4, minimumStep);
    qint64 top = step;
    while (top < max)
        top += step;
    for (qint64 v = 0; v <= top; v += step)
        axis->append(label(v), double(v));
    axis->setRange(0, double(top));
    axis->setStartValue(0);
    return axis;
}

// QDateTimeAxis labels in the process's local time; the seller's time zone may differ. Plot the
// period's wall-clock start as a local time so that the labels show the seller's dates.
double axisTime(const QDateTime& start)
{
    const QDateTime wall(start.date(), start.time());
    return double(wall.isValid() ? wall.toMSecsSinceEpoch() : start.toMSecsSinceEpoch());
}

// Axis labels in whole units when the step allows it ("$250", not "$250.00").
QString axisMoney(qint64 minor, qint64 step, const QString& currency, const QLocale& locale)
{
    if (step >= 500000) // steps of 5,000 units or more: "$250K"
        return formatMoneyCompact(minor, currency, locale);
    return formatMoney(minor, currency, locale, step % 100 == 0 ? 0 : -1);
}

// Product names on the category axis: longer ones end in "…" (the bar's tooltip has the full name).
constexpr int kMaxNameLength = 22;

QString elide(const QString& text, int max)
{
    return text.size() <= max ? text : text.left(max - 1).trimmed() + u'…';
}

} // namespace

void showProductBars(QChartView* view, QChart* chart, const QList<ProductRank>& products, bool byRevenue,
                     const QString& currency, const QPalette& palette, const QLocale& locale,
                     const QFont& nameFont);

qint64 niceStep(qint64 max, int ticks, qint64 minimumStep)
{
    if (max <= 0 || ticks <= 0)
        return std::max<qint64>(1, minimumStep);
    const qint64 raw = (max + ticks - 1) / ticks;
    for (qint64 power = 1;; power *= 10) {
        // steps of 1, 2, 2.5, 5 x power (2.5 only when it stays an integer)
        for (const qint64 step : {power, 2 * power, power >= 10 ? power / 2 * 5 : 0, 5 * power}) {
            if (step > 0 && step >= raw && step >= minimumStep)
                return step;
        }
        if (power > std::numeric_limits<qint64>::max() / 100)
            return std::max(raw, minimumStep);
    }
}

QString statusLabel(const QString& status)
{
    static const QHash<QString, const char*> names{
        {u"UNPAID"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Unpaid")},
        {u"ON_HOLD"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "On hold")},
        {u"AWAITING_SHIPMENT"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Awaiting shipment")},
        {u"PARTIALLY_SHIPPING"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Partially shipped")},
        {u"AWAITING_COLLECTION"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Awaiting collection")},
        {u"IN_TRANSIT"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "In transit")},
        {u"DELIVERED"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Delivered")},
        {u"COMPLETED"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Completed")},
        {u"CANCELLED"_s, QT_TRANSLATE_NOOP("tts::DashboardCharts", "Cancelled")},
    };
    const auto it = names.constFind(status);
    return it == names.cend() ? status : tr(it.value());
}

QChartView* createView(QWidget* parent, const QString& objectName)
{
    auto* view = new QChartView(new QChart, parent);
    view->setObjectName(objectName);
    view->setMinimumSize(260, 220);
    return view;
}

void showRevenue(QChartView* view, const RevenueSeries* series, Granularity granularity,
                 const QPalette& palette, const QLocale& locale)
{
    const QString currency = series ? series->currency : QString();
    QChart* chart = replaceChart(
        view, currency.isEmpty() ? tr("Revenue over time") : tr("Revenue over time · %1").arg(currency),
        palette);
    chart->legend()->hide();
    if (!series || series->points.isEmpty())
        return;
    const QColor colour = chartstyle::accent(palette);
    auto* line = new QLineSeries;
    auto* dots = new QScatterSeries;
    qint64 max = 0;
    for (const SeriesPoint& p : series->points) {
        const double x = axisTime(p.start);
        line->append(x, double(p.revenueMinor));
        dots->append(x, double(p.revenueMinor));
        max = std::max(max, p.revenueMinor);
    }
    if (series->points.size() == 1) { // one period: give the area its width
        const QDateTime end = series->points.first().start.addDays(granularity == Granularity::Month  ? 30
                                                                   : granularity == Granularity::Week ? 7
                                                                                                      : 1);
        line->append(axisTime(end), double(series->points.first().revenueMinor));
    }
    auto* area = new QAreaSeries(line);
    QLinearGradient fill(0, 0, 0, 1);
    fill.setCoordinateMode(QGradient::ObjectBoundingMode);
    QColor top = colour;
    top.setAlphaF(0.35f);
    QColor bottom = colour;
    bottom.setAlphaF(0.03f);
    fill.setColorAt(0, top);
    fill.setColorAt(1, bottom);
    area->setBrush(fill);
    area->setPen(QPen(colour, 2.2));
    dots->setColor(colour);
    dots->setBorderColor(palette.color(QPalette::Base));
    dots->setMarkerSize(series->points.size() <= 45 ? 7 : 0);
    chart->addSeries(area);
    chart->addSeries(dots);
    // Hovering a point names its period and its exact amount.
    QObject::connect(
        dots, &QScatterSeries::hovered, view,
        [view, currency, locale, granularity](const QPointF& point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const QDate day = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).date();
            const QString period = granularity == Granularity::Month ? locale.toString(day, u"MMMM yyyy"_s)
                                   : granularity == Granularity::Week
                                       ? tr("Week of %1").arg(locale.toString(day, u"d MMM yyyy"_s))
                                       : locale.toString(day, u"ddd d MMM yyyy"_s);
            QToolTip::showText(QCursor::pos(),
                               period + u"\n"_s + formatMoney(qRound64(point.y()), currency, locale), view);
        });

    auto* x = new QDateTimeAxis;
    x->setFormat(granularity == Granularity::Month ? u"MMM yyyy"_s : u"d MMM"_s);
    // A tick per period when they fit (months: up to 13), else 7 evenly spaced ticks.
    const qsizetype perPeriod = granularity == Granularity::Month ? 13 : 10;
    x->setTickCount(
        int(series->points.size() <= perPeriod ? std::max<qsizetype>(2, series->points.size()) : 7));
    x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(axisTime(series->points.first().start))),
                QDateTime::fromMSecsSinceEpoch(qint64(line->at(line->count() - 1).x())));
    const qint64 yStep = niceStep(max, 4, 100);
    const auto moneyLabel = [&](qint64 v) {
        return axisMoney(v, yStep, currency, locale);
    };
    auto* y = integerAxis(max, moneyLabel, 100);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)}) {
        chartstyle::styleAxis(axis, palette);
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void showStatuses(QChartView* view, const QList<StatusCount>& statuses, const QPalette& palette,
                  const QLocale& locale)
{
    QChart* chart = replaceChart(view, tr("Orders by status"), palette);
    if (statuses.isEmpty())
        return;
    auto* pie = new QPieSeries;
    pie->setHoleSize(0.55);
    pie->setPieSize(0.85);
    qint64 total = 0;
    for (const StatusCount& s : statuses)
        total += s.orders;
    QStringList details; // exact counts, on hover
    for (const StatusCount& s : statuses) {
        // Whole percent, rounded half up; "<1%" rather than a misleading 0%.
        const qint64 pct = total > 0 ? (s.orders * 200 + total) / (2 * total) : 0;
        const QString share = pct == 0 && s.orders > 0 ? u"<1%"_s : locale.toString(pct) + u'%';
        QPieSlice* slice = pie->append(statusLabel(s.status) + u"  "_s + share, double(s.orders));
        details << tr("%1: %2 orders").arg(statusLabel(s.status), locale.toString(s.orders));
        slice->setColor(chartstyle::statusColour(s.status, palette));
        slice->setBorderColor(palette.color(QPalette::Base));
        slice->setBorderWidth(2);
    }
    QObject::connect(pie, &QPieSeries::hovered, view, [view, pie, details](QPieSlice* slice, bool state) {
        const qsizetype index = pie->slices().indexOf(slice);
        if (state && index >= 0 && index < details.size())
            QToolTip::showText(QCursor::pos(), details.at(index), view);
        else
            QToolTip::hideText();
    });
    chart->addSeries(pie);
    QLegend* legend = chart->legend();
    legend->setAlignment(Qt::AlignRight);
    legend->setMarkerShape(QLegend::MarkerShapeCircle);
    legend->setLabelColor(palette.color(QPalette::WindowText));
    // An attached legend gets about a third of the chart and cuts "Awaiting collection 3%" short.
    // Detached, it takes the width its longest label needs and the donut fills what is left.
    legend->detachFromChart();
    legend->setBackgroundVisible(false);
    const auto place = [chart, legend, pie] {
        const QRectF area = chart->rect();
        const qreal top = chart->plotArea().top();
        // One label per line: the size comes from the labels (a detached legend's size hint is one row).
        const QFontMetricsF fm(legend->font());
        qreal labelWidth = 0;
        for (const QPieSlice* slice : pie->slices())
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(slice->label()));
        const QSizeF wanted(labelWidth + fm.height() * 2.5, pie->count() * (fm.height() + 11) + 28);
        const qreal width = std::min(wanted.width() + 8, area.width() * 0.62);
        const qreal height = std::min(wanted.height(), area.bottom() - top);
        legend->setGeometry(
            QRectF(area.right() - width - 6, top + (area.bottom() - top - height) / 2, width, height));
        const qreal left = area.width() - width - 6;
        const QRectF plot = chart->plotArea();
        pie->setHorizontalPosition(
            std::clamp((left / 2 - plot.left()) / std::max<qreal>(1, plot.width()), 0.0, 1.0));
        const qreal side = std::min(plot.width(), plot.height());
        const qreal pieSize =
            std::clamp(0.92 * std::min(left - 12, plot.height()) / std::max<qreal>(1, side), 0.2, 0.9);
        // Both sizes are relative to the plot: a fixed hole bigger than a shrunken pie leaves no ring.
        pie->setPieSize(pieSize);
        pie->setHoleSize(pieSize * 0.62);
        legend->update();
    };
    QObject::connect(chart, &QChart::plotAreaChanged, view, place);
    place();
}

void showTopProducts(QChartView* view, const QList<ProductRank>& products, bool byRevenue,
                     const QString& currency, const QPalette& palette, const QLocale& locale)
{
    QChart* chart = replaceChart(
        view, byRevenue ? tr("Top products by revenue · %1").arg(currency) : tr("Top products by units"),
        palette);
    chart->legend()->hide();
    if (products.isEmpty())
        return;
    // Qt Charts blanks a category label ("...") taller than its share of the axis: show as many
    // products as have room for a readable name in this chart's height.
    QFont nameFont = view->font();
    if (nameFont.pointSizeF() > 0)
        nameFont.setPointSizeF(nameFont.pointSizeF() * 0.85);
    const int lineHeight = QFontMetrics(nameFont).height();
    const int room = std::max(3, (view->height() - 4 * lineHeight - 40) / (lineHeight + 8));
    const QList<ProductRank> shown = products.mid(0, std::min<qsizetype>(products.size(), room));
    return showProductBars(view, chart, shown, byRevenue, currency, palette, locale, nameFont);
}

void showProductBars(QChartView* view, QChart* chart, const QList<ProductRank>& products, bool byRevenue,
                     const QString& currency, const QPalette& palette, const QLocale& locale,
                     const QFont& nameFont)
{
    auto* set = new QBarSet(byRevenue ? tr("Revenue") : tr("Units"));
    set->setColor(byRevenue ? chartstyle::accent(palette) : chartstyle::seriesColours(palette).first());
    set->setBorderColor(Qt::transparent);
    set->setLabelColor(palette.color(QPalette::WindowText));
    QStringList names;
    qint64 max = 0;
    // Bottom to top, so that the first product is the top bar.
    for (qsizetype i = products.size() - 1; i >= 0; --i) {
        const ProductRank& p = products.at(i);
        const qint64 value = byRevenue ? p.revenueMinor : p.units;
        QString name = elide(p.productName.isEmpty() ? p.productId : p.productName, kMaxNameLength);
        while (names.contains(name)) // categories must be unique
            name += u' ';
        names << name;
        set->append(double(value));
        max = std::max(max, value);
    }
    QStringList fullNames; // bottom to top, like the bars
    for (qsizetype i = products.size() - 1; i >= 0; --i) {
        const ProductRank& p = products.at(i);
        fullNames << (p.productName.isEmpty() ? p.productId : p.productName) + u"\n"_s +
                         (byRevenue ? formatMoney(p.revenueMinor, currency, locale)
                                    : tr("%n unit(s)", nullptr, int(std::min<qint64>(p.units, INT_MAX))));
    }
    QObject::connect(set, &QBarSet::hovered, view, [view, fullNames](bool state, int index) {
        if (state && index >= 0 && index < fullNames.size())
            QToolTip::showText(QCursor::pos(), fullNames.at(index), view);
        else
            QToolTip::hideText();
    });
    auto* bars = new QHorizontalBarSeries;
    bars->append(set);
    bars->setBarWidth(0.62);
    bars->setLabelsVisible(!byRevenue);
    bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd); // short bars cannot hold "346"
    bars->setLabelsFormat(u"@value"_s);
    chart->addSeries(bars);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    const qint64 xStep = niceStep(max, 4, 100);
    const auto moneyLabel = [&](qint64 v) {
        return axisMoney(v, xStep, currency, locale);
    };
    const auto countLabel = [&](qint64 v) {
        return locale.toString(v);
    };
    auto* x = byRevenue ? integerAxis(max, moneyLabel, 100) : integerAxis(max, countLabel, 1);
    chartstyle::styleAxis(x, palette);
    chartstyle::styleAxis(y, palette);
    y->setGridLineVisible(false);
    y->setLabelsFont(nameFont);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(y);
    bars->attachAxis(x);
}

} // namespace tts::charts
