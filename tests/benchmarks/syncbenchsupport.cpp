#include "syncbench.h"

#include "sync/shopconnector.h"
#include "sync/synccontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tts::bench {

DemoServer::~DemoServer()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000))
            m_process->kill();
        m_process->waitForFinished();
    }
}

bool DemoServer::start(const QStringList& arguments, QString* error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    // The server goes when this program goes, even when it crashes.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start(QStringLiteral(TTS_DEMO_SERVER), arguments + QStringList{u"--port"_s, u"0"_s});
    if (!m_process->waitForStarted(10000)) {
        *error = u"cannot start %1: %2"_s.arg(QStringLiteral(TTS_DEMO_SERVER), m_process->errorString());
        return false;
    }
    // Generating a million orders takes a while: wait for both lines.
    QElapsedTimer clock;
    clock.start();
    while ((m_url.isEmpty() || m_authCode.isEmpty()) && clock.elapsed() < 300000) {
        if (!m_process->canReadLine() && !m_process->waitForReadyRead(1000)) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process->canReadLine()) {
            const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
            if (line.startsWith("listening "_L1))
                m_url = QUrl(line.mid(10));
            else if (line.startsWith("auth_code "_L1))
                m_authCode = line.mid(10);
        }
    }
    if (m_url.isEmpty() || m_authCode.isEmpty()) {
        *error = u"the demo server did not report its address"_s;
        return false;
    }
    return true;
}

qint64 DemoServer::cpuMs() const
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return -1;
    QFile stat(u"/proc/%1/stat"_s.arg(m_process->processId()));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // The fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000 / ::sysconf(_SC_CLK_TCK);
}

bool connectShop(const QUrl& base, const QString& authCode, const QString& databasePath, QString* error)
{
    ShopConnector connector;
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&connector, &ShopConnector::connected, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(&connector, &ShopConnector::failed, &loop, [&](const SyncError& e) {
        *error = e.message;
        loop.quit();
    });
    ShopConnector::Request request;
    request.apiBase = base;
    request.authBase = base;
    request.appKey = u"demo-app-key"_s;
    request.appSecret = u"demo-app-secret"_s;
    request.authCode = authCode;
    request.databasePath = databasePath;
    request.sessionOnlySecrets = true;
    connector.start(request);
    loop.exec();
    return ok;
}

RunResult runSync(SyncOptions options)
{
    RunResult result;
    SyncController controller;
    QEventLoop loop;
    QObject::connect(&controller, &SyncController::finished, &loop, [&](const SyncReport& report) {
        result.ok = !report.cancelled;
        result.report = report;
        loop.quit();
    });
    QObject::connect(&controller, &SyncController::failed, &loop, [&](const SyncError& error) {
        result.error = error.message;
        loop.quit();
    });
    options.sessionOnlySecrets = true;
    QElapsedTimer clock;
    const qint64 cpuBefore = processCpuMs();
    clock.start();
    controller.start(options);
    loop.exec();
    result.wallMs = clock.elapsed();
    result.cpuMs = processCpuMs() - cpuBefore;
    return result;
}

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qint64 processCpuMs()
{
    rusage usage = {};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return qint64(t.tv_sec) * 1000 + t.tv_usec / 1000;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

void resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
}

} // namespace tts::bench
