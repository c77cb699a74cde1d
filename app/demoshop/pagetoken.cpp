#include "pagetoken.h"

#include "demorandom.h"

#include <QtEndian>

#include <cstring>

namespace tts::demo {

namespace {

// Three bytes that encode as "+/+/" in base64: every token contains both characters.
constexpr unsigned char kMagic[3] = {0xFB, 0xFF, 0xBF};
constexpr int kPayload = 8 + 8 + 4 + 4;
constexpr int kSize = 3 + kPayload + 4;

void scramble(unsigned char* data, int size, quint64 secret)
{
    Rng rng(secret ^ 0x9A6E70C3ull);
    for (int i = 0; i < size; i += 8) {
        const quint64 pad = rng.next();
        for (int j = 0; j < 8 && i + j < size; ++j)
            data[i + j] ^= static_cast<unsigned char>(pad >> (8 * j));
    }
}

quint32 checksum(const unsigned char* data, int size, quint64 secret)
{
    return quint32(splitmix64(fnv1a(QByteArrayView(reinterpret_cast<const char*>(data), size)) ^ secret));
}

} // namespace

quint64 fnv1a(QByteArrayView bytes, quint64 hash)
{
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

QString encodePageToken(const PageToken& token, quint64 secret)
{
    unsigned char bytes[kSize];
    std::memcpy(bytes, kMagic, 3);
    unsigned char* p = bytes + 3;
    qToBigEndian(token.queryHash, p);
    qToBigEndian(quint64(token.key), p + 8);
    qToBigEndian(token.index, p + 16);
    qToBigEndian(token.served, p + 20);
    qToBigEndian(checksum(p, kPayload, secret), p + kPayload);
    scramble(p, kPayload + 4, secret);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes), kSize).toBase64());
}

std::optional<PageToken> decodePageToken(const QString& text, quint64 secret)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kSize ||
        std::memcmp(decoded.decoded.constData(), kMagic, 3) != 0)
        return std::nullopt;
    unsigned char bytes[kSize];
    std::memcpy(bytes, decoded.decoded.constData(), kSize);
    unsigned char* p = bytes + 3;
    scramble(p, kPayload + 4, secret);
    if (qFromBigEndian<quint32>(p + kPayload) != checksum(p, kPayload, secret))
        return std::nullopt;
    PageToken token;
    token.queryHash = qFromBigEndian<quint64>(p);
    token.key = qint64(qFromBigEndian<quint64>(p + 8));
    token.index = qFromBigEndian<quint32>(p + 16);
    token.served = qFromBigEndian<quint32>(p + 20);
    return token;
}

} // namespace tts::demo
