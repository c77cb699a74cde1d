#include "signer.h"

#include <QMessageAuthenticationCode>

#include <algorithm>
#include <utility>
#include <vector>

namespace tts {

QByteArray signingBase(const QString& path, const QueryPairs& query, const QByteArray& body)
{
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    pairs.reserve(size_t(query.size()));
    qsizetype total = path.size() + body.size();
    for (const auto& [key, value] : query) {
        if (key == u"sign" || key == u"access_token")
            continue;
        pairs.emplace_back(key.toUtf8(), value.toUtf8());
        total += pairs.back().first.size() + pairs.back().second.size();
    }
    // Byte order of the UTF-8 keys; QByteArray's operator< compares bytes as unsigned.
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    QByteArray base;
    base.reserve(total);
    base += path.toUtf8();
    for (const auto& [key, value] : pairs) {
        base += key;
        base += value;
    }
    base += body;
    return base;
}

QString sign(const QString& secret, const QString& path, const QueryPairs& query, const QByteArray& body)
{
    const QByteArray key = secret.toUtf8();
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(key);
    mac.addData(signingBase(path, query, body));
    mac.addData(key);
    return QString::fromLatin1(mac.result().toHex());
}

} // namespace tts
