// The window's database safety (ui/session/databaseguard): a damaged database is reported by the
// background check without being touched; Rebuild keeps it as a backup, creates a fresh database that
// keeps the shop's connection (a full resync then equals the shop), and is refused while any sync holds
// the database's lock; the window is told when another program's sync has finished.
#include "dbcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "session/databaseguard.h"
#include "sync/synclock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace Qt::StringLiterals;

namespace {

QByteArray sha256(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

bool damage(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    const qint64 pages = file.size() / 4096;
    if (pages < 40)
        return false;
    for (qint64 page = pages / 2; page < pages; page += 2) {
        file.seek(page * 4096);
        file.write(QByteArray(4096, '\x3C'));
    }
    return true;
}

} // namespace

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
    QVERIFY(damage(path));
    const QByteArray damaged = sha256(path);

    DatabaseGuard guard;
    QSignalSpy reported(&guard, &DatabaseGuard::damaged);
    guard.check(path);
    QVERIFY(reported.wait(60000));
    QCOMPARE(reported.first().first().toString(), path);
    QCOMPARE(sha256(path), damaged); // the check only reads

    {
        SyncLock other(path); // a sync elsewhere: the rebuild must wait for it
        QVERIFY(other.tryLock());
        const DatabaseGuard::Rebuilt refused = guard.rebuild(path);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(u"Another sync"_s), qPrintable(refused.message));
        QCOMPARE(sha256(path), damaged);
    }

    const DatabaseGuard::Rebuilt rebuilt = guard.rebuild(path);
    QVERIFY2(rebuilt.ok, qPrintable(rebuilt.message));
    QVERIFY(rebuilt.connectionKept);
    QCOMPARE(sha256(rebuilt.backupPath), damaged);
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
