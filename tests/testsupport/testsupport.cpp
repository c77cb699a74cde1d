#include "testsupport.h"

#include <QtTest/QTest>

namespace tts::test {

TempDir::TempDir() : m_dir(QDir::tempPath() + QStringLiteral("/tts-test-XXXXXX")) {}

std::unique_ptr<demo::Emulator> startEmulator(demo::EmulatorConfig config)
{
    auto emulator = std::make_unique<demo::Emulator>(std::move(config));
    QString error;
    if (!emulator->start(0, &error)) {
        qWarning("startEmulator: %s", qPrintable(error));
        return nullptr;
    }
    return emulator;
}

ApiConfig apiConfigFor(const demo::Emulator& emulator)
{
    ApiConfig config;
    config.apiBase = emulator.baseUrl();
    config.authBase = emulator.baseUrl();
    config.appKey = emulator.config().appKey;
    config.appSecret = emulator.config().appSecret;
    return config;
}

TokenSet issueTokenSet(demo::Emulator& emulator)
{
    const demo::IssuedTokens issued = emulator.issueTokens();
    TokenSet tokens;
    tokens.accessToken = issued.accessToken;
    tokens.accessTokenExpiresAt = issued.accessTokenExpiresAt;
    tokens.refreshToken = issued.refreshToken;
    tokens.refreshTokenExpiresAt = issued.refreshTokenExpiresAt;
    const demo::ShopSpec shop = emulator.config().shops.value(0);
    tokens.openId = QStringLiteral("demo-open-") + shop.id;
    tokens.sellerName = shop.name;
    tokens.sellerBaseRegion = shop.region;
    return tokens;
}

} // namespace tts::test
