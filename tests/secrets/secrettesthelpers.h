#pragma once

#include "secrets/secretstore.h"

#include <QTest>

#include <optional>

namespace tts::test {

// Synchronous wrappers for tests: run the calling thread's event loop until the store answers.
struct ReadResult
{
    SecretError error;
    QString value;
};

inline constexpr int kStoreWaitMs = 30000;

inline ReadResult readNow(SecretStore& store, const QString& key)
{
    std::optional<ReadResult> result;
    store.read(key, [&](SecretError e, const QString& v) { result = ReadResult{e, v}; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kStoreWaitMs))
        return {SecretError{SecretError::Other, QStringLiteral("test timed out")}, QString()};
    return *result;
}

inline SecretError writeNow(SecretStore& store, const QString& key, const QString& value)
{
    std::optional<SecretError> result;
    store.write(key, value, [&](SecretError e) { result = e; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kStoreWaitMs))
        return SecretError{SecretError::Other, QStringLiteral("test timed out")};
    return *result;
}

inline SecretError removeNow(SecretStore& store, const QString& key)
{
    std::optional<SecretError> result;
    store.remove(key, [&](SecretError e) { result = e; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kStoreWaitMs))
        return SecretError{SecretError::Other, QStringLiteral("test timed out")};
    return *result;
}

} // namespace tts::test
