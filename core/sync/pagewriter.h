#pragma once

#include "api/models.h"
#include "storage/database.h"
#include "storage/orderrows.h"
#include "storage/syncstate.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace tts {

class OrderStore;

// Commits pages of orders in a thread of its own, on a connection of its own, so that SQLite
// overlaps with the network and the JSON of the next pages. Each page commits with its cursor
// (OrderStore); pages that arrived while the writer was busy commit together, up to
// kMaxPagesPerCommit in one transaction (fewer commits when the writer is the bottleneck, or when a
// bulk resync hands pages over without waiting for their commit; with one page at a time in flight,
// the next asked for after its commit, never more than one waits). `done` runs in the owner's thread
// once a page is committed (or failed). Pages are committed in the order they were written; once a
// transaction fails, every page written after it fails too, unwritten, until the next open().
// Destroying the writer stops its thread: a page not committed by then is lost like in a crash, its
// checkpoint not advanced.
class PageWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const Database::Error& error)>;
    static constexpr int kMaxPagesPerCommit = 16;

    explicit PageWriter(QObject* parent = nullptr);
    ~PageWriter() override;

    // Opens the connection in the writer thread; blocks until it is open (or failed).
    bool open(const QString& databasePath, Database::Error* error);
    // Database::setWaitForDisk on the writer's connection; blocks.
    bool setWaitForDisk(bool wait, Database::Error* error);
    // The orders come encoded for the store (OrderRows), by the calling thread.
    void write(const QString& shopId, OrderRows rows, CursorUpdate cursor, Done done);
    // Closes the connection (frees its page cache); blocks. Call when every page is done.
    void close();
    // Transactions committed or tried so far (pages waiting together share one).
    qint64 transactions() const;

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives in m_thread; deleted when it finishes
};

} // namespace tts
