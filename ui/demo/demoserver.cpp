#include "demoserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace tts {

DemoServer::DemoServer(QObject* parent) : QObject(parent) {}

DemoServer::~DemoServer()
{
    stop();
}

QString DemoServer::executablePath()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("tiktok-shop-demo-server"));
}

bool DemoServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void DemoServer::start(qint64 historyEnd, int orders)
{
    stop();
    m_ready = false;
    m_buffer.clear();
    m_baseUrl.clear();
    m_authCode.clear();
    const QString program = executablePath();
    if (!QFileInfo(program).isExecutable()) {
        Q_EMIT failed(tr("The demo shop program is missing (%1). Build or install the whole application.")
                          .arg(QDir::toNativeSeparators(program)));
        return;
    }
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &DemoServer::readOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(tr("The demo shop could not be started: %1").arg(m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (!m_ready)
            Q_EMIT failed(tr("The demo shop stopped before it was ready (exit code %1).").arg(code));
    });
    m_process->start(program, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--orders"),
                               QString::number(orders), QStringLiteral("--live"),
                               QStringLiteral("--history-end"), QString::number(historyEnd)});
}

void DemoServer::readOutput()
{
    m_buffer += m_process->readAllStandardOutput();
    qsizetype end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(end)).trimmed();
        m_buffer.remove(0, end + 1);
        if (line.startsWith(u"listening "))
            m_baseUrl = QUrl(line.mid(10).trimmed());
        else if (line.startsWith(u"auth_code "))
            m_authCode = line.mid(10).trimmed();
    }
    if (!m_ready && m_baseUrl.isValid() && !m_authCode.isEmpty()) {
        m_ready = true;
        Q_EMIT ready(m_baseUrl, m_authCode);
    }
}

void DemoServer::stop()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    delete m_process;
    m_process = nullptr;
    m_ready = false;
}

} // namespace tts
