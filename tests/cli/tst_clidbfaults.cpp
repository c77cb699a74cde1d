// tiktok-shop-sync when the database or the API cannot be used: read-only database and full disk
// exit 5 and lose nothing; an API failing after retries exits 4 and keeps the committed pages.
#include "clidbcheck.h"
#include "clifixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {

// Name -> SHA-256 of every file in the folder: proves that nothing was written. SQLite's shared
// memory index and an empty WAL hold no data (a reader may leave them behind), so they do not count.
QMap<QString, QByteArray> snapshot(const QString& folder)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden);
    while (it.hasNext()) {
        QFile file(it.next());
        if (it.fileName().endsWith("-shm"_L1) || (it.fileName().endsWith("-wal"_L1) && file.size() == 0))
            continue;
        if (file.open(QIODevice::ReadOnly))
            files.insert(it.fileName(), QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return files;
}

bool runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

bool sentence(const QString& line)
{
    return line.size() > 20 && line.endsWith(u'.') && !line.contains(u'\n');
}

} // namespace

class TestCliDbFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readOnlyDatabase();
    void unusableDatabaseIsLeftAlone_data();
    void unusableDatabaseIsLeftAlone();
    void lockedDatabase();
    void fullDisk();
    void apiFailureAfterRetriesKeepsProgress();
};

void TestCliDbFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCliDbFaults::readOnlyDatabase()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    const QString folder = QFileInfo(fixture.databasePath()).path();
    QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    for (QString& file : files)
        file = QDir(folder).filePath(file);
    // chmod does not stop root: use the immutable attribute there.
    if (isRoot()) {
        if (!runTool(u"chattr"_s, QStringList{u"+i"_s} + files + QStringList{folder}))
            QSKIP("running as root and chattr +i is not available: cannot make the database read-only");
    } else {
        for (const QString& file : std::as_const(files))
            QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        QFile::setPermissions(folder,
                              QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
    }
    auto unlock = [&] {
        if (isRoot())
            runTool(u"chattr"_s, QStringList{u"-i"_s} + files + QStringList{folder});
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        for (const QString& file : std::as_const(files))
            QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    };
    auto unlockGuard = qScopeGuard(unlock);

    const auto before = snapshot(folder);
    emulator.mutateRandomOrders(fixture.shopId(), 10, emulator.now() - 1);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
    QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));
    result = fixture.run({u"sync"_s, u"--full"_s});
    QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
    QCOMPARE(snapshot(folder), before);

    // Writable again: the next sync converges.
    unlock();
    unlockGuard.dismiss();
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, fixture.shopId()), QString());
}

void TestCliDbFaults::unusableDatabaseIsLeftAlone_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("not a database") << u"garbage"_s;
    QTest::newRow("truncated") << u"truncate"_s;
    QTest::newRow("newer schema") << u"newer"_s;
}

void TestCliDbFaults::unusableDatabaseIsLeftAlone()
{
    QFETCH(QString, damage);
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    const QString path = fixture.databasePath();
    if (damage == "garbage"_L1) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(64 * 1024, 'z'));
    } else if (damage == "truncate"_L1) {
        QFile file(path);
        QVERIFY(file.resize(file.size() / 3));
    } else {
        const QString name = u"newer-schema"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA user_version = 999"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    const QString folder = QFileInfo(path).path();
    const auto before = snapshot(folder);

    fixture.emulator().mutateRandomOrders(fixture.shopId(), 5, fixture.emulator().now() - 1);
    if (damage != "newer"_L1) {
        // Issue 5: a damaged file is moved aside byte for byte (never deleted or repaired), and the
        // sync says where and how to rebuild.
        result = fixture.run({u"sync"_s});
        QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
        QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));
        const QString name = QFileInfo(path).fileName();
        QStringList kept = QDir(folder).entryList({name + u".corrupt-*"_s}, QDir::Files);
        kept.removeIf([](const QString& f) { return f.endsWith(u"-wal"_s) || f.endsWith(u"-shm"_s); });
        QCOMPARE(kept.size(), 1);
        QCOMPARE(snapshot(folder).value(kept.first()), before.value(name));
        QVERIFY2(result.lastErrorLine().contains(kept.first()), qPrintable(result.describe()));
        return;
    }
    for (const QStringList& command :
         {QStringList{u"sync"_s}, QStringList{u"sync"_s, u"--full"_s}, QStringList{u"status"_s}}) {
        result = fixture.run(command);
        QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
        QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));
    }
    QCOMPARE(snapshot(folder), before);
}

