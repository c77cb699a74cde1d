#include "synclock.h"

#include "synclog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace tts {

SyncLock::SyncLock(const QString& databasePath)
    : m_lock(std::make_unique<QLockFile>(lockPathFor(databasePath))), m_databasePath(databasePath),
      m_lockPath(lockPathFor(databasePath))
{
    // No age limit: a full resync of a big shop holds the lock for many minutes. Staleness is decided
    // by the holder's pid alone (QLockFile checks that the process still runs under the same name).
    m_lock->setStaleLockTime(0);
}

SyncLock::~SyncLock()
{
    unlock();
}

QString SyncLock::lockPathFor(const QString& databasePath)
{
    return QFileInfo(databasePath).absoluteFilePath() + QStringLiteral(".sync-lock");
}

bool SyncLock::tryLock()
{
    m_error.clear();
    m_busy = false;
    m_holderPid = 0;
    m_holderHost.clear();
    if (m_lock->isLocked())
        return true;
    QDir().mkpath(QFileInfo(m_lockPath).absolutePath());
    // tryLock(0) removes a stale lock (dead pid) and then takes it.
    if (m_lock->tryLock(0))
        return true;
    switch (m_lock->error()) {
    case QLockFile::LockFailedError: {
        m_busy = true;
        QString app;
        m_lock->getLockInfo(&m_holderPid, &m_holderHost, &app);
        m_error = QCoreApplication::translate("tts::SyncLock",
                                              "Another sync of %1 is running (pid %2); it was left alone. "
                                              "Wait for it to finish and try again.")
                      .arg(m_databasePath)
                      .arg(m_holderPid);
        break;
    }
    case QLockFile::PermissionError:
        m_error = QCoreApplication::translate("tts::SyncLock",
                                              "Cannot create the sync lock %1: permission denied; make "
                                              "the database's folder writable.")
                      .arg(m_lockPath);
        break;
    default:
        m_error =
            QCoreApplication::translate("tts::SyncLock", "Cannot create the sync lock %1.").arg(m_lockPath);
        break;
    }
    qCInfo(lcSync) << "sync lock not taken:" << m_error;
    return false;
}

void SyncLock::unlock()
{
    if (m_lock && m_lock->isLocked())
        m_lock->unlock();
}

bool SyncLock::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

bool SyncLock::isHeld(const QString& databasePath, qint64* pid)
{
    SyncLock probe(databasePath);
    if (probe.tryLock()) {
        probe.unlock();
        return false;
    }
    if (pid)
        *pid = probe.holderPid();
    return probe.isBusy();
}

} // namespace tts
