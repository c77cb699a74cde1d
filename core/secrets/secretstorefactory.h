#pragma once

#include "secretstore.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace tts {

// The store a program uses: the OS keychain under `service`, or with sessionOnly the process-wide
// MemorySecretStore::session() (nothing persists; the returned object does not own it).
std::unique_ptr<SecretStore> createSecretStore(const QString& service, bool sessionOnly);

// Checks that the OS keychain can be used: a D-Bus session exists, a Secret Service (or KWallet)
// runs or can be started on it, and a read under `service` gets an answer. On NoBackend it retries
// once after a short delay (a keyring may appear a few seconds after login), then calls done with
// None, or an error whose message says what is missing and that session-only mode is the way out.
// done runs in context's thread, never after context is destroyed. The delay is 3 s, or
// TTS_KEYCHAIN_PROBE_RETRY_MS from the environment.
void probeKeychain(const QString& service, QObject* context, std::function<void(SecretError)> done);
void probeKeychain(const QString& service, QObject* context, std::function<void(SecretError)> done,
                   std::chrono::milliseconds retryDelay);

// The retry delay probeKeychain uses without an explicit one.
std::chrono::milliseconds defaultProbeRetryDelay();

} // namespace tts
