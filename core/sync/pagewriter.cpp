#include "pagewriter.h"

#include "storage/orderstore.h"
#include "synclog.h"

#include <QElapsedTimer>

#include <QPointer>

namespace tts {

namespace {
constexpr int kWriterCacheKiB = 16384;
}

class PageWriter::Worker : public QObject
{
public:
    std::unique_ptr<Database> db;
    std::unique_ptr<OrderStore> store;
    qint64 busyNs = 0;
    qint64 pages = 0;
    QElapsedTimer life;

    ~Worker() override
    {
        store.reset(); // the statements before their connection
        db.reset();
    }
};

PageWriter::PageWriter(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("tts-page-writer"));
    m_worker = new Worker;
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
            worker->db = Database::open(databasePath, Database::ReadWrite, error, Database::Role::Auxiliary);
            // Pages are appended slice by slice: a smaller cache holds what they touch, and the
            // peak memory of a resync stays flat however many orders it brings.
            if (worker->db &&
                worker->db->exec(QStringLiteral("PRAGMA cache_size=-%1").arg(kWriterCacheKiB), error))
                worker->store = std::make_unique<OrderStore>(*worker->db);
            ok = worker->store != nullptr;
            worker->life.start();
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
            if (worker->pages > 0)
                qCDebug(lcSync) << "page writer:" << worker->pages << "pages committed, busy"
                                << worker->busyNs / 1000000 << "ms of" << worker->life.elapsed() << "ms";
            worker->pages = 0;
            worker->store.reset();
            worker->db.reset();
        },
        Qt::BlockingQueuedConnection);
}

void PageWriter::write(const QString& shopId, QList<Order> orders, CursorUpdate cursor, Done done)
{
    Worker* worker = m_worker;
    QPointer<PageWriter> self(this);
    QMetaObject::invokeMethod(
        worker,
        [worker, self, shopId, orders = std::move(orders), cursor = std::move(cursor),
         done = std::move(done)]() mutable {
            Database::Error error;
            QElapsedTimer clock;
            clock.start();
            const bool ok = worker->store && worker->store->upsertOrderPage(shopId, orders, cursor, &error);
            worker->busyNs += clock.nsecsElapsed();
            ++worker->pages;
            orders.clear(); // freed here, not in the owner's thread
            // Back in the owner's thread; dropped if the writer is gone by then (it waits for this
            // thread in its destructor, so it cannot go while this call is posted).
            QMetaObject::invokeMethod(
                self.data(),
                [self, ok, error, done = std::move(done)] {
                    if (self)
                        done(ok, error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace tts
