#include "money.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace tts {

namespace {

constexpr QChar kSymbolMarker(0xE000); // private use: never part of a locale's currency pattern

// |value| without overflow for INT64_MIN.
quint64 magnitude(qint64 value)
{
    return value < 0 ? quint64(0) - quint64(value) : quint64(value);
}

// value / divisor rounded half away from zero, on magnitudes.
quint64 roundedDivide(quint64 value, quint64 divisor)
{
    return value / divisor + ((value % divisor) * 2 >= divisor ? 1 : 0);
}

// ASCII digits in the locale's digits; anything else is kept as it is.
QString localizeDigits(const QString& ascii, const QLocale& locale)
{
    if (locale.zeroDigit() == u"0")
        return ascii;
    QString digits[10];
    for (int i = 0; i < 10; ++i)
        digits[i] = locale.toString(i);
    QString out;
    out.reserve(ascii.size());
    for (const QChar c : ascii) {
        if (c >= u'0' && c <= u'9')
            out += digits[c.unicode() - u'0'];
        else
            out += c;
    }
    return out;
}

// The integer part with the locale's grouping: Qt's own when it fits 64 bits (it knows the Indian
// 12,34,567), else groups of three for amounts beyond any qint64.
QString groupedInteger(QString digits, const QLocale& locale)
{
    while (digits.size() > 1 && digits.startsWith(u'0'))
        digits.remove(0, 1);
    if (digits.isEmpty())
        digits = u"0"_s;
    bool ok = false;
    const qulonglong value = digits.toULongLong(&ok);
    if (ok)
        return locale.toString(value);
    if (locale.numberOptions() & QLocale::OmitGroupSeparator)
        return localizeDigits(digits, locale);
    const QString separator = locale.groupSeparator();
    QString grouped;
    const qsizetype n = digits.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped += separator;
        grouped += digits.at(i);
    }
    return localizeDigits(grouped, locale);
}

QString formatNumber(const QString& integerDigits, const QString& fractionDigits, const QLocale& locale)
{
    QString number = groupedInteger(integerDigits, locale);
    if (!fractionDigits.isEmpty())
        number += locale.decimalPoint() + localizeDigits(fractionDigits, locale);
    return number;
}

// The sign and symbol around a formatted number, where the locale's currency pattern puts them.
QString placeSymbol(bool negative, const QString& number, const QString& currency, const QLocale& locale)
{
    const QString symbol = currencySymbol(currency, locale);
    const QString sign = negative ? locale.negativeSign() : QString();
    if (symbol.isEmpty())
        return sign + number;
    // Let the locale place the symbol: format the integer 1 (which Qt does without floating point)
    // with a marker symbol, then put our number and symbol in their places. The C locale has no
    // currency pattern of its own (Qt gives "1¤"): symbol first, like en_US.
    const QString one = locale.toString(1);
    QString pattern = locale.toCurrencyString(qlonglong(1), QString(kSymbolMarker));
    qsizetype at = pattern.indexOf(one);
    qsizetype marker = pattern.indexOf(kSymbolMarker);
    if (locale.language() == QLocale::C || at < 0 || marker < 0) {
        pattern = QString(kSymbolMarker) + one;
        marker = 0;
        at = 1;
    }
    // A code such as "CHF" or "XYZ" right next to the digits: keep them apart (CLDR's currency spacing).
    const bool glued = (marker + 1 == at && symbol.back().isLetter()) ||
                       (at + one.size() == marker && symbol.front().isLetter());
    QString spacedSymbol = symbol;
    if (glued)
        spacedSymbol = marker < at ? QString(symbol + QChar(0x00A0)) : QString(QChar(0x00A0) + symbol);
    pattern.replace(at, one.size(), number);
    pattern.replace(kSymbolMarker, spacedSymbol);
    return sign + pattern;
}

// Hundredths as digit strings with `decimals` (0..2) decimals, rounded half away from zero.
struct Digits
{
    bool negative = false;
    QString integer;
    QString fraction;
};

Digits splitMinor(qint64 minor, int decimals)
{
    decimals = std::clamp(decimals, 0, 2);
    quint64 divisor = 1;
    for (int i = decimals; i < 2; ++i)
        divisor *= 10;
    const quint64 scaled = roundedDivide(magnitude(minor), divisor); // in 10^-decimals units
    quint64 unitScale = 1;
    for (int i = 0; i < decimals; ++i)
        unitScale *= 10;
    Digits d;
    d.negative = minor < 0 && scaled != 0;
    d.integer = QString::number(scaled / unitScale);
    if (decimals > 0)
        d.fraction = QString::number(scaled % unitScale).rightJustified(decimals, u'0');
    return d;
}

} // namespace

