// uibench: figures of the desktop application. Prints, asserts nothing about time.
//   first paint of the orders table over 1,000,000 orders (and deep jumps, a sort by every column
//   with no filter, a status filter and a date filter, searches), with the GUI thread's worst stall
//   launch of the real executable to a painted window over 300,000 orders
//   the GUI thread's worst stall during a full resync of 100,000 orders from an in-process emulator
// --quick: small sizes (the uibench_smoke ctest). --table-only: only the orders table figures.
#include "analytics/daterange.h"
#include "analytics/rollups.h"
#include "mainwindow.h"
#include "orders/ordersmodel.h"
#include "orders/orderspage.h"
#include "session/shopsession.h"
#include "storage/database.h"
#include "synctesthelpers.h"
#include "testsupport.h"
#include "uitestdb.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace tts;

namespace {

qint64 historyStart(qint64 orders)
{
    return QDateTime::currentSecsSinceEpoch() - orders * 30; // one order every 30 s, up to now
}

void createDatabase(const QString& path, qint64 orders, bool lineItems)
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
    // Bulk load without the secondary indexes, then build them (what a full resync does too).
    QStringList indexes;
    {
        QSqlQuery q(db);
        q.exec(
            QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
        QStringList names;
        while (q.next()) {
            names << q.value(0).toString();
            indexes << q.value(1).toString();
        }
        for (const QString& name : std::as_const(names))
            q.exec(QStringLiteral("DROP INDEX ") + name);
    }
    test::generateOrders(db, orders, QStringLiteral("shop1"), historyStart(orders));
    if (lineItems)
        test::generateLineItems(db, orders, 300, QStringLiteral("shop1"), historyStart(orders));
    {
        QSqlQuery q(db);
        for (const QString& sql : std::as_const(indexes))
            q.exec(sql);
    }
    std::printf("generated %lld orders%s in %lld ms\n", static_cast<long long>(orders),
                lineItems ? " with line items and 300 products" : "", static_cast<long long>(t.elapsed()));
    const QString name = db.connectionName();
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(name);
    if (lineItems) {
        // The rollups the window's dashboard keeps up to date after every sync.
        auto database = Database::open(path, Database::ReadWrite, &error);
        const RollupRefresh r = database ? bringRollupsUpToDate(*database, QTimeZone::systemTimeZone(), 1000)
                                         : RollupRefresh{false, error.message};
        std::printf("rollups built in %lld ms%s\n", static_cast<long long>(r.elapsedMs),
                    r.ok ? "" : qPrintable(QStringLiteral(" (failed: %1)").arg(r.error)));
    }
}

// The longest the GUI thread went without serving a 5 ms timer.
class StallMonitor
{
public:
    explicit StallMonitor(QObject* context)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, context,
                         [this] { m_worst = std::max(m_worst, m_tick.restart()); });
    }
    void start()
    {
        m_worst = 0;
        m_tick.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return std::max(m_worst, m_tick.elapsed());
    }

private:
    QTimer m_timer;
    QElapsedTimer m_tick;
    qint64 m_worst = 0;
};

// From `action` to a painted page with its rows: waits (event loop running) for the loader thread.
qint64 paintAfter(OrdersPage& page, const std::function<void()>& action)
{
    QSignalSpy loaded(page.model(), &OrdersModel::loaded);
    QElapsedTimer t;
    t.start();
    action();
    if (page.model()->isLoading() && !loaded.wait(300000))
        std::printf("  (no answer from the loader)\n");
    page.grab();
    return t.elapsed();
}

// After a jump: the rows arrive with dataChanged.
qint64 paintJump(OrdersPage& page, const std::function<void()>& action)
{
    QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
    QElapsedTimer t;
    t.start();
    action();
    page.grab(); // asks for the rows
    if (changed.isEmpty())
        changed.wait(60000);
    page.grab();
    return t.elapsed();
}

