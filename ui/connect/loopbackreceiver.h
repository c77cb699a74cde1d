#pragma once

#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace tts {

// Captures the consent page's redirect on 127.0.0.1: answers the browser with a small "You can close
// this tab" page and hands over the authorization code when `state` matches the one we sent.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject* parent = nullptr);
    ~LoopbackReceiver() override;

    bool listen(quint16 port, QString* error); // 0: any free port
    void close();
    bool isListening() const;
    QUrl redirectUrl() const; // http://127.0.0.1:PORT/callback
    void setExpectedState(const QString& state) { m_state = state; }

    static QString randomState();

Q_SIGNALS:
    void codeReceived(const QString& code);
    void rejected(const QString& reason);

private:
    void handle(QTcpSocket* socket);

    QTcpServer* m_server = nullptr;
    QString m_state;
};

} // namespace tts
