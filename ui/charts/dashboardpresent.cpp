// DashboardView: putting the numbers on screen and into PNG files.
#include "dashboardcharts.h"
#include "dashboardview.h"
#include "kpicard.h"

#include "analytics/money.h"

#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tts {

namespace {

KpiCard::Trend trendOf(qint64 change, bool upIsGood)
{
    if (change == 0)
        return KpiCard::Trend::Neutral;
    return (change > 0) == upIsGood ? KpiCard::Trend::Good : KpiCard::Trend::Bad;
}

} // namespace

void DashboardView::showData()
{
    if (!hasData())
        return;
    const QLocale locale;
    const QPalette pal = palette();
    showKpis();
    charts::showRevenue(m_revenueChart, m_data.seriesFor(m_currency), m_data.filter.granularity, pal, locale);
    charts::showStatuses(m_statusChart, m_data.statuses, pal, locale);
    charts::showTopProducts(m_unitsChart, m_data.topByUnits, false, QString(), pal, locale);
    charts::showTopProducts(m_revenueProductsChart, m_data.topByRevenueFor(m_currency), true, m_currency, pal,
                            locale);
    const QDate first = m_data.filter.from.toTimeZone(m_zone).date();
    const QDate last = m_data.filter.to.toTimeZone(m_zone).addSecs(-1).date();
    m_rangeLabel->setText(tr("%1 – %2 · %3 · refreshed in %4 ms")
                              .arg(locale.toString(first, u"d MMM yyyy"_s),
                                   locale.toString(last, u"d MMM yyyy"_s), QString::fromUtf8(m_zone.id()),
                                   locale.toString(m_data.elapsedMs)));
}

void DashboardView::showKpis()
{
    const QLocale locale;
    const CurrencyKpis* found = m_data.kpisFor(m_currency);
    const CurrencyKpis k = found ? *found : CurrencyKpis{m_currency, {}, {}};
    const QDate prevFirst = m_data.previous.from.toTimeZone(m_zone).date();
    const QDate prevLast = m_data.previous.to.toTimeZone(m_zone).addSecs(-1).date();
    const QString previous =
        tr("vs %1 – %2").arg(locale.toString(prevFirst, u"d MMM"_s), locale.toString(prevLast, u"d MMM"_s));

    // "▲ 12.5% vs 1 Mar – 30 Mar"; no percentage when the previous period had nothing.
    auto compare = [&](KpiCard* card, const Comparison& c, bool upIsGood) {
        QString text;
        if (c.change() == 0)
            text = tr("= %1").arg(previous);
        else if (const auto pct = c.changePercent())
            text = (c.change() > 0 ? u"▲ "_s : u"▼ "_s) + locale.toString(std::abs(*pct), 'f', 1) + u"% "_s +
                   previous;
        else
            text = tr("▲ new · nothing %1").arg(previous);
        card->setComparison(text, trendOf(c.change(), upIsGood));
    };
    m_revenueCard->setValue(formatMoney(k.current.revenueMinor, k.currency, locale));
    compare(m_revenueCard, k.revenue(), true);
    m_ordersCard->setValue(locale.toString(k.current.orders));
    compare(m_ordersCard, k.orders(), true);
    m_aovCard->setValue(formatMoney(k.current.averageOrderValueMinor(), k.currency, locale));
    compare(m_aovCard, k.averageOrderValue(), true);
    m_unitsCard->setValue(locale.toString(k.current.units));
    compare(m_unitsCard, k.units(), true);

    // The rate, compared in percentage points (a rate of a rate reads badly).
    const double rate = k.current.cancellationRate() * 100.0;
    const double before = k.previous.cancellationRate() * 100.0;
    m_cancelCard->setValue(locale.toString(rate, 'f', 1) + u'%');
    const double points = rate - before;
    const QString pointsText = locale.toString(std::abs(points), 'f', 1);
    if (k.previous.allOrders == 0)
        m_cancelCard->setComparison(tr("no orders %1").arg(previous), KpiCard::Trend::Neutral);
    else if (pointsText == locale.toString(0.0, 'f', 1))
        m_cancelCard->setComparison(tr("= %1").arg(previous), KpiCard::Trend::Neutral);
    else
        m_cancelCard->setComparison((points > 0 ? u"▲ "_s : u"▼ "_s) +
                                        tr("%1 pts %2").arg(pointsText, previous),
                                    points > 0 ? KpiCard::Trend::Bad : KpiCard::Trend::Good);
}

bool DashboardView::saveChartsAsPng(const QString& directory, QString* error)
{
    auto failWith = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!hasData())
        return failWith(tr("There are no charts to save yet."));
    if (!QDir().mkpath(directory))
        return failWith(tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(directory)));
    if (!isVisible()) { // never laid out: give the charts a real size first
        resize(size().expandedTo(QSize(1280, 860)));
        ensurePolished();
        setAttribute(Qt::WA_DontShowOnScreen, true);
        show();
        hide();
        setAttribute(Qt::WA_DontShowOnScreen, false);
    }
    // Charts lay out their axes and titles on posted LayoutRequest events: run them before painting.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::sendPostedEvents();
    const QList<QPair<QWidget*, QString>> targets{{m_revenueChart, u"revenue.png"_s},
                                                  {m_statusChart, u"statuses.png"_s},
                                                  {m_unitsChart, u"top-units.png"_s},
                                                  {m_revenueProductsChart, u"top-revenue.png"_s},
                                                  {this, u"dashboard.png"_s}};
    for (const auto& [widget, name] : targets) {
        const qreal ratio = std::max<qreal>(2.0, devicePixelRatioF()); // crisp in documents
        QPixmap pixmap(widget->size() * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(palette().color(QPalette::Window)); // the charts are transparent
        {
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        }
        const QString path = QDir(directory).filePath(name);
        if (!pixmap.save(path, "PNG"))
            return failWith(tr("Cannot write %1: is the disk full or the folder read-only?")
                                .arg(QDir::toNativeSeparators(path)));
    }
    return true;
}

void DashboardView::promptSaveCharts()
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Save charts as PNG"), start);
    if (directory.isEmpty())
        return;
    QString error;
    if (!saveChartsAsPng(directory, &error))
        QMessageBox::warning(this, tr("Save charts as PNG"), error);
}

} // namespace tts
