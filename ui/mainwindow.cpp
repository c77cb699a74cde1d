#include "mainwindow.h"

#include "aboutdialog.h"
#include "appsettings.h"
#include "orders/orderspage.h"
#include "preferences/preferencesdialog.h"
#include "products/productspage.h"
#include "session/databaseguard.h"
#include "session/shopsession.h"
#include "sync/syncpanel.h"
#include "widgets/banner.h"

#if __has_include("charts/dashboardview.h")
#include "charts/dashboardview.h"
#define TTS_HAVE_DASHBOARD 1
#endif

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace tts {

namespace {
enum PageIndex
{
    WelcomeIndex,
    DashboardIndex,
    OrdersIndex,
    ProductsIndex
};
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_session(new ShopSession(this))
{
    setWindowTitle(tr("TikTok Shop Dashboard"));
    setObjectName(QStringLiteral("mainWindow"));
    createActions();
    createMenus();

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_sessionBanner = new Banner(central);
    m_sessionBanner->setObjectName(QStringLiteral("sessionBanner"));
    m_sessionBanner->setDismissible(false);
    m_banner = new Banner(central);
    m_syncPanel = new SyncPanel(central);
    auto* line = new QFrame(central);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_pages = new QStackedWidget(central);
    m_welcome = createWelcomePage();
    m_dashboard = createDashboard();
    m_orders = new OrdersPage(m_pages);
    m_products = new ProductsPage(m_pages);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_orders);
    m_pages->addWidget(m_products);
    layout->addWidget(m_sessionBanner);
    layout->addWidget(m_banner);
    layout->addWidget(m_syncPanel);
    layout->addWidget(line);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    connect(m_syncPanel, &SyncPanel::cancelRequested, this, &MainWindow::cancelSync);
    connect(m_banner, &Banner::actionTriggered, this, &MainWindow::onBannerAction);
    connect(m_session, &ShopSession::syncStarted, this, &MainWindow::onSyncStarted);
    connect(m_session, &ShopSession::syncProgress, m_syncPanel, &SyncPanel::updateProgress);
    connect(m_session, &ShopSession::syncFinished, this, &MainWindow::onSyncFinished);
    connect(m_session, &ShopSession::syncFailed, this, &MainWindow::onSyncFailed);
    connect(m_session, &ShopSession::databaseChanged, this, &MainWindow::reloadData);
    connect(m_session, &ShopSession::demoStatus, this, [this](const QString& message) {
        m_syncPanel->setMessage(message);
        updateActions();
    });
    connect(m_session, &ShopSession::demoFailed, this, [this](const QString& message) {
        m_syncPanel->setMessage({});
        m_banner->showMessage(Banner::Kind::Error, tr("The demo shop could not be opened: %1").arg(message),
                              tr("Retry"), QStringLiteral("demo"));
        updateActions();
    });
    m_guard = new DatabaseGuard(this);
    connect(m_guard, &DatabaseGuard::damaged, this, [this](const QString& path, const QString& detail) {
        // A sync that found the damage first has already put a fresh file in its place (its banner
        // offers the full resync): this check read the old one.
        if (path != m_session->profile().databasePath || m_session->isSyncing() ||
            m_banner->actionId() == u"resync")
            return;
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The database is damaged (%1). Rebuild keeps it aside as a backup and "
                                 "downloads your shop's data again.")
                                  .arg(detail.section(QLatin1Char('\n'), 0, 1).simplified()),
                              tr("Rebuild"), QStringLiteral("rebuild"));
    });
    connect(m_guard, &DatabaseGuard::syncElsewhereFinished, this, &MainWindow::refresh);
    connect(m_orders, &OrdersPage::exportFinished, this, [this](bool ok, const QString& message) {
        if (ok)
            m_syncPanel->setMessage(message);
        else
            m_banner->showMessage(Banner::Kind::Error, message, tr("Dismiss"), QStringLiteral("dismiss"));
    });

    const QByteArray geometry = AppSettings::windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1200, 780);
    restoreState(AppSettings::windowState());
    m_orders->restoreSplitterState(AppSettings::splitterState(QStringLiteral("orders")));
    applyTimeZone();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The pages let go of the read-only connection before the session closes it.
    m_orders->setDatabase(QSqlDatabase(), QString());
    m_products->setDatabaseFile(QString());
    delete m_session;
    m_session = nullptr;
}

