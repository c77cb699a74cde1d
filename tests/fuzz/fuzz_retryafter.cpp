// Fuzz target: the Retry-After and HTTP-date parsers (core/api/retryafter.*).
// Input: line 1 the Retry-After value; line 2 (optional) the server's Date header, the clock the
// value refers to (as the client uses it); without one, a fixed "now".
// Invariants: a wait is never negative nor above one day; delta-seconds are exact (capped); a date
// gives exactly date - now (clamped); every parsed date survives a round trip through IMF-fixdate.
#include "fuzzcheck.h"

#include "api/retryafter.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kDefaultNowMs = 1700000000000LL; // 2023-11-14

QByteArray imfFixdate(qint64 secs)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

void checkDate(QByteArrayView text, qint64 nowSecs)
{
    const auto secs = tts::parseHttpDate(text, nowSecs);
    if (!secs)
        return;
    // Years 1..9999 only (four digits, or two mapped into nowSecs's century window).
    TTS_FUZZ_CHECK(*secs >= -62135596800LL && *secs <= 253402300800LL);
    const QDate date = QDateTime::fromSecsSinceEpoch(*secs, QTimeZone::utc()).date();
    // IMF-fixdate has four-digit years (and 23:59:60 on 31 Dec 9999 is in year 10000).
    if (date.year() >= 1000 && date.year() <= 9999)
        TTS_FUZZ_CHECK(tts::parseHttpDate(imfFixdate(*secs), nowSecs) == secs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> f = tts::fuzz::fields(tts::fuzz::bytes(data, size), 2);
    const QByteArray& value = f[0];

    qint64 nowMs = kDefaultNowMs;
    if (!f[1].isEmpty()) {
        checkDate(f[1], kDefaultNowMs / 1000);
        if (const auto serverDate = tts::parseHttpDate(f[1], kDefaultNowMs / 1000))
            nowMs = *serverDate * 1000; // as apiclient_transport.cpp does
    }
    checkDate(value, nowMs / 1000);

    const auto wait = tts::parseRetryAfterMs(value, nowMs);
    if (!wait)
        return 0;
    TTS_FUZZ_CHECK(*wait >= 0 && *wait <= kDayMs);

    QByteArrayView trimmed = value; // HTTP's optional whitespace: spaces and tabs only
    while (!trimmed.isEmpty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
        trimmed = trimmed.sliced(1);
    while (!trimmed.isEmpty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
        trimmed.chop(1);
    bool digits = !trimmed.isEmpty();
    for (char c : trimmed)
        digits = digits && c >= '0' && c <= '9';
    if (digits) {
        bool ok = false;
        const qulonglong seconds = trimmed.toByteArray().toULongLong(&ok);
        const qint64 expected = ok && seconds < qulonglong(kDayMs / 1000) ? qint64(seconds) * 1000 : kDayMs;
        TTS_FUZZ_CHECK(*wait == expected);
        return 0;
    }
    const auto date = tts::parseHttpDate(value, nowMs / 1000);
    TTS_FUZZ_CHECK(date.has_value()); // neither digits nor a date must be rejected
    TTS_FUZZ_CHECK(*wait == qBound<qint64>(0, *date * 1000 - nowMs, kDayMs));
    return 0;
}
