#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace tts {

// The bundled demo shop: `tiktok-shop-demo-server` (next to the executable) as a child process on a
// free loopback port. Reads "listening http://127.0.0.1:PORT" and "auth_code CODE" from its stdout.
// Stopped when this object is destroyed.
class DemoServer : public QObject
{
    Q_OBJECT
public:
    explicit DemoServer(QObject* parent = nullptr);
    ~DemoServer() override;

    // historyEnd fixes the shop's history so that restarts show the same shop.
    void start(qint64 historyEnd, int orders = 50000);
    void stop();
    bool isRunning() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QString authCode() const { return m_authCode; }

    static QString executablePath();
    static QString demoAppKey() { return QStringLiteral("demo-app-key"); }
    static QString demoAppSecret() { return QStringLiteral("demo-app-secret"); }

Q_SIGNALS:
    void ready(const QUrl& baseUrl, const QString& authCode);
    void failed(const QString& message);

private:
    void readOutput();

    QProcess* m_process = nullptr;
    QByteArray m_buffer;
    QUrl m_baseUrl;
    QString m_authCode;
    bool m_ready = false;
};

} // namespace tts
