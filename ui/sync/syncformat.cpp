#include "syncformat.h"

#include "storage/statusquery.h"

#include <QStringBuilder>

#include <algorithm>
#include <cmath>

namespace tts {

namespace {
const QString dot = QStringLiteral(" \u00B7 ");
} // namespace

QString SyncFormat::duration(qint64 seconds)
{
    if (seconds < 60)
        return tr("%n s", nullptr, int(std::max<qint64>(seconds, 0)));
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (rest == 0)
        return tr("%n h", nullptr, int(hours));
    return tr("%1 h %2 min").arg(hours).arg(rest);
}

QString SyncFormat::etaText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("less than a minute left");
    return tr("about %1 left").arg(duration(seconds));
}

QString SyncFormat::progressText(const SyncProgress& p, const QLocale& locale)
{
    QString text;
    if (p.ordersTotal > 0) {
        text =
            tr("%1 of %2 orders")
                .arg(locale.toString(std::min(p.ordersDone, p.ordersTotal)), locale.toString(p.ordersTotal));
    } else if (p.stream == u"products") {
        text = tr("Products");
    } else {
        text = tr("%1 orders").arg(locale.toString(p.ordersDone));
    }
    const QString eta = etaText(p.etaSeconds);
    if (!eta.isEmpty())
        text += dot % eta;
    return text;
}

QString SyncFormat::ago(qint64 then, qint64 now)
{
    if (then <= 0)
        return tr("never");
    const qint64 seconds = std::max<qint64>(0, now - then);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    const qint64 days = seconds / 86400;
    if (days == 1)
        return tr("yesterday");
    return tr("%n days ago", nullptr, int(days));
}

QString SyncFormat::streamLine(const StreamStatus& stream, qint64 now, const QLocale& locale)
{
    if (stream.lastSyncTime <= 0)
        return tr("Never synced");
    QString line = tr("Last synced %1").arg(ago(stream.lastSyncTime, now));
    line += dot % (stream.isFullSync ? tr("full resync") : tr("incremental"));
    line += dot % tr("%1 orders updated").arg(locale.toString(stream.recordsSynced));
    if (stream.fullResyncUnfinished) {
        line +=
            dot % tr("full resync unfinished (%1 of %2)")
                      .arg(locale.toString(stream.fullResyncDone), locale.toString(stream.fullResyncTotal));
    }
    return line;
}

QString SyncFormat::shopLine(const ShopStatus& shop, qint64 now, const QLocale& locale)
{
    QString name = shop.name.isEmpty() ? shop.id : shop.name;
    if (!shop.region.isEmpty())
        name += QStringLiteral(" (") % shop.region % u')';
    return name % dot % tr("%1 orders").arg(locale.toString(shop.orders)) % dot %
           streamLine(shop.ordersStream, now, locale);
}

QString SyncFormat::reportText(const SyncReport& report, const QLocale& locale)
{
    const QString orders = report.ordersUpserted == 1
                               ? tr("1 order")
                               : tr("%1 orders").arg(locale.toString(report.ordersUpserted));
    const QString products = report.productsUpserted == 1
                                 ? tr("1 product")
                                 : tr("%1 products").arg(locale.toString(report.productsUpserted));
    const QString what = tr("%1 and %2").arg(orders, products);
    if (report.cancelled)
        return tr("Sync cancelled: %1 kept. Refresh to continue where it stopped.").arg(what);
    return tr("Synced %1 in %2").arg(what, duration((report.durationMs + 500) / 1000));
}

QString SyncFormat::resyncEstimate(qint64 orders, double requestsPerSecond, int concurrency,
                                   const QLocale& locale)
{
    // 100 orders per page; a few extra calls for slicing, products and the token.
    const qint64 calls = (orders + 99) / 100 + 10;
    const double rate = std::max(0.5, std::min(requestsPerSecond, double(std::max(1, concurrency)) * 4.0));
    const qint64 seconds = qint64(std::ceil(double(calls) / rate));
    return tr("about %1 API calls, about %2").arg(locale.toString(calls), duration(seconds));
}

} // namespace tts
