// Token exchange and the single-flight refresh of ApiClient.
#include "apiclient_p.h"
#include "apilog.h"
#include "jsonmapping.h"

namespace tts {

void ApiClient::exchangeAuthCode(const QString& authCode, ApiCallback<TokenSet> callback)
{
    // Exactly "authorized_code": the OAuth spelling "authorization_code" fails.
    d->tokenCall(QStringLiteral("/api/v2/token/get"),
                 {{QStringLiteral("app_key"), d->config.appKey},
                  {QStringLiteral("app_secret"), d->config.appSecret},
                  {QStringLiteral("auth_code"), authCode},
                  {QStringLiteral("grant_type"), QStringLiteral("authorized_code")}},
                 std::move(callback));
}

void ApiClient::refreshTokens(ApiCallback<TokenSet> callback)
{
    d->refreshCallbacks.append(std::move(callback));
    d->startRefresh();
}

bool ApiClientPrivate::needsRefreshAhead() const
{
    if (tokens.accessTokenExpiresAt <= 0 || tokens.refreshToken.isEmpty())
        return false;
    if (tokens.accessToken == refreshedAheadToken) // already tried for this token
        return false;
    return tokens.accessTokenExpiresAt - now() <= config.refreshAheadSeconds;
}

void ApiClientPrivate::startRefresh()
{
    if (refreshing)
        return;
    refreshing = true;
    refreshedAheadToken = tokens.accessToken;
    qCInfo(lcApi) << "refreshing the access token";
    const quint64 startedIn = generation;
    tokenCall(QStringLiteral("/api/v2/token/refresh"),
              {{QStringLiteral("app_key"), config.appKey},
               {QStringLiteral("app_secret"), config.appSecret},
               {QStringLiteral("refresh_token"), tokens.refreshToken},
               {QStringLiteral("grant_type"), QStringLiteral("refresh_token")}},
              [this, startedIn](ApiResult<TokenSet> result) {
                  // A refresh token the server no longer knows (already rotated away) comes back as
                  // 36004004, "auth code invalid or used": for the seller that is an authorization to
                  // renew, not an authorization code to fix.
                  if (result.error.kind == ApiErrorKind::AuthCodeInvalid)
                      result.error.kind = ApiErrorKind::RefreshTokenExpired;
                  if (startedIn == generation)
                      refreshFinished(result);
              });
}

void ApiClientPrivate::refreshFinished(const ApiResult<TokenSet>& result)
{
    refreshing = false;
    const QList<quint64> waiting = std::exchange(waitingForRefresh, {});
    const QList<ApiCallback<TokenSet>> callbacks = std::exchange(refreshCallbacks, {});
    if (result.ok()) {
        refreshedAheadToken = tokens.accessToken; // a short-lived new token is used, not refreshed again
        for (quint64 id : waiting)
            enqueue(id);
    } else {
        qCWarning(lcApi).noquote() << "token refresh failed:" << result.error.toString();
        if (result.error.needsReauthorization()) {
            refusedRefreshToken = tokens.refreshToken;
            refusedRefreshError = result.error;
        }
        // A failed refresh ahead of expiry leaves a still valid token usable, unless the refresh
        // token itself is dead (then the seller must authorize again anyway).
        const bool oldTokenUsable =
            tokens.accessTokenExpiresAt > now() && !result.error.needsReauthorization();
        for (quint64 id : waiting) {
            const auto call = find(id);
            if (call && !call->refreshedForThis && oldTokenUsable)
                call->pacerTicket = pacer.schedule([this, id] { send(id); });
            else
                complete(id, {}, result.error);
        }
    }
    for (const auto& callback : callbacks)
        callback(result);
}

void ApiClientPrivate::tokenCall(const QString& path, QueryPairs params, ApiCallback<TokenSet> done)
{
    auto call = std::make_shared<ApiCall>();
    call->authHost = true;
    call->path = path;
    call->params = std::move(params);
    QPointer<ApiClient> guard(q);
    call->finish = [this, guard, done = std::move(done)](QJsonObject data, ApiError error) {
        if (error.isError()) {
            done({{}, std::move(error)});
            return;
        }
        QString why;
        const auto fresh = tokensFromJsonData(data, &why);
        if (!fresh) {
            done(
                {{},
                 makeError(ApiErrorKind::MalformedResponse, QStringLiteral("The token reply: %1").arg(why))});
            return;
        }
        adoptTokens(*fresh, [guard, fresh = *fresh, done](bool ok) {
            if (!guard)
                return;
            if (ok)
                done({fresh, {}});
            else
                done({{},
                      makeError(ApiErrorKind::Other,
                                QStringLiteral("The new access tokens could not be stored safely; "
                                               "connect the shop again."))});
        });
    };
    submit(std::move(call));
}

void ApiClientPrivate::adoptTokens(const TokenSet& fresh, std::function<void(bool ok)> done)
{
    if (!persister) {
        tokens = fresh;
        done(true);
        return;
    }
    // The rotated refresh token replaces the old one only once it is stored: until then nothing
    // uses the new tokens (losing them would lock the seller out).
    QPointer<ApiClient> guard(q);
    persister(fresh, [this, guard, fresh, done = std::move(done)](bool ok) {
        if (!guard)
            return;
        if (ok)
            tokens = fresh;
        done(ok);
    });
}

} // namespace tts
