// The main window against the in-process emulator: Refresh, Full Resync (asks, shows progress, is
// cancelled, resumes to an exact result), and a failed sync that leaves browsing alone.
#include "charts/dashboardview.h"
#include "mainwindow.h"
#include "orders/ordersmodel.h"
#include "orders/orderspage.h"
#include "products/productsmodel.h"
#include "products/productspage.h"
#include "session/shopsession.h"
#include "storage/database.h"
#include "sync/syncpanel.h"
#include "synctesthelpers.h"
#include "testsupport.h"
#include "widgets/banner.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QToolBar>
#include <QtTest>

using namespace tts;

namespace {

const QString kShopId = QStringLiteral("7495000000000000001");

// Clicks the accept button of the next modal message box (the confirmation), and records its text.
void acceptNextMessageBox(QObject* context, QString* text)
{
    QTimer::singleShot(50, context, [context, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            acceptNextMessageBox(context, text); // not shown yet
            return;
        }
        *text = box->text() + u'\n' + box->informativeText();
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::AcceptRole)
                button->click();
        }
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensOfflineOnWelcomePage();
    void refreshRunsSyncAndUpdatesViews();
    void fullResyncAsksShowsProgressCancelsAndResumes();
    void damagedDatabaseFoundBySyncOffersFullResync();
    void failedSyncShowsBannerAndKeepsBrowsing();
    void shortcutsAndPages();

private:
    void verifyDatabaseMatchesEmulator();

    test::TempDir m_dir;
    std::unique_ptr<demo::Emulator> m_emulator;
    ShopProfile m_profile;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    demo::EmulatorConfig config;
    config.shops.first().orders = 2500;
    config.historyDays = 60;
    m_emulator = test::startEmulator(config);
    QVERIFY(m_emulator);
    m_profile.id = QStringLiteral("shop");
    m_profile.databasePath = m_dir.databasePath();
    m_profile.keychainService = QStringLiteral("tts-uitest-mainwindow");
    m_profile.sessionOnlySecrets = true;
}

void TestMainWindow::opensOfflineOnWelcomePage()
{
    MainWindow w;
    w.openProfile(m_profile); // nothing there yet
    w.show();
    QCOMPARE(w.currentPageName(), QStringLiteral("welcome"));
    QVERIFY(!w.refreshAction()->isEnabled());

    // Connect (session-only secrets, as the connect dialog does without a keychain).
    QCOMPARE(test::connectEmulator(*m_emulator, m_profile.databasePath), QString());
}

void TestMainWindow::refreshRunsSyncAndUpdatesViews()
{
    MainWindow w;
    w.openProfile(m_profile);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.currentPageName(), QStringLiteral("dashboard"));
    QCOMPARE(w.ordersPage()->model()->rowCount(), 0);
    QVERIFY(w.refreshAction()->isEnabled());

    auto* dashboard = qobject_cast<DashboardView*>(w.dashboardPage());
    QVERIFY(dashboard);
    QVERIFY(!dashboard->hasData());
    QSignalSpy dashboardReloaded(dashboard, &DashboardView::reloaded);
    QSignalSpy finished(w.session(), &ShopSession::syncFinished);
    QSignalSpy reloaded(&w, &MainWindow::dataReloaded);
    auto* bar = w.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    QVERIFY(bar);
    QWidget* button = bar->widgetForAction(w.refreshAction());
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(w.session()->isSyncing());
    QVERIFY(!w.refreshAction()->isEnabled()); // one sync at a time
    QVERIFY(finished.wait(60000));
    QVERIFY(!reloaded.isEmpty());
    // The orders table counts on its loader thread.
    QTRY_COMPARE_WITH_TIMEOUT(w.ordersPage()->model()->rowCount(), int(m_emulator->orderCount(kShopId)),
                              20000);
    QVERIFY2(w.syncPanel()->statusText().contains(QStringLiteral("Last synced")),
             qPrintable(w.syncPanel()->statusText()));
    verifyDatabaseMatchesEmulator();
    // The dashboard reloads after the sync (asynchronously) and now has figures.
    QTRY_VERIFY_WITH_TIMEOUT(!dashboardReloaded.isEmpty() && dashboard->hasData(), 20000);

    // New orders on the server appear after F5.
    m_emulator->addOrders(kShopId, 3);
    w.showPage(QStringLiteral("orders"));
    w.ordersPage()->selectRow(5);
    const QString selected = w.ordersPage()->model()->orderId(5);
    finished.clear();
    w.refreshAction()->trigger();
    QVERIFY(finished.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(w.ordersPage()->model()->rowCount(), int(m_emulator->orderCount(kShopId)),
                              20000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.ordersPage()->model()->isLoading(), 20000);
    // The selected order stays selected (it moved down by three rows: newest first).
    QCOMPARE(w.ordersPage()->table()->currentIndex().row(), 8);
    QCOMPARE(w.ordersPage()->model()->orderId(w.ordersPage()->table()->currentIndex().row()), selected);
    // The Products page lists the catalog after the sync.
    w.showPage(QStringLiteral("products"));
    QTRY_VERIFY_WITH_TIMEOUT(w.productsPage()->model()->rowCount() > 0, 20000);
}

