#include "syncstate.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace tts {

namespace {

QVariant optionalInt(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant optionalBool(const std::optional<bool>& v)
{
    return v ? QVariant(*v ? 1 : 0) : QVariant(QMetaType(QMetaType::Int));
}

} // namespace

SyncState::SyncState(Database& db) : m_db(db) {}

bool SyncState::readStream(const QString& shopId, const QString& stream, StreamMetadata* out,
                           Database::Error* error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT last_sync_time, last_record_time, records_synced, is_full_sync "
                             "FROM sync_metadata WHERE shop_id = ? AND sync_type = ?"));
    q.addBindValue(shopId);
    q.addBindValue(stream);
    if (!execQuery(q, error, QStringLiteral("read the sync state")))
        return false;
    *out = {};
    if (q.next()) {
        out->exists = true;
        out->lastSyncTime = q.value(0).toLongLong();
        out->lastRecordTime = q.value(1).toLongLong();
        out->recordsSynced = q.value(2).toLongLong();
        out->isFullSync = q.value(3).toInt() != 0;
    }
    return true;
}

bool SyncState::readResync(const QString& shopId, std::optional<ResyncRun>* out, Database::Error* error)
{
    out->reset();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT started_at, catchup_mark, orders_total, orders_done FROM resync_runs "
                             "WHERE shop_id = ?"));
    q.addBindValue(shopId);
    if (!execQuery(q, error, QStringLiteral("read the full resync checkpoints")))
        return false;
    if (!q.next())
        return true;
    ResyncRun run;
    run.startedAt = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        run.catchupMark = q.value(1).toLongLong();
    run.ordersTotal = q.value(2).toLongLong();
    run.ordersDone = q.value(3).toLongLong();
    q.finish();
    QSqlQuery s(m_db.connection());
    s.prepare(QStringLiteral("SELECT create_ge, create_lt, page_token, query_ge, query_fetched, query_total, "
                             "orders_done FROM resync_slices WHERE shop_id = ? ORDER BY create_ge DESC"));
    s.addBindValue(shopId);
    if (!execQuery(s, error, QStringLiteral("read the full resync checkpoints")))
        return false;
    while (s.next()) {
        ResyncSlice slice;
        slice.createGe = s.value(0).toLongLong();
        slice.createLt = s.value(1).toLongLong();
        slice.pageToken = s.value(2).toString();
        slice.queryGe = s.value(3).toLongLong();
        slice.queryFetched = s.value(4).toLongLong();
        slice.queryTotal = s.value(5).toLongLong();
        slice.ordersDone = s.value(6).toLongLong();
        run.slices.append(slice);
    }
    *out = run;
    return true;
}

bool SyncState::beginResync(const QString& shopId, const ResyncRun& run, Database::Error* error)
{
    if (!m_db.beginImmediate(error))
        return false;
    auto fail = [this] {
        m_db.rollback();
        return false;
    };
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM resync_slices WHERE shop_id = ?"));
    q.addBindValue(shopId);
    if (!execQuery(q, error, QStringLiteral("start the full resync")))
        return fail();
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO resync_runs(shop_id, started_at, catchup_mark, orders_total, "
                       "orders_done) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(shopId);
    q.addBindValue(run.startedAt);
    q.addBindValue(optionalInt(run.catchupMark));
    q.addBindValue(run.ordersTotal);
    q.addBindValue(run.ordersDone);
    if (!execQuery(q, error, QStringLiteral("start the full resync")))
        return fail();
    CursorUpdate update;
    update.addSlices = run.slices;
    if (!apply(shopId, update, error))
        return fail();
    return m_db.commit(error);
}

bool SyncState::finishResync(const QString& shopId, qint64 highWaterMark, qint64 recordsSynced, qint64 now,
                             Database::Error* error)
{
    if (!m_db.beginImmediate(error))
        return false;
    QSqlQuery q(m_db.connection());
    bool ok = true;
    for (const QString& table : {QStringLiteral("resync_slices"), QStringLiteral("resync_runs")}) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE shop_id = ?").arg(table));
        q.addBindValue(shopId);
        if (!(ok = execQuery(q, error, QStringLiteral("finish the full resync"))))
            break;
    }
    if (ok) {
        CursorUpdate update;
        update.highWaterMark = highWaterMark;
        update.recordsSynced = recordsSynced;
        update.lastSyncTime = now;
        update.isFullSync = true;
        ok = apply(shopId, update, error);
    }
    if (!ok) {
        m_db.rollback();
        return false;
    }
    return m_db.commit(error);
}

QSqlQuery& SyncState::prepared(QSqlQuery& query, const char* sql)
{
    // Prepared again after any error (of the prepare or of the last exec): the statement starts
    // over, and a lasting cause is reported by the exec that follows.
    if (query.lastQuery().isEmpty() || query.lastError().isValid()) {
        query = QSqlQuery(m_db.connection());
        query.prepare(QString::fromLatin1(sql));
    }
    return query;
}

