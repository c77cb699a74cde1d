#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace tts {

// Parses an HTTP date (RFC 7231 section 7.1.1.1): the preferred IMF-fixdate
// ("Sun, 06 Nov 1994 08:49:37 GMT") and the obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT")
// and asctime ("Sun Nov  6 08:49:37 1994") forms. Returns Unix seconds, or nothing when the text is
// not such a date. A two-digit RFC 850 year is read as the year closest to `nowSecs`'s century
// window (more than 50 years ahead means the previous century).
std::optional<qint64> parseHttpDate(QByteArrayView text, qint64 nowSecs);

// Parses a Retry-After value (delta-seconds or an HTTP date) relative to `nowMs` (Unix ms of the
// clock the date refers to). Returns the wait in milliseconds (0 for a date in the past, capped at
// one day), or nothing when the value is absent or invalid.
std::optional<qint64> parseRetryAfterMs(QByteArrayView value, qint64 nowMs);

} // namespace tts
