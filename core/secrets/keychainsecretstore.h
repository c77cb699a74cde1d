#pragma once

#include "secretstore.h"

#include <chrono>

namespace tts {

// The OS keychain through QtKeychain (the freedesktop Secret Service on Linux, the Keychain on
// macOS, the Credential Manager on Windows). Never falls back to a plain-text file. Usable from any
// thread that runs an event loop: the jobs run in one internal keychain thread and every callback
// is delivered in the thread that called read/write/remove. Removing a missing entry succeeds.
class KeychainSecretStore : public SecretStore
{
public:
    explicit KeychainSecretStore(const QString& service);

    void read(const QString& key, std::function<void(SecretError, QString value)> done) override;
    void write(const QString& key, const QString& value, std::function<void(SecretError)> done) override;
    void remove(const QString& key, std::function<void(SecretError)> done) override;
    bool isPersistent() const override { return true; }

    QString service() const { return m_service; }

    // How long to wait for the keychain (which may be showing an unlock prompt) before giving up.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

private:
    QString m_service;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(2)};
};

} // namespace tts
