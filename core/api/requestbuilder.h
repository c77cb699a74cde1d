#pragma once

#include "signer.h"

#include <QUrl>

namespace tts {

// base + path with `params` as the query: pairs with an empty value are left out, every value is
// percent-encoded (only RFC 3986 unreserved characters stay literal, so a page_token's '+' and '/'
// travel as %2B and %2F).
QUrl buildUrl(const QUrl& base, const QString& path, const QueryPairs& params);

// A signed Open API URL: `params` (decoded values, e.g. shop_cipher, page_size, page_token) plus
// app_key and timestamp, signed over the decoded values and the exact `body` that is sent.
QUrl buildSignedUrl(const QUrl& base, const QString& path, QueryPairs params, const QByteArray& body,
                    const QString& appKey, const QString& appSecret, qint64 timestamp);

} // namespace tts
