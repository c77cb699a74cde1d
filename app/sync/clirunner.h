#pragma once

#include "cliarguments.h"
#include "sync/synctypes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tts {
class ShopConnector;
class SyncController;
struct SecretError;
} // namespace tts

namespace tts::cli {

// Runs one command of tiktok-shop-sync asynchronously in the caller's event loop and collects
// what to print. main() prints the outcome only after the runner (and the sync thread it owns)
// is gone, so the failure sentence really is the last line on stderr.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        int exitCode = 0;
        QByteArray standardOutput; // the JSON object or the human summary
        QString message;           // the last line for stderr; empty on success
    };

    explicit CliRunner(Arguments args, QObject* parent = nullptr);
    ~CliRunner() override;

    void start();
    const Outcome& outcome() const { return m_outcome; }

    // SIGINT / SIGTERM: cancel, keep the progress, exit 130.
    void interrupt(int signalNumber);

Q_SIGNALS:
    void done(int exitCode);

private:
    void runConnect();
    void runSync();
    void runStatus();
    void runDisconnect();

    // Fills the base URLs that were not given from the ones connect recorded in the database.
    bool resolveBaseUrls();
    void withKeychain(std::function<void()> next);

    void onSyncProgress(const SyncProgress& progress);
    void onSyncFinished(const SyncReport& report);
    void onSyncFailed(const SyncError& error);

    void succeed(const QJsonObject& json, const QString& text);
    void fail(int exitCode, const QString& message);
    void printProgress(const QString& line);

    Arguments m_args;
    QString m_databasePath;
    Outcome m_outcome;
    bool m_finished = false;
    bool m_interrupted = false;
    SyncController* m_controller = nullptr;
    ShopConnector* m_connector = nullptr;
    QElapsedTimer m_progressClock;
    bool m_progressPrinted = false;
};

} // namespace tts::cli
