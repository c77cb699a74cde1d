#pragma once

#include "sync/synctypes.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QWidget;

namespace tts {

class MainWindow;

// --screenshot-dir: after the first sync, saves a PNG of every screen (dashboard, orders with the
// detail pane, the connect dialog, the full resync confirmation, progress mid-sync, the error banner,
// About, Preferences), then quits the application (or emits finished() when quitWhenDone is off).
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, const QString& directory);

    void setQuitWhenDone(bool quit) { m_quit = quit; }
    void run();
    void syncStarted() {}
    QStringList saved() const { return m_saved; }

Q_SIGNALS:
    void finished(const QStringList& files);

private:
    void next();
    bool save(QWidget* widget, const QString& name);
    void captureProgress();

    MainWindow* m_window;
    QString m_dir;
    QList<std::function<void()>> m_steps;
    QStringList m_saved;
    bool m_quit = true;
    bool m_waitingForProgress = false;
};

} // namespace tts
