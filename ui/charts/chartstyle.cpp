#include "chartstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QHash>
#include <QLegend>

namespace tts::chartstyle {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor good(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
}

QColor bad(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
}

QColor accent(const QPalette& palette)
{
    // TikTok Shop's pink-red reads on both; slightly lighter on dark backgrounds.
    return isDark(palette) ? QColor(0xff, 0x4d, 0x6d) : QColor(0xe0, 0x1e, 0x4d);
}

QList<QColor> seriesColours(const QPalette& palette)
{
    if (isDark(palette))
        return {QColor(0x4c, 0xc9, 0xf0), QColor(0xff, 0x4d, 0x6d), QColor(0xb5, 0x83, 0xff),
                QColor(0x3f, 0xb9, 0x50), QColor(0xff, 0xb0, 0x3a), QColor(0x9a, 0xa5, 0xb1),
                QColor(0xf7, 0x78, 0xba), QColor(0x56, 0xd4, 0xc2), QColor(0xf8, 0x51, 0x49)};
    return {QColor(0x06, 0x85, 0xc8), QColor(0xe0, 0x1e, 0x4d), QColor(0x7c, 0x4d, 0xd6),
            QColor(0x1a, 0x7f, 0x37), QColor(0xd9, 0x82, 0x00), QColor(0x6e, 0x77, 0x81),
            QColor(0xc2, 0x3a, 0x8a), QColor(0x13, 0x94, 0x85), QColor(0xcf, 0x22, 0x2e)};
}

QColor statusColour(const QString& status, const QPalette& palette)
{
    const bool dark = isDark(palette);
    static const QHash<QString, QPair<QRgb, QRgb>> colours{
        // status: {light, dark}
        {QStringLiteral("COMPLETED"), {0x1a7f37, 0x3fb950}},
        {QStringLiteral("DELIVERED"), {0x139485, 0x56d4c2}},
        {QStringLiteral("IN_TRANSIT"), {0x0685c8, 0x4cc9f0}},
        {QStringLiteral("AWAITING_COLLECTION"), {0x7c4dd6, 0xb583ff}},
        {QStringLiteral("AWAITING_SHIPMENT"), {0xd98200, 0xffb03a}},
        {QStringLiteral("PARTIALLY_SHIPPING"), {0xc23a8a, 0xf778ba}},
        {QStringLiteral("ON_HOLD"), {0xb08800, 0xe3b341}},
        {QStringLiteral("UNPAID"), {0x8c959f, 0x6e7781}},
    };
    if (status == QLatin1String("CANCELLED"))
        return bad(palette);
    const auto it = colours.constFind(status);
    if (it == colours.cend())
        return palette.color(QPalette::PlaceholderText);
    return QColor::fromRgb(dark ? it->second : it->first);
}

void apply(QChartView* view, const QPalette& palette)
{
    QChart* chart = view->chart();
    chart->setTheme(isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundVisible(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 30, 4)); // room for the last axis label
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    const QColor text = palette.color(QPalette::WindowText);
    chart->setTitleBrush(text);
    QFont title = view->font();
    if (title.pointSizeF() > 0)
        title.setPointSizeF(title.pointSizeF() * 1.1);
    title.setWeight(QFont::DemiBold);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(view->font());
    view->setRenderHint(QPainter::Antialiasing, true);
    view->setBackgroundBrush(Qt::NoBrush);
    view->setFrameShape(QFrame::NoFrame);
    view->viewport()->setAutoFillBackground(false);
    view->setAutoFillBackground(false);
}

void styleAxis(QAbstractAxis* axis, const QPalette& palette)
{
    QColor grid = palette.color(QPalette::WindowText);
    grid.setAlphaF(0.12f);
    QColor line = palette.color(QPalette::WindowText);
    line.setAlphaF(0.35f);
    axis->setLabelsBrush(palette.color(QPalette::WindowText));
    axis->setGridLinePen(QPen(grid, 1));
    axis->setLinePen(QPen(line, 1));
    axis->setMinorGridLineVisible(false);
    axis->setTitleVisible(false);
}

} // namespace tts::chartstyle
