#pragma once

#include "database.h"

#include <QString>

namespace tts {

// Integrity check and recovery of the seller's database (issue 5, item 5). The database is only a
// copy of what TikTok Shop holds, so a damaged file is never repaired in place: it is moved aside,
// untouched, as a timestamped backup next to the original, and a fresh database is rebuilt by a full
// resync. Nothing here ever deletes or overwrites a file.
struct IntegrityResult
{
    enum Status
    {
        Ok,
        Corrupt,   // quick_check found damage, or the file is not an SQLite database
        Unchecked, // could not be checked (locked, unreadable, missing): says nothing about damage
    };
    Status status = Ok;
    QString detail; // quick_check's first finding, or why it could not run
    qint64 elapsedMs = 0;

    bool isCorrupt() const { return status == Corrupt; }
};

// Runs PRAGMA quick_check on `connection` (an open connection of any mode). Reads only.
IntegrityResult checkIntegrity(const QSqlDatabase& connection);
// Same on a private read-only connection of its own; callable from any thread (the window runs it off
// the GUI thread right after it shows).
IntegrityResult checkIntegrity(const QString& databasePath);

// quick_check reads the whole file (about 1.6 s for 300,000 orders), too slow for every incremental
// sync. A sync that ends cleanly leaves a stamp (<db>.checked: size and modification time of the
// database and its -wal); the next sync checks only when the files no longer match it, i.e. when
// something other than a clean sync (a crash, a copy, a hand edit, another program) touched them.
bool integrityStampMatches(const QString& databasePath);
void writeIntegrityStamp(const QString& databasePath);
QString integrityStampPath(const QString& databasePath);

// Moves `databasePath` and its -wal/-shm files to <databasePath>.corrupt-<UTC yyyyMMddThhmmssZ>[-N]
// (-wal/-shm renamed with it, so the backup opens as it was). Returns the backup path, or an empty
// string and `error` when nothing could be moved (then nothing was).
QString setAsideDatabase(const QString& databasePath, QString* error);

// Creates a fresh database at `databasePath` (which must not exist) and copies the connection settings
// (app_config, shops) from `backupPath` where they can still be read, so that a full resync can start
// without connecting again. Returns false only when the fresh database cannot be created; `salvaged`
// says whether the settings were recovered.
bool createFreshDatabase(const QString& databasePath, const QString& backupPath, bool* salvaged,
                         Database::Error* error);

// Both of the above: the file is set aside and a fresh database created. `backupPath` receives where
// the damaged file went. The sentence for a person (where the backup is, how to rebuild) is in
// corruptMessage().
bool rebuildCorruptDatabase(const QString& databasePath, QString* backupPath, bool* salvaged,
                            Database::Error* error);
QString corruptMessage(const QString& databasePath, const QString& backupPath, const QString& detail,
                       bool salvaged);

} // namespace tts
