// A damaged database is detected at open (PRAGMA quick_check), moved aside untouched as a timestamped
// backup (never deleted, never overwritten), replaced by a fresh database that keeps the shop's
// connection settings, and a full resync rebuilds it to equal the shop.
#include "dbcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"
#include "storage/databaserecovery.h"
#include "storage/unsyncedimport.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTest>

using namespace tts;
using namespace tts::test;
using namespace Qt::StringLiterals;

namespace {

QString configValue(const QString& path, const QString& key)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    if (!db)
        return u"<%1>"_s.arg(error.message);
    QSqlQuery q(db->connection());
    q.prepare(u"SELECT value FROM app_config WHERE key = ?"_s);
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

qint64 count(const QString& path, const QString& table)
{
    Database::Error error;
    auto db = Database::open(path, Database::ReadOnly, &error);
    if (!db)
        return -1;
    QSqlQuery q(db->connection());
    return q.exec(u"SELECT COUNT(*) FROM "_s + table) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestDatabaseRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void healthyDatabaseIsLeftInPlace();
    void damagedDatabaseIsSetAsideAndRebuilt();
    void notADatabaseIsSetAsideNotDeleted();
    void backupsAreNeverOverwritten();
    void importCutOffBySystemRestartIsSetAside();
    void importKilledInThisBootIsFlushedAndKept();
};

namespace {

// A shop of `orders` orders on an emulator, and a database synced from it, closed (checkpointed into
// the main file).
struct SyncedShop
{
    std::unique_ptr<demo::Emulator> emulator;
    test::TempDir dir;
    QString path;
};

std::unique_ptr<SyncedShop> syncedShop(qint64 orders)
{
    auto shop = std::make_unique<SyncedShop>();
    demo::EmulatorConfig config;
    config.shops.first().orders = orders;
    shop->emulator = test::startEmulator(config);
    if (!shop->emulator)
        return nullptr;
    const QString path = shop->dir.databasePath();
    if (!test::connectEmulator(*shop->emulator, path).isEmpty() ||
        !test::runSync(test::syncOptions(*shop->emulator, path, SyncMode::Full)).ok)
        return nullptr;
    shop->path = path;
    return shop;
}

} // namespace

void TestDatabaseRecovery::healthyDatabaseIsLeftInPlace()
{
    const auto shop = syncedShop(300);
    QVERIFY(shop);
    const QString& path = shop->path;
    QCOMPARE(checkIntegrity(path).status, IntegrityResult::Ok);
    Database::Error error;
    QVERIFY2(Database::open(path, Database::ReadWrite, &error), qPrintable(error.message));
    QVERIFY(corruptBackupsOf(path).isEmpty());
    QCOMPARE(count(path, u"orders"_s), 300);
}

void TestDatabaseRecovery::damagedDatabaseIsSetAsideAndRebuilt()
{
    const auto shop = syncedShop(1500);
    QVERIFY(shop);
    const QString& path = shop->path;
    demo::Emulator* emulator = shop->emulator.get();
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s) || QFileInfo(path + u"-wal"_s).size() == 0);
    QVERIFY(damageDatabasePages(path));
    const QByteArray damaged = fileSha256(path);

    // The check alone reports the damage and changes nothing.
    const IntegrityResult check = checkIntegrity(path);
    QCOMPARE(check.status, IntegrityResult::Corrupt);
    QVERIFY(!check.detail.isEmpty());
    QCOMPARE(fileSha256(path), damaged);

    // Opening for a sync moves it aside and says where, and how to rebuild.
    Database::Error error;
    QVERIFY(!Database::open(path, Database::ReadWrite, &error));
    QCOMPARE(error.kind, Database::Error::Corrupt);
    const QStringList backups = corruptBackupsOf(path);
    QCOMPARE(backups.size(), 1);
    QVERIFY2(error.message.contains(backups.first()), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"sync --full"_s), qPrintable(error.message));
    QCOMPARE(fileSha256(backups.first()), damaged); // untouched

    // A fresh database with the connection kept: a full resync needs no new connect.
    QCOMPARE(checkIntegrity(path).status, IntegrityResult::Ok);
    QCOMPARE(configValue(path, u"app_key"_s), emulator->config().appKey);
    QCOMPARE(count(path, u"shops"_s), 1);
    QCOMPARE(count(path, u"orders"_s), 0);
    const test::SyncRun rebuild = test::runSync(test::syncOptions(*emulator, path, SyncMode::Full));
    QVERIFY2(rebuild.ok, qPrintable(rebuild.error.message));
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);
    QCOMPARE(corruptBackupsOf(path).size(), 1);
}

