#pragma once

#include <QLoggingCategory>

// The one logging category of core/secrets. Never log a secret value, only keys and error kinds.
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
