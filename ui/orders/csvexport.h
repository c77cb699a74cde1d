#pragma once

#include "ordertablequery.h"

#include <QSqlDatabase>
#include <QTimeZone>

#include <atomic>
#include <functional>

class QIODevice;

namespace tts {

// Streams the orders of a filter as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when
// they hold a comma, quote or line break, quotes doubled). Money is written exactly as stored, with
// its currency in its own column; times are ISO 8601 in the given time zone with its offset.
// Returns false with a message when the query or the device fails, or when *cancel becomes true.
struct CsvExportOptions
{
    QTimeZone timeZone = QTimeZone::utc();
    const std::atomic_bool* cancel = nullptr;
    std::function<void(qint64 rowsWritten)> progress; // every few thousand rows
};

// The export's query: every matching order in the sort's order, by a walk of the sort column's index
// that skips the ones outside the filter; a search finds its orders first and sorts them.
OrderTableQuery csvExportQuery(const OrderFilter& filter, const OrderSort& sort);

bool writeOrdersCsv(const QSqlDatabase& db, const OrderFilter& filter, const OrderSort& sort, QIODevice* out,
                    const CsvExportOptions& options, qint64* rowsWritten, QString* error);

// One CSV field, quoted when needed.
QByteArray csvField(const QString& value);

} // namespace tts
