#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tts {

class Database;

// A first import into empty tables (a full resync that deferred the indexes) writes without waiting
// for the disk (PRAGMA synchronous=OFF): with NORMAL, each WAL checkpoint waits for the WAL and then
// the database file to reach the disk, about a sixth of a 300,000-order import on a virtual disk.
// That is as safe as NORMAL against a crash or a kill of the program (the operating system holds
// every write), but not against a crash of the system or a power cut, which could leave the file
// damaged in ways quick_check does not see.
//
// So a marker, <db>.unsynced-import, holding the system's boot id, reaches the disk before the first
// unsynced write, and is removed only after the database file and its WAL have been flushed to the
// disk. A marker written in the same boot is a killed import, whose file is sound: the next sync
// flushes it and goes on. A marker of another boot means the system went down in between: the file
// is not trusted, and Database::open sets it aside like a damaged one.
namespace UnsyncedImport {

QString markerPath(const QString& databasePath);

enum class Marker
{
    None,
    ThisBoot,
    OtherBoot, // or unreadable: not known to be this boot's
};
Marker marker(const QString& databasePath);

// Writes the marker (atomically) and flushes it and its folder to the disk. False, with nothing
// written, when the system gives no boot id (then the import stays synced) or on any error.
bool begin(const QString& databasePath);

// Flushes the database and its WAL to the disk, then removes the marker; in db's thread. Without a
// marker, nothing. The flush goes through SQLite's own handles of the files: closing a descriptor of
// its own would drop every lock the process holds on the file (POSIX), under SQLite's feet. On failure
// the marker stays, and `error` says why (the next sync flushes again); so it does after `flusher`
// lost a write.
class Flusher;
bool end(Database& db, QString* error, const Flusher* flusher = nullptr);

// Flushes the database file to the disk in a thread of its own, every `period` and on flushNow(),
// while it lives: the disk works while the CPU does, and little is left for end() to wait for. It
// flushes through a read-only SQLite connection of its own (SQLite keeps the file open while other
// connections of the process hold locks on it).
class Flusher
{
public:
    Flusher(QString databasePath, std::chrono::milliseconds period);
    ~Flusher(); // waits for a flush under way
    Flusher(const Flusher&) = delete;
    Flusher& operator=(const Flusher&) = delete;

    void flushNow();
    // Waits for a flush under way and flushes no more: failed() is final from then on.
    void stop();
    // Whether a flush failed (the disk lost a write): the import must not be called flushed.
    bool failed() const { return m_failed; }

private:
    void run(std::stop_token stop);

    const QString m_path;
    const std::chrono::milliseconds m_period;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_kicked = false;
    std::atomic<bool> m_failed{false};
    std::jthread m_thread; // last: starts once the rest is set
};

} // namespace UnsyncedImport

} // namespace tts
