#include "demoapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <algorithm>

namespace tts::test {

QString testSign(const QString& secret, const QString& path, const Params& params, const QByteArray& body)
{
    Params sorted;
    for (const auto& item : params) {
        if (item.first != u"sign" && item.first != u"access_token")
            sorted.append(item);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first.toUtf8() < b.first.toUtf8(); });
    QString text = path;
    for (const auto& [key, value] : sorted)
        text += key + value;
    const QByteArray key = secret.toUtf8();
    const QByteArray input = key + text.toUtf8() + body + key;
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256).toHex());
}

QByteArray HttpResult::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

DemoApi::DemoApi(demo::Emulator& emulator) : m_emulator(emulator)
{
    if (!emulator.config().shops.isEmpty())
        cipher = emulator.config().shops.constFirst().cipher;
}

HttpResult DemoApi::request(const QByteArray& method, const QString& path, const Params& query,
                            const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers,
                            int timeoutMs)
{
    QByteArray encodedQuery;
    for (const auto& [key, value] : query) {
        if (!encodedQuery.isEmpty())
            encodedQuery += '&';
        encodedQuery += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    QUrl url = m_emulator.baseUrl();
    url.setPath(path);
    if (!encodedQuery.isEmpty())
        url.setQuery(QString::fromLatin1(encodedQuery), QUrl::StrictMode);
    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(timeoutMs);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers)
        networkRequest.setRawHeader(name, value);
    QNetworkReply* reply = m_nam.sendCustomRequest(networkRequest, method, body);
    QSignalSpy spy(reply, &QNetworkReply::finished);
    HttpResult result;
    result.finished = spy.wait(timeoutMs + 5000) || reply->isFinished();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    if (reply->isOpen())
        result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

HttpResult DemoApi::call(const QByteArray& method, const QString& path, Params query, const QByteArray& body)
{
    query.prepend({QStringLiteral("timestamp"), QString::number(m_emulator.now() + timestampOffset)});
    query.prepend({QStringLiteral("app_key"), m_emulator.config().appKey});
    query.append({QStringLiteral("sign"), testSign(m_emulator.config().appSecret, path, query, body)});
    return request(method, path, query, body, {{"x-tts-access-token", accessToken.toLatin1()}});
}

HttpResult DemoApi::shopCall(const QByteArray& method, const QString& path, Params query,
                             const QByteArray& body)
{
    query.append({QStringLiteral("shop_cipher"), cipher});
    return call(method, path, query, body);
}

QList<QJsonObject> DemoApi::searchAll(const QString& path, const Params& query, const QByteArray& body,
                                      int* pages, qint64* totalCount)
{
    QList<QJsonObject> items;
    const QString listKey = path.contains(u"product") ? QStringLiteral("products") : QStringLiteral("orders");
    QString token;
    int count = 0;
    for (;;) {
        Params pageQuery = query;
        if (!token.isEmpty())
            pageQuery.append({QStringLiteral("page_token"), token});
        const HttpResult result = shopCall("POST", path, pageQuery, body);
        if (result.code() != 0) {
            qWarning("searchAll: code %d %s", result.code(), qPrintable(result.message()));
            return {};
        }
        ++count;
        const QJsonObject data = result.data();
        if (totalCount)
            *totalCount = data.value(QStringLiteral("total_count")).toInteger(-1);
        for (const QJsonValue& value : data.value(listKey).toArray())
            items.append(value.toObject());
        token = data.value(QStringLiteral("next_page_token")).toString();
        if (token.isEmpty())
            break;
        if (count > 100000) {
            qWarning("searchAll: no end");
            return {};
        }
    }
    if (pages)
        *pages = count;
    return items;
}

} // namespace tts::test