void benchFirstPaint(const QString& path, qint64 orders)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    OrdersPage page;
    page.resize(1200, 800);
    page.setShops({{QStringLiteral("shop1"), QStringLiteral("Shop")}});
    StallMonitor stall(&page);
    stall.start();
    const qint64 firstMs = paintAfter(page, [&] { page.setDatabase(db->connection(), path); });
    std::printf("orders table first paint over %lld orders: %lld ms (%d rows)\n",
                static_cast<long long>(orders), static_cast<long long>(firstMs), page.model()->rowCount());
    std::printf("orders table jump to the last row: %lld ms\n",
                static_cast<long long>(paintJump(page, [&] { page.table()->scrollToBottom(); })));
    std::printf("orders table jump to the middle: %lld ms\n", static_cast<long long>(paintJump(page, [&] {
                    page.table()->verticalScrollBar()->setValue(page.table()->verticalScrollBar()->maximum() /
                                                                2);
                })));

    const QStringList names{QStringLiteral("order id"), QStringLiteral("created"), QStringLiteral("updated"),
                            QStringLiteral("status"),   QStringLiteral("total"),   QStringLiteral("items")};
    auto sorts = [&](const char* label) {
        std::printf("sort + first paint, %s (%d rows):", label, page.model()->rowCount());
        for (int column = 0; column < OrdersModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
                const qint64 ms = paintAfter(page, [&] { page.table()->sortByColumn(column, order); });
                std::printf(" %s %s %lld ms;", qPrintable(names.at(column)),
                            order == Qt::DescendingOrder ? "desc" : "asc", static_cast<long long>(ms));
            }
        }
        std::printf("\n");
    };
    sorts("all orders");
    page.table()->sortByColumn(OrdersModel::CreatedColumn, Qt::DescendingOrder);
    QComboBox* status = page.statusBox();
    std::printf("filter status Cancelled + paint: %lld ms\n", static_cast<long long>(paintAfter(page, [&] {
                    status->setCurrentIndex(status->findData(QStringLiteral("CANCELLED")));
                })));
    sorts("status Cancelled");
    status->setCurrentIndex(0);
    QComboBox* range = page.rangeBox();
    std::printf("filter last 30 days + paint: %lld ms\n", static_cast<long long>(paintAfter(page, [&] {
                    range->setCurrentIndex(range->findData(int(Preset::Last30Days)));
                })));
    sorts("last 30 days");
    paintAfter(page, [&] { range->setCurrentIndex(0); });
    page.table()->sortByColumn(OrdersModel::CreatedColumn, Qt::DescendingOrder);

    const QList<QPair<const char*, QString>> searches{
        {"order id", QString::number(576000000000000000LL + orders / 3)},
        {"order id prefix", QString::number(576000000000000000LL + orders / 3).left(14)},
        {"seller SKU", QStringLiteral("SKU-150-0")},
        {"SKU id", QStringLiteral("1729300005000015000")},
        {"rare product", QStringLiteral("No. 290")},
        {"popular product", QStringLiteral("Cozy Hoodie No. 1")},
        {"word in many titles", QStringLiteral("Mug")},
    };
    for (const auto& [label, text] : searches) {
        const qint64 ms = paintAfter(page, [&] {
            page.searchField()->setText(text);
            page.applyFilter();
        });
        std::printf("search %s \"%s\": %lld ms to painted results (%d orders)\n", label, qPrintable(text),
                    static_cast<long long>(ms), page.model()->rowCount());
    }
    const qint64 sortMs =
        paintAfter(page, [&] { page.table()->sortByColumn(OrdersModel::TotalColumn, Qt::DescendingOrder); });
    std::printf("sort those by total: %lld ms\n", static_cast<long long>(sortMs));
    paintAfter(page, [&] {
        page.searchField()->clear();
        page.applyFilter();
    });
    std::printf("GUI thread worst stall over all of the above: %lld ms\n",
                static_cast<long long>(stall.stop()));
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
    createDatabase(big, tableOrders, true);
    benchFirstPaint(big, tableOrders);
    if (app.arguments().contains(QStringLiteral("--table-only")))
        return 0;
    const QString launch = dir.filePath(QStringLiteral("launch.sqlite"));
    createDatabase(launch, launchOrders, false);
    benchLaunch(launch, launchOrders);
    benchStall(stallOrders);
    return 0;
}
