// Every past schema version (tests/data/schema-v*.sqlite, written by make_schema_fixtures from the
// shop of schemafixture.h) is migrated at open: the version becomes current, every order, line item and
// product is still there and still equals the shop, the connection settings are kept, and an
// incremental sync afterwards converges on the shop's changed data. A newer version is refused untouched.
#include "dbcompare.h"
#include "schemafixture.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"
#include "storage/deferredindexes.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace tts::test;
using namespace Qt::StringLiterals;

namespace {

// Every row of `sql` through a plain read-only connection (Database::open would migrate the file or
// refuse it), its columns joined by " | ".
QStringList rowsOf(const QString& path, const QString& sql)
{
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next()) {
                    QStringList columns;
                    for (int i = 0; i < q.record().count(); ++i)
                        columns << q.value(i).toString();
                    rows << columns.join(u" | "_s);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
    return rows;
}

int userVersion(const QString& path)
{
    const QStringList rows = rowsOf(path, u"PRAGMA user_version"_s);
    return rows.isEmpty() ? -1 : rows.first().toInt();
}

// Every table, index and trigger with its SQL, by name.
QStringList schemaOf(const QString& path)
{
    return rowsOf(
        path, u"SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"_s);
}

bool copyFixture(const QString& from, const QString& to)
{
    return QFile::copy(from, to) &&
           QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
}

} // namespace

class TestSchemaMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void migratesAndConverges_data();
    void migratesAndConverges();
    void newerVersionIsRefusedUntouched();
    void indexesDeferredByAnOlderVersionEndAsNew_data();
    void indexesDeferredByAnOlderVersionEndAsNew();
};

void TestSchemaMigration::migratesAndConverges_data()
{
    QTest::addColumn<QString>("fixture");
    const QDir data(QStringLiteral(TTS_TEST_DATA_DIR));
    const QStringList fixtures = data.entryList({u"schema-v*.sqlite"_s}, QDir::Files, QDir::Name);
    QVERIFY2(fixtures.size() >= 2, "tests/data/schema-v1.sqlite and schema-v2.sqlite are missing");
    for (const QString& name : fixtures)
        QTest::newRow(qPrintable(name)) << data.filePath(name);
}

void TestSchemaMigration::migratesAndConverges()
{
    QFETCH(QString, fixture);
    test::TempDir dir;
    const QString path = dir.databasePath();
    QVERIFY(copyFixture(fixture, path));
    const int from = userVersion(path);
    QVERIFY2(from >= 1 && from <= Database::kSchemaVersion, qPrintable(u"fixture at version %1"_s.arg(from)));

    auto emulator = test::startEmulator(test::schemaFixtureEmulatorConfig());
    QVERIFY(emulator);
    {
        Database::Error error;
        auto db = Database::open(path, Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(db->schemaVersion(), Database::kSchemaVersion);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT value FROM app_config WHERE key = 'app_key'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), emulator->config().appKey);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM orders"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), emulator->orderCount(emulator->config().shops.first().id));
    }
    QCOMPARE(userVersion(path), Database::kSchemaVersion);
    // The same tables, indexes and triggers as a new database gets.
    {
        Database::Error error;
        const QString fresh = dir.databasePath(u"fresh.sqlite"_s);
        QVERIFY2(Database::open(fresh, Database::ReadWrite, &error), qPrintable(error.message));
        QCOMPARE(schemaOf(path), schemaOf(fresh));
    }
    // Data preserved: the migrated file still equals the shop it was synced from, row for row.
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);

    // The secrets are not in the fixture: connect a scratch database to put them in the session store.
    test::TempDir scratch;
    const QString connectError = test::connectEmulator(*emulator, scratch.databasePath());
    QVERIFY2(connectError.isEmpty(), qPrintable(connectError));
    const QString shopId = emulator->config().shops.first().id;
    emulator->mutateRandomOrders(shopId, 5);
    emulator->addOrders(shopId, 3);
    const test::SyncRun run = test::runSync(test::syncOptions(*emulator, path, SyncMode::Incremental));
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.report.mode, SyncMode::Incremental); // the migrated cursor was used, not a full resync
    TTS_VERIFY_DB_EQUALS_EMULATOR(path, *emulator);
}

void TestSchemaMigration::newerVersionIsRefusedUntouched()
{
    const QDir data(QStringLiteral(TTS_TEST_DATA_DIR));
    test::TempDir dir;
    const QString path = dir.databasePath();
    QVERIFY(copyFixture(data.filePath(u"schema-v2.sqlite"_s), path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA user_version=%1"_s.arg(Database::kSchemaVersion + 7)));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bump"_s);
    const QByteArray before = fileSha256(path);
    Database::Error error;
    QVERIFY(!Database::open(path, Database::ReadWrite, &error));
    QCOMPARE(error.kind, Database::Error::NewerVersion);
    QCOMPARE(fileSha256(path), before);
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s) || QFileInfo(path + u"-wal"_s).size() == 0);
    QCOMPARE(QDir(dir.path()).entryList({u"*.corrupt-*"_s}).size(), 0);
}

void TestSchemaMigration::indexesDeferredByAnOlderVersionEndAsNew_data()
{
    QTest::addColumn<bool>("auxiliaryFirst");
    QTest::newRow("the sync opens it") << false;
    QTest::newRow("the window migrates it first") << true;
}

// A resync of version 4 killed while its indexes were dropped (recorded in app_config with their v4
// SQL): the restore and the v5 migration, in either order, end with the new schema and nothing pending.
void TestSchemaMigration::indexesDeferredByAnOlderVersionEndAsNew()
{
    QFETCH(bool, auxiliaryFirst);
    const QDir data(QStringLiteral(TTS_TEST_DATA_DIR));
    test::TempDir dir;
    const QString path = dir.databasePath();
    QVERIFY(copyFixture(data.filePath(u"schema-v4.sqlite"_s), path));
    QCOMPARE(userVersion(path), 4);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v4"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                       "tbl_name IN ('orders', 'line_items')"_s));
        QList<QPair<QString, QString>> indexes;
        while (q.next())
            indexes.append({q.value(0).toString(), q.value(1).toString()});
        q.finish();
        QVERIFY(indexes.size() >= 8);
        for (const auto& [name, sql] : std::as_const(indexes)) {
            QSqlQuery record(db);
            QVERIFY(record.prepare(u"INSERT INTO app_config(key, value) VALUES (?, ?)"_s));
            record.addBindValue(QString(u"deferred_index."_s + name));
            record.addBindValue(sql);
            QVERIFY(record.exec());
            QVERIFY(QSqlQuery(db).exec(u"DROP INDEX "_s + name));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v4"_s);
    Database::Error error;
    if (auxiliaryFirst)
        QVERIFY2(Database::open(path, Database::ReadWrite, &error, Database::Role::Auxiliary),
                 qPrintable(error.message));
    {
        auto db = Database::open(path, Database::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(DeferredIndexes::pending(*db, &error), QStringList());
    }
    const QString fresh = dir.databasePath(u"fresh.sqlite"_s);
    QVERIFY2(Database::open(fresh, Database::ReadWrite, &error), qPrintable(error.message));
    QCOMPARE(schemaOf(path), schemaOf(fresh));
}

QTEST_GUILESS_MAIN(TestSchemaMigration)
#include "tst_schemamigration.moc"
