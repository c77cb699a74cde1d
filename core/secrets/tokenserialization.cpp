#include "tokenserialization.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace tts {

namespace {

constexpr int kFormatVersion = 1;
// Largest integer a JSON number (a double) carries exactly.
constexpr double kMaxExactInteger = 9007199254740992.0;

QString keyVersion()
{
    return QStringLiteral("version");
}
QString keyAccessToken()
{
    return QStringLiteral("access_token");
}
QString keyAccessExpires()
{
    return QStringLiteral("access_token_expires_at");
}
QString keyRefreshToken()
{
    return QStringLiteral("refresh_token");
}
QString keyRefreshExpires()
{
    return QStringLiteral("refresh_token_expires_at");
}
QString keyOpenId()
{
    return QStringLiteral("open_id");
}
QString keySellerName()
{
    return QStringLiteral("seller_name");
}
QString keySellerRegion()
{
    return QStringLiteral("seller_base_region");
}

std::optional<qint64> readTime(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > kMaxExactInteger || std::trunc(d) != d)
        return std::nullopt;
    return static_cast<qint64>(d);
}

std::optional<QString> readString(const QJsonObject& object, const QString& key, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return required ? std::nullopt : std::optional<QString>(QString());
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

} // namespace

QString tokensToJson(const TokenSet& tokens)
{
    QJsonObject object{
        {keyVersion(), kFormatVersion},
        {keyAccessToken(), tokens.accessToken},
        {keyAccessExpires(), static_cast<double>(tokens.accessTokenExpiresAt)},
        {keyRefreshToken(), tokens.refreshToken},
        {keyRefreshExpires(), static_cast<double>(tokens.refreshTokenExpiresAt)},
        {keyOpenId(), tokens.openId},
        {keySellerName(), tokens.sellerName},
        {keySellerRegion(), tokens.sellerBaseRegion},
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<TokenSet> tokensFromJson(const QString& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();

    const QJsonValue version = object.value(keyVersion());
    if (!version.isDouble() || version.toDouble() != kFormatVersion)
        return std::nullopt;

    const auto access = readString(object, keyAccessToken(), true);
    const auto refresh = readString(object, keyRefreshToken(), true);
    const auto accessExpires = readTime(object, keyAccessExpires());
    const auto refreshExpires = readTime(object, keyRefreshExpires());
    const auto openId = readString(object, keyOpenId(), false);
    const auto sellerName = readString(object, keySellerName(), false);
    const auto region = readString(object, keySellerRegion(), false);
    if (!access || !refresh || !accessExpires || !refreshExpires || !openId || !sellerName || !region)
        return std::nullopt;

    TokenSet tokens;
    tokens.accessToken = *access;
    tokens.accessTokenExpiresAt = *accessExpires;
    tokens.refreshToken = *refresh;
    tokens.refreshTokenExpiresAt = *refreshExpires;
    tokens.openId = *openId;
    tokens.sellerName = *sellerName;
    tokens.sellerBaseRegion = *region;
    if (!tokens.isValid())
        return std::nullopt;
    return tokens;
}

} // namespace tts
