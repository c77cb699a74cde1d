#include "deferredindexes.h"

#include "storagelog.h"

#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace tts {

namespace {

constexpr QLatin1StringView kKeyPrefix("deferred_index.");
constexpr QLatin1StringView kTriggerKeyPrefix("deferred_trigger.");
// The per-row triggers that only note the rollups' dirty hours of inserted or updated orders:
// OrderStore notes them itself, once per hour of each page, in the page's transaction.
constexpr QLatin1StringView kDeferredTriggers("'orders_rollup_insert', 'orders_rollup_update'");
constexpr int kSortCacheKiB = 2048;
constexpr int kSortThreads = 2;

using NamedSql = QList<QPair<QString, QString>>;

bool readAll(Database& db, const QString& sql, NamedSql* out, Database::Error* error)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        *error = Database::classify(q.lastError(), QStringLiteral("read the database's indexes"));
        return false;
    }
    if (!execQuery(q, error, QStringLiteral("read the database's indexes")))
        return false;
    while (q.next())
        out->append({q.value(0).toString(), q.value(1).toString()});
    return true;
}

// The indexes first, then the triggers; each as (app_config key, SQL).
bool recorded(Database& db, NamedSql* out, Database::Error* error)
{
    return readAll(db,
                   QStringLiteral("SELECT key, value FROM app_config WHERE key GLOB '%1*' OR key GLOB '%2*' "
                                  "ORDER BY key GLOB '%2*', key")
                       .arg(kKeyPrefix, kTriggerKeyPrefix),
                   out, error);
}

QString nameOf(const QString& key)
{
    return key.mid(key.indexOf(u'.') + 1);
}

// "CREATE [UNIQUE] INDEX name ..." / "CREATE TRIGGER name ..." as IF NOT EXISTS. sqlite_master
// keeps the statements in this form (an IF NOT EXISTS of the original is not kept).
QString ifNotExists(const QString& sql)
{
    static const QRegularExpression head(
        QStringLiteral("^\\s*CREATE\\s+(UNIQUE\\s+)?(INDEX|TRIGGER)\\s+(?!IF\\s+NOT\\s+EXISTS\\b)"),
        QRegularExpression::CaseInsensitiveOption);
    QString s = sql;
    const QRegularExpressionMatch match = head.match(s);
    if (match.hasMatch())
        s.insert(match.capturedEnd(2), QLatin1String(" IF NOT EXISTS"));
    return s;
}

QString quoted(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QLatin1String("\"\"")) + u'"';
}

} // namespace

bool DeferredIndexes::deferIfEmpty(Database& db, bool* deferred, Database::Error* error)
{
    *deferred = false;
    if (!db.beginImmediate(error))
        return false;
    NamedSql empty;
    NamedSql indexes;
    NamedSql triggers;
    bool ok =
        readAll(db,
                QStringLiteral("SELECT 'rows', 1 WHERE EXISTS (SELECT 1 FROM orders) OR EXISTS "
                               "(SELECT 1 FROM line_items)"),
                &empty, error) &&
        readAll(db,
                QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                               "NULL AND tbl_name IN ('orders', 'line_items') ORDER BY name"),
                &indexes, error) &&
        readAll(db,
                QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                               "tbl_name = 'orders' AND name IN (%1) ORDER BY name")
                    .arg(kDeferredTriggers),
                &triggers, error);
    if (ok && (!empty.isEmpty() || indexes.isEmpty())) {
        db.rollback();
        return true;
    }
    const auto drop = [&](const NamedSql& items, QLatin1StringView prefix, QLatin1StringView kind) {
        for (qsizetype i = 0; ok && i < items.size(); ++i) {
            const auto& [name, sql] = items.at(i);
            QSqlQuery q(db.connection());
            ok = q.prepare(QStringLiteral("INSERT OR REPLACE INTO app_config(key, value) VALUES (?, ?)"));
            if (!ok) {
                *error = Database::classify(q.lastError(), QStringLiteral("defer the indexes"));
                break;
            }
            q.addBindValue(QString(prefix + name));
            q.addBindValue(sql);
            ok = execQuery(q, error, QStringLiteral("defer the indexes")) &&
                 db.exec(QStringLiteral("DROP %1 %2").arg(kind, quoted(name)), error);
        }
    };
    drop(indexes, kKeyPrefix, QLatin1StringView("INDEX"));
    drop(triggers, kTriggerKeyPrefix, QLatin1StringView("TRIGGER"));
    if (!ok) {
        db.rollback();
        return false;
    }
    if (!db.commit(error))
        return false;
    *deferred = true;
    qCInfo(lcStorage) << "dropped" << indexes.size() << "indexes of orders and line_items and"
                      << triggers.size() << "triggers while they fill";
    return true;
}

