// Sending, reply classification and retries of ApiClient.
#include "apiclient_p.h"
#include "apilog.h"
#include "envelope.h"
#include "requestbuilder.h"
#include "retryafter.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace tts {

namespace {

bool isTransportFailure(QNetworkReply::NetworkError error)
{
    // 1-199: connection and proxy errors; 301-399: protocol errors. 201-299 and 401-499 only
    // mirror an HTTP status whose body is still readable.
    return (error > 0 && error < 200) || (error > 300 && error < 400);
}

// Own wording: QNetworkReply::errorString() can quote the URL, which carries the signature (and,
// on the auth host, the app secret).
ApiError transportError(QNetworkReply::NetworkError error, const QString& host)
{
    switch (error) {
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports in Qt 6.4
    case QNetworkReply::TimeoutError:
        return makeError(ApiErrorKind::Timeout, QStringLiteral("%1 did not answer in time.").arg(host));
    case QNetworkReply::SslHandshakeFailedError:
        return makeError(
            ApiErrorKind::Tls,
            QStringLiteral("The TLS handshake with %1 failed (certificate not trusted?).").arg(host));
    case QNetworkReply::ConnectionRefusedError:
        return makeError(ApiErrorKind::Network, QStringLiteral("%1 refused the connection.").arg(host));
    case QNetworkReply::RemoteHostClosedError:
        return makeError(ApiErrorKind::Network,
                         QStringLiteral("%1 closed the connection without an answer.").arg(host));
    case QNetworkReply::HostNotFoundError:
        return makeError(ApiErrorKind::Network, QStringLiteral("The host %1 was not found.").arg(host));
    default:
        if (error > 300 && error < 400)
            return makeError(ApiErrorKind::MalformedResponse,
                             QStringLiteral("%1 sent a broken HTTP reply.").arg(host));
        return makeError(
            ApiErrorKind::Network,
            QStringLiteral("The connection to %1 failed (network error %2).").arg(host).arg(int(error)));
    }
}

ApiError cancelledError()
{
    return makeError(ApiErrorKind::Cancelled, QStringLiteral("The request was cancelled."));
}

} // namespace

void ApiClientPrivate::submit(std::shared_ptr<ApiCall> call)
{
    call->id = nextId++;
    const quint64 id = call->id;
    calls.emplace(id, call);
    const ApiError urlError = ApiClient::checkBaseUrl(call->authHost ? config.authBase : config.apiBase);
    if (urlError.isError()) {
        // Refused before any network use; reported from the event loop like every other result.
        QTimer::singleShot(0, q, [this, id, urlError] { complete(id, {}, urlError); });
        return;
    }
    enqueue(id);
}

void ApiClientPrivate::enqueue(quint64 id)
{
    const auto call = find(id);
    if (!call)
        return;
    if (!call->authHost) {
        if (refreshing) {
            waitingForRefresh.append(id);
            return;
        }
        if (needsRefreshAhead()) {
            waitingForRefresh.append(id);
            startRefresh();
            return;
        }
    }
    // Token calls go first: everything else may be waiting for them.
    call->pacerTicket = pacer.schedule([this, id] { send(id); }, call->authHost);
}

void ApiClientPrivate::send(quint64 id)
{
    const auto call = find(id);
    if (!call)
        return;
    call->pacerTicket = 0;

    // The timestamp is taken now, after any wait, so that it is fresh when it arrives.
    const QUrl url = call->authHost ? buildUrl(config.authBase, call->path, call->params)
                                    : buildSignedUrl(config.apiBase, call->path, call->params, call->body,
                                                     config.appKey, config.appSecret, now());
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json"));
    if (!call->authHost) {
        call->tokenUsed = tokens.accessToken;
        request.setRawHeader(QByteArrayLiteral("x-tts-access-token"), tokens.accessToken.toUtf8());
    }
    request.setTransferTimeout(std::max(1, config.transferTimeoutMs));
    // A redirect would carry the access token header to another host: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    ++call->attempt;
    ++requestCount;
    call->sentClock.start();
    qCDebug(lcApi) << (call->post ? "POST" : "GET") << call->path << "attempt" << call->attempt;
    QNetworkReply* reply = call->post ? nam->post(request, call->body) : nam->get(request);
    call->reply = reply;
    QObject::connect(reply, &QNetworkReply::finished, q, [this, id, reply] { onFinished(id, reply); });
    Q_EMIT q->requestSent();
}

void ApiClientPrivate::onFinished(quint64 id, QNetworkReply* reply)
{
    reply->deleteLater();
    const auto call = find(id);
    if (!call || call->reply != reply)
        return; // cancelled meanwhile
    call->reply = nullptr;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QString host = reply->url().host();
    std::optional<qint64> serverDate;
    if (reply->hasRawHeader(QByteArrayLiteral("Date")))
        serverDate = parseHttpDate(reply->rawHeader(QByteArrayLiteral("Date")), now());

    ApiError error;
    QJsonObject data;
    if (status == 0) {
        error = transportError(netError, host);
    } else if (isTransportFailure(netError)) {
        error = makeError(ApiErrorKind::MalformedResponse,
                          QStringLiteral("The reply of %1 was cut off.").arg(host), status);
    } else {
        const QByteArray body = reply->readAll();
        if (call->fastPath && status == 200 && call->fastPath(body)) {
            complete(id, {}, {});
            return;
        }
        EnvelopeParse parsed = parseEnvelope(body);
        if (parsed.ok) {
            error = ApiError::fromEnvelope(status, parsed.envelope.code, parsed.envelope.message,
                                           parsed.envelope.requestId);
            if (!error.isError() && status >= 300) // code 0 but no success status
                error = makeError(ApiErrorKind::Other, QStringLiteral("HTTP status %1.").arg(status), status);
            data = std::move(parsed.envelope.data);
        } else if (status == 429 || status >= 500) {
            error = ApiError::fromEnvelope(
                status, 0, QStringLiteral("HTTP status %1 without a readable reply.").arg(status), {});
        } else if (status >= 300 && status < 400) {
            error = makeError(ApiErrorKind::Other,
                              QStringLiteral("%1 answered with a redirect (HTTP %2), which is not followed.")
                                  .arg(host)
                                  .arg(status),
                              status);
        } else {
            error = makeError(ApiErrorKind::MalformedResponse, parsed.error, status);
        }
    }

    if (!error.isError()) {
        complete(id, std::move(data), {});
        return;
    }
    handleError(call, error, reply->rawHeader(QByteArrayLiteral("Retry-After")), serverDate);
}

