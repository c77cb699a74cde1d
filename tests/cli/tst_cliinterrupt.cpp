// tiktok-shop-sync interrupted: SIGINT / SIGTERM exit 130 and keep the progress; SIGKILL at random
// points of a full resync, then `sync`, ends exact without re-downloading the history.
#include "clidbcheck.h"
#include "clifixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {

constexpr int kPageSize = 100;
constexpr int kConcurrency = 4; // SyncOptions::concurrency: pages that may be in flight at a kill

// Waits until the emulator has answered `target` order-search requests (or the process ended).
bool waitForOrderSearches(tts::demo::Emulator& emulator, QProcess& process, quint64 target)
{
    while (emulator.requestCount(u"/orders/search"_s) < target) {
        if (process.state() == QProcess::NotRunning || process.waitForFinished(2))
            return false;
    }
    return true;
}

qint64 ceilPages(qint64 orders)
{
    return (orders + kPageSize - 1) / kPageSize;
}

} // namespace

class TestCliInterrupt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signalKeepsProgressAndNextSyncResumes_data();
    void signalKeepsProgressAndNextSyncResumes();
    void sigkillAtRandomPointsThenResumeIsExact();
};

void TestCliInterrupt::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCliInterrupt::signalKeepsProgressAndNextSyncResumes_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestCliInterrupt::signalKeepsProgressAndNextSyncResumes()
{
    QFETCH(int, signalNumber);
    tts::demo::EmulatorConfig config;
    config.shops.first().orders = 6000;
    config.shops.first().products = 10;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString shopId = fixture.shopId();
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    // Slow enough that the signal lands in the middle of the resync.
    fixture.setEnvironment(u"TTS_REQUESTS_PER_SECOND"_s, u"40"_s);
    emulator.clearRequests();
    auto process = fixture.startAsync({u"--json"_s, u"sync"_s, u"--full"_s});
    QVERIFY(waitForOrderSearches(emulator, *process, 12));
    ::kill(static_cast<pid_t>(process->processId()), signalNumber);
    result = fixture.finish(*process);
    QVERIFY2(result.exitCode == 130, qPrintable(result.describe()));
    QVERIFY2(!result.lastErrorLine().isEmpty(), qPrintable(result.describe()));
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    QVERIFY2(json.value("cancelled"_L1).toBool() || json.contains("error"_L1), result.out.constData());

    // Progress kept: committed pages are in the database, the resync is marked unfinished.
    const qint64 kept = tts::test::countRows(fixture.databasePath(), u"orders"_s, u"shop_id"_s, shopId);
    QVERIFY2(kept >= kPageSize, qPrintable(QString::number(kept)));
    QVERIFY2(kept < emulator.orderCount(shopId), qPrintable(QString::number(kept)));
    result = fixture.run({u"--json"_s, u"status"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("\"full_resync_unfinished\":true"), result.out.constData());

    // A plain sync continues the resync and ends exact, without starting over.
    fixture.setEnvironment(u"TTS_REQUESTS_PER_SECOND"_s, u"500"_s);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());
    const qint64 searches = qint64(emulator.requestCount(u"/orders/search"_s));
    const qint64 bound = ceilPages(emulator.orderCount(shopId)) + kConcurrency + 12;
    qInfo("order searches over both runs: %lld (bound %lld, %lld pages of data)", searches, bound,
          ceilPages(emulator.orderCount(shopId)));
    QVERIFY2(searches <= bound, qPrintable(u"%1 order searches"_s.arg(searches)));
}

void TestCliInterrupt::sigkillAtRandomPointsThenResumeIsExact()
{
    tts::demo::EmulatorConfig config;
    config.shops.first().orders = 20000;
    config.shops.first().products = 10;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString shopId = fixture.shopId();
    const qint64 total = emulator.orderCount(shopId);
    const qint64 pages = ceilPages(total);
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    // Baseline: an uninterrupted full resync of the same shop into another database.
    const QString baselineDb = fixture.databasePath() + u".baseline"_s;
    for (const QString& suffix : {QString(), u"-wal"_s}) {
        if (QFile::exists(fixture.databasePath() + suffix))
            QVERIFY(QFile::copy(fixture.databasePath() + suffix, baselineDb + suffix));
    }
    emulator.clearRequests();
    result = fixture.run({u"sync"_s, u"--full"_s, u"--db"_s, baselineDb});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const qint64 baseline = qint64(emulator.requestCount(u"/orders/search"_s));
    QVERIFY2(baseline <= pages + 12, qPrintable(u"%1 order searches without a kill"_s.arg(baseline)));

    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill points seed: %u", seed);
    QRandomGenerator random(seed);
    constexpr int kKills = 5;
    QList<quint64> targets;
    for (int i = 0; i < kKills; ++i)
        targets << quint64(random.bounded(2, int(pages) - 2));
    std::sort(targets.begin(), targets.end());

    emulator.clearRequests();
    int kills = 0;
    for (int i = 0; i < kKills; ++i) {
        // The first run asks for the full resync; the next ones are plain syncs that must resume it.
        auto process =
            fixture.startAsync(i == 0 ? QStringList{u"sync"_s, u"--full"_s} : QStringList{u"sync"_s});
        if (!waitForOrderSearches(emulator, *process, targets.at(i))) {
            result = fixture.finish(*process);
            QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
            break; // finished before the kill point
        }
        ::kill(static_cast<pid_t>(process->processId()), SIGKILL);
        result = fixture.finish(*process);
        QVERIFY(result.crashed);
        ++kills;
    }
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());

    const qint64 searches = qint64(emulator.requestCount(u"/orders/search"_s));
    // A kill loses at most the pages in flight, one per worker (plus a re-probe of the shop).
    const qint64 bound = baseline + qint64(kills) * (kConcurrency + 1);
    qInfo("%d kills: %lld order searches for %lld pages of data (uninterrupted: %lld, bound %lld)", kills,
          searches, pages, baseline, bound);
    QVERIFY2(
        searches <= bound,
        qPrintable(u"%1 order searches for %2 pages and %3 kills"_s.arg(searches).arg(pages).arg(kills)));
}

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "tst_cliinterrupt.moc"
