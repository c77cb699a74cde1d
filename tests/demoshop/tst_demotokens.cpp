// Token lifecycle on the auth host: single-use codes, the exact grant_type, absolute expiries,
// rotation, expired access (105002) and refresh (36004001) tokens; the consent page.

#include "demoapi.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using tts::test::DemoApi;
using tts::test::HttpResult;
using tts::test::Params;

class TestDemoTokens : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exchangeIsSingleUse();
    void grantTypeIsExact();
    void wrongCredentials();
    void refreshRotates();
    void expiredAccessToken();
    void expiredRefreshToken();
    void expiryFollowsTheClock();
    void tokensSurviveARestart();
    void consentPage();
    void demoAuthCode();

private:
    HttpResult exchange(const QString& code, const QString& grantType = QStringLiteral("authorized_code"));
    HttpResult refresh(const QString& refreshToken);

    std::unique_ptr<tts::demo::Emulator> m_emulator;
    std::unique_ptr<DemoApi> m_api;
};

void TestDemoTokens::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 50;
    config.accessTokenLifetime = 3600;
    config.refreshTokenLifetime = 86400;
    m_emulator = tts::test::startEmulator(config);
    QVERIFY(m_emulator);
    m_api = std::make_unique<DemoApi>(*m_emulator);
}

HttpResult TestDemoTokens::exchange(const QString& code, const QString& grantType)
{
    return m_api->request("GET", QStringLiteral("/api/v2/token/get"),
                          {{QStringLiteral("app_key"), m_emulator->config().appKey},
                           {QStringLiteral("app_secret"), m_emulator->config().appSecret},
                           {QStringLiteral("auth_code"), code},
                           {QStringLiteral("grant_type"), grantType}});
}

HttpResult TestDemoTokens::refresh(const QString& refreshToken)
{
    return m_api->request("GET", QStringLiteral("/api/v2/token/refresh"),
                          {{QStringLiteral("app_key"), m_emulator->config().appKey},
                           {QStringLiteral("app_secret"), m_emulator->config().appSecret},
                           {QStringLiteral("refresh_token"), refreshToken},
                           {QStringLiteral("grant_type"), QStringLiteral("refresh_token")}});
}

void TestDemoTokens::exchangeIsSingleUse()
{
    const QString code = m_emulator->issueAuthCode();
    const qint64 before = m_emulator->now();
    const HttpResult first = exchange(code);
    QCOMPARE(first.code(), 0);
    const QJsonObject data = first.data();
    for (const char* key : {"access_token", "refresh_token", "open_id", "seller_name", "seller_base_region"})
        QVERIFY2(!data.value(QLatin1String(key)).toString().isEmpty(), key);
    QVERIFY(data.value(QStringLiteral("user_type")).isDouble());
    QVERIFY(!data.value(QStringLiteral("granted_scopes")).toArray().isEmpty());
    // Absolute Unix timestamps, not durations.
    const qint64 accessExpiry = data.value(QStringLiteral("access_token_expire_in")).toInteger();
    const qint64 refreshExpiry = data.value(QStringLiteral("refresh_token_expire_in")).toInteger();
    QVERIFY(accessExpiry >= before + 3600 && accessExpiry <= m_emulator->now() + 3600);
    QVERIFY(refreshExpiry >= before + 86400 && refreshExpiry <= m_emulator->now() + 86400);
    // The token works on a signed call.
    m_api->accessToken = data.value(QStringLiteral("access_token")).toString();
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    // The code works once.
    QCOMPARE(exchange(code).code(), 36004004);
    QCOMPARE(exchange(QStringLiteral("ROW_madeup")).code(), 36004004);
}

