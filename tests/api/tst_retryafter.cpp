#include "api/retryafter.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace tts;

class TestRetryAfter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpDate_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expected"); // -1: invalid
        const qint64 nov6 = QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC).toSecsSinceEpoch();
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << nov6;
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << nov6;
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << nov6;
        QTest::newRow("padding") << QByteArray("  Sun, 06 Nov 1994 08:49:37 GMT ") << nov6;
        QTest::newRow("leap year") << QByteArray("Thu, 29 Feb 2024 00:00:00 GMT")
                                   << QDateTime(QDate(2024, 2, 29), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QTest::newRow("not GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 PST") << qint64(-1);
        QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << qint64(-1);
        QTest::newRow("bad day") << QByteArray("Sun, 31 Feb 1994 08:49:37 GMT") << qint64(-1);
        QTest::newRow("bad time") << QByteArray("Sun, 06 Nov 1994 25:49:37 GMT") << qint64(-1);
        QTest::newRow("short time") << QByteArray("Sun, 06 Nov 1994 8:49:37 GMT") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("too many tokens") << QByteArray("a b c d e f g h i j") << qint64(-1);
    }

    void httpDate()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expected);
        const qint64 now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const auto parsed = parseHttpDate(text, now);
        if (expected < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), expected);
    }

    void rfc850CenturyWindow()
    {
        const qint64 now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const auto soon = parseHttpDate("Friday, 01-Jan-27 00:00:00 GMT", now);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(soon.value_or(0), Qt::UTC).date().year(), 2027);
        const auto old = parseHttpDate("Monday, 01-Jan-90 00:00:00 GMT", now); // > 50 years ahead: 1990
        QCOMPARE(QDateTime::fromSecsSinceEpoch(old.value_or(0), Qt::UTC).date().year(), 1990);
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: invalid
        QTest::newRow("seconds") << QByteArray("3") << qint64(3000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 12 ") << qint64(12000);
        QTest::newRow("huge capped") << QByteArray("99999999999999") << qint64(86400000);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("date ahead") << QByteArray("Thu, 01 Jan 2026 00:00:07 GMT") << qint64(7000);
        QTest::newRow("date past") << QByteArray("Wed, 31 Dec 2025 23:00:00 GMT") << qint64(0);
        QTest::newRow("asctime ahead") << QByteArray("Thu Jan  1 00:01:00 2026") << qint64(60000);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const qint64 nowMs = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const auto parsed = parseRetryAfterMs(value, nowMs);
        if (expectedMs < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), expectedMs);
    }

    void randomTextNeverCrashes()
    {
        QRandomGenerator random(11);
        const QByteArray date = "Sun, 06 Nov 1994 08:49:37 GMT";
        for (int round = 0; round < 20000; ++round) {
            QByteArray text = date;
            for (int e = 0; e < 2; ++e)
                text[qsizetype(random.bounded(quint32(text.size())))] = char(random.bounded(256));
            if (round % 5 == 0)
                text.truncate(qsizetype(random.bounded(quint32(text.size()))));
            const auto wait = parseRetryAfterMs(text, 1700000000000);
            if (wait)
                QVERIFY(*wait >= 0 && *wait <= 86400000);
            Q_UNUSED(parseHttpDate(text, 1700000000));
        }
    }
};

QTEST_GUILESS_MAIN(TestRetryAfter)
#include "tst_retryafter.moc"
