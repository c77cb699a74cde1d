#pragma once

#include "synccontext.h"
#include "synctypes.h"

#include "api/models.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>

class QNetworkAccessManager;

namespace tts {

class ApiClient;
class Database;
class OrderStore;
class SecretStore;
class SyncLock;

// One sync run, inside the controller's worker thread. Creates its network manager, database
// connection and secret store there, reads the app key (database) and the app secret and tokens
// (secret store), then syncs the orders and products of every connected shop (or one) in turn.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    explicit SyncWorker(std::shared_ptr<std::atomic<bool>> cancelFlag, QObject* parent = nullptr);
    ~SyncWorker() override;

    void run(const tts::SyncOptions& options);
    void cancelRequests(); // in the worker thread: fails what is in flight

Q_SIGNALS:
    void started(tts::SyncMode mode);
    void progress(const tts::SyncProgress& progress);
    void finished(const tts::SyncReport& report);
    void failed(const tts::SyncError& error);

private:
    void readSecrets();
    void onSecrets(const QString& appSecret, const QString& tokensJson);
    void nextStep();
    void startOrders(const Shop& shop);
    void startProducts(const Shop& shop);
    void stepDone(QObject* step, const StepResult& result, bool orders);
    void fail(const SyncError& error);
    void complete(bool cancelled);
    void release();

    std::shared_ptr<std::atomic<bool>> m_cancel;
    SyncOptions m_options;
    std::unique_ptr<SyncLock> m_lock; // held from open to release: one sync per database
    std::unique_ptr<Database> m_db;
    std::unique_ptr<OrderStore> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    ProgressTracker m_progress;
    SyncContext m_ctx;
    QString m_appKey;
    QList<Shop> m_shops;
    int m_step = 0; // 2 per shop: orders, products
    SyncReport m_report;
    bool m_done = false;
    bool m_cleanEnd = false; // finished (or cancelled) without an error: stamp the checked database
    QElapsedTimer m_runClock;
};

} // namespace tts