void TestDatabaseRecovery::notADatabaseIsSetAsideNotDeleted()
{
    test::TempDir dir;
    const QString path = dir.databasePath();
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray text = QByteArray("these are the seller's notes, not a database\n").repeated(200);
    file.write(text);
    file.close();

    Database::Error error;
    QVERIFY(!Database::open(path, Database::ReadWrite, &error));
    QCOMPARE(error.kind, Database::Error::Corrupt);
    const QStringList backups = corruptBackupsOf(path);
    QCOMPARE(backups.size(), 1);
    QFile backup(backups.first());
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), text);
    // Nothing could be recovered from it: connect first.
    QVERIFY2(error.message.contains(u"connect"_s), qPrintable(error.message));
    QVERIFY2(Database::open(path, Database::ReadWrite, &error), qPrintable(error.message));
}

void TestDatabaseRecovery::backupsAreNeverOverwritten()
{
    test::TempDir dir;
    const QString path = dir.databasePath();
    QStringList made;
    for (int i = 0; i < 3; ++i) { // within one second: the same time stamp
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::number(i));
        file.close();
        QString error;
        const QString backup = setAsideDatabase(path, &error);
        QVERIFY2(!backup.isEmpty(), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path));
        made << backup;
    }
    QCOMPARE(QSet<QString>(made.begin(), made.end()).size(), 3);
    for (int i = 0; i < 3; ++i) {
        QFile file(made.at(i));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray::number(i));
    }
}

// A first import writes without waiting for the disk (UnsyncedImport). Its marker from another boot
// means the system went down before the import was flushed: the file is not trusted, and is set aside,
// marker and all, like a damaged one, though quick_check finds nothing wrong with it.
void TestDatabaseRecovery::importCutOffBySystemRestartIsSetAside()
{
    const auto shop = syncedShop(300);
    QVERIFY(shop);
    const QString& path = shop->path;
    demo::Emulator* emulator = shop->emulator.get();
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::None);
    QCOMPARE(checkIntegrity(path).status, IntegrityResult::Ok);
    const QByteArray before = fileSha256(path);
    QFile marker(UnsyncedImport::markerPath(path));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.write("00000000-0000-0000-0000-000000000000\n"); // no system's boot id
    marker.close();
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::OtherBoot);

    Database::Error error;
    QVERIFY(!Database::open(path, Database::ReadWrite, &error));
    QCOMPARE(error.kind, Database::Error::Corrupt);
    QVERIFY2(error.message.contains(u"system restart"_s), qPrintable(error.message));
    const QStringList backups = corruptBackupsOf(path);
    QCOMPARE(backups.size(), 1);
    QVERIFY2(error.message.contains(backups.first()), qPrintable(error.message));
    QCOMPARE(fileSha256(backups.first()), before); // untouched
    QCOMPARE(UnsyncedImport::marker(backups.first()), UnsyncedImport::Marker::OtherBoot);
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::None);

    // The connection is kept; the next sync imports again.
    QCOMPARE(configValue(path, u"app_key"_s), emulator->config().appKey);
    QCOMPARE(count(path, u"orders"_s), 0);
    const test::SyncRun rebuild = test::runSync(test::syncOptions(*emulator, path));
    QVERIFY2(rebuild.ok, qPrintable(rebuild.error.message));
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::None);
    QCOMPARE(corruptBackupsOf(path).size(), 1);
}

// A first import killed in this boot left its writes with the system: the file is sound. It is kept,
// and the next sync flushes it to the disk and removes the marker before it writes.
void TestDatabaseRecovery::importKilledInThisBootIsFlushedAndKept()
{
    if (QSysInfo::bootUniqueId().isEmpty())
        QSKIP("this system gives no boot id: a first import waits for the disk as any other sync");
    const auto shop = syncedShop(300);
    QVERIFY(shop);
    const QString& path = shop->path;
    demo::Emulator* emulator = shop->emulator.get();
    QVERIFY(UnsyncedImport::begin(path));
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::ThisBoot);

    Database::Error error;
    QVERIFY2(Database::open(path, Database::ReadWrite, &error), qPrintable(error.message));
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::ThisBoot); // a mere open leaves it
    QVERIFY(corruptBackupsOf(path).isEmpty());
    emulator->mutateRandomOrders(emulator->config().shops.first().id, 10);
    const test::SyncRun run = test::runSync(test::syncOptions(*emulator, path));
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(UnsyncedImport::marker(path), UnsyncedImport::Marker::None);
    QCOMPARE(count(path, u"orders"_s), 300);
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);
    QVERIFY(corruptBackupsOf(path).isEmpty());
}

QTEST_GUILESS_MAIN(TestDatabaseRecovery)
#include "tst_databaserecovery.moc"
