#pragma once

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace tts {

// Settings → Preferences: the time zone of the charts and the orders view, and the sync's overlap,
// concurrency and request rate. Saved to QSettings on OK.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* timeZoneBox() const { return m_zone; }
    void save();

private:
    QComboBox* m_zone = nullptr;
    QSpinBox* m_overlap = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
};

} // namespace tts