void MainWindow::createActions()
{
    m_refresh = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Fetch new and updated orders (F5)"));
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);

    m_fullResync = new QAction(tr("&Full Resync…"), this);
    m_fullResync->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_fullResync->setToolTip(tr("Download every order again"));
    m_fullResync->setObjectName(QStringLiteral("fullResyncAction"));
    connect(m_fullResync, &QAction::triggered, this, &MainWindow::fullResync);

    m_cancel = new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel Sync"), this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setToolTip(tr("Stop the sync and keep what was fetched (Esc)"));
    connect(m_cancel, &QAction::triggered, this, &MainWindow::cancelSync);

    m_connect = new QAction(tr("&Connect a Shop…"), this);
    connect(m_connect, &QAction::triggered, this, &MainWindow::showConnectDialog);
    m_demo = new QAction(tr("Try the &Demo Shop"), this);
    connect(m_demo, &QAction::triggered, this, &MainWindow::startDemo);
    m_disconnect = new QAction(tr("&Disconnect…"), this);
    connect(m_disconnect, &QAction::triggered, this, &MainWindow::disconnectShop);
    m_export = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Export Orders…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_export, &QAction::triggered, this, [this] {
        showPage(QStringLiteral("orders"));
        m_orders->exportCsv();
    });
    m_preferences = new QAction(tr("&Preferences…"), this);
    m_preferences->setShortcut(QKeySequence::Preferences);
    if (m_preferences->shortcut().isEmpty())
        m_preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_preferences->setMenuRole(QAction::PreferencesRole);
    connect(m_preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    m_about = new QAction(tr("&About TikTok Shop Dashboard"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_pageGroup = new QActionGroup(this);
    m_showDashboard =
        new QAction(style()->standardIcon(QStyle::SP_FileDialogInfoView), tr("Dashboard"), this);
    m_showDashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_showOrders = new QAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Orders"), this);
    m_showOrders->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_showProducts = new QAction(style()->standardIcon(QStyle::SP_FileDialogListView), tr("Products"), this);
    m_showProducts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    for (QAction* page : {m_showDashboard, m_showOrders, m_showProducts}) {
        page->setCheckable(true);
        m_pageGroup->addAction(page);
    }
    connect(m_showDashboard, &QAction::triggered, this, [this] { showPage(QStringLiteral("dashboard")); });
    connect(m_showOrders, &QAction::triggered, this, [this] { showPage(QStringLiteral("orders")); });
    connect(m_showProducts, &QAction::triggered, this, [this] { showPage(QStringLiteral("products")); });
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        if (currentPageName() == u"products") {
            m_products->focusSearch();
            return;
        }
        showPage(QStringLiteral("orders"));
        m_orders->focusSearch();
    });
    addAction(find);
    addAction(m_cancel);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connect);
    file->addAction(m_demo);
    file->addAction(m_disconnect);
    file->addSeparator();
    file->addAction(m_export);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu* sync = menuBar()->addMenu(tr("&Sync"));
    sync->addAction(m_refresh);
    sync->addAction(m_fullResync);
    sync->addSeparator();
    sync->addAction(m_cancel);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_showDashboard);
    view->addAction(m_showOrders);
    view->addAction(m_showProducts);
    QMenu* settings = menuBar()->addMenu(tr("Se&ttings"));
    settings->addAction(m_preferences);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_refresh);
    bar->addSeparator();
    bar->addAction(m_showDashboard);
    bar->addAction(m_showOrders);
    bar->addAction(m_showProducts);
}

