#pragma once

#include "api/models.h"
#include "shopprofile.h"
#include "storage/statusquery.h"
#include "sync/synctypes.h"

#include <QObject>

#include <memory>
#include <optional>

namespace tts {

class Database;
class DemoServer;
class ShopConnector;
class SyncController;

// The window's link to one profile (the real shop or the demo shop): its read-only database
// connection, the sync controller (worker thread) and, for the demo, the demo server process.
// Everything here is asynchronous; the GUI thread never waits on the network or the writer.
class ShopSession : public QObject
{
    Q_OBJECT
public:
    explicit ShopSession(QObject* parent = nullptr);
    ~ShopSession() override;

    void setProfile(const ShopProfile& profile);
    const ShopProfile& profile() const { return m_profile; }

    // The GUI's read-only connection; null until the database exists.
    Database* database() const { return m_db.get(); }
    bool reopenDatabase(); // after the first connection created the file
    QList<ShopStatus> shopStatuses(QString* error = nullptr);
    bool hasShops();
    qint64 orderCount();

    // Options of the next run: the settings plus the profile (and the demo server's URL).
    SyncOptions syncOptions(SyncMode mode) const;
    bool isSyncing() const;
    void startSync(SyncMode mode);
    void cancelSync();

    // Demo: start (or reuse) the demo server, connect to it and sync.
    void startDemo(qint64 historyEnd, int orders = 50000);
    DemoServer* demoServer() const { return m_demo; }

    // Connect a real shop (from the connect dialog) has its own ShopConnector; the session only needs
    // to know when it is done.
    void setSessionOnlySecrets(bool sessionOnly) { m_profile.sessionOnlySecrets = sessionOnly; }

    SyncController* controller() const { return m_controller; }

Q_SIGNALS:
    void databaseChanged();
    void syncStarted(tts::SyncMode mode);
    void syncProgress(const tts::SyncProgress& progress);
    void syncFinished(const tts::SyncReport& report);
    void syncFailed(const tts::SyncError& error);
    void demoStatus(const QString& message);
    void demoFailed(const QString& message);

private:
    void connectDemo(const QUrl& baseUrl, const QString& authCode);
    // A file an earlier version of the app wrote: migrated once in a thread of its own (not while a
    // sync holds it), then opened again.
    void upgradeDatabase();

    ShopProfile m_profile;
    std::unique_ptr<Database> m_db;
    SyncController* m_controller = nullptr;
    DemoServer* m_demo = nullptr;
    ShopConnector* m_connector = nullptr;
    std::optional<SyncMode> m_pendingMode;
    QUrl m_demoUrl;
    QString m_upgradeTried; // the file upgradeDatabase() last worked on: tried once
};

} // namespace tts
