#pragma once

// Shared by the client tests: an emulator on 127.0.0.1, a network manager and a client configured
// for it with fast backoff, and await() to run one asynchronous call to completion.

#include "api/apiclient.h"
#include "testsupport.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

namespace tts::test {

struct ClientFixture
{
    std::unique_ptr<demo::Emulator> emulator;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<ApiClient> client;

    static ApiConfig fastConfig(const demo::Emulator& emulator)
    {
        ApiConfig config;
        config.apiBase = emulator.baseUrl();
        config.authBase = emulator.baseUrl();
        config.appKey = emulator.config().appKey;
        config.appSecret = emulator.config().appSecret;
        config.requestsPerSecond = 0; // unlimited unless a test paces
        config.backoffBaseMs = 5;
        config.backoffMaxMs = 50;
        config.transferTimeoutMs = 5000;
        return config;
    }

    // Starts the emulator and a client with tokens issued by it. `adjust` may change the config.
    bool start(demo::EmulatorConfig emulatorConfig = {}, std::function<void(ApiConfig&)> adjust = {})
    {
        emulator = startEmulator(std::move(emulatorConfig));
        if (!emulator)
            return false;
        nam = std::make_unique<QNetworkAccessManager>();
        ApiConfig config = fastConfig(*emulator);
        if (adjust)
            adjust(config);
        client = std::make_unique<ApiClient>(nam.get(), config);
        const demo::IssuedTokens issued = emulator->issueTokens();
        TokenSet tokens;
        tokens.accessToken = issued.accessToken;
        tokens.accessTokenExpiresAt = issued.accessTokenExpiresAt;
        tokens.refreshToken = issued.refreshToken;
        tokens.refreshTokenExpiresAt = issued.refreshTokenExpiresAt;
        client->setTokens(tokens);
        return true;
    }

    QString cipher() const { return emulator->config().shops.first().cipher; }
    QString shopId() const { return emulator->config().shops.first().id; }

    OrderQuery orderQuery() const
    {
        OrderQuery query;
        query.shopCipher = cipher();
        return query;
    }
};

// Runs `start(callback)` and waits for the callback; nothing when it did not come in time.
template <typename T>
std::optional<ApiResult<T>> await(const std::function<void(ApiCallback<T>)>& start, int timeoutMs = 60000)
{
    auto result = std::make_shared<std::optional<ApiResult<T>>>();
    start([result](ApiResult<T> r) { *result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result->has_value(); }, timeoutMs))
        return std::nullopt;
    return *result;
}

inline std::optional<ApiResult<OrderPage>> awaitOrders(ApiClient& client, const OrderQuery& query,
                                                       int timeoutMs = 60000)
{
    return await<OrderPage>([&](ApiCallback<OrderPage> cb) { client.searchOrders(query, std::move(cb)); },
                            timeoutMs);
}

} // namespace tts::test
