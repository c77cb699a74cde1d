#include "retryafter.h"

#include <QDate>

#include <array>
#include <cstring>

namespace tts {

namespace {

constexpr qint64 kMaxWaitMs = 24LL * 3600 * 1000;

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

// Splits on spaces, tabs, commas and hyphens; at most 8 tokens (more: not a date).
int tokenize(QByteArrayView text, std::array<QByteArrayView, 8>& tokens)
{
    int count = 0;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool separator = i == text.size() || isSpace(text[i]) || text[i] == ',' || text[i] == '-';
        if (separator) {
            if (start >= 0) {
                if (count == int(tokens.size()))
                    return -1;
                tokens[size_t(count++)] = text.sliced(start, i - start);
                start = -1;
            }
        } else if (start < 0) {
            start = i;
        }
    }
    return count;
}

std::optional<int> number(QByteArrayView digits, int minLength, int maxLength)
{
    if (digits.size() < minLength || digits.size() > maxLength)
        return {};
    int value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return {};
        value = value * 10 + (c - '0');
    }
    return value;
}

int month(QByteArrayView name)
{
    static constexpr std::array<const char*, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (name.size() != 3)
        return 0;
    for (size_t i = 0; i < names.size(); ++i) {
        if (std::memcmp(name.data(), names[i], 3) == 0)
            return int(i) + 1;
    }
    return 0;
}

bool isDayName(QByteArrayView name, bool longForm)
{
    static constexpr std::array<const char*, 7> shortNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char*, 7> longNames{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                          "Friday", "Saturday", "Sunday"};
    for (const char* candidate : longForm ? longNames : shortNames) {
        if (name == QByteArrayView(candidate))
            return true;
    }
    return false;
}

// "HH:MM:SS" -> seconds of the day.
std::optional<int> timeOfDay(QByteArrayView text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return {};
    const auto h = number(text.sliced(0, 2), 2, 2);
    const auto m = number(text.sliced(3, 2), 2, 2);
    const auto s = number(text.sliced(6, 2), 2, 2);
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) // 60: leap second
        return {};
    return *h * 3600 + *m * 60 + *s;
}

std::optional<qint64> compose(int year, int monthNumber, int day, int seconds)
{
    if (monthNumber == 0 || year < 1) // a two-digit year read against a clock in year 1..49 AD
        return {};
    const QDate date(year, monthNumber, day);
    if (!date.isValid())
        return {};
    constexpr qint64 kEpochJulianDay = 2440588;
    return (date.toJulianDay() - kEpochJulianDay) * 86400 + seconds;
}

} // namespace

std::optional<qint64> parseHttpDate(QByteArrayView text, qint64 nowSecs)
{
    std::array<QByteArrayView, 8> t;
    const int count = tokenize(trimmed(text), t);

    if (count == 6 && t[5] == "GMT") {
        const bool rfc850 = t[3].size() == 2;
        if (!isDayName(t[0], rfc850))
            return {};
        const auto day = number(t[1], 1, 2);
        const auto seconds = timeOfDay(t[4]);
        auto year = number(t[3], rfc850 ? 2 : 4, rfc850 ? 2 : 4);
        if (!day || !seconds || !year)
            return {};
        if (rfc850) {
            // RFC 7231: a two-digit year more than 50 years in the future is in the past century.
            const int nowYear = QDate(1970, 1, 1).addDays(nowSecs / 86400).year();
            int full = (nowYear / 100) * 100 + *year;
            if (full > nowYear + 50)
                full -= 100;
            year = full;
        }
        return compose(*year, month(t[2]), *day, *seconds);
    }
    if (count == 5 && isDayName(t[0], false)) { // asctime: "Sun Nov  6 08:49:37 1994"
        const auto day = number(t[2], 1, 2);
        const auto seconds = timeOfDay(t[3]);
        const auto year = number(t[4], 4, 4);
        if (!day || !seconds || !year)
            return {};
        return compose(*year, month(t[1]), *day, *seconds);
    }
    return {};
}

std::optional<qint64> parseRetryAfterMs(QByteArrayView value, qint64 nowMs)
{
    value = trimmed(value);
    if (value.isEmpty())
        return {};
    bool allDigits = true;
    for (char c : value)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        while (value.size() > 1 && value.front() == '0') // "0000000005" is 5 s, not beyond the cap
            value = value.sliced(1);
        if (value.size() > 9) // more than 31 years: capped anyway
            return kMaxWaitMs;
        qint64 seconds = 0;
        for (char c : value)
            seconds = seconds * 10 + (c - '0');
        return qMin(seconds * 1000, kMaxWaitMs);
    }
    const auto date = parseHttpDate(value, nowMs / 1000);
    if (!date)
        return {};
    return qBound<qint64>(0, *date * 1000 - nowMs, kMaxWaitMs);
}

} // namespace tts
