// Two syncs of one database never race: the second one (tiktok-shop-sync or the window's worker)
// leaves the first alone and stops with exit 5 and "Another sync of <db> is running (pid N)"; a lock
// left by a killed sync does not block the next one. The first sync is held mid-run by an emulator
// that delays every response for minutes, so nothing here depends on timing.
#include "clidbcheck.h"
#include "clifixture.h"

#include "sync/synccontroller.h"
#include "sync/synclock.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace tts;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {

demo::EmulatorConfig shopConfig()
{
    demo::EmulatorConfig config;
    config.shops.first().orders = 600;
    return config;
}

// Every response from now on waits ten minutes: a sync that has sent its first request holds its lock.
void stall(demo::Emulator& emulator)
{
    demo::FaultConfig slow;
    slow.latencyMs = 600000;
    emulator.setFaults(slow);
    emulator.clearRequests();
}

void unstall(demo::Emulator& emulator)
{
    emulator.setFaults({});
}

// The sync has taken the lock (it does before opening the database) and is waiting on a request.
bool syncIsHolding(demo::Emulator& emulator, const QString& databasePath)
{
    return QTest::qWaitFor(
        [&] { return emulator.requestCount() > 0 && QFileInfo::exists(SyncLock::lockPathFor(databasePath)); },
        60000);
}

SyncOptions workerOptions(CliFixture& fixture)
{
    SyncOptions options;
    options.databasePath = fixture.databasePath();
    options.apiBase = fixture.emulator().baseUrl();
    options.authBase = fixture.emulator().baseUrl();
    options.keychainService = fixture.keychainService(); // the real keychain, where connect stored them
    options.requestsPerSecond = 500;
    return options;
}

QString busyMessage(qint64 pid)
{
    return u"is running (pid %1)"_s.arg(pid);
}

} // namespace

class TestCliSyncLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cliVersusCli();
    void windowWorkerVersusCli();
    void cliVersusWindowWorker();
    void staleLockAfterKill();
};

void TestCliSyncLock::cliVersusCli()
{
    CliFixture fixture(shopConfig());
    QVERIFY(fixture.isValid());
    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    stall(fixture.emulator());
    auto first = fixture.startAsync({u"sync"_s});
    QVERIFY(syncIsHolding(fixture.emulator(), fixture.databasePath()));

    const CliResult second = fixture.run({u"sync"_s}, 60000);
    QCOMPARE(second.exitCode, 5);
    QVERIFY2(second.lastErrorLine().contains(u"Another sync of "_s + fixture.databasePath()),
             qPrintable(second.describe()));
    QVERIFY2(second.lastErrorLine().contains(busyMessage(first->processId())), qPrintable(second.describe()));
    const CliResult secondJson = fixture.run({u"--json"_s, u"sync"_s}, 60000);
    QCOMPARE(secondJson.exitCode, 5);
    QVERIFY2(secondJson.out.contains("Another sync of"), qPrintable(secondJson.describe()));

    // The first one was left alone: it is still running and stops only when told to.
    QCOMPARE(first->state(), QProcess::Running);
    ::kill(pid_t(first->processId()), SIGTERM);
    const CliResult firstEnd = fixture.finish(*first);
    QCOMPARE(firstEnd.exitCode, 130);
    QVERIFY(!SyncLock::isHeld(fixture.databasePath()));

    unstall(fixture.emulator());
    const CliResult third = fixture.run({u"sync"_s});
    QVERIFY2(third.exitCode == 0, qPrintable(third.describe()));
    const QString diff =
        test::compareWithEmulator(fixture.databasePath(), fixture.emulator(), fixture.shopId());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliSyncLock::windowWorkerVersusCli()
{
    CliFixture fixture(shopConfig());
    QVERIFY(fixture.isValid());
    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    stall(fixture.emulator());
    SyncController controller; // what the window runs
    QSignalSpy failed(&controller, &SyncController::failed);
    QSignalSpy finished(&controller, &SyncController::finished);
    controller.start(workerOptions(fixture));
    QVERIFY(syncIsHolding(fixture.emulator(), fixture.databasePath()));

    const CliResult cli = fixture.run({u"sync"_s}, 60000);
    QCOMPARE(cli.exitCode, 5);
    QVERIFY2(cli.lastErrorLine().contains(busyMessage(QCoreApplication::applicationPid())),
             qPrintable(cli.describe()));
    QVERIFY(controller.isRunning());
    QVERIFY(failed.isEmpty());

    controller.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY(!SyncLock::isHeld(fixture.databasePath()));
}

void TestCliSyncLock::cliVersusWindowWorker()
{
    CliFixture fixture(shopConfig());
    QVERIFY(fixture.isValid());
    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    stall(fixture.emulator());
    auto cli = fixture.startAsync({u"sync"_s});
    QVERIFY(syncIsHolding(fixture.emulator(), fixture.databasePath()));
    // The worker talks to a listener of its own, not to the emulator: the CLI's sync may still be
    // sending its first requests (the resync probes in parallel), so the emulator's count proves nothing.
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    SyncOptions options = workerOptions(fixture);
    options.apiBase = QUrl(u"http://127.0.0.1:%1"_s.arg(listener.serverPort()));
    options.authBase = options.apiBase;

    SyncController controller;
    QSignalSpy failed(&controller, &SyncController::failed);
    controller.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
    const SyncError error = failed.first().first().value<SyncError>();
    QCOMPARE(error.exitCode(), 5);
    QVERIFY2(error.message.contains(busyMessage(cli->processId())), qPrintable(error.message));
    // It stopped before sending anything: not even a connection reached its listener.
    QCoreApplication::processEvents();
    QVERIFY(!listener.hasPendingConnections());

    ::kill(pid_t(cli->processId()), SIGTERM);
    QCOMPARE(fixture.finish(*cli).exitCode, 130);
}

void TestCliSyncLock::staleLockAfterKill()
{
    CliFixture fixture(shopConfig());
    QVERIFY(fixture.isValid());
    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    stall(fixture.emulator());
    auto victim = fixture.startAsync({u"sync"_s, u"--full"_s});
    QVERIFY(syncIsHolding(fixture.emulator(), fixture.databasePath()));
    const qint64 victimPid = victim->processId();
    victim->kill(); // SIGKILL: no chance to remove its lock
    QVERIFY(victim->waitForFinished(30000));
    const QString lockPath = SyncLock::lockPathFor(fixture.databasePath());
    QVERIFY2(QFileInfo::exists(lockPath), "the killed sync left no lock file: nothing was tested");
    QFile lockFile(lockPath);
    QVERIFY(lockFile.open(QIODevice::ReadOnly));
    QVERIFY(lockFile.readLine().trimmed() == QByteArray::number(victimPid));
    lockFile.close();

    unstall(fixture.emulator());
    const CliResult next = fixture.run({u"sync"_s});
    QVERIFY2(next.exitCode == 0, qPrintable(next.describe()));
    QVERIFY(!QFileInfo::exists(lockPath));
    const QString diff =
        test::compareWithEmulator(fixture.databasePath(), fixture.emulator(), fixture.shopId());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

QTEST_GUILESS_MAIN(TestCliSyncLock)
#include "tst_clisynclock.moc"
