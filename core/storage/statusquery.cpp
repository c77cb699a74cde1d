#include "statusquery.h"

#include <QSqlQuery>
#include <QVariant>

namespace tts {

QList<ShopStatus> readSyncStatus(Database& db, Database::Error* error)
{
    Database::Error local;
    Database::Error* err = error ? error : &local;
    *err = {};
    const QString what = QStringLiteral("read the sync status");
    QList<ShopStatus> result;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT s.id, s.name, s.region,"
                             " (SELECT count(*) FROM orders o WHERE o.shop_id = s.id),"
                             " (SELECT count(*) FROM products p WHERE p.shop_id = s.id),"
                             " r.orders_done, r.orders_total, r.shop_id IS NOT NULL"
                             " FROM shops s LEFT JOIN resync_runs r ON r.shop_id = s.id ORDER BY s.id"));
    if (!execQuery(q, err, what))
        return {};
    while (q.next()) {
        ShopStatus s;
        s.id = q.value(0).toString();
        s.name = q.value(1).toString();
        s.region = q.value(2).toString();
        s.orders = q.value(3).toLongLong();
        s.products = q.value(4).toLongLong();
        s.ordersStream.fullResyncDone = q.value(5).toLongLong();
        s.ordersStream.fullResyncTotal = q.value(6).toLongLong();
        s.ordersStream.fullResyncUnfinished = q.value(7).toBool();
        result.append(s);
    }
    QSqlQuery m(db.connection());
    m.setForwardOnly(true);
    m.prepare(QStringLiteral("SELECT shop_id, sync_type, last_sync_time, last_record_time, records_synced,"
                             " is_full_sync FROM sync_metadata"));
    if (!execQuery(m, err, what))
        return {};
    while (m.next()) {
        const QString shopId = m.value(0).toString();
        for (ShopStatus& s : result) {
            if (s.id != shopId)
                continue;
            StreamStatus& st =
                m.value(1).toString() == QLatin1String("orders") ? s.ordersStream : s.productsStream;
            st.lastSyncTime = m.value(2).toLongLong();
            st.lastRecordTime = m.value(3).toLongLong();
            st.recordsSynced = m.value(4).toLongLong();
            st.isFullSync = m.value(5).toInt() != 0;
        }
    }
    return result;
}

} // namespace tts
