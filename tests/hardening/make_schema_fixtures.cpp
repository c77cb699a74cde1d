// Writes tests/data/schema-vN.sqlite for the current schema version N: a database exactly as this
// version of the application writes it (connect + full sync through the real sync engine), holding the
// fixture emulator's shop (schemafixture.h). Run by hand before a change bumps the schema, with the
// code of the version being left (the outputs are committed):
//   build/tests/hardening/make_schema_fixtures tests/data
//
// At schema 2 it also wrote schema-v1.sqlite: the same database taken back to the v1 statements (the
// v2 additions of migrations.cpp - resync_runs, resync_slices, product_skus and the analytics indexes -
// dropped, user_version 1). Every file is checkpointed into a single file (journal_mode DELETE) so
// that no -wal is needed.
#include "schemafixture.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

using namespace tts;

namespace {

bool run(const QString& path, const QStringList& statements)
{
    // Plain connection: Database::open would migrate the v1 file straight back to v2.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
    db.setDatabaseName(path);
    bool ok = db.open();
    for (const QString& sql : statements) {
        QSqlQuery q(db);
        if (ok && !q.exec(sql)) {
            QTextStream(stderr) << sql << ": " << q.lastError().text() << '\n';
            ok = false;
        }
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: make_schema_fixtures OUTPUT_FOLDER\n";
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    auto emulator = test::startEmulator(test::schemaFixtureEmulatorConfig());
    if (!emulator)
        return 1;
    test::TempDir dir;
    const int version = Database::kSchemaVersion;
    const QString current = dir.databasePath(QStringLiteral("current.sqlite"));
    if (const QString e = test::connectEmulator(*emulator, current); !e.isEmpty()) {
        QTextStream(stderr) << e << '\n';
        return 1;
    }
    const test::SyncRun sync = test::runSync(test::syncOptions(*emulator, current, SyncMode::Full));
    if (!sync.ok) {
        QTextStream(stderr) << sync.error.message << '\n';
        return 1;
    }
    const QStringList single{QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"),
                             QStringLiteral("PRAGMA journal_mode=DELETE"), QStringLiteral("VACUUM")};
    if (!run(current, single))
        return 1;
    QList<std::pair<QString, QString>> outputs{{current, QStringLiteral("schema-v%1.sqlite").arg(version)}};
    if (version == 2) {
        const QString v1 = dir.databasePath(QStringLiteral("v1.sqlite"));
        if (!QFile::copy(current, v1) ||
            !run(v1, {QStringLiteral("DROP INDEX line_items_analytics"),
                      QStringLiteral("DROP INDEX orders_analytics"),
                      QStringLiteral("DROP INDEX product_skus_product"),
                      QStringLiteral("DROP TABLE product_skus"), QStringLiteral("DROP TABLE resync_slices"),
                      QStringLiteral("DROP TABLE resync_runs"), QStringLiteral("PRAGMA user_version=1"),
                      QStringLiteral("VACUUM")}))
            return 1;
        outputs.prepend({v1, QStringLiteral("schema-v1.sqlite")});
    }
    for (const auto& [from, name] : std::as_const(outputs)) {
        const QString target = out + QLatin1Char('/') + name;
        QFile::remove(target);
        if (!QFile::copy(from, target)) {
            QTextStream(stderr) << "cannot write " << target << '\n';
            return 1;
        }
        QTextStream(stdout) << "wrote " << target << '\n';
    }
    return 0;
}