void TestDemoTokens::grantTypeIsExact()
{
    const QString code = m_emulator->issueAuthCode();
    QCOMPARE(exchange(code, QStringLiteral("authorization_code")).code(), 36009004);
    // The refused attempt did not consume the code.
    QCOMPARE(exchange(code).code(), 0);
    const QString refreshToken =
        exchange(m_emulator->issueAuthCode()).data().value(QStringLiteral("refresh_token")).toString();
    HttpResult wrong = m_api->request("GET", QStringLiteral("/api/v2/token/refresh"),
                                      {{QStringLiteral("app_key"), m_emulator->config().appKey},
                                       {QStringLiteral("app_secret"), m_emulator->config().appSecret},
                                       {QStringLiteral("refresh_token"), refreshToken},
                                       {QStringLiteral("grant_type"), QStringLiteral("refresh")}});
    QCOMPARE(wrong.code(), 36009004);
    QCOMPARE(refresh(refreshToken).code(), 0);
}

void TestDemoTokens::wrongCredentials()
{
    const HttpResult r = m_api->request("GET", QStringLiteral("/api/v2/token/get"),
                                        {{QStringLiteral("app_key"), m_emulator->config().appKey},
                                         {QStringLiteral("app_secret"), QStringLiteral("not-the-secret")},
                                         {QStringLiteral("auth_code"), m_emulator->issueAuthCode()},
                                         {QStringLiteral("grant_type"), QStringLiteral("authorized_code")}});
    QCOMPARE(r.code(), 36009004);
    QVERIFY(!r.body.contains("not-the-secret"));
}

void TestDemoTokens::refreshRotates()
{
    const int refreshesBefore = m_emulator->tokenRefreshCount();
    const QJsonObject first = exchange(m_emulator->issueAuthCode()).data();
    const QString oldRefresh = first.value(QStringLiteral("refresh_token")).toString();
    const HttpResult rotated = refresh(oldRefresh);
    QCOMPARE(rotated.code(), 0);
    const QString newRefresh = rotated.data().value(QStringLiteral("refresh_token")).toString();
    const QString newAccess = rotated.data().value(QStringLiteral("access_token")).toString();
    QVERIFY(newRefresh != oldRefresh);
    QVERIFY(newAccess != first.value(QStringLiteral("access_token")).toString());
    QCOMPARE(m_emulator->tokenRefreshCount(), refreshesBefore + 1);
    // The old refresh token stops working; the new one works (and rotates again).
    QCOMPARE(refresh(oldRefresh).code(), 36004004);
    m_api->accessToken = newAccess;
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    QCOMPARE(refresh(newRefresh).code(), 0);
    QCOMPARE(m_emulator->tokenRefreshCount(), refreshesBefore + 2);
}

void TestDemoTokens::expiredAccessToken()
{
    const tts::demo::IssuedTokens tokens = m_emulator->issueTokens();
    m_api->accessToken = tokens.accessToken;
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    m_emulator->expireAccessTokens();
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 105002);
    // A refresh gives a working token again.
    const HttpResult refreshed = refresh(tokens.refreshToken);
    QCOMPARE(refreshed.code(), 0);
    m_api->accessToken = refreshed.data().value(QStringLiteral("access_token")).toString();
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
}

void TestDemoTokens::expiredRefreshToken()
{
    const tts::demo::IssuedTokens tokens = m_emulator->issueTokens();
    m_emulator->expireRefreshTokens();
    QCOMPARE(refresh(tokens.refreshToken).code(), 36004001);
}

void TestDemoTokens::expiryFollowsTheClock()
{
    // Codes last 30 minutes, access tokens their configured lifetime (3600 s here): moving the
    // emulator's clock forward expires them.
    const QString code = m_emulator->issueAuthCode();
    const tts::demo::IssuedTokens tokens = m_emulator->issueTokens();
    m_api->accessToken = tokens.accessToken;
    tts::demo::FaultConfig faults = m_emulator->faults();
    faults.clockSkewSeconds = 29 * 60;
    m_emulator->setFaults(faults);
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    faults.clockSkewSeconds = 31 * 60;
    m_emulator->setFaults(faults);
    QCOMPARE(exchange(code).code(), 36004004);
    faults.clockSkewSeconds = 3601;
    m_emulator->setFaults(faults);
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 105002);
    faults.clockSkewSeconds = 0;
    m_emulator->setFaults(faults);
    QCOMPARE(m_api->call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
}

