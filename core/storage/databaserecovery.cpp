#include "databaserecovery.h"

#include "storagelog.h"
#include "unsyncedimport.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace tts {

namespace {

QAtomicInt g_checkCounter;

QString tr(const char* text)
{
    return QCoreApplication::translate("tts::DatabaseRecovery", text);
}

// A private connection that is removed when it goes out of scope (any thread).
class ScopedConnection
{
public:
    ScopedConnection(const QString& path, bool readOnly)
        : m_name(QStringLiteral("tts-recovery-%1").arg(g_checkCounter.fetchAndAddRelaxed(1)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                      : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError();
    }
    ~ScopedConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ScopedConnection(const ScopedConnection&) = delete;
    ScopedConnection& operator=(const ScopedConnection&) = delete;

    bool isOpen() const { return m_open; }
    QSqlError lastError() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    QSqlError m_error;
    bool m_open = false;
};

QStringList columnsOf(const QSqlDatabase& db, const QString& table)
{
    QStringList columns;
    const QSqlRecord record = db.record(table);
    for (int i = 0; i < record.count(); ++i)
        columns << record.fieldName(i);
    return columns;
}

// Copies the rows of `table` from `from` into `to`, for the columns both have. False when the backup
// cannot be read (a damaged page): then nothing of this table is kept.
bool copyTable(const QSqlDatabase& from, const QSqlDatabase& to, const QString& table)
{
    const QStringList target = columnsOf(to, table);
    QStringList columns;
    for (const QString& c : columnsOf(from, table)) {
        if (target.contains(c))
            columns << c;
    }
    if (columns.isEmpty())
        return false;
    QSqlQuery read(from);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QLatin1Char(',')), table)))
        return false;
    QList<QVariantList> rows;
    while (read.next()) {
        QVariantList row;
        for (int i = 0; i < columns.size(); ++i)
            row << read.value(i);
        rows << row;
    }
    if (read.lastError().isValid())
        return false;
    QStringList marks;
    for (int i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery write(to);
    if (!write.prepare(QStringLiteral("INSERT OR REPLACE INTO %1(%2) VALUES(%3)")
                           .arg(table, columns.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))))
        return false;
    for (const QVariantList& row : std::as_const(rows)) {
        for (int i = 0; i < row.size(); ++i)
            write.bindValue(i, row.at(i));
        if (!write.exec())
            return false;
    }
    return true;
}

} // namespace

IntegrityResult checkIntegrity(const QSqlDatabase& connection)
{
    QElapsedTimer clock;
    clock.start();
    IntegrityResult result;
    QSqlQuery q(connection);
    q.setForwardOnly(true);
    // quick_check: O(N) like integrity_check but skips the index-content cross-check, several times
    // faster; it finds damaged pages, broken b-trees and a file that is not a database.
    if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
        const Database::Error e = Database::classify(q.lastError(), QStringLiteral("check the database"));
        result.status =
            e.kind == Database::Error::Corrupt ? IntegrityResult::Corrupt : IntegrityResult::Unchecked;
        result.detail = q.lastError().databaseText();
    } else if (!q.next()) {
        const Database::Error e = Database::classify(q.lastError(), QStringLiteral("check the database"));
        result.status =
            e.kind == Database::Error::Corrupt ? IntegrityResult::Corrupt : IntegrityResult::Unchecked;
        result.detail = q.lastError().databaseText();
    } else {
        const QString first = q.value(0).toString();
        if (first != QLatin1String("ok")) {
            result.status = IntegrityResult::Corrupt;
            result.detail = first.left(300);
        }
    }
    result.elapsedMs = clock.elapsed();
    qCInfo(lcStorage) << "quick_check:" << (result.status == IntegrityResult::Ok ? "ok" : "not ok") << "in"
                      << result.elapsedMs << "ms" << result.detail;
    return result;
}

IntegrityResult checkIntegrity(const QString& databasePath)
{
    if (!QFileInfo::exists(databasePath))
        return {IntegrityResult::Unchecked, tr("The database does not exist."), 0};
    ScopedConnection connection(databasePath, true);
    if (!connection.isOpen())
        return {IntegrityResult::Unchecked, connection.lastError().text(), 0};
    return checkIntegrity(connection.db());
}

namespace {

QByteArray fileIdentity(const QString& databasePath)
{
    QByteArray identity;
    for (const QString& path : QStringList{databasePath, databasePath + QStringLiteral("-wal")}) {
        const QFileInfo info(path);
        identity += QByteArray::number(info.exists() ? info.size() : -1) + ' ' +
                    QByteArray::number(info.exists() ? info.lastModified().toMSecsSinceEpoch() : -1) + ' ';
    }
    return identity.trimmed();
}

} // namespace

