#pragma once

// Opaque page tokens: a keyset cursor (last sort key + order index, results served so far) bound
// to the query that produced it. Standard base64 that always contains '+' and '/', as the real
// tokens do, so that a client which forgets to percent-encode them (or signs them encoded) fails.

#include <QByteArray>
#include <QString>

#include <optional>

namespace tts::demo {

struct PageToken
{
    quint64 queryHash = 0;
    qint64 key = 0;
    quint32 index = 0;
    quint32 served = 0;
};

QString encodePageToken(const PageToken& token, quint64 secret);
std::optional<PageToken> decodePageToken(const QString& text, quint64 secret);

// FNV-1a, for binding a token to its query.
quint64 fnv1a(QByteArrayView bytes, quint64 hash = 0xCBF29CE484222325ull);

} // namespace tts::demo
