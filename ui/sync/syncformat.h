#pragma once

#include "sync/synctypes.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace tts {

struct ShopStatus;
struct StreamStatus;

// The sentences of the sync panel, kept apart from the widgets so that they can be tested.
class SyncFormat
{
    Q_DECLARE_TR_FUNCTIONS(tts::SyncFormat)
public:
    // "12,340 of 276,000 orders · about 2 min left" (or "12,340 orders" while the total is unknown).
    static QString progressText(const SyncProgress& progress, const QLocale& locale = QLocale());
    // "about 2 min left", "less than a minute left", "about 1 h 5 min left"; empty when unknown.
    static QString etaText(qint64 seconds);
    // "just now", "3 min ago", "2 h ago", "yesterday", "4 days ago"; "never" for 0.
    static QString ago(qint64 then, qint64 now);
    // "Last synced 3 min ago · incremental · 37 orders updated"
    static QString streamLine(const StreamStatus& stream, qint64 now, const QLocale& locale = QLocale());
    // "Sunrise Goods (US) · Last synced ..."
    static QString shopLine(const ShopStatus& shop, qint64 now, const QLocale& locale = QLocale());
    // A finished run: "Synced 37 orders and 2 products in 4 s"; "Sync cancelled: ..." when cancelled.
    static QString reportText(const SyncReport& report, const QLocale& locale = QLocale());
    // "about 1,230 API calls, about 3 min" for the full-resync confirmation.
    static QString resyncEstimate(qint64 orders, double requestsPerSecond, int concurrency,
                                  const QLocale& locale = QLocale());
    static QString duration(qint64 seconds);
};

} // namespace tts
