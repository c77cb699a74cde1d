#include "signing.h"

#include <QMessageAuthenticationCode>

#include <algorithm>

namespace tts::demo {

QByteArray computeSign(const QString& appSecret, const QString& path,
                       const QList<QPair<QString, QString>>& query, const QByteArray& body)
{
    QList<QPair<QByteArray, QByteArray>> params;
    for (const auto& [key, value] : query) {
        if (key == u"sign" || key == u"access_token")
            continue;
        params.append({key.toUtf8(), value.toUtf8()});
    }
    // Byte order of the keys; stable so that a repeated key keeps its order.
    std::stable_sort(params.begin(), params.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const QByteArray secret = appSecret.toUtf8();
    QByteArray input = secret + path.toUtf8();
    for (const auto& [key, value] : params)
        input += key + value;
    input += body;
    input += secret;
    return QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256).toHex();
}

} // namespace tts::demo
