#include "storage/minorunits.h"

#include <QTest>

using namespace tts;

class TestMinorUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("one decimal") << QStringLiteral("21.3") << true << qint64(2130);
        QTest::newRow("two decimals") << QStringLiteral("0.05") << true << qint64(5);
        QTest::newRow("integer") << QStringLiteral("1200") << true << qint64(120000);
        QTest::newRow("negative") << QStringLiteral("-7.99") << true << qint64(-799);
        QTest::newRow("plus") << QStringLiteral("+1.5") << true << qint64(150);
        QTest::newRow("no integer part") << QStringLiteral(".5") << true << qint64(50);
        QTest::newRow("trailing point") << QStringLiteral("3.") << true << qint64(300);
        QTest::newRow("zero") << QStringLiteral("0") << true << qint64(0);
        // 0.1 + 0.2 style values that floating point gets wrong
        QTest::newRow("float trap") << QStringLiteral("1234567890123.07") << true << qint64(123456789012307);
        QTest::newRow("three decimals") << QStringLiteral("1.005") << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("letters") << QStringLiteral("12a") << false << qint64(0);
        QTest::newRow("two points") << QStringLiteral("1.2.3") << false << qint64(0);
        QTest::newRow("exponent") << QStringLiteral("1e5") << false << qint64(0);
        QTest::newRow("sign only") << QStringLiteral("-") << false << qint64(0);
        QTest::newRow("overflow") << QStringLiteral("99999999999999999999") << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, minor);
        const auto v = parseMinorUnits(text);
        QCOMPARE(v.has_value(), valid);
        if (valid)
            QCOMPARE(*v, minor);
    }
    void roundTripsEveryCent()
    {
        // Every amount from -10.00 to 10.00 in both spellings maps back to its cents exactly.
        for (qint64 cents = -1000; cents <= 1000; ++cents) {
            const qint64 a = cents < 0 ? -cents : cents;
            const QString text = QStringLiteral("%1%2.%3")
                                     .arg(cents < 0 ? QStringLiteral("-") : QString())
                                     .arg(a / 100)
                                     .arg(a % 100, 2, 10, QLatin1Char('0'));
            QCOMPARE(parseMinorUnits(text).value_or(-999999), cents);
        }
    }
};

QTEST_GUILESS_MAIN(TestMinorUnits)
#include "tst_minorunits.moc"
