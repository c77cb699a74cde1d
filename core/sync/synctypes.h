#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace tts {

enum class SyncMode
{
    Incremental,
    Full
};

// Everything a sync run needs to know that is not a secret. Secrets are read from the secret store
// inside the worker thread.
struct SyncOptions
{
    SyncMode mode = SyncMode::Incremental;
    QString databasePath;
    QUrl apiBase{QStringLiteral("https://open-api.tiktokglobalshop.com")};
    QUrl authBase{QStringLiteral("https://auth.tiktok-shops.com")};
    QString keychainService = QStringLiteral("tiktok-shop-dashboard"); // tests use their own
    bool sessionOnlySecrets = false; // use the in-memory store seeded by the caller (no keychain)
    QString shopId;                  // empty: every connected shop
    int overlapMinutes = 5;
    int concurrency = 4; // full resync workers
    double requestsPerSecond = 20.0;
    int pageSize = 100; // orders per page (1-100); tests use smaller pages
};

struct SyncProgress
{
    SyncMode mode = SyncMode::Incremental;
    QString shopId;
    QString stream;         // "orders" or "products"
    qint64 ordersDone = 0;  // this run, all shops
    qint64 ordersTotal = 0; // from total_count; 0 while unknown
    qint64 pages = 0;
    qint64 apiCalls = 0;
    double ordersPerSecond = 0;
    qint64 etaSeconds = -1; // -1 while unknown
};

struct SyncReport
{
    SyncMode mode = SyncMode::Incremental;
    qint64 ordersUpserted = 0;
    qint64 productsUpserted = 0;
    qint64 apiCalls = 0;
    qint64 durationMs = 0;
    bool cancelled = false; // cancel keeps what was fetched; a later run resumes
    QStringList shopIds;
};

struct SyncError
{
    enum Kind
    {
        Usage,        // exit 2
        NotConnected, // exit 3: no secrets, or the refresh token expired / was revoked
        Api,          // exit 4: API or network failure after retries
        Database,     // exit 5: locked, read-only, full, corrupt, newer schema
        Interrupted,  // exit 130
    };
    Kind kind = Api;
    QString message; // one clear sentence: the cause and what to do; never a secret
    // Database only: the file was damaged, and has been moved aside for a fresh one (the message
    // says where); a full resync, not a retry, brings the shop's data back.
    bool damaged = false;

    int exitCode() const;
};

// Registers the types above for queued connections (SyncController does it; idempotent).
void registerSyncMetaTypes();

} // namespace tts

Q_DECLARE_METATYPE(tts::SyncMode)
Q_DECLARE_METATYPE(tts::SyncOptions)
Q_DECLARE_METATYPE(tts::SyncProgress)
Q_DECLARE_METATYPE(tts::SyncReport)
Q_DECLARE_METATYPE(tts::SyncError)