QWidget* MainWindow::createWelcomePage()
{
    auto* page = new QWidget(this);
    auto* outer = new QVBoxLayout(page);
    outer->addStretch(2);
    auto* title = new QLabel(tr("Welcome to TikTok Shop Dashboard"), page);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.8);
    font.setBold(true);
    title->setFont(font);
    title->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(tr("Your orders and sales charts on your own computer, available offline.\n"
                               "Connect your shop, or look around with a demo shop first."),
                            page);
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    auto* connectButton = new QPushButton(tr("Connect your shop…"), page);
    connectButton->setDefault(true);
    auto* demoButton = new QPushButton(tr("Try the demo shop"), page);
    for (QPushButton* b : {connectButton, demoButton}) {
        b->setMinimumHeight(b->sizeHint().height() + 12);
        b->setMinimumWidth(200);
        buttons->addWidget(b);
    }
    buttons->addStretch();
    connect(connectButton, &QPushButton::clicked, this, &MainWindow::showConnectDialog);
    connect(demoButton, &QPushButton::clicked, this, &MainWindow::startDemo);
    outer->addWidget(title);
    outer->addSpacing(8);
    outer->addWidget(text);
    outer->addSpacing(24);
    outer->addLayout(buttons);
    outer->addStretch(3);
    return page;
}

QWidget* MainWindow::createDashboard()
{
#ifdef TTS_HAVE_DASHBOARD
    auto* view = new DashboardView(this);
    view->setObjectName(QStringLiteral("dashboardView"));
    return view;
#else
    auto* placeholder = new QLabel(tr("The dashboard appears here after the first sync."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    return placeholder;
#endif
}

QString MainWindow::currentPageName() const
{
    switch (m_pages->currentIndex()) {
    case DashboardIndex:
        return QStringLiteral("dashboard");
    case OrdersIndex:
        return QStringLiteral("orders");
    case ProductsIndex:
        return QStringLiteral("products");
    default:
        return QStringLiteral("welcome");
    }
}

void MainWindow::showPage(const QString& name)
{
    if (!m_session->database()) {
        m_pages->setCurrentIndex(WelcomeIndex);
        updateActions();
        return;
    }
    const bool orders = name == u"orders";
    const bool products = name == u"products";
    m_pages->setCurrentIndex(orders ? OrdersIndex : products ? ProductsIndex : DashboardIndex);
    (orders ? m_showOrders : products ? m_showProducts : m_showDashboard)->setChecked(true);
    AppSettings::setLastView(orders     ? QStringLiteral("orders")
                             : products ? QStringLiteral("products")
                                        : QStringLiteral("dashboard"));
    updateActions();
}

void MainWindow::applyTimeZone()
{
    const QTimeZone zone = AppSettings::timeZone();
    m_orders->setTimeZone(zone);
#ifdef TTS_HAVE_DASHBOARD
    static_cast<DashboardView*>(m_dashboard)->setTimeZone(zone);
#endif
}

void MainWindow::updateActions()
{
    const bool connected = m_session->database() != nullptr;
    const bool syncing = m_session->isSyncing();
    m_refresh->setEnabled(connected && !syncing);
    m_fullResync->setEnabled(connected && !syncing);
    m_cancel->setEnabled(syncing);
    m_disconnect->setEnabled(connected && !syncing);
    m_export->setEnabled(connected);
    m_showDashboard->setEnabled(connected);
    m_showOrders->setEnabled(connected);
    m_showProducts->setEnabled(connected);
    m_connect->setEnabled(!syncing);
    m_demo->setEnabled(!syncing);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    AppSettings::setWindow(saveGeometry(), saveState());
    AppSettings::setSplitterState(QStringLiteral("orders"), m_orders->saveSplitterState());
    m_session->cancelSync();
    QMainWindow::closeEvent(event);
}

} // namespace tts