bool DeferredIndexes::restore(Database& db, Database::Error* error, Writers writers)
{
    NamedSql table;
    if (!readAll(
            db,
            QStringLiteral("SELECT name, 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_config'"),
            &table, error))
        return false;
    if (table.isEmpty())
        return true; // a schema from before app_config: nothing was ever deferred
    NamedSql indexes;
    if (!recorded(db, &indexes, error))
        return false;
    if (indexes.isEmpty())
        return true;
    // The index sort takes as much memory as the page cache is large (per sorting thread: a helper
    // thread sorts part of each index meanwhile): a fixed size keeps the peak of a full resync flat
    // however many orders it brought.
    QElapsedTimer clock;
    clock.start();
    if (!db.exec(QStringLiteral("PRAGMA cache_size=-%1").arg(kSortCacheKiB), error) ||
        !db.exec(QStringLiteral("PRAGMA threads=%1").arg(kSortThreads), error))
        return false;
    // Each index in a transaction of its own, the triggers together in the last one (with the dirty
    // hours they would have noted): SQLite writes a page that a transaction changes again after its
    // cache spilled it over its own frame in the WAL, and then reads and checksums every later frame
    // of the transaction again at its commit (12,800 frames, 105 MB, when the eight indexes of 300,000
    // orders were one transaction; built one by one, none was read again). A crash between two keeps
    // the indexes built; the others are still recorded.
    bool ok = true;
    bool triggers = false;
    bool inTransaction = false;
    for (qsizetype i = 0; ok && i < indexes.size(); ++i) {
        const bool trigger = indexes.at(i).first.startsWith(kTriggerKeyPrefix);
        triggers = triggers || trigger;
        if (!inTransaction) {
            ok = db.beginImmediate(error);
            inTransaction = ok;
            if (!ok)
                break;
        }
        QElapsedTimer one;
        one.start();
        ok = db.exec(ifNotExists(indexes.at(i).second), error);
        qCDebug(lcStorage) << "built" << nameOf(indexes.at(i).first) << "in" << one.elapsed() << "ms";
        if (ok) {
            QSqlQuery q(db.connection());
            ok = q.prepare(QStringLiteral("DELETE FROM app_config WHERE key = ?"));
            if (!ok) {
                *error = Database::classify(q.lastError(), QStringLiteral("build the indexes"));
                break;
            }
            q.addBindValue(indexes.at(i).first);
            ok = execQuery(q, error, QStringLiteral("build the indexes"));
        }
        if (ok && !trigger) {
            ok = db.commit(error);
            inTransaction = false;
        }
    }
    // Whatever wrote orders while the triggers were gone (a build from before the store noted the
    // hours itself, after a crash; any other writer) noted nothing: every hour is read raw until the
    // rollups are computed again. A resync into empty tables finds them all dirty already.
    if (ok && triggers && writers == Writers::Any)
        ok = db.exec(QStringLiteral("INSERT OR IGNORE INTO rollup_dirty(shop_id, hour) SELECT DISTINCT "
                                    "shop_id, create_time / 3600 FROM orders"),
                     error);
    if (inTransaction) {
        if (ok)
            ok = db.commit(error);
        else
            db.rollback();
    }
    // Back to the usual cache; not through the fault injector: the data is committed (or not) already.
    QSqlQuery reset(db.connection());
    reset.exec(QStringLiteral("PRAGMA cache_size=-%1").arg(Database::kCacheKiB));
    reset.exec(QStringLiteral("PRAGMA threads=0"));
    if (!ok)
        return false;
    qCInfo(lcStorage) << "built" << indexes.size() << "indexes and triggers of orders and line_items again in"
                      << clock.elapsed() << "ms";
    return true;
}

QStringList DeferredIndexes::pending(Database& db, Database::Error* error)
{
    NamedSql indexes;
    QStringList names;
    if (recorded(db, &indexes, error)) {
        for (const auto& entry : std::as_const(indexes))
            names << nameOf(entry.first);
    }
    return names;
}

} // namespace tts
