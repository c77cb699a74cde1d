#include "secrets/tokenserialization.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tts;

class TestTokenSerialization : public QObject
{
    Q_OBJECT

private:
    static TokenSet sample()
    {
        TokenSet t;
        t.accessToken = QStringLiteral("ROW_access.Tk-\u00e9\u4e2d/+=");
        t.accessTokenExpiresAt = 1'900'000'000;
        t.refreshToken = QStringLiteral("ROW_refresh_\U0001F511");
        t.refreshTokenExpiresAt = 4'102'444'800; // beyond 2038: needs 64 bits
        t.openId = QStringLiteral("open-1");
        t.sellerName = QStringLiteral("Caf\u00e9 \"Quote\" \\ Shop");
        t.sellerBaseRegion = QStringLiteral("GB");
        return t;
    }

    static QJsonObject sampleObject()
    {
        return QJsonDocument::fromJson(tokensToJson(sample()).toUtf8()).object();
    }

    static QString withValue(const QString& key, const QJsonValue& value)
    {
        QJsonObject o = sampleObject();
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

private slots:
    void roundTrip()
    {
        const TokenSet in = sample();
        const QString json = tokensToJson(in);
        const std::optional<TokenSet> out = tokensFromJson(json);
        QVERIFY(out.has_value());
        QCOMPARE(out->accessToken, in.accessToken);
        QCOMPARE(out->accessTokenExpiresAt, in.accessTokenExpiresAt);
        QCOMPARE(out->refreshToken, in.refreshToken);
        QCOMPARE(out->refreshTokenExpiresAt, in.refreshTokenExpiresAt);
        QCOMPARE(out->openId, in.openId);
        QCOMPARE(out->sellerName, in.sellerName);
        QCOMPARE(out->sellerBaseRegion, in.sellerBaseRegion);
        // Serialising again gives the same text: nothing is lost or reordered.
        QCOMPARE(tokensToJson(*out), json);
    }

    void optionalFieldsMayBeMissing()
    {
        QJsonObject o = sampleObject();
        o.remove(QStringLiteral("open_id"));
        o.remove(QStringLiteral("seller_name"));
        o.remove(QStringLiteral("seller_base_region"));
        const auto out = tokensFromJson(QString::fromUtf8(QJsonDocument(o).toJson()));
        QVERIFY(out.has_value());
        QCOMPARE(out->accessToken, sample().accessToken);
        QVERIFY(out->openId.isEmpty());
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("empty") << QString();
        QTest::newRow("whitespace") << QStringLiteral("   ");
        QTest::newRow("null") << QStringLiteral("null");
        QTest::newRow("array") << QStringLiteral("[1,2]");
        QTest::newRow("string") << QStringLiteral("\"token\"");
        QTest::newRow("empty object") << QStringLiteral("{}");
        QTest::newRow("truncated") << tokensToJson(sample()).chopped(5);
        QTest::newRow("trailing garbage") << tokensToJson(sample()) + QStringLiteral("x");
        QTest::newRow("raw token") << QStringLiteral("ROW_access.token");
        QTest::newRow("no version") << withValue(QStringLiteral("version"), QJsonValue::Undefined);
        QTest::newRow("future version") << withValue(QStringLiteral("version"), 2);
        QTest::newRow("no access token") << withValue(QStringLiteral("access_token"), QJsonValue::Undefined);
        QTest::newRow("empty access token") << withValue(QStringLiteral("access_token"), QString());
        QTest::newRow("numeric access token") << withValue(QStringLiteral("access_token"), 12345);
        QTest::newRow("null refresh token") << withValue(QStringLiteral("refresh_token"), QJsonValue::Null);
        QTest::newRow("empty refresh token") << withValue(QStringLiteral("refresh_token"), QString());
        QTest::newRow("expiry as string")
            << withValue(QStringLiteral("access_token_expires_at"), QStringLiteral("1900000000"));
        QTest::newRow("fractional expiry") << withValue(QStringLiteral("access_token_expires_at"), 1.5);
        QTest::newRow("negative expiry") << withValue(QStringLiteral("refresh_token_expires_at"), -1);
        QTest::newRow("huge expiry") << withValue(QStringLiteral("refresh_token_expires_at"), 1e300);
        QTest::newRow("missing expiry")
            << withValue(QStringLiteral("refresh_token_expires_at"), QJsonValue::Undefined);
        QTest::newRow("seller name object") << withValue(QStringLiteral("seller_name"), QJsonObject());
    }

    void rejectsMalformed()
    {
        QFETCH(QString, json);
        QVERIFY(!tokensFromJson(json).has_value());
    }
};

QTEST_GUILESS_MAIN(TestTokenSerialization)
#include "tst_tokenserialization.moc"
