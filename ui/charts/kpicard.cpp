#include "kpicard.h"
#include "chartstyle.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

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

    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.8);
    valueFont.setWeight(QFont::DemiBold);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = m_comparison->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_comparison->setFont(small);

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
