// TikTok Shop Dashboard: the desktop application.
#include "appsettings.h"
#include "mainwindow.h"
#include "session/shopprofile.h"
#include "sync/processmemory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

// --print-first-paint: prints the time from the start of main() to the first painted window.
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(const QElapsedTimer& clock, bool quit, QObject* parent)
        : QObject(parent), m_clock(clock), m_quit(quit)
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // After this paint event and its children's (same flush) are done.
            QTimer::singleShot(0, this, [this] {
                std::printf("first_paint_ms %lld\n", static_cast<long long>(m_clock.elapsed()));
                std::fflush(stdout);
                if (m_quit)
                    QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_clock;
    bool m_quit = false;
    bool m_done = false;
};

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        const QString file = QStringLiteral(":/icons/png/tiktok-shop-dashboard-%1.png").arg(size);
        if (QFileInfo::exists(file))
            icon.addFile(file, QSize(size, size));
    }
    return icon;
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer clock;
    clock.start();
    tts::configureAllocator();
    tts::AppSettings::setOrganizationAndApplication();
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QCoreApplication::translate("main", "TikTok Shop Dashboard"));
    QApplication::setWindowIcon(applicationIcon());
    QApplication::setDesktopFileName(QStringLiteral("tiktok-shop-dashboard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Your TikTok Shop's orders and sales charts on your own computer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open the bundled demo shop and sync it."));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshot-dir"),
        QCoreApplication::translate("main",
                                    "After the first sync, save a PNG of every screen into DIR, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("main", "Open this database file instead of the default one."),
        QStringLiteral("FILE"));
    const QCommandLineOption firstPaint(
        QStringLiteral("print-first-paint"),
        QCoreApplication::translate("main",
                                    "Print the milliseconds from start to the first painted window."));
    const QCommandLineOption quitAfterPaint(
        QStringLiteral("quit-after-first-paint"),
        QCoreApplication::translate("main", "Quit right after the first paint (benchmarks)."));
    parser.addOptions({demo, screenshots, database, firstPaint, quitAfterPaint});
    parser.process(app);

    tts::MainWindow window;
    if (parser.isSet(firstPaint) || parser.isSet(quitAfterPaint))
        window.installEventFilter(new FirstPaintProbe(clock, parser.isSet(quitAfterPaint), &window));
    if (parser.isSet(screenshots))
        window.setScreenshotDir(parser.value(screenshots));

    if (parser.isSet(demo)) {
        window.openProfile(tts::ShopProfile::demoShop());
        window.startDemo();
    } else if (parser.isSet(database)) {
        tts::ShopProfile profile = tts::ShopProfile::realShop();
        profile.databasePath = QFileInfo(parser.value(database)).absoluteFilePath();
        window.openProfile(profile);
    } else {
        window.openLastProfile();
    }
    window.show();
    return app.exec();
}
