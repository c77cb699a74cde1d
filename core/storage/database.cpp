#include "database.h"

#include "databaserecovery.h"
#include "deferredindexes.h"
#include "sqlfaultinjector.h"
#include "storagelog.h"
#include "unsyncedimport.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <mutex>
#include <sqlite3.h>

namespace tts {

Q_LOGGING_CATEGORY(lcStorage, "tts.storage")

namespace {

QAtomicInt g_connectionCounter;

// Debian's SQLite keeps memory statistics, under a global mutex, on every allocation (and, built
// without lookaside memory, it allocates often); nothing here reads them. Before the first connection
// only: SQLite refuses (harmlessly) once it is initialized.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// SQLite primary result codes (the low byte of an extended code).
enum : int
{
    kBusy = 5,
    kLocked = 6,
    kReadOnly = 8,
    kIoErr = 10,
    kCorrupt = 11,
    kFull = 13,
    kCantOpen = 14,
    kNotADb = 26,
};

} // namespace

bool execQuery(QSqlQuery& query, Database::Error* error, const QString& what)
{
    if (SqlFaultInjector::shouldFail()) {
        if (error)
            *error = {Database::Error::Full,
                      QStringLiteral("Could not %1: database or disk is full (injected fault).").arg(what)};
        return false;
    }
    if (query.exec())
        return true;
    if (error)
        *error = Database::classify(query.lastError(), what);
    return false;
}

Database::Error Database::classify(const QSqlError& sqlError, const QString& what)
{
    bool ok = false;
    const int native = sqlError.nativeErrorCode().toInt(&ok);
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    return classifyNative(ok ? native : -1, detail, what);
}

Database::Error Database::classifyNative(int sqliteCode, const QString& detail, const QString& what)
{
    const int primary = sqliteCode >= 0 ? (sqliteCode & 0xff) : -1;
    Error e;
    switch (primary) {
    case kBusy:
    case kLocked:
        e.kind = Error::Locked;
        e.message = QStringLiteral("Could not %1: the database is locked by another program (%2); "
                                   "close it or try again.")
                        .arg(what, detail);
        break;
    case kReadOnly:
        e.kind = Error::ReadOnly;
        e.message = QStringLiteral("Could not %1: the database is read-only (%2); check the file's "
                                   "permissions.")
                        .arg(what, detail);
        break;
    case kFull:
        e.kind = Error::Full;
        e.message = QStringLiteral("Could not %1: the disk is full (%2); free some space and sync again.")
                        .arg(what, detail);
        break;
    case kCorrupt:
    case kNotADb:
        e.kind = Error::Corrupt;
        e.message = QStringLiteral("Could not %1: the database file is damaged or not a database (%2); "
                                   "move it away and sync again.")
                        .arg(what, detail);
        break;
    case kCantOpen:
        e.kind = Error::CannotOpen;
        e.message = QStringLiteral("Could not %1: the database file cannot be opened (%2); check the "
                                   "path and its permissions.")
                        .arg(what, detail);
        break;
    default:
        e.kind = Error::Other;
        e.message = QStringLiteral("Could not %1: %2.")
                        .arg(what, detail.isEmpty() ? QStringLiteral("database error") : detail);
        if (primary == kIoErr)
            e.message = QStringLiteral("Could not %1: disk I/O error (%2); check the disk and free space.")
                            .arg(what, detail);
        break;
    }
    return e;
}

Database::Database(QSqlDatabase db, QString path, Mode mode)
    : m_db(std::move(db)), m_path(std::move(path)), m_connectionName(m_db.connectionName()), m_mode(mode)
{}

Database::~Database()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/shop.sqlite");
}

std::unique_ptr<Database> Database::open(const QString& path, Mode mode, Error* error, Role role)
{
    configureSqliteOnce();
    Error local;
    Error* err = error ? error : &local;
    *err = {};
    if (path.isEmpty()) {
        *err = {Error::CannotOpen, QStringLiteral("No database path was given.")};
        return nullptr;
    }
    const QFileInfo info(path);
    if (mode == ReadOnly && !info.exists()) {
        *err = {Error::CannotOpen,
                QStringLiteral("The database %1 does not exist yet; run a sync first.").arg(path)};
        return nullptr;
    }
    if (mode == ReadWrite && !info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
        *err = {Error::CannotOpen,
                QStringLiteral("Cannot create the folder %1 for the database.").arg(info.absolutePath())};
        return nullptr;
    }
    // Before anything writes, a damaged file is moved aside (never repaired, never deleted) and a fresh
    // one takes its place; the caller reports where the backup is and stops (exit 5).
    const auto setAside = [&](const QString& detail) {
        QString backup;
        bool salvaged = false;
        if (rebuildCorruptDatabase(path, &backup, &salvaged, err))
            *err = {Error::Corrupt, corruptMessage(path, backup, detail, salvaged)};
    };
    // Only a file that already holds data is checked (a new one is created below).
    const bool primary = mode == ReadWrite && role == Role::Primary;
    const bool checked = primary && info.exists() && info.size() > 0;
    if (checked && UnsyncedImport::marker(path) == UnsyncedImport::Marker::OtherBoot) {
        // A first import wrote it without waiting for the disk, and the system went down before it was
        // flushed: it may be damaged where quick_check does not look (see UnsyncedImport).
        setAside(QStringLiteral("a system restart or power cut interrupted its first import before the "
                                "import reached the disk"));
        return nullptr;
    }
    if (primary && !checked)
        QFile::remove(UnsyncedImport::markerPath(path)); // left by a file set aside or deleted since
    // quick_check only when the file is not exactly as the last clean sync left it (see
    // integrityStampMatches).
    const bool checkFirst = checked && !integrityStampMatches(path);
    const QString name = QStringLiteral("tts-db-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(
        new Database(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name), path, mode));
    QSqlDatabase& db = database->m_db;
    db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (mode == ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (!db.open()) {
        *err = classify(db.lastError(), QStringLiteral("open the database %1").arg(path));
        if (err->kind == Error::Other)
            err->kind = Error::CannotOpen;
        return nullptr;
    }
    if (checkFirst) {
        const IntegrityResult check = checkIntegrity(database->m_db);
        if (check.isCorrupt()) {
            database.reset();
            setAside(check.detail);
            return nullptr;
        }
    }
    if (!database->configure(role, err))
        return nullptr;
    return database;
}

