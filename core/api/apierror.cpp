#include "apierror.h"

namespace tts {

namespace {

bool mentions(const QString& message, QLatin1String word)
{
    return message.contains(word, Qt::CaseInsensitive);
}

// 36009004 covers a dozen causes; the message says which.
ApiErrorKind classify36009004(const QString& message)
{
    if (mentions(message, QLatin1String("timestamp")))
        return ApiErrorKind::TimestampInvalid;
    if (mentions(message, QLatin1String("shop_cipher")) || mentions(message, QLatin1String("shop cipher")) ||
        mentions(message, QLatin1String("cipher")))
        return ApiErrorKind::ShopCipherUnneeded;
    // Only the access token: "Invalid page_token" is a bad request, not a lost authorization.
    if (mentions(message, QLatin1String("access_token")) ||
        mentions(message, QLatin1String("access token")) ||
        mentions(message, QLatin1String("access-token")) || mentions(message, QLatin1String("credential")))
        return ApiErrorKind::AccessTokenInvalid;
    return ApiErrorKind::InvalidRequest;
}

ApiErrorKind kindOf(int httpStatus, int code, const QString& message)
{
    switch (code) {
    case 0:
        break;
    case 105002:
        return ApiErrorKind::AccessTokenExpired;
    case 36009004:
        return classify36009004(message);
    case 106001:
        return ApiErrorKind::SignatureInvalid;
    case 106013:
        return ApiErrorKind::ShopCipherMissing;
    case 105005:
        return ApiErrorKind::ScopeMissing;
    case 36009002:
        return ApiErrorKind::RateLimited;
    case 36009003:
        return ApiErrorKind::Internal;
    case 36009007:
        return ApiErrorKind::GatewayTimeout;
    case 36009009:
        return ApiErrorKind::UnknownPath;
    case 36009010:
        return ApiErrorKind::UnknownMethod;
    case 36009022:
        return ApiErrorKind::BodyNotJson;
    case 36004004:
        return ApiErrorKind::AuthCodeInvalid;
    case 36004001:
        return ApiErrorKind::RefreshTokenExpired;
    default:
        return ApiErrorKind::Other;
    }
    // code 0 (or no envelope): only the HTTP status can tell.
    if (httpStatus == 429)
        return ApiErrorKind::RateLimited;
    if (httpStatus == 504)
        return ApiErrorKind::GatewayTimeout;
    if (httpStatus >= 500)
        return ApiErrorKind::Internal;
    if (httpStatus >= 400)
        return ApiErrorKind::Other;
    return ApiErrorKind::None;
}

// Server messages are shown and logged, so they are cut short and stripped of control characters;
// the server never echoes secrets, but a long message could carry request data.
QString sanitize(const QString& message)
{
    QString clean = message.left(300);
    for (QChar& c : clean) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    return clean.trimmed();
}

} // namespace

ApiError ApiError::fromEnvelope(int httpStatus, int code, const QString& message, const QString& requestId)
{
    ApiError error;
    error.kind = kindOf(httpStatus, code, message);
    error.code = code;
    error.httpStatus = httpStatus;
    error.message = sanitize(message);
    error.requestId = requestId.left(100);
    if (error.isError() && error.message.isEmpty())
        error.message = code != 0 ? QStringLiteral("API error %1").arg(code)
                                  : QStringLiteral("HTTP status %1").arg(httpStatus);
    return error;
}

bool ApiError::needsReauthorization() const
{
    switch (kind) {
    case ApiErrorKind::AccessTokenExpired: // reaches a caller only when no refresh could help
    case ApiErrorKind::AccessTokenInvalid:
    case ApiErrorKind::RefreshTokenExpired:
    case ApiErrorKind::AuthCodeInvalid:
    case ApiErrorKind::ScopeMissing:
        return true;
    default:
        return false;
    }
}

QString ApiError::userMessage() const
{
    switch (kind) {
    case ApiErrorKind::None:
        return QString();
    case ApiErrorKind::Network:
        return QStringLiteral(
            "TikTok Shop could not be reached; check the internet connection and try again.");
    case ApiErrorKind::Timeout:
        return QStringLiteral("TikTok Shop did not answer in time; try again later.");
    case ApiErrorKind::Tls:
        return QStringLiteral("The secure connection to TikTok Shop failed its certificate check; check the "
                              "system clock and network (a proxy may be intercepting the connection).");
    case ApiErrorKind::InsecureUrl:
        return QStringLiteral("The server address is not secure; use an https:// address (http:// is only "
                              "allowed for this computer).");
    case ApiErrorKind::MalformedResponse:
        return QStringLiteral("TikTok Shop sent an incomplete or unreadable answer; try again later.");
    case ApiErrorKind::Cancelled:
        return QStringLiteral("The request was cancelled.");
    case ApiErrorKind::AccessTokenExpired:
        return QStringLiteral(
            "The shop's access has expired and could not be renewed; connect the shop again.");
    case ApiErrorKind::AccessTokenInvalid:
        return QStringLiteral("TikTok Shop no longer accepts this connection; connect the shop again.");
    case ApiErrorKind::SignatureInvalid:
        return QStringLiteral("TikTok Shop rejected the request signature; check that the app key and app "
                              "secret belong together, then connect the shop again.");
    case ApiErrorKind::TimestampInvalid:
        return QStringLiteral("TikTok Shop rejected the request time; set this computer's clock correctly "
                              "and try again.");
    case ApiErrorKind::ShopCipherMissing:
    case ApiErrorKind::ShopCipherUnneeded:
        return QStringLiteral("TikTok Shop rejected the shop selection of a request; reconnect the shop and "
                              "report this problem if it persists.");
    case ApiErrorKind::ScopeMissing:
        return QStringLiteral("The app lacks a permission this needs; grant the order and product scopes to "
                              "the app, then connect the shop again.");
    case ApiErrorKind::RateLimited:
        return QStringLiteral("TikTok Shop is limiting how fast this app may ask; wait a few minutes and try "
                              "again.");
    case ApiErrorKind::Internal:
        return QStringLiteral("TikTok Shop had an internal error; try again later.");
    case ApiErrorKind::GatewayTimeout:
        return QStringLiteral("TikTok Shop timed out internally; try again later.");
    case ApiErrorKind::UnknownPath:
    case ApiErrorKind::UnknownMethod:
    case ApiErrorKind::BodyNotJson:
        return QStringLiteral("TikTok Shop did not understand a request of this app; update the app or "
                              "report this problem.");
    case ApiErrorKind::AuthCodeInvalid:
        return QStringLiteral("The authorization code is invalid, expired or already used; authorize the "
                              "shop again to get a new one.");
    case ApiErrorKind::RefreshTokenExpired:
        return QStringLiteral("The shop's authorization has expired; connect the shop again.");
    case ApiErrorKind::InvalidRequest:
    case ApiErrorKind::Other:
        break;
    }
    return QStringLiteral("TikTok Shop refused the request (%1); try again later or report this problem.")
        .arg(message.isEmpty() ? tts::toString(kind) : message);
}

QString toString(ApiErrorKind kind)
{
    switch (kind) {
    case ApiErrorKind::None:
        return QStringLiteral("None");
    case ApiErrorKind::Network:
        return QStringLiteral("Network");
    case ApiErrorKind::Timeout:
        return QStringLiteral("Timeout");
    case ApiErrorKind::Tls:
        return QStringLiteral("Tls");
    case ApiErrorKind::InsecureUrl:
        return QStringLiteral("InsecureUrl");
    case ApiErrorKind::MalformedResponse:
        return QStringLiteral("MalformedResponse");
    case ApiErrorKind::Cancelled:
        return QStringLiteral("Cancelled");
    case ApiErrorKind::AccessTokenExpired:
        return QStringLiteral("AccessTokenExpired");
    case ApiErrorKind::AccessTokenInvalid:
        return QStringLiteral("AccessTokenInvalid");
    case ApiErrorKind::SignatureInvalid:
        return QStringLiteral("SignatureInvalid");
    case ApiErrorKind::TimestampInvalid:
        return QStringLiteral("TimestampInvalid");
    case ApiErrorKind::ShopCipherMissing:
        return QStringLiteral("ShopCipherMissing");
    case ApiErrorKind::ShopCipherUnneeded:
        return QStringLiteral("ShopCipherUnneeded");
    case ApiErrorKind::ScopeMissing:
        return QStringLiteral("ScopeMissing");
    case ApiErrorKind::RateLimited:
        return QStringLiteral("RateLimited");
    case ApiErrorKind::Internal:
        return QStringLiteral("Internal");
    case ApiErrorKind::GatewayTimeout:
        return QStringLiteral("GatewayTimeout");
    case ApiErrorKind::UnknownPath:
        return QStringLiteral("UnknownPath");
    case ApiErrorKind::UnknownMethod:
        return QStringLiteral("UnknownMethod");
    case ApiErrorKind::BodyNotJson:
        return QStringLiteral("BodyNotJson");
    case ApiErrorKind::AuthCodeInvalid:
        return QStringLiteral("AuthCodeInvalid");
    case ApiErrorKind::RefreshTokenExpired:
        return QStringLiteral("RefreshTokenExpired");
    case ApiErrorKind::InvalidRequest:
        return QStringLiteral("InvalidRequest");
    case ApiErrorKind::Other:
        return QStringLiteral("Other");
    }
    return QStringLiteral("Unknown");
}

} // namespace tts

namespace tts {

QString ApiError::toString() const
{
    if (!isError())
        return QStringLiteral("no error");
    QString text = tts::toString(kind);
    if (code != 0)
        text += QStringLiteral(" (code %1)").arg(code);
    if (httpStatus != 0)
        text += QStringLiteral(" [HTTP %1]").arg(httpStatus);
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    if (!requestId.isEmpty())
        text += QStringLiteral(" (request id %1)").arg(requestId);
    return text;
}

bool ApiError::isRetryable() const
{
    switch (kind) {
    case ApiErrorKind::Network:
    case ApiErrorKind::Timeout:
    case ApiErrorKind::MalformedResponse:
    case ApiErrorKind::RateLimited:
    case ApiErrorKind::Internal:
    case ApiErrorKind::GatewayTimeout:
        return true;
    default:
        return httpStatus >= 500 && code == 0;
    }
}

} // namespace tts
