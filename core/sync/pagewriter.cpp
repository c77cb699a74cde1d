#include "pagewriter.h"

#include "storage/orderstore.h"
#include "synclog.h"

#include <QElapsedTimer>
#include <QPointer>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>

namespace tts {

namespace {
constexpr int kWriterCacheKiB = 16384;
}

class PageWriter::Worker : public QObject
{
public:
    struct Job
    {
        OrderStore::OrderPage page;
        Done done;
    };

    std::unique_ptr<Database> db;
    std::unique_ptr<OrderStore> store;
    QPointer<PageWriter> owner;
    qint64 busyNs = 0;
    qint64 pagesCommitted = 0;
    std::atomic<qint64> commits = 0;
    std::optional<Database::Error> failure; // set by a failed transaction: later pages are refused
    QElapsedTimer life;

    std::mutex mutex;
    std::deque<Job> queue;    // guarded by mutex
    bool drainPosted = false; // guarded by mutex

    ~Worker() override
    {
        store.reset(); // the statements before their connection
        db.reset();
    }

    // Commits what is queued: every page waiting by now (up to kMaxPagesPerCommit) in one transaction.
    void drain()
    {
        for (;;) {
            std::vector<Job> jobs;
            {
                std::lock_guard lock(mutex);
                while (!queue.empty() && int(jobs.size()) < kMaxPagesPerCommit) {
                    jobs.push_back(std::move(queue.front()));
                    queue.pop_front();
                }
                if (jobs.empty()) {
                    drainPosted = false;
                    return;
                }
            }
            QList<const OrderStore::OrderPage*> pages;
            for (const Job& job : jobs)
                pages.append(&job.page);
            Database::Error error;
            bool ok = false;
            if (failure) {
                // A page after a failed one is not written: its checkpoint would skip the other's
                // orders. The run ends with the failure and resumes from what is committed.
                error = *failure;
            } else {
                QElapsedTimer clock;
                clock.start();
                ok = store && store->upsertOrderPages(pages, &error);
                busyNs += clock.nsecsElapsed();
                pagesCommitted += qint64(jobs.size());
                ++commits;
                if (!ok)
                    failure = error;
            }
            for (Job& job : jobs) {
                job.page.rows = {}; // three blocks: freed here
                // Back in the owner's thread; dropped if the writer is gone by then (it waits for
                // this thread in its destructor, so it cannot go while this call is posted).
                QMetaObject::invokeMethod(
                    owner.data(),
                    [self = owner, ok, error, done = std::move(job.done)] {
                        if (self)
                            done(ok, error);
                    },
                    Qt::QueuedConnection);
            }
        }
    }
};

PageWriter::PageWriter(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("tts-page-writer"));
    m_worker = new Worker;
    m_worker->owner = this;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

PageWriter::~PageWriter()
{
    m_thread.quit();
    m_thread.wait();
}

bool PageWriter::open(const QString& databasePath, Database::Error* error)
{
    bool ok = false;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, databasePath, error, &ok] {
            worker->failure.reset();
            worker->db = Database::open(databasePath, Database::ReadWrite, error, Database::Role::Auxiliary);
            // Pages are appended slice by slice: a smaller cache holds what they touch, and the
            // peak memory of a resync stays flat however many orders it brings. No foreign key
            // check per line item: OrderStore writes line items only for orders whose row it has just
            // written in the same transaction, and deletes no order (no cascade to run).
            if (worker->db &&
                worker->db->exec(QStringLiteral("PRAGMA cache_size=-%1").arg(kWriterCacheKiB), error) &&
                worker->db->exec(QStringLiteral("PRAGMA foreign_keys=OFF"), error))
                worker->store = std::make_unique<OrderStore>(*worker->db);
            ok = worker->store != nullptr;
            worker->life.start();
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

bool PageWriter::setWaitForDisk(bool wait, Database::Error* error)
{
    bool ok = false;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, wait, error, &ok] {
            ok = worker->db && worker->db->setWaitForDisk(wait, error);
            if (!worker->db && error)
                *error = {Database::Error::Other, QStringLiteral("The page writer has no database open.")};
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void PageWriter::close()
{
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            if (worker->pagesCommitted > 0)
                qCDebug(lcSync) << "page writer:" << worker->pagesCommitted << "pages committed in"
                                << worker->commits << "transactions, busy" << worker->busyNs / 1000000
                                << "ms of" << worker->life.elapsed() << "ms";
            worker->pagesCommitted = 0;
            worker->store.reset();
            worker->db.reset();
        },
        Qt::BlockingQueuedConnection);
}

qint64 PageWriter::transactions() const
{
    return m_worker->commits;
}

void PageWriter::write(const QString& shopId, OrderRows rows, CursorUpdate cursor, Done done)
{
    // Encoded by the caller, in its thread: the writer thread, which holds the write lock, only binds.
    Worker* worker = m_worker;
    bool post = false;
    {
        std::lock_guard lock(worker->mutex);
        worker->queue.push_back({{shopId, std::move(rows), std::move(cursor)}, std::move(done)});
        post = !std::exchange(worker->drainPosted, true);
    }
    if (post)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->drain(); }, Qt::QueuedConnection);
}

} // namespace tts
