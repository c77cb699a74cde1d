#pragma once

// The test side of the emulator tests: a plain QNetworkAccessManager and an independent signer,
// so that the emulator is proven without the production client.

#include "emulator.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>

namespace tts::test {

using Params = QList<QPair<QString, QString>>;

// The contract's algorithm, written again here (values decoded, sign/access_token skipped).
QString testSign(const QString& secret, const QString& path, const Params& params, const QByteArray& body);

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool finished = false;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json;

    int code() const { return json.value(QStringLiteral("code")).toInt(-1); }
    QString message() const { return json.value(QStringLiteral("message")).toString(); }
    QJsonObject data() const { return json.value(QStringLiteral("data")).toObject(); }
    QByteArray header(const QByteArray& name) const;
};

class DemoApi
{
public:
    explicit DemoApi(demo::Emulator& emulator);

    // Raw request: `query` is percent-encoded into the URL (so '+' and '/' survive).
    HttpResult request(const QByteArray& method, const QString& path, const Params& query,
                       const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {},
                       int timeoutMs = 10000);

    // A signed call with app_key, timestamp (the emulator's clock) and the access token header.
    HttpResult call(const QByteArray& method, const QString& path, Params query = {},
                    const QByteArray& body = {});
    // A signed call for the first shop (shop_cipher added).
    HttpResult shopCall(const QByteArray& method, const QString& path, Params query = {},
                        const QByteArray& body = {});

    // Every order of a search, following next_page_token; fails the test on an error.
    QList<QJsonObject> searchAll(const QString& path, const Params& query, const QByteArray& body,
                                 int* pages = nullptr, qint64* totalCount = nullptr);

    QString accessToken;
    QString cipher;
    qint64 timestampOffset = 0;

private:
    demo::Emulator& m_emulator;
    QNetworkAccessManager m_nam;
};

} // namespace tts::test
