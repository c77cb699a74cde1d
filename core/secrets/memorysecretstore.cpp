#include "memorysecretstore.h"

#include "callerthread.h"

#include <QMutexLocker>

namespace tts {

MemorySecretStore::~MemorySecretStore()
{
    clear();
}

MemorySecretStore& MemorySecretStore::session()
{
    // Intentionally leaked: callbacks queued at exit may still reach it.
    static auto* instance = new MemorySecretStore;
    return *instance;
}

void MemorySecretStore::read(const QString& key, std::function<void(SecretError, QString value)> done)
{
    const std::optional<QString> found = value(key);
    detail::postToCurrentThread([key, found, done = std::move(done)] {
        if (found) {
            done(SecretError{}, *found);
        } else {
            done(SecretError{SecretError::NotFound,
                             QStringLiteral("No secret named \"%1\" is stored for this session.").arg(key)},
                 QString());
        }
    });
}

void MemorySecretStore::write(const QString& key, const QString& value, std::function<void(SecretError)> done)
{
    setValue(key, value);
    detail::postToCurrentThread([done = std::move(done)] { done(SecretError{}); });
}

void MemorySecretStore::remove(const QString& key, std::function<void(SecretError)> done)
{
    {
        QMutexLocker locker(&m_mutex);
        auto it = m_values.find(key);
        if (it != m_values.end()) {
            it->fill(QChar(0)); // do not leave the value behind in freed memory
            m_values.erase(it);
        }
    }
    detail::postToCurrentThread([done = std::move(done)] { done(SecretError{}); });
}

std::optional<QString> MemorySecretStore::value(const QString& key) const
{
    QMutexLocker locker(&m_mutex);
    auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

void MemorySecretStore::setValue(const QString& key, const QString& value)
{
    QMutexLocker locker(&m_mutex);
    m_values.insert(key, value);
}

void MemorySecretStore::clear()
{
    QMutexLocker locker(&m_mutex);
    for (QString& v : m_values)
        v.fill(QChar(0));
    m_values.clear();
}

} // namespace tts
