#pragma once

#include <QFont>
#include <QFrame>

class QLabel;

namespace tts {

// One KPI: a title, the value in large type, and the comparison with the previous period
// ("▲ 12.5% vs previous 30 days") coloured good / bad from the palette.
class KpiCard : public QFrame
{
    Q_OBJECT
public:
    enum class Trend
    {
        Neutral,
        Good,
        Bad
    };

    explicit KpiCard(const QString& title, const QString& objectNameStem, QWidget* parent = nullptr);

    void setValue(const QString& value);
    void setComparison(const QString& text, Trend trend);
    QString valueText() const;
    QString comparisonText() const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyColours();
    void fitValue();

    QLabel* m_title = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_comparison = nullptr;
    Trend m_trend = Trend::Neutral;
    QFont m_valueFont; // the full size; fitValue() shrinks a copy
};

} // namespace tts
