#pragma once

#include "analytics/money.h" // currencyDecimals(), formatMoneyDigits(): the shared formatter

#include <QLocale>
#include <QString>

namespace tts {

// Formats an exact decimal amount as the API sends it ("1249.9") with its ISO 4217 currency for a
// locale, by string manipulation: QLocale::toCurrencyString(double) would go through floating point.
// Never rounds: an amount with more decimals than the currency usually has keeps them all.
// Examples: ("1249.99", "USD", en_US) -> "$1,249.99"; ("1249.99", "EUR", de_DE) -> "1.249,99 €".
// An amount that is not a decimal number is returned as it is, followed by the currency code.
QString formatMoney(const QString& amount, const QString& currency, const QLocale& locale = QLocale());

// The symbol used for a currency in a locale: the locale's own symbol for its own currency, else a
// short unambiguous symbol for the common TikTok Shop currencies, else the ISO code.
QString localCurrencySymbol(const QString& currency, const QLocale& locale = QLocale());

} // namespace tts
