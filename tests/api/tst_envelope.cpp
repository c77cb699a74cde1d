#include "api/envelope.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace tts;

class TestEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid()
    {
        const auto parsed = parseEnvelope("{\"code\":0,\"message\":\"Success\",\"request_id\":\"2023abc\","
                                          "\"data\":{\"shops\":[{\"id\":\"1\"}]}}");
        QVERIFY(parsed.ok);
        QCOMPARE(parsed.envelope.code, 0);
        QCOMPARE(parsed.envelope.message, QStringLiteral("Success"));
        QCOMPARE(parsed.envelope.requestId, QStringLiteral("2023abc"));
        QCOMPARE(parsed.envelope.data.value(QLatin1String("shops")).toArray().size(), 1);
    }

    void businessErrorWithNullData()
    {
        const auto parsed =
            parseEnvelope("{\"code\":105002,\"message\":\"Expired credentials\",\"data\":null}");
        QVERIFY(parsed.ok);
        QCOMPARE(parsed.envelope.code, 105002);
        QVERIFY(parsed.envelope.data.isEmpty());
        QVERIFY(parsed.envelope.requestId.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("whitespace") << QByteArray(" \n");
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
        QTest::newRow("truncated") << QByteArray(
            "{\"code\":0,\"message\":\"Success\",\"data\":{\"orders\":[{\"id\":\"57");
        QTest::newRow("array") << QByteArray("[{\"code\":0}]");
        QTest::newRow("no code") << QByteArray("{\"message\":\"ok\",\"data\":{}}");
        QTest::newRow("string code") << QByteArray("{\"code\":\"0\",\"data\":{}}");
        QTest::newRow("fractional code") << QByteArray("{\"code\":0.5,\"data\":{}}");
        QTest::newRow("huge code") << QByteArray("{\"code\":1e30,\"data\":{}}");
        QTest::newRow("data not object") << QByteArray("{\"code\":0,\"data\":[1,2]}");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4);
        QTest::newRow("trailing garbage") << QByteArray("{\"code\":0,\"data\":{}} trailing");
    }

    void malformed()
    {
        QFETCH(QByteArray, body);
        const auto parsed = parseEnvelope(body);
        QVERIFY(!parsed.ok);
        QVERIFY(!parsed.error.isEmpty());
        // The reason never quotes the body (it could hold anything).
        QVERIFY(body.size() < 8 || !parsed.error.contains(QString::fromLatin1(body.left(8))));
    }

    void randomBytesNeverCrash()
    {
        // A fuzz target in miniature: edits of a valid reply and pure noise are parsed or refused.
        const QByteArray valid =
            "{\"code\":0,\"message\":\"Success\",\"request_id\":\"r\",\"data\":{\"a\":[1]}}";
        QRandomGenerator random(7);
        int refused = 0;
        for (int round = 0; round < 5000; ++round) {
            QByteArray body = valid;
            for (int e = 0; e < 3; ++e)
                body[qsizetype(random.bounded(quint32(body.size())))] = char(random.bounded(256));
            if (round % 10 == 0) {
                body.resize(qsizetype(random.bounded(64)));
                for (char& c : body)
                    c = char(random.bounded(256));
            }
            const auto parsed = parseEnvelope(body);
            if (!parsed.ok) {
                QVERIFY(!parsed.error.isEmpty());
                ++refused;
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