bool SyncState::apply(const QString& shopId, const CursorUpdate& u, Database::Error* error)
{
    const QString what = QStringLiteral("save the sync checkpoint");
    if (u.highWaterMark || u.recordsSynced || u.lastSyncTime || u.isFullSync) {
        QSqlQuery& q = prepared(
            m_upsertStream,
            "INSERT INTO sync_metadata(shop_id, sync_type, last_sync_time, last_record_time, records_synced, "
            "is_full_sync) VALUES (?, ?, ?, ?, coalesce(?, 0), coalesce(?, 0)) "
            "ON CONFLICT(shop_id, sync_type) DO UPDATE SET "
            "last_sync_time = coalesce(excluded.last_sync_time, last_sync_time), "
            "last_record_time = max(coalesce(last_record_time, excluded.last_record_time), "
            "coalesce(excluded.last_record_time, last_record_time)), "
            "records_synced = coalesce(?, records_synced), is_full_sync = coalesce(?, is_full_sync)");
        const QVariant values[] = {shopId,
                                   u.stream,
                                   optionalInt(u.lastSyncTime),
                                   optionalInt(u.highWaterMark),
                                   optionalInt(u.recordsSynced),
                                   optionalBool(u.isFullSync),
                                   optionalInt(u.recordsSynced),
                                   optionalBool(u.isFullSync)};
        for (int i = 0; i < 8; ++i)
            q.bindValue(i, values[i]);
        if (!execQuery(q, error, what))
            return false;
    }
    QList<ResyncSlice> upserts = u.addSlices;
    if (u.slice)
        upserts.append(*u.slice);
    if (u.removeSlice) {
        QSqlQuery& q =
            prepared(m_deleteSlice, "DELETE FROM resync_slices WHERE shop_id = ? AND create_ge = ?");
        q.bindValue(0, shopId);
        q.bindValue(1, *u.removeSlice);
        if (!execQuery(q, error, what))
            return false;
    }
    if (!upserts.isEmpty()) {
        QSqlQuery& q =
            prepared(m_upsertSlice,
                     "INSERT OR REPLACE INTO resync_slices(shop_id, create_ge, create_lt, page_token, "
                     "query_ge, query_fetched, query_total, orders_done) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (const ResyncSlice& s : std::as_const(upserts)) {
            q.bindValue(0, shopId);
            q.bindValue(1, s.createGe);
            q.bindValue(2, s.createLt);
            q.bindValue(3, s.pageToken.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                 : QVariant(s.pageToken));
            q.bindValue(4, s.queryGe);
            q.bindValue(5, s.queryFetched);
            q.bindValue(6, s.queryTotal);
            q.bindValue(7, s.ordersDone);
            if (!execQuery(q, error, what))
                return false;
        }
    }
    if (u.resyncOrdersDone != 0 || u.catchupMark) {
        QSqlQuery& q =
            prepared(m_updateRun, "UPDATE resync_runs SET orders_done = orders_done + ?, "
                                  "catchup_mark = max(coalesce(catchup_mark, ?), coalesce(?, catchup_mark)) "
                                  "WHERE shop_id = ?");
        q.bindValue(0, u.resyncOrdersDone);
        q.bindValue(1, optionalInt(u.catchupMark));
        q.bindValue(2, optionalInt(u.catchupMark));
        q.bindValue(3, shopId);
        if (!execQuery(q, error, what))
            return false;
    }
    return true;
}

bool SyncState::writeStream(const QString& shopId, const CursorUpdate& update, Database::Error* error)
{
    if (!m_db.beginImmediate(error))
        return false;
    if (!apply(shopId, update, error)) {
        m_db.rollback();
        return false;
    }
    return m_db.commit(error);
}

bool SyncState::readConfig(const QString& key, QString* value, Database::Error* error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM app_config WHERE key = ?"));
    q.addBindValue(key);
    if (!execQuery(q, error, QStringLiteral("read the settings")))
        return false;
    *value = q.next() ? q.value(0).toString() : QString();
    return true;
}

bool SyncState::writeConfig(const QList<QPair<QString, QString>>& values, Database::Error* error)
{
    if (!m_db.beginImmediate(error))
        return false;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO app_config(key, value) VALUES (?, ?)"));
    for (const auto& [key, value] : values) {
        q.bindValue(0, key);
        q.bindValue(1, value);
        if (!execQuery(q, error, QStringLiteral("save the settings"))) {
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit(error);
}

bool SyncState::readShops(QList<Shop>* shops, Database::Error* error)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, cipher, code, name, region, seller_type FROM shops ORDER BY id"));
    if (!execQuery(q, error, QStringLiteral("read the connected shops")))
        return false;
    shops->clear();
    while (q.next())
        shops->append(Shop{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    return true;
}

bool SyncState::upsertShops(const QList<Shop>& shops, Database::Error* error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO shops(id, cipher, code, name, region, seller_type) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET cipher = excluded.cipher, code = excluded.code, "
        "name = excluded.name, region = excluded.region, seller_type = excluded.seller_type"));
    for (const Shop& s : shops) {
        q.bindValue(0, s.id);
        q.bindValue(1, s.cipher);
        q.bindValue(2, s.code);
        q.bindValue(3, s.name);
        q.bindValue(4, s.region);
        q.bindValue(5, s.sellerType);
        if (!execQuery(q, error, QStringLiteral("save the connected shops")))
            return false;
    }
    return true;
}

} // namespace tts
