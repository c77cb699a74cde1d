// MainWindow: what happens when the user syncs, connects, disconnects or opens the demo shop.
#include "mainwindow.h"

#include "aboutdialog.h"
#include "appsettings.h"
#include "connect/connectdialog.h"
#include "orders/orderspage.h"
#include "preferences/preferencesdialog.h"
#include "products/productspage.h"
#include "screenshottour.h"
#include "secrets/secretstorefactory.h"
#include "session/databaseguard.h"
#include "session/shopsession.h"
#include "storage/database.h"
#include "sync/shopconnector.h"
#include "sync/syncformat.h"
#include "sync/syncpanel.h"
#include "widgets/banner.h"

#if __has_include("charts/dashboardview.h")
#include "charts/dashboardview.h"
#define TTS_HAVE_DASHBOARD 1
#endif

#include <QAction>
#include <QDateTime>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>

namespace tts {

void MainWindow::openLastProfile()
{
    const QString profile = AppSettings::profile();
    if (profile == u"demo")
        openProfile(ShopProfile::demoShop());
    else
        openProfile(ShopProfile::realShop()); // the welcome page when nothing was synced yet
}

void MainWindow::openProfile(const ShopProfile& profile)
{
    m_session->setProfile(profile);
    m_guard->check(profile.databasePath); // off the GUI thread; a sync checks for itself
    updateSessionBanner();
    updateActions();
}

void MainWindow::reloadData()
{
    Database* db = m_session->database();
    const QList<ShopStatus> shops = m_session->shopStatuses();
    m_syncPanel->setShopStatuses(shops);
    QList<QPair<QString, QString>> shopNames;
    for (const ShopStatus& shop : shops)
        shopNames.append({shop.id, shop.name});
    m_orders->setShops(shopNames);
    if (db != m_loadedDb || !m_loadedAny) {
        m_loadedDb = db;
        m_loadedAny = true;
        m_orders->setDatabase(db ? db->connection() : QSqlDatabase(), db ? db->path() : QString());
        m_products->setDatabaseFile(db ? db->path() : QString());
#ifdef TTS_HAVE_DASHBOARD
        static_cast<DashboardView*>(m_dashboard)->setDatabasePath(db ? db->path() : QString());
#endif
    } else {
        m_orders->reload();
        m_products->reload();
#ifdef TTS_HAVE_DASHBOARD
        static_cast<DashboardView*>(m_dashboard)->reload();
#endif
    }
    if (!db)
        showPage(QString());
    else if (currentPageName() == u"welcome")
        showPage(AppSettings::lastView());
    updateActions();
    Q_EMIT dataReloaded();
}

void MainWindow::updateSessionBanner()
{
    if (m_session->profile().sessionOnlySecrets && !m_session->profile().isDemo())
        m_sessionBanner->showMessage(
            Banner::Kind::Warning, tr("Session-only mode: no system keychain is available, so the app secret "
                                      "and the tokens are kept in memory and forgotten when you quit. Your "
                                      "synced orders stay on this computer."));
    else
        m_sessionBanner->clear();
}

void MainWindow::refresh()
{
    if (m_session->isSyncing() || !m_session->database())
        return;
    m_banner->clear();
    m_session->startSync(SyncMode::Incremental);
    updateActions();
}

QString MainWindow::fullResyncQuestion()
{
    const qint64 stored = m_session->orderCount();
    qint64 reported = 0;
    for (const ShopStatus& shop : m_session->shopStatuses())
        reported += shop.ordersStream.fullResyncTotal;
    const qint64 expected = std::max(stored, reported);
    QString text = tr("A full resync downloads every order again: %1 orders are on this computer")
                       .arg(locale().toString(stored));
    if (reported > 0)
        text += tr(", and TikTok reported %1 at the last full resync").arg(locale().toString(reported));
    text += tr(".\n\nThat is %1. The current data stays visible while it runs, and Cancel keeps what was "
               "fetched; the next full resync continues where it stopped.")
                .arg(SyncFormat::resyncEstimate(expected, AppSettings::requestsPerSecond(),
                                                AppSettings::concurrency(), locale()));
    return text;
}

void MainWindow::fullResync()
{
    if (m_session->isSyncing() || !m_session->database())
        return;
    QMessageBox box(QMessageBox::Question, tr("Full Resync"), tr("Download every order again?"),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("fullResyncConfirmation"));
    box.setInformativeText(fullResyncQuestion());
    QPushButton* start = box.addButton(tr("Start Full Resync"), QMessageBox::AcceptRole);
    box.setDefaultButton(start);
    box.exec();
    if (box.clickedButton() != start)
        return;
    m_banner->clear();
    m_session->startSync(SyncMode::Full);
    updateActions();
}

void MainWindow::cancelSync()
{
    if (m_session->isSyncing())
        m_session->cancelSync();
}

void MainWindow::onSyncStarted(SyncMode mode)
{
    m_syncPanel->syncStarted(mode);
    if (m_tour)
        m_tour->syncStarted();
    updateActions();
}

void MainWindow::onSyncFinished(const SyncReport& report)
{
    m_syncPanel->syncEnded();
    m_syncPanel->setMessage(SyncFormat::reportText(report, locale()));
    reloadData();
    updateActions();
    if (!m_screenshotDir.isEmpty() && !m_tour) {
        m_tour = new ScreenshotTour(this, m_screenshotDir);
        m_tour->run();
    }
}

void MainWindow::onSyncFailed(const SyncError& error)
{
    m_syncPanel->syncEnded();
    m_syncPanel->setMessage({});
    reloadData(); // what was committed before the failure is shown
    switch (error.kind) {
    case SyncError::NotConnected:
        m_banner->showMessage(Banner::Kind::Error, error.message, tr("Reconnect…"),
                              QStringLiteral("reconnect"));
        break;
    case SyncError::Interrupted:
        m_banner->showMessage(Banner::Kind::Info, error.message, tr("Retry"), QStringLiteral("retry"));
        break;
    default:
        if (qint64 pid = 0; error.kind == SyncError::Database &&
                            DatabaseGuard::isSyncRunningElsewhere(m_session->profile().databasePath, &pid)) {
            // Never two syncs of one database: wait for the other one, then refresh.
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("Another sync of this shop is running (pid %1), e.g. the command line; "
                                     "the window refreshes when it finishes.")
                                      .arg(pid));
            m_guard->waitForOtherSync(m_session->profile().databasePath);
            break;
        }
        if (error.damaged) {
            // The damaged file is kept aside and a fresh one is in its place: download everything.
            m_banner->showMessage(Banner::Kind::Error, error.message, tr("Full Resync"),
                                  QStringLiteral("resync"));
            break;
        }
        m_banner->showMessage(Banner::Kind::Error, error.message, tr("Retry"), QStringLiteral("retry"));
        break;
    }
    updateActions();
}