void TestMainWindow::fullResyncAsksShowsProgressCancelsAndResumes()
{
    MainWindow w;
    w.openProfile(m_profile);
    w.show();
    demo::FaultConfig slow;
    slow.latencyMs = 40; // slow enough to see progress and cancel half-way
    m_emulator->setFaults(slow);

    QSignalSpy finished(w.session(), &ShopSession::syncFinished);
    QSignalSpy failed(w.session(), &ShopSession::syncFailed);
    QString question;
    acceptNextMessageBox(this, &question);
    w.fullResyncAction()->trigger();
    QVERIFY2(question.contains(QLocale().toString(m_emulator->orderCount(kShopId))), qPrintable(question));
    QVERIFY(question.contains(QStringLiteral("API calls")));
    QVERIFY(w.session()->isSyncing());

    QProgressBar* bar = w.syncPanel()->progressBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0 && bar->value() > 0, 30000);
    QVERIFY2(bar->format().contains(QStringLiteral(" of ")), qPrintable(bar->format()));
    QVERIFY(bar->isVisible());
    QVERIFY(w.cancelAction()->isEnabled());
    w.cancelAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 30000);
    if (!finished.isEmpty())
        QVERIFY(finished.first().first().value<SyncReport>().cancelled);
    QVERIFY(!bar->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(w.ordersPage()->model()->rowCount() > 0, 20000); // what was fetched is kept

    // Resume: the next full resync finishes with exactly the server's orders.
    m_emulator->setFaults({});
    m_emulator->mutateRandomOrders(kShopId, 20);
    finished.clear();
    failed.clear();
    acceptNextMessageBox(this, &question);
    w.fullResyncAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!finished.first().first().value<SyncReport>().cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(w.ordersPage()->model()->rowCount(), int(m_emulator->orderCount(kShopId)),
                              20000);
    verifyDatabaseMatchesEmulator();
}

