#include "api/apierror.h"

#include <QSet>
#include <QTest>

using namespace tts;

Q_DECLARE_METATYPE(tts::ApiErrorKind)

// Every row of the contract's error table, mapped by ApiError::fromEnvelope.
class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorTable_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<bool>("reauthorize");

        auto row = [](const char* name, int http, int code, const char* message, ApiErrorKind kind,
                      bool retryable, bool reauthorize) {
            QTest::newRow(name) << http << code << QString::fromLatin1(message) << kind << retryable
                                << reauthorize;
        };
        row("success", 200, 0, "Success", ApiErrorKind::None, false, false);
        row("access token expired", 200, 105002, "Expired credentials", ApiErrorKind::AccessTokenExpired,
            false, true);
        row("access token invalid", 200, 36009004, "Invalid access_token", ApiErrorKind::AccessTokenInvalid,
            false, true);
        row("access token invalid (words)", 200, 36009004, "The access token is invalid",
            ApiErrorKind::AccessTokenInvalid, false, true);
        row("signature invalid", 401, 106001, "Invalid signature", ApiErrorKind::SignatureInvalid, false,
            false);
        row("timestamp", 200, 36009004, "Invalid timestamp: outside the allowed window",
            ApiErrorKind::TimestampInvalid, false, false);
        row("shop_cipher missing", 200, 106013, "shop_cipher is required", ApiErrorKind::ShopCipherMissing,
            false, false);
        row("shop_cipher unneeded", 200, 36009004, "shop_cipher is not needed for this API",
            ApiErrorKind::ShopCipherUnneeded, false, false);
        row("scope missing", 200, 105005, "Access denied: scope missing", ApiErrorKind::ScopeMissing, false,
            true);
        row("too many requests (code)", 200, 36009002, "Too many requests", ApiErrorKind::RateLimited, true,
            false);
        row("too many requests (429)", 429, 36009002, "Too many requests", ApiErrorKind::RateLimited, true,
            false);
        row("429 without code", 429, 0, "", ApiErrorKind::RateLimited, true, false);
        row("internal error", 200, 36009003, "Internal error", ApiErrorKind::Internal, true, false);
        row("gateway timeout", 200, 36009007, "Gateway timeout", ApiErrorKind::GatewayTimeout, true, false);
        row("unknown path", 404, 36009009, "Path not found", ApiErrorKind::UnknownPath, false, false);
        row("unknown method", 405, 36009010, "Method not allowed", ApiErrorKind::UnknownMethod, false, false);
        row("body not JSON", 400, 36009022, "Request body is not valid JSON", ApiErrorKind::BodyNotJson,
            false, false);
        row("auth code invalid", 200, 36004004, "auth code is invalid or used", ApiErrorKind::AuthCodeInvalid,
            false, true);
        row("refresh token expired", 200, 36004001, "refresh token expired",
            ApiErrorKind::RefreshTokenExpired, false, true);
        row("36009004 other cause", 200, 36009004, "Invalid parameter: page_size",
            ApiErrorKind::InvalidRequest, false, false);
        row("36009004 page_token", 200, 36009004, "Invalid page_token", ApiErrorKind::InvalidRequest, false,
            false);
        row("36009004 app_key", 200, 36009004, "Invalid app_key", ApiErrorKind::InvalidRequest, false, false);
        row("36009004 page_token", 200, 36009004, "Invalid page_token", ApiErrorKind::InvalidRequest, false,
            false);
        row("36009004 app_key", 200, 36009004, "Invalid app_key", ApiErrorKind::InvalidRequest, false, false);
        row("unknown code", 200, 12345678, "Something else", ApiErrorKind::Other, false, false);
        row("HTTP 503 without envelope code", 503, 0, "", ApiErrorKind::Internal, true, false);
        row("HTTP 504 without envelope code", 504, 0, "", ApiErrorKind::GatewayTimeout, true, false);
    }

    void errorTable()
    {
        QFETCH(int, httpStatus);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(ApiErrorKind, kind);
        QFETCH(bool, retryable);
        QFETCH(bool, reauthorize);

        const ApiError error = ApiError::fromEnvelope(httpStatus, code, message, QStringLiteral("req-1"));
        QCOMPARE(toString(error.kind), toString(kind));
        QCOMPARE(error.code, code);
        QCOMPARE(error.httpStatus, httpStatus);
        QCOMPARE(error.isRetryable(), retryable);
        QCOMPARE(error.needsReauthorization(), reauthorize);
        if (kind == ApiErrorKind::None) {
            QVERIFY(!error.isError());
            return;
        }
        QVERIFY(error.isError());
        QVERIFY(!error.message.isEmpty());
        const QString sentence = error.userMessage();
        QVERIFY(sentence.endsWith(u'.'));
        QVERIFY(sentence.size() > 20);
        QVERIFY(error.toString().contains(toString(kind)));
        QVERIFY(error.toString().contains(QStringLiteral("req-1")));
    }

    void messageIsSanitized()
    {
        const ApiError error = ApiError::fromEnvelope(200, 36009004, QString(400, u'x') + u"\n\x01", {});
        QVERIFY(error.message.size() <= 300);
        QVERIFY(!error.message.contains(u'\n'));
    }

    void everyKindHasAName()
    {
        QStringList names;
        for (int k = int(ApiErrorKind::None); k <= int(ApiErrorKind::Other); ++k)
            names.append(toString(ApiErrorKind(k)));
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
        QVERIFY(!names.contains(QStringLiteral("Unknown")));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
