#include "money/moneyformat.h"

#include <QtTest>

using namespace tts;

class TestMoneyFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void format_data();
    void format();
    void neverFloatingPoint();
    void sameAsDashboard_data();
    void sameAsDashboard();
};

void TestMoneyFormat::format_data()
{
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");

    QTest::newRow("us basic") << "1249.99"
                              << "USD"
                              << "en_US"
                              << "$1,249.99";
    QTest::newRow("us pads decimals") << "21.3"
                                      << "USD"
                                      << "en_US"
                                      << "$21.30";
    QTest::newRow("us integer") << "7"
                                << "USD"
                                << "en_US"
                                << "$7.00";
    QTest::newRow("us millions") << "1234567.5"
                                 << "USD"
                                 << "en_US"
                                 << "$1,234,567.50";
    QTest::newRow("us zero") << "0"
                             << "USD"
                             << "en_US"
                             << "$0.00";
    QTest::newRow("us negative") << "-5.25"
                                 << "USD"
                                 << "en_US"
                                 << "-$5.25";
    QTest::newRow("us negative zero") << "-0.00"
                                      << "USD"
                                      << "en_US"
                                      << "$0.00";
    QTest::newRow("us leading zeros") << "0007.10"
                                      << "USD"
                                      << "en_US"
                                      << "$7.10";
    QTest::newRow("us keeps extra decimals") << "1.005"
                                             << "USD"
                                             << "en_US"
                                             << "$1.005";
    QTest::newRow("us trims only zeros") << "1.5000"
                                         << "USD"
                                         << "en_US"
                                         << "$1.50";
    QTest::newRow("us no integer part") << ".5"
                                        << "USD"
                                        << "en_US"
                                        << "$0.50";
    QTest::newRow("us beyond double") << "90071992547409931.01"
                                      << "USD"
                                      << "en_US"
                                      << "$90,071,992,547,409,931.01";
    QTest::newRow("de euro") << "1249.99"
                             << "EUR"
                             << "de_DE" << QStringLiteral("1.249,99\u00A0€");
    QTest::newRow("fr euro") << "1249.99"
                             << "EUR"
                             << "fr_FR" << QStringLiteral("1\u202F249,99\u00A0€");
    QTest::newRow("gb pound") << "1249.5"
                              << "GBP"
                              << "en_GB"
                              << "£1,249.50";
    QTest::newRow("us shows pound") << "3"
                                    << "GBP"
                                    << "en_US"
                                    << "£3.00";
    QTest::newRow("yen no decimals") << "1500"
                                     << "JPY"
                                     << "ja_JP"
                                     << "￥1,500";
    QTest::newRow("yen abroad") << "1500"
                                << "JPY"
                                << "en_US"
                                << "¥1,500";
    // A letter symbol keeps a no-break space from the digits (CLDR currency spacing), as on the dashboard.
    QTest::newRow("rupiah") << "150000"
                            << "IDR"
                            << "en_US" << QStringLiteral("Rp\u00A0150,000");
    // A letter code keeps a no-break space from the digits, as on the dashboard (it was "XYZ10.00").
    QTest::newRow("unknown currency") << "10"
                                      << "XYZ"
                                      << "en_US" << QStringLiteral("XYZ\u00A010.00");
    // The C locale (headless, no LANG): symbol first, like the dashboard.
    QTest::newRow("c dollar") << "154.04"
                              << "USD"
                              << "C"
                              << "$154.04";
    QTest::newRow("c pound negative") << "-3.5"
                                      << "GBP"
                                      << "C"
                                      << "-£3.50";
    QTest::newRow("c euro") << "30713.78"
                            << "EUR"
                            << "C"
                            << "€30713.78";
    QTest::newRow("not a number") << "abc"
                                  << "USD"
                                  << "en_US"
                                  << "abc USD";
    QTest::newRow("empty") << ""
                           << "USD"
                           << "en_US"
                           << "";
    QTest::newRow("two signs") << "--1"
                               << "USD"
                               << "en_US"
                               << "--1 USD";
}

void TestMoneyFormat::format()
{
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QCOMPARE(formatMoney(amount, currency, QLocale(locale)), expected);
}

void TestMoneyFormat::neverFloatingPoint()
{
    // 0.1 + 0.2 style values and amounts past 2^53 keep every digit.
    QCOMPARE(formatMoney(QStringLiteral("0.30"), QStringLiteral("USD"), QLocale(QStringLiteral("en_US"))),
             QStringLiteral("$0.30"));
    QCOMPARE(formatMoney(QStringLiteral("9007199254740993.99"), QStringLiteral("USD"),
                         QLocale(QStringLiteral("en_US"))),
             QStringLiteral("$9,007,199,254,740,993.99"));
}

void TestMoneyFormat::sameAsDashboard_data()
{
    QTest::addColumn<QString>("amount");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    const QStringList locales{QStringLiteral("C"),     QStringLiteral("en_US"), QStringLiteral("en_GB"),
                              QStringLiteral("de_DE"), QStringLiteral("fr_FR"), QStringLiteral("ja_JP"),
                              QStringLiteral("ar_EG"), QStringLiteral("hi_IN")};
    for (const QString& l : locales) {
        const QByteArray tag = l.toLatin1();
        QTest::addRow("%s usd", tag.constData()) << "30713.78" << qint64(3071378) << "USD" << l;
        QTest::addRow("%s eur neg", tag.constData()) << "-1234567.05" << qint64(-123456705) << "EUR" << l;
        QTest::addRow("%s jpy", tag.constData()) << "1500" << qint64(150000) << "JPY" << l;
        QTest::addRow("%s code", tag.constData()) << "10" << qint64(1000) << "XYZ" << l;
    }
}

void TestMoneyFormat::sameAsDashboard()
{
    // The orders page (decimal strings) and the dashboard (minor units) print an amount alike.
    QFETCH(QString, amount);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    const QLocale loc(locale);
    QCOMPARE(formatMoney(amount, currency, loc), tts::formatMoney(minor, currency, loc));
}

QTEST_GUILESS_MAIN(TestMoneyFormat)
#include "tst_moneyformat.moc"
