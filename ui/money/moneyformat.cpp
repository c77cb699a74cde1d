#include "moneyformat.h"

#include <QHash>

namespace tts {

namespace {

struct Decimal
{
    bool negative = false;
    QString integer;  // ASCII digits, no leading zeros (at least "0")
    QString fraction; // ASCII digits
};

bool parseDecimal(const QString& text, Decimal* out)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return false;
    if (s.startsWith(u'-') || s.startsWith(u'+')) {
        out->negative = s.startsWith(u'-');
        s.remove(0, 1);
    }
    const qsizetype dot = s.indexOf(u'.');
    QString integer = dot < 0 ? s : s.left(dot);
    QString fraction = dot < 0 ? QString() : s.mid(dot + 1);
    if (integer.isEmpty() && fraction.isEmpty())
        return false;
    for (const QString* part : {&integer, &fraction}) {
        for (const QChar c : *part) {
            if (c < u'0' || c > u'9')
                return false;
        }
    }
    while (integer.size() > 1 && integer.startsWith(u'0'))
        integer.remove(0, 1);
    if (integer.isEmpty())
        integer = QStringLiteral("0");
    out->integer = integer;
    out->fraction = fraction;
    const bool zero = integer == u"0" && QString(fraction).remove(u'0').isEmpty();
    if (zero)
        out->negative = false;
    return true;
}

QString localizeDigits(const QString& ascii, const QLocale& locale)
{
    const QString zero = locale.zeroDigit();
    if (zero.size() != 1 || zero == u"0")
        return ascii;
    QString result = ascii;
    for (QChar& c : result) {
        if (c >= u'0' && c <= u'9')
            c = QChar(zero.at(0).unicode() + (c.unicode() - u'0'));
    }
    return result;
}

QString groupDigits(const QString& integer, const QLocale& locale)
{
    if (locale.numberOptions() & QLocale::OmitGroupSeparator)
        return integer;
    const QString separator = locale.groupSeparator();
    QString result;
    result.reserve(integer.size() + integer.size() / 3 * separator.size());
    const qsizetype n = integer.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            result += separator;
        result += integer.at(i);
    }
    return result;
}

} // namespace

QString localCurrencySymbol(const QString& currency, const QLocale& locale)
{
    const QString code = currency.trimmed().toUpper();
    if (code.isEmpty())
        return {};
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code) {
        const QString own = locale.currencySymbol(QLocale::CurrencySymbol);
        if (!own.isEmpty())
            return own;
    }
    static const QHash<QString, QString> symbols{
        {QStringLiteral("USD"), QStringLiteral("$")},   {QStringLiteral("EUR"), QStringLiteral("€")},
        {QStringLiteral("GBP"), QStringLiteral("£")},   {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("IDR"), QStringLiteral("Rp")},  {QStringLiteral("MYR"), QStringLiteral("RM")},
        {QStringLiteral("THB"), QStringLiteral("฿")},   {QStringLiteral("VND"), QStringLiteral("₫")},
        {QStringLiteral("PHP"), QStringLiteral("₱")},   {QStringLiteral("SGD"), QStringLiteral("S$")},
        {QStringLiteral("MXN"), QStringLiteral("MX$")}, {QStringLiteral("BRL"), QStringLiteral("R$")},
        {QStringLiteral("CAD"), QStringLiteral("CA$")}, {QStringLiteral("AUD"), QStringLiteral("A$")},
        {QStringLiteral("KRW"), QStringLiteral("₩")},   {QStringLiteral("INR"), QStringLiteral("₹")},
        {QStringLiteral("CNY"), QStringLiteral("CN¥")}, {QStringLiteral("HKD"), QStringLiteral("HK$")},
        {QStringLiteral("TWD"), QStringLiteral("NT$")}, {QStringLiteral("NZD"), QStringLiteral("NZ$")},
        {QStringLiteral("CHF"), QStringLiteral("CHF")}, {QStringLiteral("SAR"), QStringLiteral("SAR")},
    };
    return symbols.value(code, code);
}

QString formatMoney(const QString& amount, const QString& currency, const QLocale& locale)
{
    Decimal d;
    if (!parseDecimal(amount, &d)) {
        const QString raw = amount.trimmed();
        if (raw.isEmpty())
            return {};
        return currency.isEmpty() ? raw : raw + u' ' + currency;
    }
    QString fraction = d.fraction;
    const int decimals = currencyDecimals(currency);
    // Pad to the usual number of decimals; drop only trailing zeros beyond it (never a digit).
    while (fraction.size() > decimals && fraction.endsWith(u'0'))
        fraction.chop(1);
    while (fraction.size() < decimals)
        fraction += u'0';

    QString number = localizeDigits(groupDigits(d.integer, locale), locale);
    if (!fraction.isEmpty())
        number += locale.decimalPoint() + localizeDigits(fraction, locale);

    // The locale's currency pattern (symbol position and spacing) comes from Qt's integer formatting
    // of 1 with a marker symbol; the digits are then replaced with ours. Negative amounts take a plain
    // minus sign rather than the accounting form some locales use ("($5.25)").
    const QString marker = QStringLiteral("\u00A4");
    const QString one = locale.toString(1);
    QString pattern = locale.toCurrencyString(qlonglong(1), marker);
    // The C locale (no LANG, e.g. a headless session) has no currency pattern: symbol first.
    if (locale.language() == QLocale::C || pattern.indexOf(one) < 0 || !pattern.contains(marker))
        pattern = marker + one;
    const QString symbol = localCurrencySymbol(currency, locale);
    QString result = pattern;
    result.replace(result.indexOf(one), one.size(), number);
    result.replace(marker, symbol);
    if (d.negative)
        result.prepend(locale.negativeSign());
    if (symbol.isEmpty())
        result = result.trimmed();
    return result;
}

} // namespace tts
