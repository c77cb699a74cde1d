#pragma once

#include "session/shopprofile.h"
#include "sync/synctypes.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QStackedWidget;

namespace tts {

class Banner;
class Database;
class DatabaseGuard;
class OrdersPage;
class ProductsPage;
class ScreenshotTour;
class ShopSession;
class SyncPanel;

// The main window: toolbar (Refresh), the Sync menu (Full Resync…), the sync panel, the error
// banner, and the pages (Dashboard, Orders, Products; a welcome page before the first connection).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the profile remembered in QSettings (or the welcome page).
    void openLastProfile();
    void openProfile(const ShopProfile& profile);
    // After the first sync of this run, saves a PNG of every screen into `dir`, then quits.
    void setScreenshotDir(const QString& dir);

    ShopSession* session() const { return m_session; }
    SyncPanel* syncPanel() const { return m_syncPanel; }
    Banner* banner() const { return m_banner; }
    Banner* sessionBanner() const { return m_sessionBanner; }
    OrdersPage* ordersPage() const { return m_orders; }
    ProductsPage* productsPage() const { return m_products; }
    QWidget* dashboardPage() const { return m_dashboard; }
    QAction* refreshAction() const { return m_refresh; }
    QAction* fullResyncAction() const { return m_fullResync; }
    QAction* cancelAction() const { return m_cancel; }
    QString currentPageName() const;
    // The text of the full resync confirmation (the sizes and the estimate).
    QString fullResyncQuestion();

public Q_SLOTS:
    void refresh();
    void fullResync(); // asks first
    void cancelSync();
    void startDemo();
    void showConnectDialog();
    void disconnectShop();
    void showPreferences();
    void showAbout();
    void showPage(const QString& name); // "dashboard", "orders", "products"
    void reloadData();

Q_SIGNALS:
    void dataReloaded();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    QWidget* createWelcomePage();
    QWidget* createDashboard();
    void applyTimeZone();
    void updateActions();
    void onSyncStarted(SyncMode mode);
    void onSyncFinished(const SyncReport& report);
    void onSyncFailed(const SyncError& error);
    void onBannerAction(const QString& action);
    void updateSessionBanner();
    void rebuildDatabase(); // a damaged database: set it aside, start over with a full resync

    ShopSession* m_session = nullptr;
    DatabaseGuard* m_guard = nullptr; // integrity check, rebuild, another program's sync
    Banner* m_banner = nullptr;
    Banner* m_sessionBanner = nullptr;
    SyncPanel* m_syncPanel = nullptr;
    QStackedWidget* m_pages = nullptr;
    QWidget* m_welcome = nullptr;
    QWidget* m_dashboard = nullptr;
    OrdersPage* m_orders = nullptr;
    ProductsPage* m_products = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_fullResync = nullptr;
    QAction* m_cancel = nullptr;
    QAction* m_connect = nullptr;
    QAction* m_demo = nullptr;
    QAction* m_disconnect = nullptr;
    QAction* m_export = nullptr;
    QAction* m_preferences = nullptr;
    QAction* m_about = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_showDashboard = nullptr;
    QAction* m_showOrders = nullptr;
    QAction* m_showProducts = nullptr;
    QActionGroup* m_pageGroup = nullptr;
    QPointer<ScreenshotTour> m_tour;
    Database* m_loadedDb = nullptr;
    bool m_loadedAny = false;
    QString m_screenshotDir;
};

} // namespace tts
