// Tokens: auth code exchange, one refresh for any number of requests hitting 105002, refresh ahead
// of expiry, the rotated refresh token replaces the old one only after the persister stored it.
#include "clientfixture.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

using namespace tts;
using namespace tts::test;

class TestApiClientTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exchangeAuthCode()
    {
        ClientFixture f;
        QVERIFY(f.start());
        f.client->setTokens({});
        const QString code = f.emulator->issueAuthCode();
        int persisted = 0;
        f.client->setTokenPersister([&](const TokenSet& tokens, std::function<void(bool)> done) {
            QVERIFY(tokens.isValid());
            ++persisted;
            done(true);
        });
        const auto result = await<TokenSet>(
            [&](ApiCallback<TokenSet> cb) { f.client->exchangeAuthCode(code, std::move(cb)); });
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->error.toString()));
        QCOMPARE(persisted, 1);
        QVERIFY(result->value.isValid());
        // Absolute Unix seconds, about 7 days ahead (not a duration).
        QVERIFY(result->value.accessTokenExpiresAt > f.emulator->now() + 6 * 86400);
        QVERIFY(result->value.refreshTokenExpiresAt > result->value.accessTokenExpiresAt);
        QCOMPARE(f.client->tokens().accessToken, result->value.accessToken);

        const auto records = f.emulator->requests();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().path, QStringLiteral("/api/v2/token/get"));
        QCOMPARE(records.first().query.queryItemValue(QStringLiteral("grant_type")),
                 QStringLiteral("authorized_code"));

        // The new tokens work; the code works once (36004004 the second time, not retried).
        const auto shops =
            await<QList<Shop>>([&](ApiCallback<QList<Shop>> cb) { f.client->fetchShops(std::move(cb)); });
        QVERIFY(shops && shops->ok());
        const auto again = await<TokenSet>(
            [&](ApiCallback<TokenSet> cb) { f.client->exchangeAuthCode(code, std::move(cb)); });
        QVERIFY(again);
        QCOMPARE(toString(again->error.kind), toString(ApiErrorKind::AuthCodeInvalid));
        QCOMPARE(again->error.code, 36004004);
        QVERIFY(again->error.needsReauthorization());
        QCOMPARE(f.client->requestCount(), quint64(3));
    }

    void concurrentExpiredRequestsShareOneRefresh()
    {
        demo::EmulatorConfig config;
        config.shops.first().orders = 300;
        ClientFixture f;
        QVERIFY(f.start(config));
        const TokenSet before = f.client->tokens();
        qint64 persistedAt = 0;
        int persisted = 0;
        f.client->setTokenPersister([&](const TokenSet&, std::function<void(bool)> done) {
            ++persisted;
            // The keychain write takes a while; nothing may use the new token before it is done.
            QTimer::singleShot(150, f.client.get(), [&persistedAt, done] {
                persistedAt = QDateTime::currentMSecsSinceEpoch();
                done(true);
            });
        });
        f.emulator->expireAccessTokens();

        const int n = 8;
        int ok = 0;
        int finished = 0;
        for (int i = 0; i < n; ++i) {
            OrderQuery query = f.orderQuery();
            query.pageSize = 10 + i;
            f.client->searchOrders(query, [&](ApiResult<OrderPage> r) {
                ++finished;
                ok += r.ok() ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, n, 30000);
        QCOMPARE(ok, n);
        QCOMPARE(f.emulator->tokenRefreshCount(), 1);
        QCOMPARE(persisted, 1);
        QVERIFY(f.client->tokens().accessToken != before.accessToken);
        QVERIFY(f.client->tokens().refreshToken != before.refreshToken); // rotated

        const auto records = f.emulator->requests();
        const auto refresh = std::find_if(records.begin(), records.end(), [](const demo::RequestRecord& r) {
            return r.path == u"/api/v2/token/refresh";
        });
        QVERIFY(refresh != records.end());
        // Every successful search used the new token, sent after the persister confirmed it.
        int successes = 0;
        for (auto it = records.begin(); it != records.end(); ++it) {
            if (it->path != u"/order/202309/orders/search" || it->code != 0)
                continue;
            QVERIFY(it > refresh);
            QVERIFY2(it->receivedMs >= persistedAt, "a request used the new token before it was stored");
            ++successes;
        }
        QCOMPARE(successes, n);
        QCOMPARE(f.client->requestCount(), quint64(2 * n + 1));
    }

    void refreshAheadOfExpiry()
    {
        demo::EmulatorConfig config;
        config.accessTokenLifetime = 300; // expires within refreshAheadSeconds (600)
        ClientFixture f;
        QVERIFY(f.start(config));
        const QString oldToken = f.client->tokens().accessToken;
        const auto first = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(first && first->ok());
        QCOMPARE(f.emulator->tokenRefreshCount(), 1);
        QVERIFY(f.client->tokens().accessToken != oldToken);
        const auto records = f.emulator->requests();
        QCOMPARE(records.size(), 2); // the refresh first, then the search with the fresh token
        QCOMPARE(records[0].path, QStringLiteral("/api/v2/token/refresh"));
        QCOMPARE(records[1].code, 0);

        // The new token is short-lived too: it is used, not refreshed again and again.
        const auto second = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(second && second->ok());
        QCOMPARE(f.emulator->tokenRefreshCount(), 1);
    }

    void rotatedRefreshTokenReplacesTheOld()
    {
        ClientFixture f;
        QVERIFY(f.start());
        QStringList refreshTokens{f.client->tokens().refreshToken};
        for (int i = 0; i < 3; ++i) {
            const auto result =
                await<TokenSet>([&](ApiCallback<TokenSet> cb) { f.client->refreshTokens(std::move(cb)); });
            QVERIFY(result);
            QVERIFY2(result->ok(), qPrintable(result->error.toString()));
            QVERIFY(!refreshTokens.contains(result->value.refreshToken));
            QCOMPARE(f.client->tokens().refreshToken, result->value.refreshToken);
            // The request used the refresh token of the previous round.
            QCOMPARE(f.emulator->requests().last().query.queryItemValue(QStringLiteral("refresh_token"),
                                                                        QUrl::FullyDecoded),
                     refreshTokens.last());
            refreshTokens.append(result->value.refreshToken);
        }
        QCOMPARE(f.emulator->tokenRefreshCount(), 3);
    }

    void persisterFailureFailsTheWaitingRequests()
    {
        ClientFixture f;
        QVERIFY(f.start());
        const TokenSet before = f.client->tokens();
        f.client->setTokenPersister([](const TokenSet&, std::function<void(bool)> done) { done(false); });
        f.emulator->expireAccessTokens();
        const auto result = awaitOrders(*f.client, f.orderQuery());
        QVERIFY(result);
        QVERIFY(result->error.isError());
        QCOMPARE(f.client->tokens().accessToken, before.accessToken); // unstored tokens are not used
        QCOMPARE(f.emulator->tokenRefreshCount(), 1);
    }

    void concurrentRefreshCallsShareOneRefresh()
    {
        ClientFixture f;
        QVERIFY(f.start());
        int finished = 0;
        QStringList tokens;
        for (int i = 0; i < 3; ++i)
            f.client->refreshTokens([&](ApiResult<TokenSet> r) {
                ++finished;
                tokens.append(r.value.accessToken);
            });
        QTRY_COMPARE(finished, 3);
        QCOMPARE(f.emulator->tokenRefreshCount(), 1);
        QCOMPARE(tokens.size(), 3);
        QCOMPARE(tokens.count(tokens.first()), 3);
        QCOMPARE(f.client->tokens().accessToken, tokens.first());
    }

    void noSecretInAnyLogLine()
    {
        static QStringList lines;
        lines.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("tts.api.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { lines.append(message); });

        demo::EmulatorConfig config;
        config.shops.first().orders = 300;
        ClientFixture f;
        QVERIFY(f.start(config, [](ApiConfig& api) { api.maxAttempts = 2; }));
        const TokenSet before = f.client->tokens();
        // Refresh, retries, a rate limit, a failure after retries and a signature error.
        f.emulator->expireAccessTokens();
        f.emulator->injectFault(demo::Fault::RateLimited, 1, QStringLiteral("orders/search"));
        QVERIFY(awaitOrders(*f.client, f.orderQuery()).has_value());
        f.emulator->injectFault(demo::Fault::InternalError, 5, QStringLiteral("orders/search"));
        QVERIFY(awaitOrders(*f.client, f.orderQuery()).has_value());
        const TokenSet after = f.client->tokens();
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QStringLiteral("tts.api.debug=false"));

        QVERIFY(lines.size() >= 4);
        const QStringList secrets{
            config.appSecret,   before.accessToken,      before.refreshToken,          after.accessToken,
            after.refreshToken, QStringLiteral("sign="), QStringLiteral("app_secret=")};
        for (const QString& line : std::as_const(lines)) {
            for (const QString& secret : secrets)
                QVERIFY2(!line.contains(secret), qPrintable(line));
        }
    }

    void destroyedWithRequestsInFlight()
    {
        demo::EmulatorConfig config;
        config.faults.latencyMs = 200;
        ClientFixture f;
        QVERIFY(f.start(config));
        int callbacks = 0;
        for (int i = 0; i < 4; ++i)
            f.client->searchOrders(f.orderQuery(), [&callbacks](ApiResult<OrderPage>) { ++callbacks; });
        QTRY_VERIFY(f.emulator->requestCount() >= 1);
        f.client.reset(); // aborts silently: no callback into a world being torn down
        QTest::qWait(300);
        QCOMPARE(callbacks, 0);
    }

    void expiredRefreshTokenNeedsReauthorization()
    {
        ClientFixture f;
        QVERIFY(f.start());
        f.emulator->expireAccessTokens();
        f.emulator->expireRefreshTokens();
        int finished = 0;
        QList<ApiError> errors;
        for (int i = 0; i < 3; ++i)
            f.client->searchOrders(f.orderQuery(), [&](ApiResult<OrderPage> r) {
                ++finished;
                errors.append(r.error);
            });
        QTRY_COMPARE_WITH_TIMEOUT(finished, 3, 30000);
        for (const ApiError& error : std::as_const(errors)) {
            QCOMPARE(toString(error.kind), toString(ApiErrorKind::RefreshTokenExpired));
            QCOMPARE(error.code, 36004001);
            QVERIFY(error.needsReauthorization());
        }
        QCOMPARE(f.emulator->requestCount(QStringLiteral("/api/v2/token/refresh")), quint64(1));
    }
};

QTEST_GUILESS_MAIN(TestApiClientTokens)
#include "tst_apiclient_tokens.moc"
