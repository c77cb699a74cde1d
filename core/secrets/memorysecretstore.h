#pragma once

#include "secretstore.h"

#include <QHash>
#include <QMutex>

#include <optional>

namespace tts {

// Secrets kept only in this process's memory: the session-only mode for machines without a keychain
// backend, and a stand-in for tests. Thread-safe; callbacks run asynchronously in the caller's thread
// (which must run an event loop). Removing a missing entry succeeds, like the keychain.
class MemorySecretStore : public SecretStore
{
public:
    MemorySecretStore() = default;
    ~MemorySecretStore() override;

    // The process-wide instance behind createSecretStore(service, sessionOnly = true). One flat
    // namespace of keys: the service name is not part of the key.
    static MemorySecretStore& session();

    void read(const QString& key, std::function<void(SecretError, QString value)> done) override;
    void write(const QString& key, const QString& value, std::function<void(SecretError)> done) override;
    void remove(const QString& key, std::function<void(SecretError)> done) override;
    bool isPersistent() const override { return false; }

    // Synchronous access for callers without an event loop (and tests).
    std::optional<QString> value(const QString& key) const;
    void setValue(const QString& key, const QString& value);
    void clear();

private:
    mutable QMutex m_mutex;
    QHash<QString, QString> m_values;
};

} // namespace tts
