#include "kpicard.h"
#include "chartstyle.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tts {

KpiCard::KpiCard(const QString& title, const QString& objectNameStem, QWidget* parent)
    : QFrame(parent), m_title(new QLabel(title, this)), m_value(new QLabel(u"–"_s, this)),
      m_comparison(new QLabel(this))
{
    setObjectName(objectNameStem + u"Card"_s);
    m_value->setObjectName(objectNameStem + u"Value"_s);
    m_comparison->setObjectName(objectNameStem + u"Comparison"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMinimumWidth(150);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_valueFont = m_value->font();
    m_valueFont.setPointSizeF(m_valueFont.pointSizeF() * 1.8);
    m_valueFont.setWeight(QFont::DemiBold);
    m_value->setFont(m_valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = m_comparison->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_comparison->setFont(small);
    // A narrow window wraps "▲ 4.4% vs 24 Sep – 23 Oct" instead of cutting it off.
    m_comparison->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_comparison);
    applyColours();
}

void KpiCard::setValue(const QString& value)
{
    m_value->setText(value);
    m_value->setToolTip(value);
    fitValue();
}

void KpiCard::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    fitValue();
}

// The value is never cut off ("$30,803.5"): in a narrow card its type gets smaller, down to the
// size of the title's.
void KpiCard::fitValue()
{
    const int available = contentsRect().width() - 28; // the layout's side margins
    if (available <= 0)
        return;
    QFont font = m_valueFont;
    const qreal smallest = m_title->font().pointSizeF();
    while (font.pointSizeF() > smallest && QFontMetricsF(font).horizontalAdvance(m_value->text()) > available)
        font.setPointSizeF(std::max(smallest, font.pointSizeF() - 1));
    if (font != m_value->font())
        m_value->setFont(font);
}

void KpiCard::setComparison(const QString& text, Trend trend)
{
    m_comparison->setText(text);
    m_trend = trend;
    applyColours();
}

QString KpiCard::valueText() const
{
    return m_value->text();
}

QString KpiCard::comparisonText() const
{
    return m_comparison->text();
}

void KpiCard::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void KpiCard::applyColours()
{
    const QPalette p = palette();
    QPalette titlePalette = m_title->palette();
    // Labels on a Base background draw with the Text role: set both.
    titlePalette.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    titlePalette.setColor(QPalette::Text, p.color(QPalette::PlaceholderText));
    m_title->setPalette(titlePalette);
    QPalette comparisonPalette = m_comparison->palette();
    const QColor colour = m_trend == Trend::Good  ? chartstyle::good(p)
                          : m_trend == Trend::Bad ? chartstyle::bad(p)
                                                  : p.color(QPalette::PlaceholderText);
    comparisonPalette.setColor(QPalette::WindowText, colour);
    comparisonPalette.setColor(QPalette::Text, colour);
    m_comparison->setPalette(comparisonPalette);
}

} // namespace tts