QString Database::journalMode() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next())
        return q.value(0).toString();
    return {};
}

bool Database::configure(Role role, Error* error)
{
    // Read the version first: a newer or foreign file must not be touched (not even switched to WAL).
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = classify(q.lastError(), QStringLiteral("read the database %1").arg(m_path));
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion) {
        *error = {Error::NewerVersion,
                  QStringLiteral("The database %1 was written by a newer version of TikTok Shop Dashboard "
                                 "(schema %2, this version understands %3); update the application.")
                      .arg(m_path)
                      .arg(version)
                      .arg(kSchemaVersion)};
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA foreign_keys=ON"), error))
        return false;
    if (m_mode == ReadOnly) {
        if (version < kSchemaVersion) {
            *error = {Error::OlderVersion,
                      QStringLiteral("The database %1 has not been upgraded yet (schema %2); run "
                                     "a sync first.")
                          .arg(m_path)
                          .arg(version)};
            return false;
        }
        m_schemaVersion = version;
        return true;
    }
    // A new database gets 8 KiB pages: fewer, fuller B-tree pages; the index sort of a first full
    // resync and its WAL traffic cost about a tenth less than with 4 KiB. No effect on a file that
    // has pages already.
    if (version == 0 && !exec(QStringLiteral("PRAGMA page_size=%1").arg(kNewPageSize), error))
        return false;
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
        *error = classify(q.lastError(), QStringLiteral("switch the database to WAL"));
        return false;
    }
    const QString journal = q.value(0).toString().toLower();
    q.finish();
    if (journal == QLatin1String("wal")) {
        m_wal = true;
        if (!setWaitForDisk(true, error))
            return false;
    } else {
        // Without WAL a crash could lose a commit made under synchronous=NORMAL: keep FULL.
        qCWarning(lcStorage) << "journal_mode=WAL not available, got" << journal
                             << "; staying with FULL sync";
        if (!exec(QStringLiteral("PRAGMA synchronous=FULL"), error))
            return false;
    }
    // A bigger page cache keeps the indexes of a full sync in memory instead of re-reading them.
    if (!exec(QStringLiteral("PRAGMA cache_size=-%1").arg(kCacheKiB), error))
        return false;
    // Checkpoint less often: the index pages a sync rewrites page after page reach the database file
    // once per checkpoint instead of many times.
    if (!exec(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kWalCheckpointPages), error))
        return false;
    // Indexes a full resync dropped while it filled empty tables (it may have been killed): built
    // again before anything else uses or migrates the tables.
    if (role == Role::Primary && version >= 1 && !DeferredIndexes::restore(*this, error))
        return false;
    if (version < kSchemaVersion && !migrate(version, error))
        return false;
    m_schemaVersion = kSchemaVersion;
    return true;
}

bool Database::exec(const QString& sql, Error* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (SqlFaultInjector::shouldFail()) {
        if (error)
            *error = {Error::Full,
                      QStringLiteral("Could not write to the database: disk is full (injected fault).")};
        return false;
    }
    if (q.exec(sql))
        return true;
    if (error)
        *error = classify(q.lastError(), QStringLiteral("write to the database"));
    return false;
}

bool Database::setWaitForDisk(bool wait, Error* error)
{
    if (!m_wal)
        return true;
    return exec(wait ? QStringLiteral("PRAGMA synchronous=NORMAL") : QStringLiteral("PRAGMA synchronous=OFF"),
                error);
}

bool Database::emptyWal()
{
    if (!m_wal)
        return false;
    // No busy wait: a reader (the window) would otherwise hold this up for the whole busy timeout.
    // The connection's own timeout is read first and set again after.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout")) || !q.next())
        return false;
    const int busyTimeoutMs = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout=0")))
        return false;
    const bool ran = q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next();
    // (busy, frames in the WAL, frames copied): a checkpoint held up by another connection says busy.
    const bool emptied = ran && q.value(0).toInt() == 0;
    q.finish();
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(busyTimeoutMs)))
        qCWarning(lcStorage) << "could not set the busy timeout again:" << q.lastError().text();
    return emptied;
}

bool Database::beginImmediate(Error* error)
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"), error);
}

bool Database::commit(Error* error)
{
    if (exec(QStringLiteral("COMMIT"), error))
        return true;
    rollback();
    return false;
}

void Database::rollback()
{
    // Not through the fault injector: a rollback must always be attempted. It fails harmlessly when
    // SQLite already rolled the transaction back on its own.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace tts
