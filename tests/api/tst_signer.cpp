#include "api/requestbuilder.h"
#include "api/signer.h"

#include <QTest>
#include <QUrlQuery>

using namespace tts;

class TestSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicVectors_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("query"); // key, value, key, value ...
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");

        const QStringList v2Query{
            QStringLiteral("app_key"),     QStringLiteral("68xu9ks5p4i8"),
            QStringLiteral("shop_cipher"), QStringLiteral("ROW_xkMbgAAAeVAQra0eZWebFQq5aIK"),
            QStringLiteral("timestamp"),   QStringLiteral("1696909648")};
        QTest::newRow("V1 shops") << QStringLiteral("e59af819cc")
                                  << QStringLiteral("/authorization/202309/shops")
                                  << QStringList{QStringLiteral("app_key"), QStringLiteral("29a39d"),
                                                 QStringLiteral("timestamp"), QStringLiteral("1623812664")}
                                  << QByteArray()
                                  << QStringLiteral(
                                         "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
        QTest::newRow("V2 webhooks GET")
            << QStringLiteral("e59af819cc") << QStringLiteral("/event/202309/webhooks") << v2Query
            << QByteArray()
            << QStringLiteral("ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37");
        QTest::newRow("V3 webhooks PUT with body")
            << QStringLiteral("e59af819cc") << QStringLiteral("/event/202309/webhooks") << v2Query
            << QByteArray(
                   "{\"event_type\":\"PACKAGE_UPDATE\",\"address\":\"https://partner.tiktokshop.com\"}")
            << QStringLiteral("701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7");
        QTest::newRow("V4 test-api")
            << QStringLiteral("app_secret") << QStringLiteral("/test-api")
            << QStringList{QStringLiteral("foo"), QStringLiteral("bar")} << QByteArray()
            << QStringLiteral("d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
    }

    void publicVectors()
    {
        QFETCH(QString, secret);
        QFETCH(QString, path);
        QFETCH(QStringList, query);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);

        QueryPairs pairs;
        for (qsizetype i = 0; i + 1 < query.size(); i += 2)
            pairs.append({query[i], query[i + 1]});
        QCOMPARE(sign(secret, path, pairs, body), expected);

        // Order of the parameters does not matter; sign and access_token are never signed.
        std::reverse(pairs.begin(), pairs.end());
        pairs.append({QStringLiteral("sign"), QStringLiteral("whatever")});
        pairs.append({QStringLiteral("access_token"), QStringLiteral("tok")});
        QCOMPARE(sign(secret, path, pairs, body), expected);
    }

    void baseIsSortedByteOrder()
    {
        const QueryPairs pairs{{QStringLiteral("b"), QStringLiteral("2")},
                               {QStringLiteral("B"), QStringLiteral("1")},
                               {QStringLiteral("a_b"), QStringLiteral("3")},
                               {QStringLiteral("ab"), QStringLiteral("4")}};
        // Byte order: 'B' (0x42) < 'a' (0x61); "a_b" ('_' 0x5f) < "ab" ('b' 0x62).
        QCOMPARE(signingBase(QStringLiteral("/p"), pairs, "{}"), QByteArray("/pB1a_b3ab4b2{}"));
    }

    void pageTokenSignedDecodedSentEncoded()
    {
        const QString token = QStringLiteral("aB+/c=d e");
        const QUrl url = buildSignedUrl(QUrl(QStringLiteral("http://127.0.0.1:8080")),
                                        QStringLiteral("/order/202309/orders/search"),
                                        {{QStringLiteral("page_token"), token},
                                         {QStringLiteral("page_size"), QStringLiteral("100")},
                                         {QStringLiteral("order_status"), QString()}},
                                        "{}", QStringLiteral("key"), QStringLiteral("secret"), 1700000000);
        const QByteArray encoded = url.toEncoded();
        QVERIFY2(encoded.contains("page_token=aB%2B%2Fc%3Dd%20e"), encoded.constData());
        QVERIFY(!encoded.contains("order_status")); // empty parameters are left out
        QCOMPARE(url.path(), QStringLiteral("/order/202309/orders/search"));

        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("page_token"), QUrl::FullyDecoded), token);
        const QueryPairs signedPairs{{QStringLiteral("page_token"), token},
                                     {QStringLiteral("page_size"), QStringLiteral("100")},
                                     {QStringLiteral("app_key"), QStringLiteral("key")},
                                     {QStringLiteral("timestamp"), QStringLiteral("1700000000")}};
        QCOMPARE(
            query.queryItemValue(QStringLiteral("sign")),
            sign(QStringLiteral("secret"), QStringLiteral("/order/202309/orders/search"), signedPairs, "{}"));
    }
};

QTEST_GUILESS_MAIN(TestSigner)
#include "tst_signer.moc"