void TestDemoTokens::tokensSurviveARestart()
{
    // The demo server restarts with the window; tokens in the keychain keep working.
    const tts::demo::IssuedTokens tokens = m_emulator->issueTokens();
    auto restarted = tts::test::startEmulator(m_emulator->config());
    QVERIFY(restarted);
    DemoApi api(*restarted);
    api.accessToken = tokens.accessToken;
    QCOMPARE(api.call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    // A forged or foreign token is not.
    QString forged = tokens.accessToken;
    forged[8] = forged[8] == u'A' ? u'B' : u'A';
    api.accessToken = forged;
    QCOMPARE(api.call("GET", QStringLiteral("/authorization/202309/shops")).code(), 36009004);
    tts::demo::EmulatorConfig other = m_emulator->config();
    other.appSecret = QStringLiteral("another-secret");
    auto foreign = tts::test::startEmulator(other);
    QVERIFY(foreign);
    DemoApi foreignApi(*foreign);
    foreignApi.accessToken = tokens.accessToken;
    QCOMPARE(foreignApi.call("GET", QStringLiteral("/authorization/202309/shops")).code(), 36009004);
    // A refresh token is not an access token.
    api.accessToken = tokens.refreshToken;
    QCOMPARE(api.call("GET", QStringLiteral("/authorization/202309/shops")).code(), 36009004);
}

void TestDemoTokens::consentPage()
{
    // Without redirect_uri: an HTML page showing a working code.
    HttpResult page = m_api->request("GET", QStringLiteral("/open/authorize"),
                                     {{QStringLiteral("service_id"), QStringLiteral("123")},
                                      {QStringLiteral("state"), QStringLiteral("s1")}});
    QCOMPARE(page.status, 200);
    const qsizetype start = page.body.indexOf("<code id=\"code\">") + 16;
    const QString shown = QString::fromLatin1(page.body.mid(start, page.body.indexOf("</code>") - start));
    QCOMPARE(exchange(shown).code(), 0);
    // With a loopback redirect_uri: 302 carrying code and state.
    HttpResult redirect =
        m_api->request("GET", QStringLiteral("/open/authorize"),
                       {{QStringLiteral("service_id"), QStringLiteral("123")},
                        {QStringLiteral("state"), QStringLiteral("xyz+/ 1")},
                        {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:9/cb")}});
    QCOMPARE(redirect.status, 302);
    const QUrl location = QUrl::fromEncoded(redirect.header("Location"));
    QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(location.path(), QStringLiteral("/cb"));
    const QUrlQuery query(location);
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("xyz+/ 1"));
    QCOMPARE(exchange(query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)).code(), 0);
    // Anything but loopback http is refused.
    redirect = m_api->request("GET", QStringLiteral("/open/authorize"),
                              {{QStringLiteral("service_id"), QStringLiteral("123")},
                               {QStringLiteral("state"), QStringLiteral("s")},
                               {QStringLiteral("redirect_uri"), QStringLiteral("https://evil.example/cb")}});
    QCOMPARE(redirect.status, 400);
    QVERIFY(redirect.header("Location").isEmpty());
}

void TestDemoTokens::demoAuthCode()
{
    const HttpResult r = m_api->request("GET", QStringLiteral("/demo/auth-code"), {});
    QCOMPARE(r.code(), 0);
    const QString code = r.data().value(QStringLiteral("auth_code")).toString();
    QVERIFY(!code.isEmpty());
    QCOMPARE(exchange(code).code(), 0);
}

QTEST_GUILESS_MAIN(TestDemoTokens)
#include "tst_demotokens.moc"
