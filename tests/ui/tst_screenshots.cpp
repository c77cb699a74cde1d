// Saves a PNG of every screen (the --screenshot-dir tour) into $TTS_SCREENSHOT_DIR or
// <build>/screenshots, against the in-process emulator, and checks that each one is a real image.
#include "mainwindow.h"
#include "screenshottour.h"
#include "session/shopsession.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include <QImage>
#include <QSignalSpy>
#include <QtTest>

using namespace tts;

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyScreen();
};

void TestScreenshots::everyScreen()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QString dir = qEnvironmentVariable("TTS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(TTS_SCREENSHOT_DEFAULT_DIR);
    QDir(dir).removeRecursively();

    demo::EmulatorConfig config;
    config.shops.first().orders = 3000;
    auto emulator = test::startEmulator(config);
    QVERIFY(emulator);
    test::TempDir temp;
    ShopProfile profile;
    profile.id = QStringLiteral("shop");
    profile.databasePath = temp.databasePath();
    profile.keychainService = QStringLiteral("tts-uitest-screenshots");
    profile.sessionOnlySecrets = true;
    QCOMPARE(test::connectEmulator(*emulator, profile.databasePath), QString());

    MainWindow window;
    window.resize(1200, 780);
    window.openProfile(profile);
    window.show();
    QSignalSpy finished(window.session(), &ShopSession::syncFinished);
    window.refresh();
    QVERIFY(finished.wait(60000));

    demo::FaultConfig slow;
    slow.latencyMs = 30; // so that the tour's full resync is seen mid-way
    emulator->setFaults(slow);
    auto* tour = new ScreenshotTour(&window, dir);
    tour->setQuitWhenDone(false);
    QSignalSpy done(tour, &ScreenshotTour::finished);
    tour->run();
    QVERIFY(done.wait(120000));
    const QStringList files = done.first().first().toStringList();
    QCOMPARE(files.size(), 17);
    for (const QString& file : files) {
        const QImage image(file);
        QVERIFY2(!image.isNull() && image.width() > 200 && image.height() > 100, qPrintable(file));
    }
    qInfo("screenshots in %s", qPrintable(dir));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
