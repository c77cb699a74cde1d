#pragma once

// In-process sync fixtures: connect the emulator's shops, run SyncController to the end.

#include "emulator.h"

#include "sync/synccontroller.h"
#include "sync/synctypes.h"

#include <QString>

#include <functional>

namespace tts::test {

// The keychain service of the tests; the secrets live in MemorySecretStore::session().
inline QString testKeychainService()
{
    return QStringLiteral("tts-sync-tests");
}

// Connects every shop of the emulator through ShopConnector (auth code exchange, shops, app key),
// storing the secrets in the session-only store. Empty on success, else the error.
QString connectEmulator(demo::Emulator& emulator, const QString& databasePath);

SyncOptions syncOptions(const demo::Emulator& emulator, const QString& databasePath,
                        SyncMode mode = SyncMode::Incremental);

struct SyncRun
{
    bool ended = false; // finished or failed before the timeout
    bool ok = false;    // finished (possibly cancelled)
    SyncReport report;
    SyncError error;
    int progressSignals = 0;
    SyncProgress lastProgress;
};

// Runs one sync to its end. onProgress runs in the test thread for every progress signal and may
// cancel through the controller or change the emulator's data.
SyncRun runSync(const SyncOptions& options,
                const std::function<void(SyncController&, const SyncProgress&)>& onProgress = {},
                int timeoutMs = 120000);

// Order-search requests the emulator has seen.
quint64 orderSearches(const demo::Emulator& emulator);

} // namespace tts::test
