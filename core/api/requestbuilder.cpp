#include "requestbuilder.h"

namespace tts {

QUrl buildUrl(const QUrl& base, const QString& path, const QueryPairs& params)
{
    QUrl url = base;
    QString basePath = base.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);

    QByteArray query;
    query.reserve(256);
    for (const auto& [key, value] : params) {
        if (value.isEmpty())
            continue;
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(key);
        query += '=';
        query += QUrl::toPercentEncoding(value);
    }
    // StrictMode keeps the encoding exactly as built (%2B stays %2B, never becomes a '+').
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

QUrl buildSignedUrl(const QUrl& base, const QString& path, QueryPairs params, const QByteArray& body,
                    const QString& appKey, const QString& appSecret, qint64 timestamp)
{
    params.removeIf([](const auto& pair) { return pair.second.isEmpty(); });
    params.append({QStringLiteral("app_key"), appKey});
    params.append({QStringLiteral("timestamp"), QString::number(timestamp)});
    params.append({QStringLiteral("sign"), sign(appSecret, path, params, body)});
    return buildUrl(base, path, params);
}

} // namespace tts
