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

QString localeDigits(quint64 value, int width, const QLocale& locale)
{
    QString out;
    for (int i = 0; i < width; ++i) {
        out.prepend(locale.toString(int(value % 10)));
        value /= 10;
    }
    return out;
}

QString formatMagnitude(quint64 hundredths, int decimals, const QLocale& locale)
{
    decimals = std::clamp(decimals, 0, 2);
    quint64 divisor = 1;
    for (int i = decimals; i < 2; ++i)
        divisor *= 10;
    const quint64 scaled = roundedDivide(hundredths, divisor); // in 10^-decimals units
    quint64 unitScale = 1;
    for (int i = 0; i < decimals; ++i)
        unitScale *= 10;
    QString text = locale.toString(qulonglong(scaled / unitScale));
    if (decimals > 0)
        text += locale.decimalPoint() + localeDigits(scaled % unitScale, decimals, locale);
    return text;
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

QString formatMinorUnits(qint64 minor, int decimals, const QLocale& locale)
{
    const QString number = formatMagnitude(magnitude(minor), decimals, locale);
    const bool isZero = number == formatMagnitude(0, decimals, locale);
    return minor < 0 && !isZero ? locale.negativeSign() + number : number;
}

QString formatMoney(qint64 minor, const QString& currency, const QLocale& locale, int decimals)
{
    if (decimals < 0)
        decimals = currencyDecimals(currency);
    const QString number = formatMagnitude(magnitude(minor), decimals, locale);
    const bool negative = minor < 0 && number != formatMagnitude(0, decimals, locale);

    QString symbol = currencySymbol(currency);
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == currency.toUpper())
        symbol = locale.currencySymbol(QLocale::CurrencySymbol);

    // Let the locale place the symbol: format the integer 1 (which Qt does without floating point)
    // with a marker symbol, then put our number and symbol in their places. The sign goes in front
    // (Qt's negative pattern is the accounting "(1 X)" in many locales, not what a dashboard shows).
    QString pattern = locale.toCurrencyString(qlonglong(1), QString(kSymbolMarker));
    const QString one = locale.toString(1);
    const qsizetype at = pattern.indexOf(one);
    const qsizetype marker = pattern.indexOf(kSymbolMarker);
    const QString sign = negative ? locale.negativeSign() : QString();
    if (at < 0 || marker < 0) // an exotic pattern: fall back to a prefix
        return sign + symbol + number;
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
        const QString shown = formatMoney(minor < 0 ? -100 : 100, currency, locale, 0);
        // Put the compact number where formatMoney puts "1" (keeps the symbol's side and sign).
        QString result = shown;
        result.replace(result.lastIndexOf(locale.toString(1)), locale.toString(1).size(), number);
        return result;
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
