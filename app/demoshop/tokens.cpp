// Self-validating tokens: the kind, an issue stamp and the expiry, authenticated with an HMAC keyed
// by the app secret and seed. A restarted demo server therefore still accepts the tokens it issued
// before (the window keeps them in the keychain); only the revocation of rotated refresh tokens
// is remembered in memory.

#include "emulator_p.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace tts::demo {

namespace {

constexpr int kPayload = 1 + 8 + 8 + 8; // kind, stamp, expiry, nonce
constexpr int kMac = 16;

} // namespace

QByteArray EmulatorPrivate::tokenKey() const
{
    return config.appSecret.toUtf8() + "|demo-token|" + QByteArray::number(config.seed);
}

QString EmulatorPrivate::mintToken(char kind, qint64 expiresAt)
{
    lastStamp = std::max(lastStamp + 1, quint64(QDateTime::currentMSecsSinceEpoch()) << 12);
    unsigned char payload[kPayload];
    payload[0] = static_cast<unsigned char>(kind);
    qToBigEndian(lastStamp, payload + 1);
    qToBigEndian(quint64(expiresAt), payload + 9);
    qToBigEndian(tokenRng.next(), payload + 17);
    const QByteArray bytes(reinterpret_cast<const char*>(payload), kPayload);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(bytes, tokenKey(), QCryptographicHash::Sha256).left(kMac);
    return (kind == 'A' ? QStringLiteral("TTP_") : QStringLiteral("TTPR_")) +
           QString::fromLatin1(QByteArray(bytes + mac)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<TokenClaims> EmulatorPrivate::readToken(const QString& token, char kind) const
{
    const QString prefix = kind == 'A' ? QStringLiteral("TTP_") : QStringLiteral("TTPR_");
    if (!token.startsWith(prefix))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(token.mid(prefix.size()).toLatin1(),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kPayload + kMac)
        return std::nullopt;
    const QByteArray payload = decoded.decoded.left(kPayload);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(payload, tokenKey(), QCryptographicHash::Sha256).left(kMac);
    if (mac != decoded.decoded.mid(kPayload) || payload.at(0) != kind)
        return std::nullopt;
    const auto* p = reinterpret_cast<const unsigned char*>(payload.constData());
    return TokenClaims{qFromBigEndian<quint64>(p + 1), qint64(qFromBigEndian<quint64>(p + 9))};
}

} // namespace tts::demo
