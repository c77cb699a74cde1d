#include "synccontroller.h"

#include "processmemory.h"
#include "syncworker.h"

#include <QThread>

namespace tts {

SyncController::SyncController(QObject* parent) : QObject(parent)
{
    registerSyncMetaTypes();
}

SyncController::~SyncController()
{
    cancel();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread; // the worker went with the thread's finished -> deleteLater
    }
}

bool SyncController::isRunning() const
{
    return m_running;
}

void SyncController::start(const SyncOptions& options)
{
    if (m_running) {
        Q_EMIT failed(
            {SyncError::Usage, QStringLiteral("A sync is already running; wait for it to finish.")});
        return;
    }
    if (!m_thread) {
        m_thread = new QThread; // not a child: deleted after wait() in the destructor
        m_thread->setObjectName(QStringLiteral("tts-sync"));
        m_thread->start();
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto* worker = new SyncWorker(m_cancel);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    // On the worker's thread, once the run's buffers, connections and page writer are gone: the
    // window should not keep a sync's peak for the hours it then sits idle.
    connect(
        worker, &QObject::destroyed, this, [] { releaseFreeMemory(); }, Qt::DirectConnection);
    m_worker = worker;
    m_running = true;
    connect(worker, &SyncWorker::started, this, &SyncController::started);
    connect(worker, &SyncWorker::progress, this, &SyncController::progress);
    connect(worker, &SyncWorker::finished, this, [this, worker](const SyncReport& report) {
        runEnded(worker);
        Q_EMIT finished(report);
    });
    connect(worker, &SyncWorker::failed, this, [this, worker](const SyncError& error) {
        runEnded(worker);
        Q_EMIT failed(error);
    });
    QMetaObject::invokeMethod(
        worker, [worker, options] { worker->run(options); }, Qt::QueuedConnection);
}

void SyncController::runEnded(SyncWorker* worker)
{
    worker->deleteLater(); // posted to the worker thread
    if (m_worker == worker) {
        m_worker = nullptr;
        m_running = false;
    }
}

void SyncController::cancel()
{
    if (!m_running || !m_worker)
        return;
    m_cancel->store(true);
    SyncWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->cancelRequests(); }, Qt::QueuedConnection);
}

} // namespace tts
