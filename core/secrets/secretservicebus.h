#pragma once

#include "secretstore.h"

namespace tts::detail {

// Checks, with a fresh D-Bus connection (so a bus or a keyring that appears late is seen), that a
// session bus exists and that a keychain service (the freedesktop Secret Service, or KWallet) is
// running or can be started on it. Blocks for at most a few seconds. Returns NoBackend with a clear
// message, or None.
SecretError checkSecretServiceBus();

QString noDbusMessage();
QString noSecretServiceMessage();

} // namespace tts::detail
