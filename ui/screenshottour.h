#pragma once

#include "sync/synctypes.h"

#include <QObject>
#include <QPalette>
#include <QSize>
#include <QStringList>

#include <functional>

class QWidget;

namespace tts {

class MainWindow;

// --screenshot-dir: after the first sync, saves a PNG of every screen (dashboard, orders with the
// detail pane, a search without matches, products, the connect dialog, the full resync confirmation,
// the error banner, About, Preferences, the three pages in a dark palette and in a small window,
// progress mid-sync and after a cancel), then quits the application (or emits finished() when quitWhenDone is
// off).
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
    static QPalette darkPalette();

    MainWindow* m_window;
    QString m_dir;
    QList<std::function<void()>> m_steps;
    QStringList m_saved;
    bool m_quit = true;
    bool m_waitingForProgress = false;
    QPalette m_lightPalette;
    QSize m_size;
};

} // namespace tts
