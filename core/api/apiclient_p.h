#pragma once

// Internals of ApiClient, shared by apiclient.cpp (the public calls), apiclient_transport.cpp
// (sending, reply classification, retries) and apiclient_tokens.cpp (exchange, single-flight refresh).

#include "apiclient.h"
#include "pacer.h"
#include "signer.h"
#include "stringpool.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <unordered_map>

class QNetworkReply;

namespace tts {

struct ApiCall
{
    using Finish = std::function<void(QJsonObject data, ApiError error)>;

    quint64 id = 0;
    bool authHost = false; // token endpoints: not signed, no access token header
    bool post = false;
    QString path;
    QueryPairs params; // decoded values; signed calls get app_key, timestamp and sign per send
    QByteArray body;   // the exact bytes sent and signed
    Finish finish;
    // Optional one-pass reader of a successful HTTP 200 body; when it returns false the general
    // path (envelope + QJsonDocument) takes over. On true, `finish` is called with empty data.
    std::function<bool(const QByteArray& body)> fastPath;

    int attempt = 0; // sends so far (retries included)
    bool clockCorrected = false;
    bool refreshedForThis = false;
    QString tokenUsed;
    QNetworkReply* reply = nullptr;
    quint64 pacerTicket = 0;
    QElapsedTimer sentClock; // since the latest attempt was sent
};

class ApiClientPrivate
{
public:
    ApiClientPrivate(ApiClient* owner, QNetworkAccessManager* manager, ApiConfig configuration);

    ApiClient* q;
    QNetworkAccessManager* nam;
    ApiConfig config;
    Pacer pacer;
    TokenSet tokens;
    ApiClient::TokenPersister persister;
    qint64 clockOffsetSecs = 0; // server clock - local clock, learnt from a Date header
    quint64 requestCount = 0;
    qint64 lastRoundTripMs = 0;
    quint64 nextId = 1;
    std::unordered_map<quint64, std::shared_ptr<ApiCall>> calls;
    StringPool stringPool; // repeated values of order pages, shared between pages

    // Single-flight token refresh.
    bool refreshing = false;
    QList<quint64> waitingForRefresh;
    QList<ApiCallback<TokenSet>> refreshCallbacks;
    QString refreshedAheadToken; // refresh ahead of expiry once per access token
    // The refresh token the server refused (the seller must authorize again) and why: answers to
    // requests that were in flight when it was refused fail with that error instead of refreshing
    // again with the same dead token.
    QString refusedRefreshToken;
    ApiError refusedRefreshError;
    quint64 generation = 0; // bumped by cancelAll(): late answers of older work are dropped

    qint64 now() const; // Unix seconds on the server's clock (as far as it is known)
    std::shared_ptr<ApiCall> find(quint64 id) const;

    // apiclient_transport.cpp
    void submit(std::shared_ptr<ApiCall> call);
    void enqueue(quint64 id);
    void send(quint64 id);
    void onFinished(quint64 id, QNetworkReply* reply);
    void handleError(const std::shared_ptr<ApiCall>& call, const ApiError& error,
                     const QByteArray& retryAfter, std::optional<qint64> serverDate);
    void complete(quint64 id, QJsonObject data, ApiError error);
    qint64 backoffMs(int attempt) const;
    void cancelAll(bool notify);

    // apiclient_tokens.cpp
    bool needsRefreshAhead() const;
    void startRefresh();
    void refreshFinished(const ApiResult<TokenSet>& result);
    void tokenCall(const QString& path, QueryPairs params, ApiCallback<TokenSet> done);
    void adoptTokens(const TokenSet& fresh, std::function<void(bool ok)> done);
};

ApiError makeError(ApiErrorKind kind, QString message, int httpStatus = 0);

} // namespace tts
