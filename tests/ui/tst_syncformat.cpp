#include "storage/statusquery.h"
#include "sync/syncformat.h"
#include "sync/syncpanel.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace tts;

class TestSyncFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QStringLiteral("en_US"))); }
    void progressText_data();
    void progressText();
    void ago_data();
    void ago();
    void streamLine();
    void estimate();
    void reportText();
    void panelThrottlesAndShowsProgress();
};

void TestSyncFormat::progressText_data()
{
    QTest::addColumn<qint64>("done");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("eta");
    QTest::addColumn<QString>("expected");
    QTest::newRow("example") << qint64(12340) << qint64(276000) << qint64(120)
                             << QStringLiteral("12,340 of 276,000 orders \u00B7 about 2 min left");
    QTest::newRow("unknown total") << qint64(50) << qint64(0) << qint64(-1) << "50 orders";
    QTest::newRow("short") << qint64(1) << qint64(2) << qint64(10)
                           << QStringLiteral("1 of 2 orders \u00B7 less than a minute left");
    QTest::newRow("hours") << qint64(1) << qint64(1000000) << qint64(3900)
                           << QStringLiteral("1 of 1,000,000 orders \u00B7 about 1 h 5 min left");
    QTest::newRow("overshoot clamps") << qint64(120) << qint64(100) << qint64(-1) << "100 of 100 orders";
}

void TestSyncFormat::progressText()
{
    QFETCH(qint64, done);
    QFETCH(qint64, total);
    QFETCH(qint64, eta);
    QFETCH(QString, expected);
    SyncProgress p;
    p.ordersDone = done;
    p.ordersTotal = total;
    p.etaSeconds = eta;
    QCOMPARE(SyncFormat::progressText(p, QLocale(QStringLiteral("en_US"))), expected);
}

void TestSyncFormat::ago_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("now") << qint64(5) << "just now";
    QTest::newRow("minutes") << qint64(3 * 60 + 10) << "3 min ago";
    QTest::newRow("hours") << qint64(2 * 3600 + 5) << "2 h ago";
    QTest::newRow("yesterday") << qint64(86400 + 100) << "yesterday";
    QTest::newRow("days") << qint64(4 * 86400) << "4 days ago";
    QTest::newRow("future clock skew") << qint64(-30) << "just now";
}

void TestSyncFormat::ago()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    const qint64 now = 1700000000;
    QCOMPARE(SyncFormat::ago(now - secondsAgo, now), expected);
    QCOMPARE(SyncFormat::ago(0, now), QStringLiteral("never"));
}

void TestSyncFormat::streamLine()
{
    StreamStatus s;
    s.lastSyncTime = 1700000000 - 180;
    s.recordsSynced = 37;
    QCOMPARE(SyncFormat::streamLine(s, 1700000000, QLocale(QStringLiteral("en_US"))),
             QStringLiteral("Last synced 3 min ago \u00B7 incremental \u00B7 37 orders updated"));
    s.isFullSync = true;
    s.fullResyncUnfinished = true;
    s.fullResyncDone = 1000;
    s.fullResyncTotal = 5000;
    QVERIFY(SyncFormat::streamLine(s, 1700000000)
                .contains(QStringLiteral("full resync unfinished (1,000 of 5,000)")));
    QCOMPARE(SyncFormat::streamLine(StreamStatus{}, 1700000000), QStringLiteral("Never synced"));
    ShopStatus shop;
    shop.name = QStringLiteral("Sunrise");
    shop.region = QStringLiteral("US");
    shop.orders = 1234;
    shop.ordersStream = s;
    QVERIFY(SyncFormat::shopLine(shop, 1700000000)
                .startsWith(QStringLiteral("Sunrise (US) \u00B7 1,234 orders")));
}

void TestSyncFormat::reportText()
{
    const QLocale en(QStringLiteral("en_US"));
    SyncReport report;
    report.ordersUpserted = 49420;
    report.productsUpserted = 1;
    report.durationMs = 26000;
    QCOMPARE(SyncFormat::reportText(report, en),
             QStringLiteral("Synced 49,420 orders and 1 product in 26 s"));
    report.ordersUpserted = 1;
    report.productsUpserted = 0;
    report.cancelled = true;
    QVERIFY(SyncFormat::reportText(report, en)
                .startsWith(QStringLiteral("Sync cancelled: 1 order and 0 products kept.")));
}

void TestSyncFormat::estimate()
{
    // 276,000 orders: 2,760 pages + 10 extra calls; at 20 requests/s that is 139 s, about 2 min.
    QCOMPARE(SyncFormat::resyncEstimate(276000, 20.0, 8, QLocale(QStringLiteral("en_US"))),
             QStringLiteral("about 2,770 API calls, about 2 min"));
    // Concurrency bounds the rate: 1 worker at about 4 requests/s.
    QCOMPARE(SyncFormat::resyncEstimate(0, 20.0, 1, QLocale(QStringLiteral("en_US"))),
             QStringLiteral("about 10 API calls, about 3 s"));
}

void TestSyncFormat::panelThrottlesAndShowsProgress()
{
    SyncPanel panel;
    panel.show();
    panel.syncStarted(SyncMode::Full);
    QVERIFY(panel.isSyncing());
    QSignalSpy cancel(&panel, &SyncPanel::cancelRequested);
    SyncProgress p;
    p.ordersTotal = 276000;
    p.etaSeconds = 120;
    for (int i = 1; i <= 5000; ++i) { // a burst far faster than the update interval
        p.ordersDone = i;
        panel.updateProgress(p);
    }
    QTRY_COMPARE(panel.progressBar()->value(), 5000);
    QVERIFY(panel.appliedUpdates() < 10);
    QCOMPARE(panel.progressBar()->maximum(), 276000);
    QCOMPARE(panel.progressBar()->format(),
             QStringLiteral("5,000 of 276,000 orders \u00B7 about 2 min left"));
    QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
    QCOMPARE(cancel.size(), 1);
    panel.syncEnded();
    QVERIFY(!panel.isSyncing());
}

QTEST_MAIN(TestSyncFormat)
#include "tst_syncformat.moc"
