#include "unsyncedimport.h"

#include "database.h"
#include "rawstatement.h"
#include "storagelog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <sqlite3.h>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tts::UnsyncedImport {

namespace {

#ifdef Q_OS_UNIX
// fsync of a folder: so that a file created, renamed or removed in it stays so.
bool flushFolder(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0)
        return false;
    int rc = 0;
    do
        rc = ::fsync(fd);
    while (rc != 0 && errno == EINTR);
    ::close(fd);
    return rc == 0;
}
#endif

QString folderOf(const QString& path)
{
    return QFileInfo(path).absolutePath();
}

// Syncs the file behind one of SQLite's handles (the database, or its WAL) with SQLite's own method.
bool syncHandle(sqlite3* handle, int op)
{
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(handle, "main", op, &file) != SQLITE_OK)
        return false;
    return !file || !file->pMethods || file->pMethods->xSync(file, SQLITE_SYNC_NORMAL) == SQLITE_OK;
}

// `lost`: a write already failed to reach the disk (Linux reports it once, maybe to another descriptor).
bool flush(Database& db, bool lost, QString* error)
{
    sqlite3* handle = RawStatement::handleOf(db);
    // A connection opens the WAL with its first read.
    const bool ok =
        !lost && handle &&
        sqlite3_exec(handle, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr) == SQLITE_OK &&
        syncHandle(handle, SQLITE_FCNTL_FILE_POINTER) && syncHandle(handle, SQLITE_FCNTL_JOURNAL_POINTER);
    if (!ok && error)
        *error =
            QStringLiteral("Could not flush the database %1 to the disk; check the disk.").arg(db.path());
    return ok;
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
         flushFolder(folderOf(path));
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

bool end(Database& db, QString* error, const Flusher* flusher)
{
    const QString path = markerPath(db.path());
    if (!QFileInfo::exists(path))
        return true;
    QElapsedTimer clock;
    clock.start();
    if (!flush(db, flusher && flusher->failed(), error))
        return false;
    qCInfo(lcStorage) << "flushed the import to the disk in" << clock.elapsed() << "ms";
    if (!QFile::remove(path)) {
        if (error)
            *error = QStringLiteral("Could not remove %1; check the folder's permissions.").arg(path);
        return false;
    }
#ifdef Q_OS_UNIX
    // Best effort: should the removal itself not reach the disk before a power cut, the next sync only
    // sets aside a sound file and imports again.
    flushFolder(folderOf(path));
#endif
    return true;
}

Flusher::Flusher(QString databasePath, std::chrono::milliseconds period)
    : m_path(std::move(databasePath)), m_period(period), m_thread([this](std::stop_token stop) { run(stop); })
{}

Flusher::~Flusher() = default;

void Flusher::stop()
{
    m_thread.request_stop();
    if (m_thread.joinable())
        m_thread.join();
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
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &handle, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        m_failed = true;
    while (!m_failed) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, stop, m_period, [this] { return m_kicked; });
            m_kicked = false;
        }
        if (stop.stop_requested())
            break;
        QElapsedTimer clock;
        clock.start();
        if (!syncHandle(handle, SQLITE_FCNTL_FILE_POINTER))
            m_failed = true;
        qCDebug(lcStorage) << "flushed the database in" << clock.elapsed() << "ms";
    }
    sqlite3_close(handle);
}

} // namespace tts::UnsyncedImport
