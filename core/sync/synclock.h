#pragma once

#include <QString>

#include <memory>

class QLockFile;

namespace tts {

// The lock that keeps two syncs off one database: a second window, the command line while the window
// syncs, or two cron runs. A QLockFile next to the database (<db>.sync-lock) holding the owner's pid,
// host and program name. It is held for the whole run by the sync worker. A lock left behind by a
// killed process is stale as soon as that pid is gone and is taken over; a live holder is never timed
// out, however long its full resync runs.
class SyncLock
{
public:
    explicit SyncLock(const QString& databasePath);
    ~SyncLock(); // releases
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

    // Does not wait. False when another sync holds it (holderPid() tells who) or the lock file cannot
    // be written (errorMessage() says why).
    bool tryLock();
    void unlock();
    bool isLocked() const;

    qint64 holderPid() const { return m_holderPid; }
    QString holderHost() const { return m_holderHost; }
    QString lockFilePath() const { return m_lockPath; }
    // One sentence for a person: another sync of <db> is running (pid N), or why locking failed.
    QString errorMessage() const { return m_error; }
    bool isBusy() const { return m_busy; }

    static QString lockPathFor(const QString& databasePath);
    // True when a live sync holds the lock of `databasePath` now (a stale lock counts as free).
    static bool isHeld(const QString& databasePath, qint64* pid = nullptr);

private:
    std::unique_ptr<QLockFile> m_lock;
    QString m_databasePath;
    QString m_lockPath;
    QString m_error;
    QString m_holderHost;
    qint64 m_holderPid = 0;
    bool m_busy = false;
};

} // namespace tts
