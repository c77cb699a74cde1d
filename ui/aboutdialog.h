#pragma once

#include <QDialog>

namespace tts {

// Help → About: name, version (TTS_VERSION), what the application does, Qt version.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace tts
