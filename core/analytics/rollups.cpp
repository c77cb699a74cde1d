#include "rollups.h"

#include "daterange.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRollups, "tts.analytics.rollups")

namespace tts {

namespace {

// The same rows and the same rules as AnalyticsQueries' raw scans, for one shop and one local day.
const auto kSalesSql =
    u"INSERT INTO daily_sales(shop_id, day, status, currency, orders, revenue_minor, priced_orders, units)"
    " SELECT ?, ?, status, COALESCE(currency, ''), COUNT(*), COALESCE(SUM(total_amount_minor), 0),"
    " COUNT(total_amount_minor), COALESCE(SUM(units), 0) FROM orders"
    " WHERE shop_id = ? AND create_time >= ? AND create_time < ? GROUP BY 3, 4"_s;
const auto kProductsSql =
    u"INSERT INTO daily_products(shop_id, day, product_id, currency, units, revenue_minor)"
    " SELECT ?, ?, COALESCE(product_id, ''), COALESCE(currency, ''), COUNT(*),"
    " COALESCE(SUM(sale_price_minor), 0) FROM line_items"
    " WHERE shop_id = ? AND create_time >= ? AND create_time < ? AND order_id NOT IN"
    " (SELECT id FROM orders WHERE shop_id = ? AND create_time >= ? AND create_time < ?"
    " AND status IN ('UNPAID', 'CANCELLED')) GROUP BY 3, 4"_s;

const auto kMonthSql =
    u"INSERT INTO monthly_products(shop_id, month, product_id, currency, units, revenue_minor)"
    " SELECT ?, ?, product_id, currency, SUM(units), SUM(revenue_minor) FROM daily_products"
    " WHERE shop_id = ? AND day >= ? AND day < ? GROUP BY product_id, currency"_s;

struct ShopDay
{
    QString shop;
    qint64 day; // julian day
    friend bool operator==(const ShopDay&, const ShopDay&) = default;
};

size_t qHash(const ShopDay& key, size_t seed = 0)
{
    return qHashMulti(seed, key.shop, key.day);
}

class Refresher
{
public:
    Refresher(Database& db, const QTimeZone& zone, RollupRefresh* out) : m_db(db), m_zone(zone), m_out(out) {}

    bool prepare();
    bool resetIfZoneChanged();
    // One write transaction; false when nothing was dirty or on failure (see m_out->ok).
    bool step(int budgetMs);

private:
    bool prepareOne(QSqlQuery& q, const QString& sql);
    bool run(QSqlQuery& q, const QVariantList& values, const char* what);
    bool recompute(const ShopDay& d);
    bool recomputeMonth(const ShopDay& month);
    bool fail(const Database::Error& error);