void ApiClientPrivate::handleError(const std::shared_ptr<ApiCall>& call, const ApiError& error,
                                   const QByteArray& retryAfter, std::optional<qint64> serverDate)
{
    const quint64 id = call->id;
    if (error.kind == ApiErrorKind::AccessTokenExpired && !call->authHost) {
        if (call->tokenUsed != tokens.accessToken) { // refreshed since this was sent
            enqueue(id);
            return;
        }
        if (!tokens.refreshToken.isEmpty() && tokens.refreshToken == refusedRefreshToken) {
            complete(id, {}, refusedRefreshError); // a late answer after the refresh was refused
            return;
        }
        if (!call->refreshedForThis && !tokens.refreshToken.isEmpty()) {
            call->refreshedForThis = true;
            waitingForRefresh.append(id);
            startRefresh();
            return;
        }
    }
    if (error.kind == ApiErrorKind::TimestampInvalid && !call->clockCorrected && serverDate) {
        call->clockCorrected = true;
        clockOffsetSecs = *serverDate - QDateTime::currentSecsSinceEpoch();
        qCInfo(lcApi) << "timestamp rejected on" << call->path << "- clock offset now" << clockOffsetSecs
                      << "s";
        enqueue(id);
        return;
    }

    if (error.isRetryable() && call->attempt < config.maxAttempts) {
        if (error.kind == ApiErrorKind::RateLimited) {
            // Relative to the server's own clock when it sent its Date, else to ours.
            const qint64 reference = serverDate
                                         ? *serverDate * 1000
                                         : QDateTime::currentMSecsSinceEpoch() + clockOffsetSecs * 1000;
            const qint64 wait = parseRetryAfterMs(retryAfter, reference).value_or(backoffMs(call->attempt));
            qCInfo(lcApi) << "rate limited on" << call->path << "- every request waits" << wait << "ms";
            // The whole client waits: no request leaves before the wait has elapsed.
            pacer.pauseFor(wait);
            Q_EMIT q->rateLimited(int(std::min<qint64>(wait, INT_MAX)));
            if (wait > config.maxRetryAfterMs) {
                ApiError tooLong = error;
                tooLong.message += QStringLiteral(" (the server asks to wait %1 s)").arg((wait + 999) / 1000);
                qCWarning(lcApi).noquote() << call->path << tooLong.toString();
                complete(id, {}, tooLong);
                return;
            }
            enqueue(id);
            return;
        }
        const qint64 wait = backoffMs(call->attempt);
        qCInfo(lcApi).noquote() << call->path << error.toString() << "- retry" << call->attempt << "in"
                                << wait << "ms";
        QTimer::singleShot(std::chrono::milliseconds(wait), Qt::PreciseTimer, q, [this, id] { enqueue(id); });
        return;
    }
    qCWarning(lcApi).noquote() << call->path << "failed after" << call->attempt
                               << "attempt(s):" << error.toString();
    complete(id, {}, error);
}

qint64 ApiClientPrivate::backoffMs(int attempt) const
{
    // Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))].
    const int exponent = std::clamp(attempt - 1, 0, 20);
    const qint64 cap = std::min<qint64>(config.backoffMaxMs, qint64(config.backoffBaseMs) << exponent);
    return cap <= 0 ? 0 : qint64(QRandomGenerator::global()->bounded(quint64(cap) + 1));
}

void ApiClientPrivate::complete(quint64 id, QJsonObject data, ApiError error)
{
    const auto it = calls.find(id);
    if (it == calls.end())
        return;
    const std::shared_ptr<ApiCall> call = std::move(it->second);
    calls.erase(it);
    if (call->pacerTicket)
        pacer.cancel(call->pacerTicket);
    lastRoundTripMs = call->sentClock.isValid() ? call->sentClock.elapsed() : 0;
    call->finish(std::move(data), std::move(error));
}

void ApiClientPrivate::cancelAll(bool notify)
{
    ++generation;
    auto pending = std::move(calls);
    calls.clear();
    waitingForRefresh.clear();
    refreshing = false;
    pacer.clear();
    auto callbacks = std::move(refreshCallbacks);
    refreshCallbacks.clear();

    std::vector<std::shared_ptr<ApiCall>> ordered;
    ordered.reserve(pending.size());
    for (auto& [id, call] : pending)
        ordered.push_back(std::move(call));
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
    for (const auto& call : ordered) {
        if (call->reply) {
            QNetworkReply* reply = std::exchange(call->reply, nullptr);
            reply->abort();
            reply->deleteLater();
        }
    }
    if (!notify)
        return;
    for (const auto& call : ordered)
        call->finish({}, cancelledError());
    for (const auto& callback : callbacks)
        callback({{}, cancelledError()});
}

} // namespace tts
