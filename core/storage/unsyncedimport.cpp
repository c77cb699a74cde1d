#include "unsyncedimport.h"

#include "storagelog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tts::UnsyncedImport {

namespace {

#ifdef Q_OS_UNIX
// fsync of a file or a folder (a folder: so that a file created, renamed or removed in it stays so).
bool flushToDisk(const QString& path, bool folder, QString* why = nullptr)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    bool ok = fd >= 0;
    while (ok && ::fsync(fd) != 0) {
        if (errno != EINTR)
            ok = false;
    }
    if (!ok && why)
        *why = QString::fromLocal8Bit(std::strerror(errno));
    if (fd >= 0)
        ::close(fd);
    return ok;
}
#endif

QString folderOf(const QString& path)
{
    return QFileInfo(path).absolutePath();
}

} // namespace

QString markerPath(const QString& databasePath)
{
    return databasePath + QStringLiteral(".unsynced-import");
}

Marker marker(const QString& databasePath)
{
    QFile file(markerPath(databasePath));
    if (!file.exists())
        return Marker::None;
    const QByteArray boot = QSysInfo::bootUniqueId();
    if (!file.open(QIODevice::ReadOnly) || boot.isEmpty())
        return Marker::OtherBoot;
    return file.readLine().trimmed() == boot ? Marker::ThisBoot : Marker::OtherBoot;
}

bool begin(const QString& databasePath)
{
#ifdef Q_OS_UNIX
    const QByteArray boot = QSysInfo::bootUniqueId();
    if (boot.isEmpty())
        return false;
    // Written beside and renamed into place: the marker is there whole or not at all.
    const QString path = markerPath(databasePath);
    const QString temp = path + QStringLiteral(".new");
    QFile file(temp);
    bool ok = file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
              file.write(boot + '\n') == boot.size() + 1 && file.flush() && ::fsync(file.handle()) == 0;
    file.close();
    ok = ok && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) == 0 &&
         flushToDisk(folderOf(path), true);
    if (!ok) {
        qCWarning(lcStorage) << "could not write" << path << "; the import waits for the disk as usual";
        QFile::remove(temp);
        QFile::remove(path);
    }
    return ok;
#else
    Q_UNUSED(databasePath)
    return false;
#endif
}

bool end(const QString& databasePath, QString* error)
{
    const QString path = markerPath(databasePath);
    if (!QFileInfo::exists(path))
        return true;
#ifdef Q_OS_UNIX
    QElapsedTimer clock;
    clock.start();
    for (const QString& file : {databasePath, QString(databasePath + QStringLiteral("-wal"))}) {
        QString why;
        if (QFileInfo::exists(file) && !flushToDisk(file, false, &why)) {
            if (error)
                *error =
                    QStringLiteral("Could not flush %1 to the disk (%2); check the disk.").arg(file, why);
            return false;
        }
    }
#endif
    qCInfo(lcStorage) << "flushed the import to the disk in" << clock.elapsed() << "ms";
    if (!QFile::remove(path)) {
        if (error)
            *error = QStringLiteral("Could not remove %1; check the folder's permissions.").arg(path);
        return false;
    }
#ifdef Q_OS_UNIX
    // Best effort: should the removal itself not reach the disk before a power cut, the next sync only
    // sets aside a sound file and imports again.
    flushToDisk(folderOf(path), true);
#endif
    return true;
}

Flusher::Flusher(QString databasePath, std::chrono::milliseconds period)
    : m_path(std::move(databasePath)), m_period(period), m_thread([this](std::stop_token stop) { run(stop); })
{}

Flusher::~Flusher()
{
    m_thread.request_stop();
}

void Flusher::flushNow()
{
    {
        std::lock_guard lock(m_mutex);
        m_kicked = true;
    }
    m_wake.notify_one();
}

void Flusher::run(std::stop_token stop)
{
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, stop, m_period, [this] { return m_kicked; });
            m_kicked = false;
        }
        if (stop.stop_requested())
            return;
#ifdef Q_OS_UNIX
        QElapsedTimer clock;
        clock.start();
        flushToDisk(m_path, false);
        qCDebug(lcStorage) << "flushed the database in" << clock.elapsed() << "ms";
#endif
    }
}

} // namespace tts::UnsyncedImport
