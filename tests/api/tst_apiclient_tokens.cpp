// Tokens: auth code exchange, one refresh for any number of requests hitting 105002, refresh ahead
// of expiry, the rotated refresh token replaces the old one only after the persister stored it.
#include "clientfixture.h"

#include <QDateTime>
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