QString integrityStampPath(const QString& databasePath)
{
    return databasePath + QStringLiteral(".checked");
}

bool integrityStampMatches(const QString& databasePath)
{
    QFile stamp(integrityStampPath(databasePath));
    if (!stamp.open(QIODevice::ReadOnly))
        return false;
    return stamp.readLine().trimmed() == fileIdentity(databasePath);
}

void writeIntegrityStamp(const QString& databasePath)
{
    if (!QFileInfo::exists(databasePath))
        return;
    QFile stamp(integrityStampPath(databasePath));
    if (!stamp.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return; // then the next sync checks again: slower, never less safe
    stamp.write(fileIdentity(databasePath) + '\n');
}

QString setAsideDatabase(const QString& databasePath, QString* error)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'hhmmss'Z'"));
    const QString base = databasePath + QStringLiteral(".corrupt-") + stamp;
    QString backup = base;
    // Never overwrite: a second damaged file within the same second gets -2, -3, ...
    for (int n = 2; QFileInfo::exists(backup) || QFileInfo::exists(backup + QStringLiteral("-wal")) ||
                    QFileInfo::exists(backup + QStringLiteral("-shm"));
         ++n)
        backup = base + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(databasePath, backup)) {
        if (error)
            *error = tr("The damaged database %1 could not be moved aside to %2; check the folder's "
                        "permissions.")
                         .arg(databasePath, backup);
        return {};
    }
    for (const QString& suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(databasePath + suffix) &&
            !QFile::rename(databasePath + suffix, backup + suffix))
            qCWarning(lcStorage) << "could not move" << databasePath + suffix << "next to the backup";
    }
    qCWarning(lcStorage) << "damaged database moved aside to" << backup;
    return backup;
}

bool createFreshDatabase(const QString& databasePath, const QString& backupPath, bool* salvaged,
                         Database::Error* error)
{
    if (salvaged)
        *salvaged = false;
    auto fresh = Database::open(databasePath, Database::ReadWrite, error);
    if (!fresh)
        return false;
    if (backupPath.isEmpty())
        return true;
    ScopedConnection old(backupPath, true);
    if (!old.isOpen())
        return true;
    if (!fresh->beginImmediate(error))
        return false;
    const bool copied = copyTable(old.db(), fresh->connection(), QStringLiteral("app_config")) &&
                        copyTable(old.db(), fresh->connection(), QStringLiteral("shops"));
    if (!copied) {
        fresh->rollback();
        return true;
    }
    if (!fresh->commit(error))
        return false;
    if (salvaged)
        *salvaged = true;
    return true;
}

bool rebuildCorruptDatabase(const QString& databasePath, QString* backupPath, bool* salvaged,
                            Database::Error* error)
{
    QString moveError;
    const QString backup = setAsideDatabase(databasePath, &moveError);
    if (backupPath)
        *backupPath = backup;
    if (backup.isEmpty()) {
        if (error)
            *error = {Database::Error::Corrupt, moveError};
        return false;
    }
    // The marker of an import cut off by a system restart goes with the file it describes.
    const QString marker = UnsyncedImport::markerPath(databasePath);
    if (QFileInfo::exists(marker) && !QFile::rename(marker, UnsyncedImport::markerPath(backup)))
        QFile::remove(marker);
    Database::Error freshError;
    if (!createFreshDatabase(databasePath, backup, salvaged, &freshError)) {
        if (error)
            *error = freshError;
        return false;
    }
    return true;
}

QString corruptMessage(const QString& databasePath, const QString& backupPath, const QString& detail,
                       bool salvaged)
{
    QString text =
        tr("The database %1 is damaged (%2). It was moved aside, untouched, to %3, and a new "
           "empty database was created in its place.")
            .arg(databasePath, detail.isEmpty() ? tr("integrity check failed") : detail, backupPath);
    if (salvaged)
        text +=
            QLatin1Char(' ') + tr("Download the shop's data again with 'tiktok-shop-sync sync --full' (or "
                                  "Full Resync in the window).");
    else
        text += QLatin1Char(' ') + tr("The shop's connection could not be recovered from it: connect the "
                                      "shop again ('tiktok-shop-sync connect'), then run 'tiktok-shop-sync "
                                      "sync --full'.");
    return text;
}

} // namespace tts
