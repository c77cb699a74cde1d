#pragma once

// A small HTTP/1.1 server on QTcpServer: keep-alive, Content-Length bodies, incremental parsing,
// one request at a time per connection (later requests wait in the buffer), delayed responses on
// timers, and the misbehaviours the emulator injects (truncated bodies, resets, hangs).

#include <QAtomicInt>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>

class QTcpServer;

namespace tts::demo {

struct HttpRequest
{
    QByteArray method;
    QString path;                          // percent-decoded
    QList<QPair<QString, QString>> query;  // decoded as a server does ('+' is a space)
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 receivedMs = 0;

    QString queryValue(const QString& key) const;
    bool hasQuery(const QString& key) const;
};

struct HttpResponse
{
    enum class Action
    {
        Send,
        Truncate,
        Reset,
        Hang
    };
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type, Content-Length, Connection
    QByteArray body;
    Action action = Action::Send;
    int delayMs = 0;
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;
    HttpServer(Handler handler, std::function<QByteArray()> dateHeader);
    ~HttpServer() override;

    // Serve HTTPS instead of HTTP (call before listen): the PEM certificate and its private key.
    // A client that does not trust the certificate never gets past the handshake, so no request of it
    // reaches the handler; the counters below let a test prove that.
    bool enableTls(const QByteArray& certificatePem, const QByteArray& privateKeyPem, QString* error);
    bool isTls() const { return m_tls; }
    int tlsHandshakesStarted() const { return m_handshakesStarted.loadRelaxed(); }
    int tlsHandshakesCompleted() const { return m_handshakesCompleted.loadRelaxed(); }

    bool listen(quint16 port, QString* error);
    quint16 port() const;
    void closeAll(); // stop listening, drop every connection

private:
    friend class HttpConnection;
    Handler m_handler;
    std::function<QByteArray()> m_dateHeader;
    QTcpServer* m_server;
    bool m_tls = false;
    QAtomicInt m_handshakesStarted;
    QAtomicInt m_handshakesCompleted;
};

// Splits and decodes a query string the way web servers do (application/x-www-form-urlencoded).
QList<QPair<QString, QString>> parseQuery(QByteArrayView query);

} // namespace tts::demo
