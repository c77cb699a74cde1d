#include "secretstorefactory.h"

#include "callerthread.h"
#include "keychainsecretstore.h"
#include "keychainthread.h"
#include "memorysecretstore.h"
#include "secretservicebus.h"
#include "secretslog.h"

#include <QPointer>
#include <QTimer>

namespace tts {

namespace {

// Forwards to the process-wide session store without owning it.
class SessionSecretStore : public SecretStore
{
public:
    void read(const QString& key, std::function<void(SecretError, QString value)> done) override
    {
        MemorySecretStore::session().read(key, std::move(done));
    }
    void write(const QString& key, const QString& value, std::function<void(SecretError)> done) override
    {
        MemorySecretStore::session().write(key, value, std::move(done));
    }
    void remove(const QString& key, std::function<void(SecretError)> done) override
    {
        MemorySecretStore::session().remove(key, std::move(done));
    }
    bool isPersistent() const override { return false; }
};

constexpr std::chrono::seconds kProbeReadTimeout{30};

QString probeKey()
{
    return QStringLiteral("keychain_probe");
}

// One attempt: the bus check in the keychain thread, then a read of an entry that normally does
// not exist (NotFound proves the keychain answers). `done` runs in the caller's thread.
void probeOnce(const QString& service, std::function<void(SecretError)> done)
{
    auto* callback = new detail::CallerThreadCallback;
    detail::KeychainThread::post([service, callback, done = std::move(done)]() mutable {
        const SecretError bus = detail::checkSecretServiceBus();
        callback->deliver([service, bus, done = std::move(done)] {
            if (bus.isError()) {
                done(bus);
                return;
            }
            auto store = std::make_shared<KeychainSecretStore>(service);
            store->setTimeout(kProbeReadTimeout);
            store->read(probeKey(), [store, done](SecretError error, const QString&) {
                if (error.kind == SecretError::NotFound)
                    error = {};
                done(error);
            });
        });
    });
}

} // namespace

std::unique_ptr<SecretStore> createSecretStore(const QString& service, bool sessionOnly)
{
    if (sessionOnly)
        return std::make_unique<SessionSecretStore>();
    return std::make_unique<KeychainSecretStore>(service);
}

std::chrono::milliseconds defaultProbeRetryDelay()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("TTS_KEYCHAIN_PROBE_RETRY_MS", &ok);
    if (ok && ms >= 0)
        return std::chrono::milliseconds(ms);
    return std::chrono::seconds(3);
}

void probeKeychain(const QString& service, QObject* context, std::function<void(SecretError)> done)
{
    probeKeychain(service, context, std::move(done), defaultProbeRetryDelay());
}

void probeKeychain(const QString& service, QObject* context, std::function<void(SecretError)> done,
                   std::chrono::milliseconds retryDelay)
{
    QPointer<QObject> guard(context);
    probeOnce(service, [service, guard, retryDelay, done = std::move(done)](SecretError first) {
        if (!guard)
            return;
        if (first.kind != SecretError::NoBackend) {
            done(first);
            return;
        }
        qCInfo(lcSecrets) << "no keychain backend yet, retrying once in" << retryDelay.count() << "ms";
        QTimer::singleShot(retryDelay, guard.data(), [service, guard, done] {
            probeOnce(service, [guard, done](SecretError second) {
                if (guard)
                    done(second);
            });
        });
    });
}

} // namespace tts
