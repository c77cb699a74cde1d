#pragma once

#include <QMetaType>
#include <QString>

namespace tts {

// Every failure the API client can report. The kinds map the rows of the contract's error table
// plus the transport failures. Messages never contain a secret, a token or a signed URL.
enum class ApiErrorKind
{
    None,
    // transport
    Network,           // connection refused / reset / host not found, after retries
    Timeout,           // transfer timeout, after retries
    Tls,               // certificate or handshake failure; never retried, never ignored
    InsecureUrl,       // http:// to a non-loopback host, refused before any network use
    MalformedResponse, // truncated body, non-JSON, missing envelope fields, after retries
    Cancelled,         // cancelled by the caller
    // envelope codes
    AccessTokenExpired,  // 105002
    AccessTokenInvalid,  // 36009004 (token)
    SignatureInvalid,    // 106001
    TimestampInvalid,    // 36009004 (timestamp)
    ShopCipherMissing,   // 106013
    ShopCipherUnneeded,  // 36009004 (shop_cipher not needed)
    ScopeMissing,        // 105005
    RateLimited,         // 36009002 / HTTP 429, after retries
    Internal,            // 36009003, after retries
    GatewayTimeout,      // 36009007, after retries
    UnknownPath,         // 36009009
    UnknownMethod,       // 36009010
    BodyNotJson,         // 36009022
    AuthCodeInvalid,     // 36004004
    RefreshTokenExpired, // 36004001: the seller must authorize again
    InvalidRequest,      // 36009004 for any other reason, or another 4xx business error
    Other,
};

struct ApiError
{
    ApiErrorKind kind = ApiErrorKind::None;
    int code = 0;       // envelope code, 0 when there is none
    int httpStatus = 0; // 0 when no HTTP response arrived
    QString message;    // sanitized: safe to show and log
    QString requestId;

    bool isError() const { return kind != ApiErrorKind::None; }
    // True when the seller has to connect the shop again (exit code 3 of tiktok-shop-sync).
    bool needsReauthorization() const;
    // One sentence for a person: what happened and what to do.
    QString userMessage() const;
    // For logs: kind, code, HTTP status, sanitized message and request id.
    QString toString() const;
    // Transient failures the client retries with backoff (after which they reach the caller).
    bool isRetryable() const;

    static ApiError fromEnvelope(int httpStatus, int code, const QString& message, const QString& requestId);
};

QString toString(ApiErrorKind kind);

} // namespace tts

Q_DECLARE_METATYPE(tts::ApiError)