void MainWindow::rebuildDatabase()
{
    if (m_session->isSyncing())
        return;
    const DatabaseGuard::Rebuilt rebuilt = m_guard->rebuild(m_session->profile().databasePath);
    if (!rebuilt.ok) {
        m_banner->showMessage(Banner::Kind::Error, rebuilt.message, tr("Retry"), QStringLiteral("rebuild"));
        return;
    }
    m_session->reopenDatabase();
    if (!rebuilt.connectionKept) {
        m_banner->showMessage(Banner::Kind::Warning,
                              rebuilt.message + QLatin1Char(' ') +
                                  tr("The shop's connection could not be recovered from it; connect again."),
                              tr("Connect…"), QStringLiteral("reconnect"));
        return;
    }
    m_banner->showMessage(Banner::Kind::Info,
                          rebuilt.message + QLatin1Char(' ') + tr("Downloading your shop's data again."));
    m_session->startSync(SyncMode::Full);
    updateActions();
}

void MainWindow::onBannerAction(const QString& action)
{
    m_banner->clear();
    if (action == u"retry")
        refresh();
    else if (action == u"resync")
        m_session->startSync(SyncMode::Full); // nothing to lose: the database is new
    else if (action == u"reconnect")
        m_session->profile().isDemo() ? startDemo() : showConnectDialog();
    else if (action == u"demo")
        startDemo();
    else if (action == u"rebuild")
        rebuildDatabase();
}

void MainWindow::startDemo()
{
    if (m_session->isSyncing())
        return;
    m_banner->clear();
    qint64 historyEnd = AppSettings::demoHistoryEnd();
    if (historyEnd <= 0) {
        historyEnd = QDateTime::currentSecsSinceEpoch();
        AppSettings::setDemoHistoryEnd(historyEnd);
    }
    AppSettings::setProfile(QStringLiteral("demo"));
    ShopProfile profile = ShopProfile::demoShop();
    m_syncPanel->setMessage(tr("Checking the system keychain…"));
    probeKeychain(profile.keychainService, this, [this, profile, historyEnd](SecretError result) mutable {
        // Without a keychain the demo's (public) credentials live in memory for this session.
        profile.sessionOnlySecrets = result.kind == SecretError::NoBackend;
        openProfile(profile);
        m_session->startDemo(historyEnd);
        updateActions();
    });
}

void MainWindow::showConnectDialog()
{
    if (m_session->isSyncing())
        return;
    auto* dialog = new ConnectDialog(ShopProfile::realShop(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectDialog::shopsConnected, this, [this, dialog] {
        ShopProfile profile = ShopProfile::realShop();
        profile.sessionOnlySecrets = dialog->sessionOnly();
        AppSettings::setProfile(QStringLiteral("shop"));
        openProfile(profile);
    });
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_session->profile().id == u"shop")
            refresh();
    });
    dialog->open();
}

void MainWindow::disconnectShop()
{
    if (m_session->isSyncing() || !m_session->database())
        return;
    const ShopProfile profile = m_session->profile();
    QMessageBox box(QMessageBox::Question, tr("Disconnect"),
                    profile.isDemo() ? tr("Disconnect the demo shop?") : tr("Disconnect your shop?"),
                    QMessageBox::Cancel, this);
    box.setInformativeText(
        tr("The app secret and the tokens are removed from the keychain. The synced orders "
           "stay on this computer and remain visible; connect again to sync."));
    QPushButton* yes = box.addButton(tr("Disconnect"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    disconnectAll(profile.keychainService, profile.sessionOnlySecrets, this, [this](SecretError error) {
        if (error.isError())
            m_banner->showMessage(Banner::Kind::Error,
                                  tr("The secrets could not be removed: %1").arg(error.message),
                                  tr("Dismiss"), QStringLiteral("dismiss"));
        else
            m_banner->showMessage(Banner::Kind::Info,
                                  tr("Disconnected. The secrets were removed; your orders are still here."),
                                  tr("Connect…"), QStringLiteral("reconnect"));
    });
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        applyTimeZone();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::setScreenshotDir(const QString& dir)
{
    m_screenshotDir = dir;
}

} // namespace tts
