// The auth host (token get / refresh, not signed), the seller consent page and the demo-only
// auth-code endpoint.

#include "emulator_p.h"
#include "jsonwriter.h"

#include <QUrl>
#include <QUrlQuery>

namespace tts::demo {

namespace {

constexpr qint64 kAuthCodeLifetime = 30 * 60;

ApiReply fail(int code, const QString& message)
{
    ApiReply reply;
    reply.code = code;
    reply.message = message;
    return reply;
}

bool isLoopbackHttp(const QUrl& url)
{
    const QString host = url.host();
    return url.isValid() && url.scheme() == u"http" &&
           (host == u"127.0.0.1" || host == u"localhost" || host == u"::1");
}

} // namespace

static QByteArray tokenData(const EmulatorPrivate& p, const IssuedTokens& tokens)
{
    using namespace json;
    const ShopSpec first = p.shopData.empty() ? ShopSpec{} : p.shopData.front().spec;
    QByteArray data;
    raw(data, "{\"access_token\":");
    str(data, tokens.accessToken);
    raw(data, ",\"access_token_expire_in\":");
    num(data, tokens.accessTokenExpiresAt);
    raw(data, ",\"refresh_token\":");
    str(data, tokens.refreshToken);
    raw(data, ",\"refresh_token_expire_in\":");
    num(data, tokens.refreshTokenExpiresAt);
    raw(data, ",\"open_id\":");
    str(data, QStringLiteral("demo-open-") + first.id);
    raw(data, ",\"seller_name\":");
    str(data, first.name);
    raw(data, ",\"seller_base_region\":");
    str(data, first.region);
    raw(data, ",\"user_type\":0,\"granted_scopes\":[\"seller.authorization.info\",\"seller.order.info\","
              "\"seller.product.basic\",\"seller.shop.info\"]}");
    return data;
}

ApiReply EmulatorPrivate::tokenGet(const HttpRequest& request)
{
    if (request.queryValue(QStringLiteral("app_key")) != config.appKey ||
        request.queryValue(QStringLiteral("app_secret")) != config.appSecret)
        return fail(36009004, QStringLiteral("Invalid app_key or app_secret"));
    if (request.queryValue(QStringLiteral("grant_type")) != u"authorized_code")
        return fail(36009004, QStringLiteral("Invalid grant_type"));
    const QString code = request.queryValue(QStringLiteral("auth_code"));
    const auto it = authCodes.constFind(code);
    const bool valid = it != authCodes.constEnd() && it.value() + kAuthCodeLifetime > now();
    if (it != authCodes.constEnd())
        authCodes.erase(it); // single use, even when it has expired
    if (!valid)
        return fail(36004004, QStringLiteral("The auth code is invalid, expired or already used"));
    ApiReply reply;
    reply.data = tokenData(*this, issueTokensLocked());
    return reply;
}

ApiReply EmulatorPrivate::tokenRefresh(const HttpRequest& request)
{
    if (request.queryValue(QStringLiteral("app_key")) != config.appKey ||
        request.queryValue(QStringLiteral("app_secret")) != config.appSecret)
        return fail(36009004, QStringLiteral("Invalid app_key or app_secret"));
    if (request.queryValue(QStringLiteral("grant_type")) != u"refresh_token")
        return fail(36009004, QStringLiteral("Invalid grant_type"));
    const QString refreshToken = request.queryValue(QStringLiteral("refresh_token"));
    const auto claims = readToken(refreshToken, 'R');
    if (!claims || revokedRefreshTokens.contains(refreshToken))
        return fail(36004004, QStringLiteral("The refresh token is invalid"));
    if (claims->expiresAt <= now() || claims->stamp <= refreshExpiredUpTo)
        return fail(36004001, QStringLiteral("The refresh token has expired; authorize the shop again"));
    revokedRefreshTokens.insert(refreshToken); // rotation: the old refresh token stops working
    ++refreshCount;
    ApiReply reply;
    reply.data = tokenData(*this, issueTokensLocked());
    return reply;
}

ApiReply EmulatorPrivate::demoAuthCode()
{
    ApiReply reply;
    reply.data = "{\"auth_code\":";
    json::str(reply.data, issueAuthCodeLocked());
    reply.data += '}';
    return reply;
}

HttpResponse EmulatorPrivate::consentPage(const HttpRequest& request)
{
    HttpResponse response;
    response.contentType = "text/html; charset=utf-8";
    const QString state = request.queryValue(QStringLiteral("state"));
    if (request.queryValue(QStringLiteral("service_id")).isEmpty()) {
        response.status = 400;
        response.body = "<!DOCTYPE html><html><body><p>Missing service_id.</p></body></html>";
        return response;
    }
    const bool hasRedirect = request.hasQuery(QStringLiteral("redirect_uri"));
    const QUrl redirect(request.queryValue(QStringLiteral("redirect_uri")));
    if (hasRedirect && !isLoopbackHttp(redirect)) {
        response.status = 400;
        response.body = "<!DOCTYPE html><html><body><p>The demo shop only redirects to http://127.0.0.1 "
                        "or http://localhost.</p></body></html>";
        return response;
    }
    const QString code = issueAuthCodeLocked();
    if (hasRedirect) {
        QUrl target = redirect;
        QUrlQuery query(target);
        query.addQueryItem(QStringLiteral("code"), QString::fromLatin1(QUrl::toPercentEncoding(code)));
        query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
        target.setQuery(query);
        response.status = 302;
        response.headers.append({"Location", target.toEncoded()});
        response.body = "<!DOCTYPE html><html><body>Redirecting...</body></html>";
        return response;
    }
    response.body =
        "<!DOCTYPE html><html><head><title>Authorize the demo shop</title></head><body>"
        "<h1>Sunrise demo shop</h1><p>The app is authorized. Auth code:</p><p><code id=\"code\">" +
        code.toHtmlEscaped().toUtf8() + "</code></p><p>State: " + state.toHtmlEscaped().toUtf8() +
        "</p></body></html>";
    return response;
}

} // namespace tts::demo