    Database& m_db;
    QTimeZone m_zone;
    RollupRefresh* m_out;
    QSqlQuery m_deleteSales, m_insertSales, m_deleteProducts, m_insertProducts, m_clear, m_deleteMonth,
        m_insertMonth;
};

bool Refresher::fail(const Database::Error& error)
{
    m_out->ok = false;
    m_out->error = error.message;
    qCWarning(lcRollups) << "rollup refresh failed:" << error.message;
    return false;
}

bool Refresher::prepareOne(QSqlQuery& q, const QString& sql)
{
    q = QSqlQuery(m_db.connection());
    q.setForwardOnly(true);
    if (q.prepare(sql))
        return true;
    return fail(Database::classify(q.lastError(), QStringLiteral("prepare the dashboard summaries")));
}

bool Refresher::prepare()
{
    return prepareOne(m_deleteSales, u"DELETE FROM daily_sales WHERE shop_id = ? AND day = ?"_s) &&
           prepareOne(m_insertSales, kSalesSql) &&
           prepareOne(m_deleteProducts, u"DELETE FROM daily_products WHERE shop_id = ? AND day = ?"_s) &&
           prepareOne(m_insertProducts, kProductsSql) &&
           prepareOne(m_clear, u"DELETE FROM rollup_dirty WHERE shop_id = ? AND hour = ?"_s) &&
           prepareOne(m_deleteMonth, u"DELETE FROM monthly_products WHERE shop_id = ? AND month = ?"_s) &&
           prepareOne(m_insertMonth, kMonthSql);
}

bool Refresher::run(QSqlQuery& q, const QVariantList& values, const char* what)
{
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    Database::Error error;
    if (execQuery(q, &error, QString::fromLatin1(what)))
        return true;
    return fail(error);
}

bool Refresher::resetIfZoneChanged()
{
    Database::Error error;
    if (!m_db.beginImmediate(&error))
        return fail(error);
    const QString zoneId = QString::fromUtf8(m_zone.id());
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT value FROM app_config WHERE key = ?"_s);
    q.bindValue(0, QString::fromLatin1(kRollupZoneKey));
    if (!execQuery(q, &error, QStringLiteral("read the dashboard summaries"))) {
        m_db.rollback();
        return fail(error);
    }
    const bool same = q.next() && q.value(0).toString() == zoneId;
    q.finish();
    if (same) {
        m_db.rollback();
        return true;
    }
    // Every hour that has orders is dirty in the new zone; readers meanwhile use the raw rows.
    const bool ok = m_db.exec(u"DELETE FROM daily_sales"_s, &error) &&
                    m_db.exec(u"DELETE FROM daily_products"_s, &error) &&
                    m_db.exec(u"DELETE FROM monthly_products"_s, &error) &&
                    m_db.exec(u"INSERT OR IGNORE INTO rollup_dirty(shop_id, hour) "
                              "SELECT DISTINCT shop_id, create_time / 3600 FROM orders"_s,
                              &error);
    if (ok) {
        q.prepare(u"INSERT OR REPLACE INTO app_config(key, value) VALUES (?, ?)"_s);
        q.bindValue(0, QString::fromLatin1(kRollupZoneKey));
        q.bindValue(1, zoneId);
    }
    if (!ok || !execQuery(q, &error, QStringLiteral("save the dashboard time zone")) ||
        !m_db.commit(&error)) {
        m_db.rollback();
        return fail(error);
    }
    m_out->rebuilt = true;
    ++m_out->transactions;
    return true;
}

bool Refresher::recompute(const ShopDay& d)
{
    const QDate day = QDate::fromJulianDay(d.day);
    const qint64 from = startOfLocalDay(day, m_zone).toSecsSinceEpoch();
    const qint64 to = startOfLocalDay(day.addDays(1), m_zone).toSecsSinceEpoch();
    return run(m_deleteSales, {d.shop, d.day}, "update the dashboard summaries") &&
           run(m_insertSales, {d.shop, d.day, d.shop, from, to}, "update the dashboard summaries") &&
           run(m_deleteProducts, {d.shop, d.day}, "update the dashboard summaries") &&
           run(m_insertProducts, {d.shop, d.day, d.shop, from, to, d.shop, from, to},
               "update the dashboard summaries");
}

bool Refresher::recomputeMonth(const ShopDay& month)
{
    const QDate first = QDate::fromJulianDay(month.day);
    const qint64 end = first.addMonths(1).toJulianDay();
    return run(m_deleteMonth, {month.shop, month.day}, "update the dashboard summaries") &&
           run(m_insertMonth, {month.shop, month.day, month.shop, month.day, end},
               "update the dashboard summaries");
}

bool Refresher::step(int budgetMs)
{
    Database::Error error;
    if (!m_db.beginImmediate(&error))
        return fail(error);
    QElapsedTimer timer;
    timer.start();
    // Read inside the write lock: no writer can add a dirty hour until this transaction ends.
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QSet<ShopDay> seen;
    QList<ShopDay> days;
    if (!q.exec(u"SELECT shop_id, hour FROM rollup_dirty"_s)) {
        m_db.rollback();
        return fail(Database::classify(q.lastError(), QStringLiteral("read the dashboard summaries")));
    }
    QList<QPair<QString, qint64>> dirty;
    while (q.next())
        dirty.append({q.value(0).toString(), q.value(1).toLongLong()});
    q.finish();
    if (dirty.isEmpty()) {
        m_db.rollback();
        return false;
    }
    for (const auto& [shop, hour] : std::as_const(dirty)) {
        for (const QDate& day : localDaysOfHour(hour, m_zone)) {
            const ShopDay key{shop, day.toJulianDay()};
            if (!seen.contains(key)) {
                seen.insert(key);
                days.append(key);
            }
        }
    }
    // Newest first: the dashboard's presets end today.
    std::sort(days.begin(), days.end(), [](const ShopDay& a, const ShopDay& b) {
        return a.day != b.day ? a.day > b.day : a.shop < b.shop;
    });
    QSet<ShopDay> done;
    for (const ShopDay& d : std::as_const(days)) {
        if (!done.isEmpty() && timer.elapsed() >= budgetMs)
            break;
        if (!recompute(d)) {
            m_db.rollback();
            return false;
        }
        done.insert(d);
    }
    // An hour is clean once every local day it overlaps was recomputed. Finish the other day of an
    // hour that straddles local midnight (offsets like +5:45) so that every step clears something.
    for (const auto& [shop, hour] : std::as_const(dirty)) {
        const QList<QDate> overlapped = localDaysOfHour(hour, m_zone);
        const bool any = std::any_of(overlapped.cbegin(), overlapped.cend(), [&](const QDate& day) {
            return done.contains(ShopDay{shop, day.toJulianDay()});
        });
        if (!any)
            continue;
        for (const QDate& day : overlapped) {
            const ShopDay d{shop, day.toJulianDay()};
            if (done.contains(d))
                continue;
            if (!recompute(d)) {
                m_db.rollback();
                return false;
            }
            done.insert(d);
        }
        if (!run(m_clear, {shop, hour}, "update the dashboard summaries")) {
            m_db.rollback();
            return false;
        }
        ++m_out->hours;
    }
    // The months of the recomputed days, from their (now up-to-date or still dirty) days.
    QSet<ShopDay> months;
    for (const ShopDay& d : std::as_const(done)) {
        const QDate day = QDate::fromJulianDay(d.day);
        months.insert({d.shop, QDate(day.year(), day.month(), 1).toJulianDay()});
    }
    for (const ShopDay& m : std::as_const(months)) {
        if (!recomputeMonth(m)) {
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit(&error))
        return fail(error);
    m_out->days += done.size();
    ++m_out->transactions;
    return true;
}

} // namespace

QList<QDate> localDaysOfHour(qint64 hour, const QTimeZone& zone)
{
    // SQLite's integer division truncates toward zero: hour 0 holds the seconds -3599 .. 3599.
    const qint64 first = hour > 0 ? hour * 3600 : hour * 3600 - 3599;
    const qint64 last = hour * 3600 + 3599;
    const QDate a = QDateTime::fromSecsSinceEpoch(first, zone).date();
    const QDate b = QDateTime::fromSecsSinceEpoch(last, zone).date();
    QList<QDate> result{a};
    for (QDate d = a.addDays(1); d <= b; d = d.addDays(1))
        result.append(d);
    return result;
}

RollupRefresh bringRollupsUpToDate(Database& db, const QTimeZone& zone, int budgetMsPerTransaction,
                                   int totalBudgetMs)
{
    RollupRefresh result;
    QElapsedTimer timer;
    timer.start();
    if (!zone.isValid()) {
        result.ok = false;
        result.error =
            QStringLiteral("The dashboard's time zone is not valid; choose one in the preferences.");
        return result;
    }
    Refresher refresher(db, zone, &result);
    if (refresher.prepare() && refresher.resetIfZoneChanged()) {
        while ((totalBudgetMs < 0 || timer.elapsed() < totalBudgetMs) &&
               refresher.step(budgetMsPerTransaction)) {
        }
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace tts
