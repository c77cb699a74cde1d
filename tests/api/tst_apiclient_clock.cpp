// The server rejects the timestamp (its clock is off): the client learns the offset from the
// Date header and retries once; later requests use the corrected clock at once.
#include "clientfixture.h"

#include <QStandardPaths>

using namespace tts;
using namespace tts::test;

class TestApiClientClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void skewCorrectedFromDate_data()
    {
        QTest::addColumn<qint64>("skew");
        QTest::newRow("server 1 h ahead") << qint64(3600);
        QTest::newRow("server 10 min behind") << qint64(-600);
        QTest::newRow("server 2 days ahead") << qint64(2 * 86400);
    }

    void skewCorrectedFromDate()
    {
        QFETCH(qint64, skew);
        demo::EmulatorConfig config;
        config.faults.clockSkewSeconds = skew;
        ClientFixture f;
        QVERIFY(f.start(config));
        const auto first = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(first);
        QVERIFY2(first->ok(), qPrintable(first->error.toString()));
        QCOMPARE(f.client->requestCount(), quint64(2));
        const auto records = f.emulator->requests();
        QCOMPARE(records.first().code, 36009004);
        QCOMPARE(records.last().code, 0);
        QVERIFY2(qAbs(f.client->clockOffsetSeconds() - skew) <= 2,
                 qPrintable(QString::number(f.client->clockOffsetSeconds())));

        const auto second = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(second && second->ok());
        QCOMPARE(f.client->requestCount(), quint64(3)); // no second rejection
    }

    void smallSkewNeedsNoCorrection()
    {
        demo::EmulatorConfig config;
        config.faults.clockSkewSeconds = 20; // inside -5 min .. +30 s
        ClientFixture f;
        QVERIFY(f.start(config));
        const auto result = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(result && result->ok());
        QCOMPARE(f.client->requestCount(), quint64(1));
        QCOMPARE(f.client->clockOffsetSeconds(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiClientClock)
#include "tst_apiclient_clock.moc"
