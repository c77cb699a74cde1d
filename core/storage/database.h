#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

class QSqlError;
class QSqlQuery;

namespace tts {

// One SQLite connection (QtSql) to the seller's database. Used only in the thread that opened it.
// ReadWrite creates the file, switches it to WAL (checked) and migrates the schema; ReadOnly never
// writes. A database written by a newer version of the application is refused untouched.
class Database
{
public:
    enum Mode
    {
        ReadWrite,
        ReadOnly
    };

    struct Error
    {
        enum Kind
        {
            None,
            CannotOpen,
            Locked,
            ReadOnly,
            Full,
            Corrupt,
            NewerVersion,
            OlderVersion, // a read-only open of a file that a read-write open has yet to migrate
            Other
        };
        Kind kind = None;
        QString message;

        bool isError() const { return kind != None; }
    };

    static constexpr int kSchemaVersion = 5;
    static constexpr int kBusyTimeoutMs = 5000;
    static constexpr int kCacheKiB = 32768;
    static constexpr int kWalCheckpointPages = 8192;
    static constexpr int kNewPageSize = 8192;

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Who opens a read-write connection. The Primary one of a sync (or of a connect) checks the file
    // (quick_check, unless a clean sync's stamp says it is unchanged) and builds again the indexes an
    // interrupted full resync left dropped. An Auxiliary one (the resync's page writer, the dashboard
    // bringing its rollups up to date) does neither: it may run beside a resync that is filling
    // tables without their indexes, and quick_check there would cost seconds per dashboard refresh.
    enum class Role
    {
        Primary,
        Auxiliary,
    };

    static std::unique_ptr<Database> open(const QString& path, Mode mode, Error* error,
                                          Role role = Role::Primary);
    static QString defaultPath();

    QSqlDatabase connection() const { return m_db; }
    QString path() const { return m_path; }
    Mode mode() const { return m_mode; }
    int schemaVersion() const { return m_schemaVersion; }
    QString journalMode() const;

    // Writers: BEGIN IMMEDIATE (takes the write lock up front, so a busy database fails here and not
    // half-way through a page). Every statement goes through the fault-injecting exec wrapper.
    bool beginImmediate(Error* error);
    bool commit(Error* error);
    void rollback();

    // Executes one statement (no results wanted).
    bool exec(const QString& sql, Error* error);

    // Whether this connection's commits and checkpoints wait for the disk (synchronous=NORMAL under
    // WAL, the default) or not (OFF: only for a first import guarded by UnsyncedImport's marker).
    // Without WAL the connection stays at FULL whatever is asked.
    bool setWaitForDisk(bool wait, Error* error);

    // Copies every frame of the WAL into the database file and empties the WAL, if no other
    // connection is reading or writing: it never waits for one. False when one was (the WAL then keeps
    // what was not copied; nothing is lost either way) or on an error. Under setWaitForDisk(false)
    // nothing waits for the disk here.
    bool emptyWal();

    // Maps a QtSql error (its native SQLite code) to a kind and a clear sentence.
    static Error classify(const QSqlError& sqlError, const QString& what);
    static Error classifyNative(int sqliteCode, const QString& detail, const QString& what);

private:
    Database(QSqlDatabase db, QString path, Mode mode);
    bool configure(Role role, Error* error);
    bool migrate(int from, Error* error);

    QSqlDatabase m_db;
    QString m_path;
    QString m_connectionName;
    Mode m_mode;
    int m_schemaVersion = 0;
    bool m_wal = false;
};

// Runs a prepared (or ad-hoc) query through the fault injector; on failure fills `error`.
bool execQuery(QSqlQuery& query, Database::Error* error, const QString& what);

} // namespace tts