int currencyDecimals(const QString& currency)
{
    // ISO 4217 zero-decimal currencies; IDR has 2 in ISO but is shown (and priced) in whole rupiah.
    static const QStringList zero{u"JPY"_s, u"KRW"_s, u"VND"_s, u"IDR"_s, u"CLP"_s,
                                  u"ISK"_s, u"UGX"_s, u"PYG"_s, u"XAF"_s, u"XOF"_s,
                                  u"KMF"_s, u"GNF"_s, u"RWF"_s, u"VUV"_s, u"DJF"_s};
    return zero.contains(currency.toUpper()) ? 0 : 2;
}

QString currencySymbol(const QString& currency)
{
    struct Entry
    {
        const char16_t* code;
        const char16_t* symbol;
    };
    static constexpr Entry table[] = {
        {u"USD", u"$"},   {u"EUR", u"€"},   {u"GBP", u"£"},   {u"JPY", u"¥"},   {u"CNY", u"CN¥"},
        {u"KRW", u"₩"},   {u"INR", u"₹"},   {u"IDR", u"Rp"},  {u"MYR", u"RM"},  {u"THB", u"฿"},
        {u"VND", u"₫"},   {u"PHP", u"₱"},   {u"SGD", u"S$"},  {u"MXN", u"MX$"}, {u"CAD", u"CA$"},
        {u"AUD", u"A$"},  {u"BRL", u"R$"},  {u"HKD", u"HK$"}, {u"TWD", u"NT$"}, {u"NZD", u"NZ$"},
        {u"CHF", u"CHF"}, {u"SAR", u"SAR"}, {u"AED", u"AED"}, {u"TRY", u"₺"},   {u"PLN", u"zł"},
    };
    const QString code = currency.toUpper();
    for (const Entry& e : table) {
        if (code == QStringView(e.code))
            return QString::fromUtf16(e.symbol);
    }
    return code;
}

QString currencySymbol(const QString& currency, const QLocale& locale)
{
    const QString code = currency.trimmed().toUpper();
    if (code.isEmpty())
        return {};
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code) {
        const QString own = locale.currencySymbol(QLocale::CurrencySymbol);
        if (!own.isEmpty())
            return own;
    }
    return currencySymbol(code);
}

QString formatMoneyDigits(bool negative, const QString& integerDigits, const QString& fractionDigits,
                          const QString& currency, const QLocale& locale)
{
    return placeSymbol(negative, formatNumber(integerDigits, fractionDigits, locale), currency, locale);
}

QString formatMinorUnits(qint64 minor, int decimals, const QLocale& locale)
{
    const Digits d = splitMinor(minor, decimals);
    const QString number = formatNumber(d.integer, d.fraction, locale);
    return d.negative ? locale.negativeSign() + number : number;
}

QString formatMoney(qint64 minor, const QString& currency, const QLocale& locale, int decimals)
{
    const Digits d = splitMinor(minor, decimals < 0 ? currencyDecimals(currency) : decimals);
    return formatMoneyDigits(d.negative, d.integer, d.fraction, currency, locale);
}

QString formatMoneyCompact(qint64 minor, const QString& currency, const QLocale& locale)
{
    const quint64 units = magnitude(minor) / 100;
    struct Scale
    {
        quint64 divisor;
        const char* suffix;
    };
    static constexpr Scale scales[] = {{1000000000ULL, "B"}, {1000000ULL, "M"}, {1000ULL, "K"}};
    for (const Scale& s : scales) {
        if (units < s.divisor * (s.divisor == 1000ULL ? 10 : 1))
            continue;
        // One decimal below 100 of the unit ("1.2M"), none above ("120M").
        const quint64 tenths = units / (s.divisor / 10);
        QString number = tenths < 1000 && tenths % 10 != 0
                             ? locale.toString(qulonglong(tenths / 10)) + locale.decimalPoint() +
                                   locale.toString(int(tenths % 10))
                             : locale.toString(qulonglong(tenths / 10));
        number += QLatin1String(s.suffix);
        return placeSymbol(minor < 0, number, currency, locale);
    }
    return formatMoney(minor, currency, locale, 0);
}

qint64 divideRounded(qint64 a, qint64 b)
{
    if (b <= 0)
        return 0;
    const quint64 q = roundedDivide(magnitude(a), quint64(b));
    return a < 0 ? -qint64(q) : qint64(q);
}

} // namespace tts
