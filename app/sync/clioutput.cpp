#include "clioutput.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tts::cli {
namespace {

QString grouped(qint64 value)
{
    QString digits = QString::number(value < 0 ? -value : value);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return value < 0 ? u"-"_s + digits : digits;
}

// "1 order", "2 orders", "1,000 orders".
QString counted(qint64 value, QStringView singular, QStringView plural)
{
    return grouped(value) + u' ' + (value == 1 ? singular : plural);
}

QString streamText(const QString& name, const StreamStatus& stream)
{
    QString text = u"    %1: last sync %2, newest record %3, %4 records in the last run%5"_s.arg(
        name, formatTime(stream.lastSyncTime), formatTime(stream.lastRecordTime),
        grouped(stream.recordsSynced), stream.isFullSync ? u" (full)"_s : QString());
    if (stream.fullResyncUnfinished) {
        text += u"\n      full resync unfinished: %1 of %2 done; the next sync continues it"_s.arg(
            grouped(stream.fullResyncDone), grouped(stream.fullResyncTotal));
    }
    return text;
}

} // namespace

QString modeName(SyncMode mode)
{
    return mode == SyncMode::Full ? u"full"_s : u"incremental"_s;
}

QString formatTime(qint64 unixSeconds)
{
    if (unixSeconds <= 0)
        return u"never"_s;
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

QByteArray toJsonLine(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject syncReportJson(const SyncReport& report)
{
    return QJsonObject{
        {u"mode"_s, modeName(report.mode)},
        {u"orders_upserted"_s, report.ordersUpserted},
        {u"products_upserted"_s, report.productsUpserted},
        {u"api_calls"_s, report.apiCalls},
        {u"duration_ms"_s, report.durationMs},
        {u"cancelled"_s, report.cancelled},
        {u"shops"_s, QJsonArray::fromStringList(report.shopIds)},
    };
}

QString syncReportText(const SyncReport& report)
{
    return u"%1 sync %2: %3 and %4 upserted for %5, %6, %7 s"_s.arg(
        report.mode == SyncMode::Full ? u"Full"_s : u"Incremental"_s,
        report.cancelled ? u"interrupted"_s : u"finished"_s,
        counted(report.ordersUpserted, u"order", u"orders"),
        counted(report.productsUpserted, u"product", u"products"),
        counted(report.shopIds.size(), u"shop", u"shops"),
        counted(report.apiCalls, u"API call", u"API calls"),
        QString::number(static_cast<double>(report.durationMs) / 1000.0, 'f', 1));
}

QJsonObject streamStatusJson(const StreamStatus& stream)
{
    return QJsonObject{
        {u"last_sync_time"_s, stream.lastSyncTime},
        {u"last_record_time"_s, stream.lastRecordTime},
        {u"records_synced"_s, stream.recordsSynced},
        {u"is_full_sync"_s, stream.isFullSync},
        {u"full_resync_unfinished"_s, stream.fullResyncUnfinished},
        {u"full_resync_done"_s, stream.fullResyncDone},
        {u"full_resync_total"_s, stream.fullResyncTotal},
    };
}

QJsonObject statusJson(const QList<ShopStatus>& shops, const QString& databasePath)
{
    QJsonArray array;
    for (const ShopStatus& shop : shops) {
        array.append(QJsonObject{
            {u"id"_s, shop.id},
            {u"name"_s, shop.name},
            {u"region"_s, shop.region},
            {u"orders"_s, shop.orders},
            {u"products"_s, shop.products},
            {u"streams"_s, QJsonObject{{u"orders"_s, streamStatusJson(shop.ordersStream)},
                                       {u"products"_s, streamStatusJson(shop.productsStream)}}},
        });
    }
    return QJsonObject{{u"database"_s, databasePath}, {u"shops"_s, array}};
}

QString statusText(const QList<ShopStatus>& shops, const QString& databasePath)
{
    QString text = u"Database: %1\n"_s.arg(databasePath);
    if (shops.isEmpty())
        return text + u"No shop is connected yet.\n"_s;
    for (const ShopStatus& shop : shops) {
        text += u"Shop %1 (%2, %3): %4, %5\n"_s.arg(shop.name, shop.id, shop.region,
                                                    counted(shop.orders, u"order", u"orders"),
                                                    counted(shop.products, u"product", u"products"));
        text += streamText(u"orders"_s, shop.ordersStream) + u'\n';
        text += streamText(u"products"_s, shop.productsStream) + u'\n';
    }
    return text;
}

QJsonObject shopsJson(const QList<Shop>& shops)
{
    QJsonArray array;
    for (const Shop& shop : shops) {
        array.append(QJsonObject{{u"id"_s, shop.id},
                                 {u"name"_s, shop.name},
                                 {u"region"_s, shop.region},
                                 {u"code"_s, shop.code},
                                 {u"seller_type"_s, shop.sellerType}});
    }
    return QJsonObject{{u"connected"_s, true}, {u"shops"_s, array}};
}

QString shopsText(const QList<Shop>& shops)
{
    QString text = u"Connected %1 shop(s):\n"_s.arg(shops.size());
    for (const Shop& shop : shops)
        text += u"  %1  %2 (%3)\n"_s.arg(shop.id, shop.name, shop.region);
    return text;
}

QJsonObject errorJson(int exitCode, const QString& message)
{
    return QJsonObject{{u"error"_s, QJsonObject{{u"exit_code"_s, exitCode}, {u"message"_s, message}}}};
}

QString progressLine(const SyncProgress& progress)
{
    QString line =
        u"%1 %2"_s.arg(modeName(progress.mode), progress.stream.isEmpty() ? u"sync"_s : progress.stream);
    if (!progress.shopId.isEmpty())
        line += u" of shop %1"_s.arg(progress.shopId);
    line += u": "_s + counted(progress.ordersDone, u"order", u"orders");
    if (progress.ordersTotal > 0) {
        const qint64 percent = qMin<qint64>(100, progress.ordersDone * 100 / progress.ordersTotal);
        line += u" of %1 (%2%)"_s.arg(grouped(progress.ordersTotal)).arg(percent);
    }
    line += u", "_s + counted(progress.pages, u"page", u"pages") + u", "_s +
            counted(progress.apiCalls, u"API call", u"API calls");
    if (progress.ordersPerSecond > 0)
        line += u", %1 orders/s"_s.arg(grouped(static_cast<qint64>(progress.ordersPerSecond)));
    if (progress.etaSeconds >= 0)
        line += u", about %1 s left"_s.arg(progress.etaSeconds);
    return line;
}

} // namespace tts::cli
