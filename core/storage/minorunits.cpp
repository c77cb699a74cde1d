#include "minorunits.h"

#include <QString>

#include <limits>

namespace tts {

std::optional<qint64> parseMinorUnits(QStringView s)
{
    s = s.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (s.front() == u'-' || s.front() == u'+') {
        negative = s.front() == u'-';
        s = s.mid(1);
    }
    qint64 units = 0;
    int decimals = -1; // -1: no decimal point seen yet
    int digits = 0;
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    for (const QChar c : s) {
        if (c == u'.') {
            if (decimals >= 0)
                return std::nullopt;
            decimals = 0;
            continue;
        }
        if (c < u'0' || c > u'9')
            return std::nullopt;
        if (decimals >= 0 && ++decimals > 2)
            return std::nullopt;
        if (units > (max - 9) / 10)
            return std::nullopt;
        units = units * 10 + (c.unicode() - u'0');
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    for (int i = decimals < 0 ? 0 : decimals; i < 2; ++i) {
        if (units > max / 10)
            return std::nullopt;
        units *= 10;
    }
    return negative ? -units : units;
}

std::optional<qint64> parseMinorUnits(QByteArrayView decimal)
{
    // ASCII (every amount the API sends) as Latin-1 into a small buffer; anything else decoded.
    constexpr qsizetype kShort = 32;
    char16_t buffer[kShort];
    qsizetype n = 0;
    while (n < decimal.size() && n < kShort && static_cast<unsigned char>(decimal[n]) < 0x80) {
        buffer[n] = static_cast<unsigned char>(decimal[n]);
        ++n;
    }
    if (n == decimal.size())
        return parseMinorUnits(QStringView(buffer, n));
    return parseMinorUnits(QStringView(QString::fromUtf8(decimal)));
}

} // namespace tts
