#pragma once

#include <QObject>

#include <functional>

namespace tts::detail {

// QtKeychain queues its jobs in one global, unsynchronised executor, and its libsecret backend
// answers through the GLib main context of the thread that started a job. Running every keychain
// job in one process-wide thread keeps both safe whichever thread (GUI, sync worker) asks, and keeps
// working while the asking thread is busy. The thread starts on first use and stops when the
// QCoreApplication is destroyed.
class KeychainThread
{
public:
    // Queues fn to run in the keychain thread. Requires a QCoreApplication.
    static void post(std::function<void()> fn);
};

} // namespace tts::detail