void TestMainWindow::damagedDatabaseFoundBySyncOffersFullResync()
{
    MainWindow w;
    w.openProfile(m_profile);
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.ordersPage()->model()->rowCount() > 0 && !w.ordersPage()->model()->isLoading(),
                             20000);
    // Damaged behind the window's back, after its own check (which the last clean sync's stamp skips).
    {
        Database::Error error;
        auto db = Database::open(m_profile.databasePath, Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        QVERIFY(db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), &error));
    }
    QVERIFY(test::damageDatabasePages(m_profile.databasePath));
    QSignalSpy failed(w.session(), &ShopSession::syncFailed);
    QSignalSpy finished(w.session(), &ShopSession::syncFinished);
    w.refreshAction()->trigger();
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.first().first().value<SyncError>().damaged);
    // The sync moved it aside for a fresh one: the window shows that one, and offers what brings the
    // shop back (not a Retry).
    QCOMPARE(w.banner()->actionId(), QStringLiteral("resync"));
    QVERIFY2(w.banner()->text().contains(QStringLiteral("moved aside")), qPrintable(w.banner()->text()));
    QCOMPARE(test::corruptBackupsOf(m_profile.databasePath).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(w.ordersPage()->model()->rowCount(), 0, 20000);
    auto* button = w.banner()->findChild<QPushButton*>();
    QVERIFY(button && button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Full Resync"));
    QSignalSpy clicked(w.banner(), &Banner::actionTriggered);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().first().toString(), QStringLiteral("resync")); // as the window's slot got it
    QVERIFY(w.session()->isSyncing());
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.first().first().value<SyncReport>().cancelled);
    QCOMPARE(finished.first().first().value<SyncReport>().mode, SyncMode::Full);
    QVERIFY(!w.banner()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(w.ordersPage()->model()->rowCount(), int(m_emulator->orderCount(kShopId)),
                              20000);
    verifyDatabaseMatchesEmulator();
}

void TestMainWindow::failedSyncShowsBannerAndKeepsBrowsing()
{
    MainWindow w;
    w.openProfile(m_profile);
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.ordersPage()->model()->rowCount() > 0 && !w.ordersPage()->model()->isLoading(),
                             20000);
    const int rows = w.ordersPage()->model()->rowCount();
    m_emulator->expireAccessTokens();
    m_emulator->expireRefreshTokens();
    QSignalSpy failed(w.session(), &ShopSession::syncFailed);
    w.refreshAction()->trigger();
    QVERIFY(failed.wait(30000));
    QVERIFY(w.banner()->isVisible());
    QVERIFY(!w.banner()->text().isEmpty());
    QCOMPARE(w.banner()->actionId(), QStringLiteral("reconnect"));
    QTRY_VERIFY_WITH_TIMEOUT(!w.ordersPage()->model()->isLoading(), 20000);
    QCOMPARE(w.ordersPage()->model()->rowCount(), rows); // browsing is not disturbed
    QVERIFY(w.refreshAction()->isEnabled());
}

void TestMainWindow::shortcutsAndPages()
{
    MainWindow w;
    w.openProfile(m_profile);
    w.show();
    QCOMPARE(w.refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));
    QCOMPARE(w.fullResyncAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    QCOMPARE(w.cancelAction()->shortcut(), QKeySequence(Qt::Key_Escape));
    w.showPage(QStringLiteral("products"));
    QCOMPARE(w.currentPageName(), QStringLiteral("products"));
    w.showPage(QStringLiteral("orders"));
    QCOMPARE(w.currentPageName(), QStringLiteral("orders"));
    w.close();
    MainWindow again; // remembers the last view
    again.openProfile(m_profile);
    QCOMPARE(again.currentPageName(), QStringLiteral("orders"));
}

void TestMainWindow::verifyDatabaseMatchesEmulator()
{
    Database::Error error;
    auto db = Database::open(m_profile.databasePath, Database::ReadOnly, &error);
    QVERIFY2(db, qPrintable(error.message));
    QHash<QString, QPair<QString, QString>> stored;
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT id, status, total_amount FROM orders")));
    while (q.next())
        stored.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toString()});
    const QJsonArray orders = m_emulator->allOrders(kShopId);
    QCOMPARE(stored.size(), orders.size());
    for (const QJsonValue& value : orders) {
        const QJsonObject o = value.toObject();
        const auto it = stored.constFind(o.value(QStringLiteral("id")).toString());
        QVERIFY(it != stored.constEnd());
        QCOMPARE(it->first, o.value(QStringLiteral("status")).toString());
        QCOMPARE(
            it->second,
            o.value(QStringLiteral("payment")).toObject().value(QStringLiteral("total_amount")).toString());
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
