// The contract's four public signing vectors, against the emulator's signer and the test-side one
// (two independent implementations of the same algorithm).

#include "demoapi.h"
#include "signing.h"

#include <QTest>

using tts::test::Params;

class TestDemoSigning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vectors_data();
    void vectors();
    void pageTokenIsSignedDecoded();
};

void TestDemoSigning::vectors_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Params>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    const Params v2{{QStringLiteral("app_key"), QStringLiteral("68xu9ks5p4i8")},
                    {QStringLiteral("shop_cipher"), QStringLiteral("ROW_xkMbgAAAeVAQra0eZWebFQq5aIK")},
                    {QStringLiteral("timestamp"), QStringLiteral("1696909648")}};
    QTest::newRow("V1") << QStringLiteral("e59af819cc") << QStringLiteral("/authorization/202309/shops")
                        << Params{{QStringLiteral("timestamp"), QStringLiteral("1623812664")},
                                  {QStringLiteral("app_key"), QStringLiteral("29a39d")}}
                        << QByteArray()
                        << QStringLiteral("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
    QTest::newRow("V2") << QStringLiteral("e59af819cc") << QStringLiteral("/event/202309/webhooks") << v2
                        << QByteArray()
                        << QStringLiteral("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
    QTest::newRow("V3")
        << QStringLiteral("e59af819cc") << QStringLiteral("/event/202309/webhooks") << v2
        << QByteArray(R"({"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"})")
        << QStringLiteral("701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7");
    QTest::newRow("V4") << QStringLiteral("app_secret") << QStringLiteral("/test-api")
                        << Params{{QStringLiteral("foo"), QStringLiteral("bar")},
                                  {QStringLiteral("sign"), QStringLiteral("ignored")},
                                  {QStringLiteral("access_token"), QStringLiteral("ignored")}}
                        << QByteArray()
                        << QStringLiteral("d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
}

void TestDemoSigning::vectors()
{
    QFETCH(QString, secret);
    QFETCH(QString, path);
    QFETCH(Params, query);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromLatin1(tts::demo::computeSign(secret, path, query, body)), expected);
    QCOMPARE(tts::test::testSign(secret, path, query, body), expected);
}

void TestDemoSigning::pageTokenIsSignedDecoded()
{
    // The decoded value is what is signed: "+" and "%2B" must not give the same signature.
    const Params decoded{{QStringLiteral("page_token"), QStringLiteral("a+b/c=")}};
    const Params encoded{{QStringLiteral("page_token"), QStringLiteral("a%2Bb%2Fc%3D")}};
    const QByteArray a = tts::demo::computeSign(QStringLiteral("s"), QStringLiteral("/p"), decoded, {});
    QCOMPARE(QString::fromLatin1(a),
             tts::test::testSign(QStringLiteral("s"), QStringLiteral("/p"), decoded, {}));
    QVERIFY(a != tts::demo::computeSign(QStringLiteral("s"), QStringLiteral("/p"), encoded, {}));
}

QTEST_GUILESS_MAIN(TestDemoSigning)
#include "tst_demosigning.moc"
