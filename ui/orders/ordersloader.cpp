#include "ordersloader.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QThread>
#include <QUuid>

namespace tts {

namespace {

// Lives in the loader thread; opens its connection there (a connection belongs to its thread).
class OrdersWorker : public QObject
{
    Q_OBJECT
public:
    OrdersWorker(QString path, std::shared_ptr<std::atomic<quint64>> newestReset)
        : m_path(std::move(path)), m_newestReset(std::move(newestReset))
    {}

    void handle(const tts::OrdersRequest& request)
    {
        if (request.generation < m_newestReset->load())
            return; // a newer reset is queued: this answer would be thrown away
        if (!request.reset && request.generation != m_generation)
            return;
        QElapsedTimer timer;
        timer.start();
        OrdersReply reply;
        reply.generation = request.generation;
        reply.reset = request.reset;
        if (!open(&reply.error)) {
            Q_EMIT replied(reply);
            return;
        }
        if (request.reset) {
            m_generation = request.generation;
            if (request.refilter || !(request.filter == m_reader.filter()) || !m_filtered) {
                // Locating an order counts rows anyway: no estimate then.
                m_filtered = m_reader.setFilter(request.filter, &reply.error, request.locateId.isEmpty());
                if (!m_filtered) {
                    Q_EMIT replied(reply);
                    return;
                }
            }
            reply.located = m_reader.locate(request.sort, request.locateId);
        }
        reply.count = m_reader.count();
        for (int block : request.blocks) {
            QList<OrderRow> rows;
            if (!m_reader.window(request.sort, qint64(block) * request.blockSize, request.blockSize, &rows,
                                 &reply.error))
                break;
            reply.blocks.insert(block, rows);
        }
        reply.elapsedMs = timer.elapsed();
        Q_EMIT replied(reply);
        // The rows are on their way to the view; now the exact count (unless a newer reset is
        // queued: it counts itself).
        if (request.reset && m_reader.countIsEstimate() && request.generation >= m_newestReset->load()) {
            OrdersReply exact;
            exact.generation = request.generation;
            exact.countOnly = true;
            if (!m_reader.countExactly(&exact.error))
                m_filtered = false; // the next reset filters again
            exact.count = m_reader.count();
            exact.elapsedMs = timer.elapsed();
            Q_EMIT replied(exact);
        }
    }

Q_SIGNALS:
    void replied(const tts::OrdersReply& reply);

public:
    ~OrdersWorker() override
    {
        const QString name = m_db.connectionName();
        m_reader.setDatabase(QSqlDatabase());
        m_db.close();
        m_db = QSqlDatabase();
        if (!name.isEmpty())
            QSqlDatabase::removeDatabase(name);
    }

private:
    // A plain read-only connection: the loader only reads, whatever the schema version (the
    // window's own connection has checked it).
    bool open(QString* error)
    {
        if (m_db.isOpen())
            return true;
        if (!m_db.isValid()) {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("orders-loader-") +
                                                                            QUuid::createUuid().toString());
            m_db.setDatabaseName(m_path);
            m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        }
        if (!m_db.open()) {
            *error = m_db.lastError().text();
            return false;
        }
        m_reader.setDatabase(m_db);
        return true;
    }

    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_newestReset;
    QSqlDatabase m_db;
    OrderReader m_reader;
    quint64 m_generation = 0;
    bool m_filtered = false;
};

} // namespace

OrdersLoader::OrdersLoader(const QString& databasePath, QObject* parent)
    : QObject(parent), m_thread(new QThread), m_newestReset(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<tts::OrdersRequest>();
    qRegisterMetaType<tts::OrdersReply>();
    m_thread->setObjectName(QStringLiteral("OrdersLoader"));
    auto* worker = new OrdersWorker(databasePath, m_newestReset);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &OrdersLoader::requested, worker, &OrdersWorker::handle, Qt::QueuedConnection);
    connect(worker, &OrdersWorker::replied, this, &OrdersLoader::replied, Qt::QueuedConnection);
    m_thread->start();
}

OrdersLoader::~OrdersLoader()
{
    m_newestReset->store(std::numeric_limits<quint64>::max()); // skip whatever is still queued
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void OrdersLoader::post(const OrdersRequest& request)
{
    if (request.reset)
        m_newestReset->store(request.generation);
    Q_EMIT requested(request);
}

} // namespace tts

#include "ordersloader.moc"
