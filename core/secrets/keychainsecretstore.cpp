#include "keychainsecretstore.h"

#include "callerthread.h"
#include "keychainthread.h"
#include "secretservicebus.h"
#include "secretslog.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

#include <atomic>
#include <memory>

namespace tts {

namespace {

enum class Operation
{
    Read,
    Write,
    Remove
};

QString operationName(Operation op)
{
    switch (op) {
    case Operation::Read:
        return QStringLiteral("read");
    case Operation::Write:
        return QStringLiteral("store");
    case Operation::Remove:
        return QStringLiteral("remove");
    }
    return {};
}

// Runs in the keychain thread. The keychain's own text never contains the value, but it is
// scrubbed anyway so that no path can put a secret into a message.
SecretError mapError(const QKeychain::Job& job, Operation op, const QString& secretValue)
{
    QString text = job.errorString();
    if (!secretValue.isEmpty())
        text.replace(secretValue, QStringLiteral("<redacted>"));
    const QString key = job.key();

    switch (job.error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        if (op == Operation::Remove)
            return {}; // removing what is not there is success
        return {SecretError::NotFound,
                QStringLiteral("No secret named \"%1\" is stored in the system keychain (service \"%2\").")
                    .arg(key, job.service())};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretError::AccessDenied,
                QStringLiteral(
                    "The system keychain refused to %1 \"%2\": it is locked or access was denied (%3). "
                    "Unlock the keyring and try again.")
                    .arg(operationName(op), key, text)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }

    // QtKeychain reports a missing D-Bus or Secret Service as an OtherError carrying the D-Bus error
    // text: look at the bus ourselves to name the precise cause.
    const SecretError bus = detail::checkSecretServiceBus();
    if (bus.isError())
        return bus;
    if (job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented)
        return {SecretError::NoBackend, QStringLiteral("No system keychain is available (%1).").arg(text)};
    return {SecretError::Other,
            QStringLiteral("The system keychain could not %1 \"%2\" (%3). Check that its default keyring "
                           "exists and is unlocked (for example in Passwords and Keys), or use session-only "
                           "mode: the secrets are then kept in memory until the program quits.")
                .arg(operationName(op), key, text)};
}

using Done = std::function<void(SecretError, QString)>;

// One request: answered once, by the job or by the timeout, in the caller's thread.
struct PendingCall
{
    std::atomic_bool answered{false};
    detail::CallerThreadCallback* callback = nullptr; // lives in the caller's thread
    Done done;

    void answer(const SecretError& error, const QString& value)
    {
        if (answered.exchange(true))
            return;
        callback->deliver([done = std::move(done), error, value] { done(error, value); });
    }
};

QKeychain::Job* createJob(Operation op, const QString& service, const QString& key, const QString& value)
{
    QKeychain::Job* job = nullptr;
    switch (op) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(service);
        write->setTextData(value);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    return job;
}

// Runs in the keychain thread.
void runJob(Operation op, const QString& service, const QString& key, const QString& value,
            std::chrono::milliseconds timeout, const std::shared_ptr<PendingCall>& pending)
{
    QKeychain::Job* job = createJob(op, service, key, value);
    QObject::connect(job, &QKeychain::Job::finished, job, [op, value, pending](QKeychain::Job* j) {
        const SecretError error = mapError(*j, op, value);
        if (error.isError() && error.kind != SecretError::NotFound)
            qCInfo(lcSecrets) << "keychain" << operationName(op) << j->key() << "failed, kind" << error.kind;
        QString result;
        if (op == Operation::Read && !error.isError())
            result = static_cast<QKeychain::ReadPasswordJob*>(j)->textData();
        pending->answer(error, result);
    });

    auto* timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [op, key, timeout, pending] {
        qCWarning(lcSecrets) << "keychain" << operationName(op) << key << "timed out";
        pending->answer(
            {SecretError::Other,
             QStringLiteral("The system keychain did not answer within %1 s when asked to %2 \"%3\". "
                            "Unlock the keyring and try again.")
                 .arg(qMax<qint64>(1, timeout.count() / 1000))
                 .arg(operationName(op), key)},
            QString());
    });
    timer->start(timeout);
    job->start();
}

void submit(Operation op, const QString& service, const QString& key, const QString& value,
            std::chrono::milliseconds timeout, Done done)
{
    auto pending = std::make_shared<PendingCall>();
    pending->callback = new detail::CallerThreadCallback; // created here: in the caller's thread
    pending->done = std::move(done);
    detail::KeychainThread::post(
        [op, service, key, value, timeout, pending] { runJob(op, service, key, value, timeout, pending); });
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString& service) : m_service(service) {}

void KeychainSecretStore::read(const QString& key, std::function<void(SecretError, QString value)> done)
{
    submit(Operation::Read, m_service, key, QString(), m_timeout, std::move(done));
}

void KeychainSecretStore::write(const QString& key, const QString& value,
                                std::function<void(SecretError)> done)
{
    submit(Operation::Write, m_service, key, value, m_timeout,
           [done = std::move(done)](SecretError error, const QString&) { done(error); });
}

void KeychainSecretStore::remove(const QString& key, std::function<void(SecretError)> done)
{
    submit(Operation::Remove, m_service, key, QString(), m_timeout,
           [done = std::move(done)](SecretError error, const QString&) { done(error); });
}

} // namespace tts
