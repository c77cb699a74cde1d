#include "moneyformat.h"

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

} // namespace

QString localCurrencySymbol(const QString& currency, const QLocale& locale)
{
    return currencySymbol(currency, locale);
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
    // The digits, grouping, symbol and its place are the dashboard's (core/analytics/money).
    return formatMoneyDigits(d.negative, d.integer, fraction, currency, locale);
}

} // namespace tts
