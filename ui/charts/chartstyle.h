#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>

class QAbstractAxis;
class QChart;
class QChartView;

namespace tts::chartstyle {

// Dark when the window colour is darker than its text: follows the system light / dark palette.
bool isDark(const QPalette& palette);

// Colours that read well on the palette's window colour.
QColor good(const QPalette& palette);
QColor bad(const QPalette& palette);
QColor accent(const QPalette& palette);
QList<QColor> seriesColours(const QPalette& palette);
// A fixed colour per order status, so that a status keeps its colour from one refresh to the next.
QColor statusColour(const QString& status, const QPalette& palette);

// Theme, transparent background, fonts and colours from the palette, antialiasing.
void apply(QChartView* view, const QPalette& palette);

// Muted axis line and grid, labels in the text colour.
void styleAxis(QAbstractAxis* axis, const QPalette& palette);

} // namespace tts::chartstyle
