#include "httpserver.h"

#include <QDateTime>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace tts::demo {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxBody = 8 * 1024 * 1024;

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QString decodeComponent(QByteArrayView part)
{
    QByteArray bytes = part.toByteArray();
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

} // namespace

QList<QPair<QString, QString>> parseQuery(QByteArrayView query)
{
    QList<QPair<QString, QString>> items;
    for (QByteArrayView part : QByteArray(query.toByteArray()).split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            items.append({decodeComponent(part), QString()});
        else
            items.append({decodeComponent(part.first(eq)), decodeComponent(part.sliced(eq + 1))});
    }
    return items;
}

QString HttpRequest::queryValue(const QString& key) const
{
    for (const auto& [k, v] : query) {
        if (k == key)
            return v;
    }
    return {};
}

bool HttpRequest::hasQuery(const QString& key) const
{
    for (const auto& item : query) {
        if (item.first == key)
            return true;
    }
    return false;
}

// One client connection; lives in the server thread, deleted when the socket disconnects.
class HttpConnection : public QObject
{
public:
    HttpConnection(QTcpSocket* socket, HttpServer* server)
        : QObject(server), m_socket(socket), m_server(server)
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        if (!m_busy)
            parseNext();
    }

    void parseNext()
    {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > kMaxHead)
                fail(400);
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            fail(400);
            return;
        }
        HttpRequest request;
        request.receivedMs = QDateTime::currentMSecsSinceEpoch();
        request.method = requestLine[0];
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        if (request.headers.contains("transfer-encoding")) {
            fail(501);
            return;
        }
        bool ok = true;
        const qsizetype length = request.headers.value("content-length", "0").toLongLong(&ok);
        if (!ok || length < 0 || length > kMaxBody) {
            fail(ok && length > kMaxBody ? 413 : 400);
            return;
        }
        if (m_buffer.size() < headEnd + 4 + length) {
            // The body is still arriving (curl waits for this before sending a large body).
            if (!m_continueSent && request.headers.value("expect").toLower() == "100-continue") {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_continueSent = true;
            }
            return;
        }
        m_continueSent = false;
        request.body = m_buffer.mid(headEnd + 4, length);
        m_buffer.remove(0, headEnd + 4 + length);

        const QByteArray& target = requestLine[1];
        const qsizetype question = target.indexOf('?');
        request.path = QString::fromUtf8(
            QByteArray::fromPercentEncoding(target.left(question < 0 ? target.size() : question)));
        if (question >= 0)
            request.query = parseQuery(QByteArrayView(target).sliced(question + 1));
        const QByteArray connection = request.headers.value("connection").toLower();
        m_closeAfter = requestLine[2] == "HTTP/1.0" ? connection != "keep-alive" : connection == "close";

        m_busy = true;
        HttpResponse response = m_server->m_handler(request);
        if (response.action == HttpResponse::Action::Hang)
            return; // stays busy: nothing more is read or answered on this connection
        if (response.delayMs > 0) {
            QTimer::singleShot(response.delayMs, this, [this, response] { send(response); });
            return;
        }
        send(response);
    }

    void send(const HttpResponse& response)
    {
        if (response.action == HttpResponse::Action::Reset) {
            m_socket->abort();
            deleteLater();
            return;
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                          reasonPhrase(response.status).toByteArray() +
                          "\r\nDate: " + m_server->m_dateHeader() +
                          "\r\nServer: tiktok-shop-demo\r\nContent-Type: " + response.contentType;
        const bool truncate = response.action == HttpResponse::Action::Truncate;
        head += "\r\nContent-Length: " + QByteArray::number(response.body.size());
        for (const auto& [name, value] : response.headers)
            head += "\r\n" + name + ": " + value;
        if (m_closeAfter)
            head += "\r\nConnection: close";
        head += "\r\n\r\n";
        // One write: head and body in separate segments would meet Nagle and delayed ACKs.
        if (truncate) {
            // The promised length is not delivered: half the body, then the connection closes.
            m_socket->write(head + response.body.left(response.body.size() / 2));
            m_socket->disconnectFromHost();
            return;
        }
        head.reserve(head.size() + response.body.size());
        head += response.body;
        m_socket->write(head);
        if (m_closeAfter) {
            m_socket->disconnectFromHost();
            return;
        }
        m_busy = false;
        if (!m_buffer.isEmpty())
            parseNext();
    }

    void fail(int status)
    {
        HttpResponse response;
        response.status = status;
        response.contentType = "text/plain";
        response.body = reasonPhrase(status).toByteArray();
        m_closeAfter = true;
        m_busy = true;
        send(response);
    }

    QTcpSocket* m_socket;
    HttpServer* m_server;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_closeAfter = false;
    bool m_continueSent = false;
};

HttpServer::HttpServer(Handler handler, std::function<QByteArray()> dateHeader)
    : m_handler(std::move(handler)), m_dateHeader(std::move(dateHeader)), m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(256);
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection())
            new HttpConnection(socket, this);
    });
}

HttpServer::~HttpServer() = default;

bool HttpServer::enableTls(const QByteArray& certificatePem, const QByteArray& privateKeyPem, QString* error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    QSslKey key(privateKeyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(privateKeyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull() || !QSslSocket::supportsSsl()) {
        if (error)
            *error = QStringLiteral("cannot serve TLS: %1")
                         .arg(!QSslSocket::supportsSsl() ? QStringLiteral("no TLS backend")
                                                         : QStringLiteral("unreadable certificate or key"));
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    auto* server = new QSslServer(this);
    server->setSslConfiguration(tls);
    server->setHandshakeTimeout(10000);
    server->setMaxPendingConnections(256);
    connect(server, &QSslServer::startedEncryptionHandshake, this,
            [this](QSslSocket*) { m_handshakesStarted.ref(); });
    // A QSslServer hands out a connection only once its handshake succeeded.
    connect(server, &QTcpServer::pendingConnectionAvailable, this, [this, server] {
        while (QTcpSocket* socket = server->nextPendingConnection()) {
            m_handshakesCompleted.ref();
            new HttpConnection(socket, this);
        }
    });
    delete m_server;
    m_server = server;
    m_tls = true;
    return true;
}

bool HttpServer::listen(quint16 port, QString* error)
{
    if (m_server->listen(QHostAddress::LocalHost, port))
        return true;
    if (error)
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
    return false;
}

quint16 HttpServer::port() const
{
    return m_server->serverPort();
}

void HttpServer::closeAll()
{
    m_server->close();
    const QObjectList children = this->children();
    for (QObject* child : children) {
        if (child != m_server)
            delete child; // a connection; its socket is a child, closed and deleted with it
    }
}

} // namespace tts::demo
