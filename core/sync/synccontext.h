#pragma once

#include "synctypes.h"

#include "api/apierror.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace tts {

class ApiClient;
class OrderStore;

// A database failure as the sync reports it.
SyncError databaseError(const Database::Error& e);

// How a sync step ended. nullopt error and !cancelled: success.
struct StepResult
{
    std::optional<SyncError> error;
    bool cancelled = false;
    qint64 upserted = 0;

    bool ok() const { return !error && !cancelled; }
    static StepResult fromApi(const ApiError& e, const QString& shopId);
    static StepResult fromDatabase(const Database::Error& e);
    static StepResult malformed(const QString& what);
};

using StepDone = std::function<void(StepResult)>;

// Counts and throttled progress reporting of one run (all shops).
class ProgressTracker
{
public:
    std::function<void(const SyncProgress&)> emitProgress;
    std::function<quint64()> requestCount;

    void begin(SyncMode mode);
    void setStream(const QString& shopId, const QString& stream);
    // An incremental run that has to resync (no metadata yet, or an unfinished resync) reports as full.
    void setMode(SyncMode mode) { m_p.mode = mode; }
    void addTotal(qint64 n) { m_p.ordersTotal += n; }
    void addDone(qint64 n, bool orders);
    void addPage() { ++m_p.pages; }
    void report(bool force = false);
    const SyncProgress& current() const { return m_p; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    SyncProgress m_p;
    QElapsedTimer m_clock;
    qint64 m_lastEmitMs = -1000;
    quint64 m_baseRequests = 0;
};

// What every step of a run shares. Lives in the worker thread.
struct SyncContext
{
    SyncOptions options;
    ApiClient* api = nullptr;
    OrderStore* store = nullptr;
    ProgressTracker* progress = nullptr;
    std::atomic<bool>* cancelFlag = nullptr;

    bool cancelled() const { return cancelFlag && cancelFlag->load(); }
    qint64 overlapSeconds() const { return qint64(options.overlapMinutes) * 60; }
};

} // namespace tts
