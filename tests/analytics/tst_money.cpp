#include "analytics/money.h"

#include <QStandardPaths>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("zero") << u"0"_s << true << qint64(0);
        QTest::newRow("two decimals") << u"1249.99"_s << true << qint64(124999);
        QTest::newRow("one decimal") << u"21.3"_s << true << qint64(2130); // 21.30
        QTest::newRow("negative") << u"-5.05"_s << true << qint64(-505);
        QTest::newRow("negative zero") << u"-0"_s << true << qint64(0);
        QTest::newRow("plus sign") << u"+7"_s << true << qint64(700);
        QTest::newRow("JPY, no decimals") << u"1249"_s << true << qint64(124900); // x 100 always
        QTest::newRow("large") << u"12345678901.23"_s << true << qint64(1234567890123);
        QTest::newRow("three decimals") << u"1.234"_s << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("sign only") << u"-"_s << false << qint64(0);
        QTest::newRow("letters") << u"abc"_s << false << qint64(0);
        QTest::newRow("two points") << u"1.2.3"_s << false << qint64(0);
        QTest::newRow("exponent") << u"1e5"_s << false << qint64(0);
        QTest::newRow("comma") << u"1,5"_s << false << qint64(0);
        QTest::newRow("double sign") << u"--1"_s << false << qint64(0);
        QTest::newRow("overflow") << u"99999999999999999999"_s << false << qint64(0);
        QTest::newRow("currency sign") << u"$5"_s << false << qint64(0);
        QTest::newRow("arabic digits") << u"١٢"_s << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, minor);
        const std::optional<qint64> parsed = tts::parseMinorUnits(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, minor);
    }

    void format_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        const QString nbsp(QChar(0x00A0));
        QTest::newRow("USD") << qint64(124999) << u"USD"_s << u"en_US"_s << u"$1,249.99"_s;
        QTest::newRow("USD zero") << qint64(0) << u"USD"_s << u"en_US"_s << u"$0.00"_s;
        QTest::newRow("USD cents") << qint64(5) << u"USD"_s << u"en_US"_s << u"$0.05"_s;
        QTest::newRow("USD 21.3") << qint64(2130) << u"USD"_s << u"en_US"_s << u"$21.30"_s;
        QTest::newRow("USD negative") << qint64(-2130) << u"USD"_s << u"en_US"_s << u"-$21.30"_s;
        QTest::newRow("USD millions")
            << qint64(123456789012) << u"USD"_s << u"en_US"_s << u"$1,234,567,890.12"_s;
        QTest::newRow("EUR de") << qint64(124999) << u"EUR"_s << u"de_DE"_s
                                << (u"1.249,99"_s + nbsp + u"€"_s);
        QTest::newRow("EUR de negative")
            << qint64(-124999) << u"EUR"_s << u"de_DE"_s << (u"-1.249,99"_s + nbsp + u"€"_s);
        QTest::newRow("JPY") << qint64(124900) << u"JPY"_s << u"en_US"_s << u"¥1,249"_s;
        // 1249.50 JPY shown in whole yen: half away from zero.
        QTest::newRow("JPY half up") << qint64(124950) << u"JPY"_s << u"en_US"_s << u"¥1,250"_s;
        QTest::newRow("JPY below half") << qint64(124949) << u"JPY"_s << u"en_US"_s << u"¥1,249"_s;
        QTest::newRow("JPY negative half") << qint64(-124950) << u"JPY"_s << u"en_US"_s << u"-¥1,250"_s;
        QTest::newRow("JPY rounds to zero, no sign") << qint64(-1) << u"JPY"_s << u"en_US"_s << u"¥0"_s;
        QTest::newRow("GBP in its locale") << qint64(99) << u"GBP"_s << u"en_GB"_s << u"£0.99"_s;
        QTest::newRow("unknown code gets a space")
            << qint64(100) << u"XYZ"_s << u"en_US"_s << (u"XYZ"_s + nbsp + u"1.00"_s);
        QTest::newRow("lower-case code") << qint64(100) << u"usd"_s << u"en_US"_s << u"$1.00"_s;
        // The C locale (a headless session without LANG) has no currency pattern: symbol first, as
        // the orders page shows it (it used to be "1249.99$").
        QTest::newRow("USD in C") << qint64(124999) << u"USD"_s << u"C"_s << u"$1249.99"_s;
        QTest::newRow("USD negative in C") << qint64(-505) << u"USD"_s << u"C"_s << u"-$5.05"_s;
        QTest::newRow("GBP in C") << qint64(99) << u"GBP"_s << u"C"_s << u"£0.99"_s;
        QTest::newRow("EUR in C") << qint64(100) << u"EUR"_s << u"C"_s << u"€1.00"_s;
        QTest::newRow("code in C") << qint64(100) << u"XYZ"_s << u"C"_s << (u"XYZ"_s + nbsp + u"1.00"_s);
        QTest::newRow("EUR en_GB") << qint64(124999) << u"EUR"_s << u"en_GB"_s << u"€1,249.99"_s;
        QTest::newRow("int64 min") << std::numeric_limits<qint64>::min() << u"USD"_s << u"en_US"_s
                                   << u"-$92,233,720,368,547,758.08"_s;
    }
    void format()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(tts::formatMoney(minor, currency, QLocale(locale)), expected);
    }

    void formatMinorUnits()
    {
        QCOMPARE(tts::formatMinorUnits(124999, 2, QLocale(u"en_US"_s)), u"1,249.99"_s);
        QCOMPARE(tts::formatMinorUnits(-124999, 2, QLocale(u"de_DE"_s)), u"-1.249,99"_s);
        QCOMPARE(tts::formatMinorUnits(124950, 0, QLocale(u"en_US"_s)), u"1,250"_s);
        QCOMPARE(tts::formatMinorUnits(7, 2, QLocale::c()), u"0.07"_s);
    }

    void formatCompact_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("small, whole units") << qint64(95049) << u"USD"_s << u"$950"_s; // 950.49 rounded
        QTest::newRow("below 10K") << qint64(999949) << u"USD"_s << u"$9,999"_s;
        QTest::newRow("12.3K") << qint64(1234567) << u"USD"_s << u"$12.3K"_s;
        QTest::newRow("250K") << qint64(25000000) << u"USD"_s << u"$250K"_s;
        QTest::newRow("2.5M") << qint64(250000000) << u"USD"_s << u"$2.5M"_s;
        QTest::newRow("10M") << qint64(1000000000) << u"USD"_s << u"$10M"_s;
        QTest::newRow("negative") << qint64(-250000000) << u"USD"_s << u"-$2.5M"_s;
        QTest::newRow("JPY") << qint64(1200000000) << u"JPY"_s << u"¥12M"_s;
    }
    void formatCompact()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        QCOMPARE(tts::formatMoneyCompact(minor, currency, QLocale(u"en_US"_s)), expected);
    }

    void formatCompactC()
    {
        // Chart axes in the C locale: "$2K", not "2K$".
        QCOMPARE(tts::formatMoneyCompact(1234567, u"USD"_s, QLocale::c()), u"$12.3K"_s);
        QCOMPARE(tts::formatMoneyCompact(-250000000, u"USD"_s, QLocale::c()), u"-$2.5M"_s);
        QCOMPARE(tts::formatMoneyCompact(95049, u"USD"_s, QLocale::c()), u"$950"_s);
        QCOMPARE(tts::formatMoney(200000, u"USD"_s, QLocale::c(), 0), u"$2000"_s);
    }

    void formatDigits_data()
    {
        QTest::addColumn<bool>("negative");
        QTest::addColumn<QString>("integer");
        QTest::addColumn<QString>("fraction");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        const QString nbsp(QChar(0x00A0));
        QTest::newRow("as given, no rounding")
            << false << u"1"_s << u"005"_s << u"USD"_s << u"en_US"_s << u"$1.005"_s;
        QTest::newRow("beyond int64") << false << u"90071992547409931234"_s << u"01"_s << u"USD"_s
                                      << u"en_US"_s << u"$90,071,992,547,409,931,234.01"_s;
        QTest::newRow("leading zeros") << true << u"0007"_s << u"10"_s << u"USD"_s << u"C"_s << u"-$7.10"_s;
        QTest::newRow("no fraction") << false << u"1500"_s << QString() << u"JPY"_s << u"en_US"_s
                                     << u"¥1,500"_s;
        QTest::newRow("de") << true << u"1249"_s << u"99"_s << u"EUR"_s << u"de_DE"_s
                            << (u"-1.249,99"_s + nbsp + u"€"_s);
        QTest::newRow("no currency") << false << u"12"_s << u"50"_s << QString() << u"en_US"_s << u"12.50"_s;
    }
    void formatDigits()
    {
        QFETCH(bool, negative);
        QFETCH(QString, integer);
        QFETCH(QString, fraction);
        QFETCH(QString, currency);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(tts::formatMoneyDigits(negative, integer, fraction, currency, QLocale(locale)), expected);
    }

    void divideRounded_data()
    {
        QTest::addColumn<qint64>("a");
        QTest::addColumn<qint64>("b");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("exact") << qint64(10) << qint64(5) << qint64(2);
        QTest::newRow("below half") << qint64(4) << qint64(3) << qint64(1); // 1.33
        QTest::newRow("above half") << qint64(5) << qint64(3) << qint64(2); // 1.67
        QTest::newRow("half") << qint64(5) << qint64(2) << qint64(3);       // 2.5 -> 3
        QTest::newRow("negative half") << qint64(-5) << qint64(2) << qint64(-3);
        QTest::newRow("aov") << qint64(13736) << qint64(5) << qint64(2747); // 2747.2
        QTest::newRow("by zero") << qint64(13736) << qint64(0) << qint64(0);
    }
    void divideRounded()
    {
        QFETCH(qint64, a);
        QFETCH(qint64, b);
        QFETCH(qint64, expected);
        QCOMPARE(tts::divideRounded(a, b), expected);
    }

    void currencies()
    {
        QCOMPARE(tts::currencyDecimals(u"JPY"_s), 0);
        QCOMPARE(tts::currencyDecimals(u"USD"_s), 2);
        QCOMPARE(tts::currencySymbol(u"EUR"_s), u"€"_s);
        QCOMPARE(tts::currencySymbol(u"ABC"_s), u"ABC"_s);
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