void TestCliDbFaults::lockedDatabase()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    // Another program holds the write lock for longer than the busy timeout.
    const QString name = u"lock-holder"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(fixture.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"BEGIN EXCLUSIVE"_s));
        fixture.emulator().mutateRandomOrders(fixture.shopId(), 5, fixture.emulator().now() - 1);
        result = fixture.run({u"sync"_s});
        QVERIFY(query.exec(u"ROLLBACK"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
    QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));

    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), fixture.emulator(), fixture.shopId()),
             QString());
}

void TestCliDbFaults::fullDisk()
{
    if (!isRoot())
        QSKIP("a full disk is simulated with a small tmpfs, which needs root");
    tts::demo::EmulatorConfig config;
    config.shops.first().orders = 1500;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString shopId = fixture.shopId();

    const QString folder = QFileInfo(fixture.databasePath()).path();
    if (!runTool(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=16m"_s, u"tts-full-disk"_s, folder}))
        QSKIP("cannot mount a tmpfs here (no CAP_SYS_ADMIN): the full-disk case is not checked");
    auto unmount = qScopeGuard([&] { runTool(u"umount"_s, {u"-l"_s, folder}); });

    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const qint64 ordersBefore =
        tts::test::countRows(fixture.databasePath(), u"orders"_s, u"shop_id"_s, shopId);
    QCOMPARE(ordersBefore, emulator.orderCount(shopId));

    // Fill the disk to the last byte.
    const QString fillerPath = QDir(folder).filePath(u"filler"_s);
    {
        QFile filler(fillerPath);
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray chunk(4096, 'x');
        while (filler.write(chunk) == chunk.size() && filler.flush()) {
        }
    }

    emulator.addOrders(shopId, 1000, emulator.now() - 1);
    emulator.mutateRandomOrders(shopId, 50, emulator.now() - 1);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
    QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));

    // Nothing lost: every order is still there and the file is intact.
    QFile::remove(fillerPath);
    QVERIFY(tts::test::countRows(fixture.databasePath(), u"orders"_s, u"shop_id"_s, shopId) >= ordersBefore);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());
}

void TestCliDbFaults::apiFailureAfterRetriesKeepsProgress()
{
    tts::demo::EmulatorConfig config;
    config.shops.first().orders = 4000;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString shopId = fixture.shopId();
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    fixture.setEnvironment(u"TTS_REQUESTS_PER_SECOND"_s, u"40"_s);
    emulator.clearRequests();
    auto process = fixture.startAsync({u"sync"_s});
    while (emulator.requestCount(u"/orders/search"_s) < 8 && process->state() != QProcess::NotRunning)
        process->waitForFinished(2);
    tts::demo::FaultConfig faults;
    faults.faultRate = 1.0;
    faults.faultMix = {tts::demo::Fault::ServerError};
    emulator.setFaults(faults);
    result = fixture.finish(*process, 180000);
    QVERIFY2(result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY2(sentence(result.lastErrorLine()), qPrintable(result.describe()));
    const qint64 kept = tts::test::countRows(fixture.databasePath(), u"orders"_s, u"shop_id"_s, shopId);
    QVERIFY2(kept >= 100, qPrintable(QString::number(kept)));

    // The API is back: the next sync continues and ends exact.
    emulator.setFaults({});
    fixture.setEnvironment(u"TTS_REQUESTS_PER_SECOND"_s, u"500"_s);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());
}

QTEST_GUILESS_MAIN(TestCliDbFaults)
#include "tst_clidbfaults.moc"
