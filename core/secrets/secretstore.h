#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace tts {

struct SecretError
{
    enum Kind
    {
        None,
        NotFound,     // no such entry
        NoBackend,    // no keychain backend (no D-Bus session, no Secret Service)
        AccessDenied, // the user refused or the keyring stayed locked
        Other,
    };
    Kind kind = None;
    QString message; // never contains the secret

    bool isError() const { return kind != None; }
};

// Where the app secret and the tokens live. The production implementation is the OS keychain
// through QtKeychain with no insecure fallback; a session-only in-memory store exists for machines
// without a keychain backend (with a clear warning) and for tests. Asynchronous like QtKeychain:
// callbacks run in the caller's thread, which must run an event loop.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual void read(const QString& key, std::function<void(SecretError, QString value)> done) = 0;
    virtual void write(const QString& key, const QString& value, std::function<void(SecretError)> done) = 0;
    virtual void remove(const QString& key, std::function<void(SecretError)> done) = 0;
    virtual bool isPersistent() const = 0;
};

// Entry names.
namespace secretkeys {
inline QString appSecret()
{
    return QStringLiteral("app_secret");
}
inline QString tokens()
{
    return QStringLiteral("tokens");
} // JSON of TokenSet
} // namespace secretkeys

} // namespace tts
