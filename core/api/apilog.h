#pragma once

#include <QLoggingCategory>

namespace tts {

// The one logging category of core/api. Never a secret, token or signed URL in a line (paths only).
Q_DECLARE_LOGGING_CATEGORY(lcApi)

} // namespace tts
