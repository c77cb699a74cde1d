#pragma once

// Helpers of the syncbench program (tests/benchmarks/syncbench*.cpp).

#include "sync/synctypes.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace tts::bench {

// tiktok-shop-demo-server as a subprocess, so that the figures measure the client only.
class DemoServer
{
public:
    ~DemoServer();
    bool start(const QStringList& arguments, QString* error);
    QUrl url() const { return m_url; }
    QString authCode() const { return m_authCode; }
    // User + system CPU of the server process so far (/proc/PID/stat), -1 when unknown.
    qint64 cpuMs() const;

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_authCode;
};

struct RunResult
{
    bool ok = false;
    QString error;
    SyncReport report;
    qint64 wallMs = 0;
    qint64 cpuMs = 0; // user + system CPU of this process (every thread) during the run
};

// Connects (ShopConnector, session-only secrets) and records the shop in `databasePath`.
bool connectShop(const QUrl& base, const QString& authCode, const QString& databasePath, QString* error);
// Runs one sync with the engine in this process (SyncController, its own worker thread).
RunResult runSync(SyncOptions options);

// Peak resident set size of this process (VmHWM), and resetting it (Linux clear_refs 5).
qint64 peakRssKb();
void resetPeakRss();

qint64 processCpuMs();
QString loadAverage(); // /proc/loadavg: the figures mean little on a busy machine

} // namespace tts::bench
