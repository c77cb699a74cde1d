#pragma once

#include "synctypes.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace tts {

class SyncWorker;

// The object the window and the command line use. Lives in the caller's thread and owns a QThread
// with a SyncWorker in it (the worker creates its own QNetworkAccessManager, database connection
// and secret store inside that thread). Only queued signals with value types cross the threads.
class SyncController : public QObject
{
    Q_OBJECT
public:
    explicit SyncController(QObject* parent = nullptr);
    ~SyncController() override; // cancels, then quit + wait

    bool isRunning() const;

public Q_SLOTS:
    void start(const tts::SyncOptions& options);
    void cancel(); // progress up to the last committed page is kept

Q_SIGNALS:
    void started(tts::SyncMode mode);
    void progress(const tts::SyncProgress& progress);
    void finished(const tts::SyncReport& report);
    void failed(const tts::SyncError& error);

private:
    void runEnded(SyncWorker* worker);

    QThread* m_thread = nullptr;
    SyncWorker* m_worker = nullptr;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace tts
