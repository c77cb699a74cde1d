// Prints the figures of an in-process full sync of N orders from the emulator (default 300,000):
// orders/s end to end, API calls against ceil(N/100), peak memory (of the whole process, the
// emulator's data included). Optional: latency in ms and a request limit per second. Asserts nothing.
#include "synctesthelpers.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTextStream>

#include <sys/resource.h>

using namespace tts;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    const qint64 orders = args.size() > 1 ? args.at(1).toLongLong() : 300000;
    const int latencyMs = args.size() > 2 ? args.at(2).toInt() : 0;
    const double rps = args.size() > 3 ? args.at(3).toDouble() : 0;
    QTextStream out(stdout);
    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    config.faults.latencyMs = latencyMs;
    QElapsedTimer setup;
    setup.start();
    auto emulator = test::startEmulator(config);
    if (!emulator)
        return 1;
    out << "emulator with " << orders << " orders ready in " << setup.elapsed() << " ms\n" << Qt::flush;
    test::TempDir dir;
    const QString db = dir.databasePath();
    if (const QString e = test::connectEmulator(*emulator, db); !e.isEmpty()) {
        out << e << '\n';
        return 1;
    }
    SyncOptions options = test::syncOptions(*emulator, db, SyncMode::Full);
    options.requestsPerSecond = rps > 0 ? rps : 100000;
    emulator->clearRequests();
    QElapsedTimer timer;
    timer.start();
    const test::SyncRun run = test::runSync(options, {}, 3600 * 1000);
    const qint64 ms = timer.elapsed();
    if (!run.ok) {
        out << "sync failed: " << run.error.message << '\n';
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const qint64 ideal = (orders + 99) / 100;
    out << "full sync: " << run.report.ordersUpserted << " orders in " << ms
        << " ms = " << qint64(double(orders) * 1000.0 / double(std::max<qint64>(ms, 1))) << " orders/s\n"
        << "api calls: " << run.report.apiCalls << " (order searches " << test::orderSearches(*emulator)
        << ", ideal " << ideal << ", +"
        << QString::number(100.0 * double(run.report.apiCalls - ideal) / double(ideal), 'f', 2) << "%)\n"
        << "peak RSS of the process (emulator included): " << usage.ru_maxrss / 1024 << " MB\n";
    if (rps > 0)
        out << "wall time vs calls / limit: " << ms << " ms vs "
            << qint64(double(run.report.apiCalls) * 1000.0 / rps) << " ms\n";
    return 0;
}
