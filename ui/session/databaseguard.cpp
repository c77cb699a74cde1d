#include "databaseguard.h"

#include "storage/databaserecovery.h"
#include "sync/synclock.h"

#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <memory>

namespace tts {

namespace {
constexpr int kPollMs = 2000;
}

DatabaseGuard::DatabaseGuard(QObject* parent) : QObject(parent), m_poll(new QTimer(this))
{
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (isSyncRunningElsewhere(m_waitPath))
            return;
        m_poll->stop();
        Q_EMIT syncElsewhereFinished();
    });
}

DatabaseGuard::~DatabaseGuard()
{
    if (m_check) {
        m_check->wait();
        delete m_check;
    }
}

void DatabaseGuard::check(const QString& path)
{
    if (m_check || path.isEmpty() || !QFileInfo::exists(path) || integrityStampMatches(path))
        return;
    auto result = std::make_shared<IntegrityResult>();
    m_check = QThread::create([path, result] { *result = checkIntegrity(path); });
    m_check->setObjectName(QStringLiteral("tts-quick-check"));
    connect(m_check, &QThread::finished, this, [this, path, result] {
        m_check->deleteLater();
        m_check = nullptr;
        if (result->isCorrupt())
            Q_EMIT damaged(path, result->detail);
    });
    m_check->start(QThread::LowPriority);
}

DatabaseGuard::Rebuilt DatabaseGuard::rebuild(const QString& path)
{
    Rebuilt rebuilt;
    SyncLock lock(path);
    if (!lock.tryLock()) {
        rebuilt.message = lock.errorMessage();
        return rebuilt;
    }
    Database::Error error;
    rebuilt.ok = rebuildCorruptDatabase(path, &rebuilt.backupPath, &rebuilt.connectionKept, &error);
    rebuilt.message = rebuilt.ok
                          ? tr("The damaged database was kept, untouched, as %1.").arg(rebuilt.backupPath)
                          : error.message;
    return rebuilt;
}

bool DatabaseGuard::isSyncRunningElsewhere(const QString& path, qint64* pid)
{
    return !path.isEmpty() && SyncLock::isHeld(path, pid);
}

void DatabaseGuard::waitForOtherSync(const QString& path)
{
    m_waitPath = path;
    m_poll->start();
}

} // namespace tts
