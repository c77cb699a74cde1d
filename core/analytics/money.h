#pragma once

#include "storage/minorunits.h" // parseMinorUnits(): the one exact decimal parser of the project

#include <QLocale>
#include <QString>

namespace tts {

// Money in this project is an integer count of hundredths of the currency unit ("minor units"), for
// every currency: the storage columns *_minor hold the exact decimal amount x 100 (so 1249 JPY is
// 124900). No floating point anywhere on the way from the API's decimal strings to the screen.

// The number of decimals a currency is shown with (ISO 4217: JPY, KRW, VND, IDR... have 0).
int currencyDecimals(const QString& currency);

// The currency's symbol ("$", "€", "¥", "Rp"...) or, when unknown, the ISO code itself.
QString currencySymbol(const QString& currency);

// The symbol shown for a currency in a locale: the locale's own symbol for its own currency ("￥" in
// ja_JP), else currencySymbol(). Empty for an empty code.
QString currencySymbol(const QString& currency, const QLocale& locale);

// The one money formatter of the project (the analytics formatMoney below and the orders' decimal
// string formatMoney in ui/money both end here): an exact amount given as a sign and ASCII digit
// strings ("1249", "99"), printed with the locale's digits, grouping and decimal point, and the
// currency symbol where the locale puts it. The C locale (a headless session without LANG) and
// locales without a currency pattern put the symbol first ("$1,249.99"). A letter code next to the
// digits gets a no-break space ("XYZ 1.00"). The sign always goes in front ("-$5.25", not the
// accounting "($5.25)"). No rounding: the fraction is printed as given.
QString formatMoneyDigits(bool negative, const QString& integerDigits, const QString& fractionDigits,
                          const QString& currency, const QLocale& locale = QLocale());

// Formats hundredths with the locale's digits, separators and currency pattern, e.g.
// (124999, "USD", en_US) -> "$1,249.99", (124999, "EUR", de_DE) -> "1.249,99 €",
// (124900, "JPY", en_US) -> "¥1,249". Currencies with fewer decimals are rounded half away from zero.
// Pure string building: no floating point.
// `decimals` >= 0 overrides the currency's decimals (chart axes show whole units: decimals 0).
QString formatMoney(qint64 minor, const QString& currency, const QLocale& locale = QLocale(),
                    int decimals = -1);

// Like formatMoney but without the currency symbol ("1,249.99"), for chart axes and tables.
QString formatMinorUnits(qint64 minor, int decimals, const QLocale& locale = QLocale());

// Short amounts for chart axes: "$950", "$12K", "$1.2M", "$3.4B" (whole units below 10,000).
// Below 10,000 rounded half away from zero like formatMoney; above, truncated at the shown digit.
QString formatMoneyCompact(qint64 minor, const QString& currency, const QLocale& locale = QLocale());

// Integer division of a by b rounded half away from zero (b > 0): averages of money.
qint64 divideRounded(qint64 a, qint64 b);

} // namespace tts
