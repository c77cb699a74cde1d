#pragma once

#include "database.h"

#include "api/models.h"

#include <QList>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace tts {

namespace streams {
inline QString orders()
{
    return QStringLiteral("orders");
}
inline QString products()
{
    return QStringLiteral("products");
}
} // namespace streams

// One row of sync_metadata.
struct StreamMetadata
{
    bool exists = false;
    qint64 lastSyncTime = 0;
    qint64 lastRecordTime = 0; // high-water mark: max update_time of fully committed pages
    qint64 recordsSynced = 0;  // upserts of the latest run
    bool isFullSync = false;
};

// A create_time slice [createGe, createLt) of a full resync, with its checkpoint: the query under
// way starts at queryGe (>= createGe after a cut-off), pageToken resumes it.
struct ResyncSlice
{
    qint64 createGe = 0;
    qint64 createLt = 0;
    QString pageToken;
    qint64 queryGe = 0;
    qint64 queryFetched = 0;
    qint64 queryTotal = -1; // -1: first page not fetched yet
    qint64 ordersDone = 0;
};

struct ResyncRun
{
    qint64 startedAt = 0; // max update_time in the shop when the resync began (server time)
    std::optional<qint64> catchupMark;
    qint64 ordersTotal = 0;
    qint64 ordersDone = 0;
    QList<ResyncSlice> slices; // unfinished ones, newest first
};

// What a page commit changes besides the rows, applied in the same transaction.
struct CursorUpdate
{
    QString stream = streams::orders();
    std::optional<qint64> highWaterMark; // last_record_time = max(last_record_time, this)
    std::optional<qint64> recordsSynced;
    std::optional<qint64> lastSyncTime;
    std::optional<bool> isFullSync;
    // full resync checkpoints
    std::optional<ResyncSlice> slice;  // upsert (keyed by createGe)
    std::optional<qint64> removeSlice; // createGe of a finished slice
    QList<ResyncSlice> addSlices;      // halves of a cut-off slice
    qint64 resyncOrdersDone = 0;       // added to resync_runs.orders_done
    std::optional<qint64> catchupMark; // resync_runs.catchup_mark = max(.., this)
};

// sync_metadata, the resync checkpoints, app_config and shops.
class SyncState
{
public:
    explicit SyncState(Database& db);

    bool readStream(const QString& shopId, const QString& stream, StreamMetadata* out,
                    Database::Error* error);
    // *out = nullopt when no resync is under way for the shop.
    bool readResync(const QString& shopId, std::optional<ResyncRun>* out, Database::Error* error);
    bool beginResync(const QString& shopId, const ResyncRun& run, Database::Error* error); // own transaction
    // Own transaction: clears the checkpoints, marks the stream as fully synced.
    bool finishResync(const QString& shopId, qint64 highWaterMark, qint64 recordsSynced, qint64 now,
                      Database::Error* error);
    // Inside the caller's transaction.
    bool apply(const QString& shopId, const CursorUpdate& update, Database::Error* error);
    bool writeStream(const QString& shopId, const CursorUpdate& update, Database::Error* error); // own txn

    bool readConfig(const QString& key, QString* value, Database::Error* error);
    bool writeConfig(const QList<QPair<QString, QString>>& values, Database::Error* error); // own txn
    bool readShops(QList<Shop>* shops, Database::Error* error);
    bool upsertShops(const QList<Shop>& shops, Database::Error* error); // inside the caller's transaction

private:
    // apply()'s statements, prepared at their first use: a sync runs them for every page it commits.
    QSqlQuery& prepared(QSqlQuery& query, const char* sql);

    Database& m_db;
    QSqlQuery m_upsertStream;
    QSqlQuery m_deleteSlice;
    QSqlQuery m_upsertSlice;
    QSqlQuery m_updateRun;
};

} // namespace tts
