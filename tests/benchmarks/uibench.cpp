// uibench: figures of the desktop application. Prints, asserts nothing about time.
//   first paint of the orders table over 1,000,000 orders (and a deep scroll, a re-sort)
//   launch of the real executable to a painted window over 300,000 orders
//   the GUI thread's worst stall during a full resync of 100,000 orders from an in-process emulator
// --quick: small sizes (the uibench_smoke ctest).
#include "mainwindow.h"
#include "orders/ordersmodel.h"
#include "orders/orderspage.h"
#include "session/shopsession.h"
#include "storage/database.h"
#include "synctesthelpers.h"
#include "testsupport.h"
#include "uitestdb.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace tts;

namespace {

void createDatabase(const QString& path, qint64 orders)
{
    Database::Error error;
    { // the contract's schema, from the storage module itself
        auto db = Database::open(path, Database::ReadWrite, &error);
        if (!db)
            qFatal("cannot create %s: %s", qPrintable(path), qPrintable(error.message));
    }
    QSqlDatabase db = test::openTestDatabase(path);
    QElapsedTimer t;
    t.start();
    test::generateOrders(db, orders, QStringLiteral("shop1"));
    std::printf("generated %lld orders in %lld ms\n", static_cast<long long>(orders),
                static_cast<long long>(t.elapsed()));
    const QString name = db.connectionName();
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(name);
}

void benchFirstPaint(const QString& path, qint64 orders)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    OrdersPage page;
    page.resize(1200, 800);
    page.setShops({{QStringLiteral("shop1"), QStringLiteral("Shop")}});
    QElapsedTimer t;
    t.start();
    page.setDatabase(db->connection(), path);
    const QPixmap first = page.grab(); // count + the first window of rows + painting
    const qint64 firstMs = t.elapsed();
    std::printf("orders table first paint over %lld orders: %lld ms (%d rows)\n",
                static_cast<long long>(orders), static_cast<long long>(firstMs), page.model()->rowCount());
    t.restart();
    page.table()->scrollToBottom();
    page.grab();
    std::printf("orders table jump to the last row: %lld ms\n", static_cast<long long>(t.elapsed()));
    t.restart();
    page.table()->verticalScrollBar()->setValue(page.table()->verticalScrollBar()->maximum() / 2);
    page.grab();
    std::printf("orders table jump to the middle: %lld ms\n", static_cast<long long>(t.elapsed()));
    t.restart();
    page.table()->sortByColumn(OrdersModel::TotalColumn, Qt::DescendingOrder);
    page.grab();
    std::printf("orders table sort by total (not indexed) + paint: %lld ms\n",
                static_cast<long long>(t.elapsed()));
    t.restart();
    page.table()->sortByColumn(OrdersModel::CreatedColumn, Qt::DescendingOrder);
    page.grab();
    std::printf("orders table sort by created (indexed) + paint: %lld ms\n",
                static_cast<long long>(t.elapsed()));
}

void benchLaunch(const QString& path, qint64 orders)
{
    const QString exe = QCoreApplication::applicationDirPath() + QStringLiteral("/tiktok-shop-dashboard");
    QTemporaryDir home;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false;tts.*.info=false"));
    process.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    process.start(exe, {QStringLiteral("--database"), path, QStringLiteral("--quit-after-first-paint")});
    if (!process.waitForFinished(60000)) {
        std::printf("launch: %s did not finish\n", qPrintable(exe));
        process.kill();
        return;
    }
    const QByteArray out = process.readAllStandardOutput();
    const qsizetype at = out.indexOf("first_paint_ms ");
    std::printf(
        "launch to painted window over %lld orders: %s ms after main(), %lld ms process start to exit\n",
        static_cast<long long>(orders),
        at < 0 ? "?" : out.mid(at + 15, out.indexOf('\n', at) - at - 15).constData(),
        static_cast<long long>(t.elapsed()));
}

void benchStall(qint64 orders)
{
    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    auto emulator = test::startEmulator(config);
    if (!emulator)
        return;
    QTemporaryDir dir;
    ShopProfile profile;
    profile.id = QStringLiteral("shop");
    profile.databasePath = dir.filePath(QStringLiteral("stall.sqlite"));
    profile.keychainService = QStringLiteral("tts-uibench");
    profile.sessionOnlySecrets = true;
    if (const QString error = test::connectEmulator(*emulator, profile.databasePath); !error.isEmpty()) {
        std::printf("stall: could not connect: %s\n", qPrintable(error));
        return;
    }
    QSettings().setValue(QStringLiteral("sync/requestsPerSecond"), 200.0);
    QSettings().setValue(QStringLiteral("sync/concurrency"), 8);
    MainWindow window;
    window.openProfile(profile);
    window.show();
    window.showPage(QStringLiteral("orders"));

    // A 5 ms timer on the GUI thread: the longest gap between two ticks beyond 5 ms is a stall.
    QElapsedTimer tick;
    qint64 worst = 0;
    QList<qint64> gaps;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, &window, [&] {
        const qint64 gap = tick.nsecsElapsed() / 1000000;
        tick.restart();
        gaps << gap;
        worst = std::max(worst, gap);
    });
    QSignalSpy finished(window.session(), &ShopSession::syncFinished);
    QSignalSpy failed(window.session(), &ShopSession::syncFailed);
    QElapsedTimer run;
    run.start();
    tick.start();
    timer.start();
    window.session()->startSync(SyncMode::Full);
    while (finished.isEmpty() && failed.isEmpty() && run.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    timer.stop();
    std::sort(gaps.begin(), gaps.end());
    const qint64 p99 = gaps.isEmpty() ? 0 : gaps.at(qsizetype(double(gaps.size() - 1) * 0.99));
    std::printf("full resync of %lld orders: %lld ms, %s; GUI thread worst stall %lld ms, p99 gap %lld ms "
                "(5 ms timer, %lld ticks)\n",
                static_cast<long long>(orders), static_cast<long long>(run.elapsed()),
                failed.isEmpty() ? "finished" : "FAILED", static_cast<long long>(worst),
                static_cast<long long>(p99), static_cast<long long>(gaps.size()));
}

} // namespace

int main(int argc, char* argv[])
{
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("QT_LOGGING_RULES", "*.debug=false;tts.*.info=false");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    app.setOrganizationName(QStringLiteral("TikTokShopDashboardBench"));
    app.setApplicationName(QStringLiteral("uibench"));
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const qint64 tableOrders = quick ? 20000 : 1000000;
    const qint64 launchOrders = quick ? 20000 : 300000;
    const qint64 stallOrders = quick ? 3000 : 100000;

    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.sqlite"));
    createDatabase(big, tableOrders);
    benchFirstPaint(big, tableOrders);
    const QString launch = dir.filePath(QStringLiteral("launch.sqlite"));
    createDatabase(launch, launchOrders);
    benchLaunch(launch, launchOrders);
    benchStall(stallOrders);
    return 0;
}
