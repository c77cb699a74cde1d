#include "synccontext.h"

#include "synclog.h"

namespace tts {

Q_LOGGING_CATEGORY(lcSync, "tts.sync")

StepResult StepResult::fromApi(const ApiError& e, const QString& shopId)
{
    StepResult r;
    if (e.kind == ApiErrorKind::Cancelled) {
        r.cancelled = true;
        return r;
    }
    SyncError err;
    if (e.needsReauthorization()) {
        err.kind = SyncError::NotConnected;
        err.message = QStringLiteral("The shop %1 needs to be connected again: %2 Reconnect the shop.")
                          .arg(shopId, e.userMessage());
    } else {
        err.kind = SyncError::Api;
        err.message = QStringLiteral("Syncing shop %1 failed: %2 Progress up to the last saved page is kept; "
                                     "sync again later.")
                          .arg(shopId, e.userMessage());
    }
    r.error = err;
    return r;
}

SyncError databaseError(const Database::Error& e)
{
    SyncError error{SyncError::Database, e.message};
    error.damaged = e.kind == Database::Error::Corrupt;
    return error;
}

StepResult StepResult::fromDatabase(const Database::Error& e)
{
    StepResult r;
    r.error = databaseError(e);
    return r;
}

StepResult StepResult::malformed(const QString& what)
{
    StepResult r;
    r.error =
        SyncError{SyncError::Api, QStringLiteral("The API returned a malformed page (%1); nothing of it "
                                                 "was saved. Sync again later.")
                                      .arg(what)};
    return r;
}

void ProgressTracker::begin(SyncMode mode)
{
    m_p = {};
    m_p.mode = mode;
    m_clock.start();
    m_baseRequests = requestCount ? requestCount() : 0;
}

void ProgressTracker::setStream(const QString& shopId, const QString& stream)
{
    m_p.shopId = shopId;
    m_p.stream = stream;
}

void ProgressTracker::addDone(qint64 n, bool orders)
{
    if (orders)
        m_p.ordersDone += n;
}

void ProgressTracker::report(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastEmitMs < 100)
        return;
    m_lastEmitMs = now;
    m_p.apiCalls = requestCount ? qint64(requestCount() - m_baseRequests) : 0;
    m_p.ordersPerSecond = now > 0 ? double(m_p.ordersDone) * 1000.0 / double(now) : 0.0;
    if (m_p.ordersTotal > 0 && m_p.ordersPerSecond > 0 && m_p.ordersDone <= m_p.ordersTotal)
        m_p.etaSeconds = qint64(double(m_p.ordersTotal - m_p.ordersDone) / m_p.ordersPerSecond);
    else
        m_p.etaSeconds = -1;
    if (emitProgress)
        emitProgress(m_p);
}

} // namespace tts
