#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace tts {

using QueryPairs = QList<QPair<QString, QString>>;

// The TikTok Shop Open API request signature (contract, "Signing every open-API request"):
// every query parameter but `sign` and `access_token`, sorted by key in byte order, concatenated as
// key + value, prefixed with the path and followed by the body exactly as sent; wrapped in the app
// secret on both sides; HMAC-SHA256 keyed with the app secret; lower-case hex.
// `query` holds decoded values (a page_token is signed decoded, sent percent-encoded).
QString sign(const QString& secret, const QString& path, const QueryPairs& query, const QByteArray& body);

// The string that is wrapped and hashed (without the secret); for tests and diagnostics only.
QByteArray signingBase(const QString& path, const QueryPairs& query, const QByteArray& body);

} // namespace tts
