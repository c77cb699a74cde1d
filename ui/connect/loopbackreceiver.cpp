#include "loopbackreceiver.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace tts {

namespace {

QByteArray page(const QString& title, const QString& text)
{
    const QByteArray body =
        QStringLiteral("<!doctype html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "<style>body{font-family:sans-serif;margin:4em auto;max-width:32em;"
                       "text-align:center}</style></head><body><h1>%1</h1><p>%2</p></body>"
                       "</html>")
            .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
            .toUtf8();
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: "
           "close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject* parent) : QObject(parent) {}

LoopbackReceiver::~LoopbackReceiver() = default;

QString LoopbackReceiver::randomState()
{
    quint64 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QString::number(words[0], 36) + QString::number(words[1], 36);
}

bool LoopbackReceiver::listen(quint16 port, QString* error)
{
    close();
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = tr("Cannot listen on 127.0.0.1:%1 (%2). Paste the code instead.")
                         .arg(port)
                         .arg(m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handle(socket); });
        }
    });
    return true;
}

void LoopbackReceiver::close()
{
    delete m_server;
    m_server = nullptr;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QUrl LoopbackReceiver::redirectUrl() const
{
    if (!isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server->serverPort());
    url.setPath(QStringLiteral("/callback"));
    return url;
}

void LoopbackReceiver::handle(QTcpSocket* socket)
{
    QByteArray head = socket->property("head").toByteArray() + socket->readAll();
    if (head.size() > 16384) {
        socket->abort();
        return;
    }
    if (!head.contains("\r\n\r\n") && !head.contains("\n\n")) {
        socket->setProperty("head", head);
        return;
    }
    const QList<QByteArray> requestLine = head.left(head.indexOf('\n')).trimmed().split(' ');
    const QUrl target(QString::fromLatin1(requestLine.value(1)));
    const QUrlQuery query(target);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (requestLine.value(0) != "GET" || target.path() != u"/callback") {
        socket->write("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    } else if (code.isEmpty() || m_state.isEmpty() || state != m_state) {
        socket->write(page(tr("Authorization not accepted"),
                           tr("This link does not belong to the connection started in TikTok Shop Dashboard. "
                              "Start again from the application.")));
        Q_EMIT rejected(code.isEmpty() ? tr("The redirect carried no authorization code.")
                                       : tr("The redirect's state did not match; it was ignored."));
    } else {
        socket->write(page(tr("Shop authorized"),
                           tr("TikTok Shop Dashboard received the authorization. You can close this tab.")));
        m_state.clear(); // one use
        Q_EMIT codeReceived(code);
    }
    socket->disconnectFromHost();
}

} // namespace tts
