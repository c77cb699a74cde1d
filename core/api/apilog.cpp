#include "apilog.h"

namespace tts {

Q_LOGGING_CATEGORY(lcApi, "tts.api", QtInfoMsg) // debug: one line per request (path only)

} // namespace tts
