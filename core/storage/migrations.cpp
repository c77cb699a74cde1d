// Schema migrations, keyed on PRAGMA user_version. Each step runs in the same BEGIN IMMEDIATE
// transaction as the version bump, so a crash leaves either the old or the new schema.
#include "database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace tts {

namespace {

const char* const kSchemaV1[] = {
    "CREATE TABLE shops("
    " id TEXT PRIMARY KEY, cipher TEXT NOT NULL, name TEXT, region TEXT, code TEXT, seller_type TEXT)",
    "CREATE TABLE orders("
    " id TEXT PRIMARY KEY, shop_id TEXT NOT NULL, status TEXT NOT NULL,"
    " create_time INTEGER NOT NULL, update_time INTEGER NOT NULL,"
    " paid_time INTEGER, cancel_time INTEGER, delivery_time INTEGER,"
    " currency TEXT, total_amount TEXT, sub_total TEXT, shipping_fee TEXT, seller_discount TEXT,"
    " platform_discount TEXT, tax TEXT, original_total_product_price TEXT, original_shipping_fee TEXT,"
    " user_id TEXT, buyer_email TEXT, buyer_message TEXT, cancel_reason TEXT, cancellation_initiator TEXT,"
    " shipping_type TEXT, delivery_option_name TEXT, shipping_provider TEXT, tracking_number TEXT,"
    " warehouse_id TEXT, payment_method_name TEXT, is_cod INTEGER, is_sample_order INTEGER,"
    " is_replacement_order INTEGER, seller_note TEXT, recipient_region TEXT, recipient_postal_code TEXT,"
    " total_amount_minor INTEGER, units INTEGER)",
    "CREATE TABLE line_items("
    " id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,"
    " product_id TEXT, product_name TEXT, sku_id TEXT, sku_name TEXT, seller_sku TEXT,"
    " sale_price TEXT, original_price TEXT, platform_discount TEXT, seller_discount TEXT, currency TEXT,"
    " display_status TEXT, package_id TEXT, is_gift INTEGER, sale_price_minor INTEGER,"
    " shop_id TEXT, create_time INTEGER)",
    "CREATE TABLE products("
    " id TEXT PRIMARY KEY, shop_id TEXT NOT NULL, title TEXT, status TEXT,"
    " create_time INTEGER, update_time INTEGER)",
    "CREATE TABLE sync_metadata("
    " shop_id TEXT NOT NULL, sync_type TEXT NOT NULL CHECK (sync_type IN ('orders', 'products')),"
    " last_sync_time INTEGER, last_record_time INTEGER, records_synced INTEGER NOT NULL DEFAULT 0,"
    " is_full_sync INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (shop_id, sync_type))",
    "CREATE TABLE app_config(key TEXT PRIMARY KEY, value TEXT)",
    "CREATE INDEX orders_shop_update ON orders(shop_id, update_time)",
    "CREATE INDEX line_items_order ON line_items(order_id)",
};

// v2: checkpoints of the resumable full resync, product SKUs, and the covering indexes of the charts.
const char* const kSchemaV2[] = {
    "CREATE TABLE resync_runs("
    " shop_id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, catchup_mark INTEGER,"
    " orders_total INTEGER NOT NULL DEFAULT 0, orders_done INTEGER NOT NULL DEFAULT 0,"
    " slices_done INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE resync_slices("
    " shop_id TEXT NOT NULL, create_ge INTEGER NOT NULL, create_lt INTEGER NOT NULL,"
    " page_token TEXT, query_ge INTEGER NOT NULL, query_fetched INTEGER NOT NULL DEFAULT 0,"
    " query_total INTEGER NOT NULL DEFAULT -1, orders_done INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (shop_id, create_ge))",
    "CREATE TABLE product_skus("
    " id TEXT PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,"
    " seller_sku TEXT, currency TEXT, sale_price TEXT, sale_price_minor INTEGER, inventory INTEGER)",
    "CREATE INDEX product_skus_product ON product_skus(product_id)",
    "CREATE INDEX orders_analytics ON orders(shop_id, create_time, status, currency, total_amount_minor, "
    "units)",
    "CREATE INDEX line_items_analytics ON line_items(shop_id, create_time, product_id)",
};

// v3: pre-summed local days behind the dashboard (core/analytics/rollups.h). The triggers only
// note which UTC hours changed (one small-table insert per order written); the rollups are
// recomputed from the raw rows later, off the sync's path. Line items are written with their order
// in one transaction (OrderStore; any writer must do the same), so the order triggers cover them. No
// trigger on line_items: a delete trigger makes the order store's page rewrite 2.4x as expensive
// (analyticsbench --trigger-cost). create_time never changes; the move trigger is for safety.
// ON CONFLICT DO NOTHING, not INSERT OR IGNORE: a trigger takes the conflict algorithm of the
// statement that fired it (the order store's upsert), which turns OR IGNORE into an error.
const char* const kSchemaV3[] = {
    "CREATE TABLE daily_sales("
    " shop_id TEXT NOT NULL, day INTEGER NOT NULL, status TEXT NOT NULL, currency TEXT NOT NULL,"
    " orders INTEGER NOT NULL, revenue_minor INTEGER NOT NULL, priced_orders INTEGER NOT NULL,"
    " units INTEGER NOT NULL, PRIMARY KEY (shop_id, day, status, currency)) WITHOUT ROWID",
    "CREATE TABLE daily_products("
    " shop_id TEXT NOT NULL, day INTEGER NOT NULL, product_id TEXT NOT NULL, currency TEXT NOT NULL,"
    " units INTEGER NOT NULL, revenue_minor INTEGER NOT NULL,"
    " PRIMARY KEY (shop_id, day, product_id, currency)) WITHOUT ROWID",
    "CREATE TABLE monthly_products("
    " shop_id TEXT NOT NULL, month INTEGER NOT NULL, product_id TEXT NOT NULL, currency TEXT NOT NULL,"
    " units INTEGER NOT NULL, revenue_minor INTEGER NOT NULL,"
    " PRIMARY KEY (shop_id, month, product_id, currency)) WITHOUT ROWID",
    "CREATE TABLE rollup_dirty(shop_id TEXT NOT NULL, hour INTEGER NOT NULL, PRIMARY KEY (shop_id, hour))"
    " WITHOUT ROWID",
    "CREATE TRIGGER orders_rollup_insert AFTER INSERT ON orders BEGIN"
    " INSERT INTO rollup_dirty(shop_id, hour) VALUES (new.shop_id, new.create_time / 3600)"
    " ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER orders_rollup_update AFTER UPDATE ON orders BEGIN"
    " INSERT INTO rollup_dirty(shop_id, hour) VALUES (new.shop_id, new.create_time / 3600)"
    " ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER orders_rollup_move AFTER UPDATE OF shop_id, create_time ON orders"
    " WHEN old.shop_id IS NOT new.shop_id OR old.create_time IS NOT new.create_time BEGIN"
    " INSERT INTO rollup_dirty(shop_id, hour) VALUES (old.shop_id, old.create_time / 3600)"
    " ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER orders_rollup_delete AFTER DELETE ON orders BEGIN"
    " INSERT INTO rollup_dirty(shop_id, hour) VALUES (old.shop_id, old.create_time / 3600)"
    " ON CONFLICT DO NOTHING; END",
    // Every existing order is new to the rollups.
    "INSERT OR IGNORE INTO rollup_dirty(shop_id, hour) SELECT DISTINCT shop_id, create_time / 3600 FROM "
    "orders",
};

// v4: the orders table sorts instantly on every column (the index walks in the sort order; create_time
// and status ride along so that the status and date filters are checked inside the index), and a
// search by product or SKU finds its orders through the SKU ids. Created, updated and order id sort on
// indexes of v1/v2 (orders_analytics, orders_shop_update, the primary key).
const char* const kSchemaV4[] = {
    "CREATE INDEX IF NOT EXISTS orders_sort_status ON orders(shop_id, status, create_time)",
    "CREATE INDEX IF NOT EXISTS orders_sort_total ON orders(shop_id, total_amount_minor, create_time, "
    "status)",
    "CREATE INDEX IF NOT EXISTS orders_sort_units ON orders(shop_id, units, create_time, status)",
    "CREATE INDEX IF NOT EXISTS line_items_sku ON line_items(sku_id, order_id)",
};

// v5: the indexes that sort by one column lead with that column and hold the shop further in: their
// build (at the end of a full resync) compares integers first, not the same shop id in every entry
// (a quarter less time for the four, 0.2 s of a 300,000-order resync). A database holds one shop or a
// few: a walk that checks the shop in the index reads few other entries. orders_analytics and
// orders_shop_update still lead with the shop: the per-shop queries seek it there (date ranges,
// counts, the list of shops). The order queries say which index may take the shop term
// (OrderTableQuery).
const char* const kSchemaV5[] = {
    "DROP INDEX IF EXISTS orders_sort_status",
    "CREATE INDEX orders_sort_status ON orders(status, create_time, shop_id)",
    "DROP INDEX IF EXISTS orders_sort_total",
    "CREATE INDEX orders_sort_total ON orders(total_amount_minor, create_time, shop_id, status)",
    "DROP INDEX IF EXISTS orders_sort_units",
    "CREATE INDEX orders_sort_units ON orders(units, create_time, shop_id, status)",
    "DROP INDEX IF EXISTS line_items_analytics",
    "CREATE INDEX line_items_analytics ON line_items(create_time, shop_id, product_id)",
};

template <std::size_t N> bool runAll(Database& db, const char* const (&statements)[N], Database::Error* error)
{
    for (const char* sql : statements) {
        if (!db.exec(QString::fromLatin1(sql), error))
            return false;
    }
    return true;
}

} // namespace

bool Database::migrate(int /*from*/, Error* error)
{
    if (!beginImmediate(error))
        return false;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = classify(q.lastError(), QStringLiteral("read the schema version"));
        rollback();
        return false;
    }
    const int from = q.value(0).toInt();
    q.finish();
    if (from > kSchemaVersion) {
        rollback();
        *error = {Error::NewerVersion,
                  QStringLiteral("The database %1 was written by a newer version of TikTok "
                                 "Shop Dashboard; update the application.")
                      .arg(m_path)};
        return false;
    }
    if (from == kSchemaVersion) {
        rollback();
        return true;
    }
    bool ok = true;
    if (ok && from < 1)
        ok = runAll(*this, kSchemaV1, error);
    if (ok && from < 2)
        ok = runAll(*this, kSchemaV2, error);
    if (ok && from < 3)
        ok = runAll(*this, kSchemaV3, error);
    if (ok && from < 4)
        ok = runAll(*this, kSchemaV4, error);
    if (ok && from < 5)
        ok = runAll(*this, kSchemaV5, error);
    if (ok)
        ok = exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion), error);
    if (!ok) {
        rollback();
        return false;
    }
    return commit(error);
}

} // namespace tts
