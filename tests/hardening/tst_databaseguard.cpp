// The window's database safety (ui/session/databaseguard): a damaged database is reported by the
// background check without being touched; Rebuild keeps it as a backup, creates a fresh database that
// keeps the shop's connection (a full resync then equals the shop), and is refused while any sync holds
// the database's lock; the window is told when another program's sync has finished.
#include "dbcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "session/databaseguard.h"
#include "sync/synclock.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace tts::test;
using namespace Qt::StringLiterals;

namespace {} // namespace

class TestDatabaseGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void damagedDatabaseIsReportedAndRebuilt();
    void waitsForAnotherSync();
};

void TestDatabaseGuard::damagedDatabaseIsReportedAndRebuilt()
{
    demo::EmulatorConfig config;
    config.shops.first().orders = 1500;
    auto emulator = test::startEmulator(config);
    QVERIFY(emulator);
    test::TempDir dir;
    const QString path = dir.databasePath();
    QVERIFY(test::connectEmulator(*emulator, path).isEmpty());
    QVERIFY(test::runSync(test::syncOptions(*emulator, path, SyncMode::Full)).ok);
    QVERIFY(damageDatabasePages(path));
    const QByteArray damaged = fileSha256(path);

    DatabaseGuard guard;
    QSignalSpy reported(&guard, &DatabaseGuard::damaged);
    guard.check(path);
    QVERIFY(reported.wait(60000));
    QCOMPARE(reported.first().first().toString(), path);
    QCOMPARE(fileSha256(path), damaged); // the check only reads

    {
        SyncLock other(path); // a sync elsewhere: the rebuild must wait for it
        QVERIFY(other.tryLock());
        const DatabaseGuard::Rebuilt refused = guard.rebuild(path);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(u"Another sync"_s), qPrintable(refused.message));
        QCOMPARE(fileSha256(path), damaged);
    }

    const DatabaseGuard::Rebuilt rebuilt = guard.rebuild(path);
    QVERIFY2(rebuilt.ok, qPrintable(rebuilt.message));
    QVERIFY(rebuilt.connectionKept);
    QCOMPARE(fileSha256(rebuilt.backupPath), damaged);
    QVERIFY(rebuilt.message.contains(rebuilt.backupPath));
    const test::SyncRun full = test::runSync(test::syncOptions(*emulator, path, SyncMode::Full));
    QVERIFY2(full.ok, qPrintable(full.error.message));
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);
}

void TestDatabaseGuard::waitsForAnotherSync()
{
    test::TempDir dir;
    const QString path = dir.databasePath();
    auto other = std::make_unique<SyncLock>(path);
    QVERIFY(other->tryLock());
    qint64 pid = 0;
    QVERIFY(DatabaseGuard::isSyncRunningElsewhere(path, &pid));
    QCOMPARE(pid, QCoreApplication::applicationPid());

    DatabaseGuard guard;
    QSignalSpy finished(&guard, &DatabaseGuard::syncElsewhereFinished);
    guard.waitForOtherSync(path);
    QCOMPARE(finished.count(), 0);
    other.reset(); // the other sync ends
    QVERIFY(finished.wait(30000));
    QVERIFY(!DatabaseGuard::isSyncRunningElsewhere(path));
}

QTEST_MAIN(TestDatabaseGuard)
#include "tst_databaseguard.moc"
