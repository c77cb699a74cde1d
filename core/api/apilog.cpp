#include "apilog.h"

namespace tts {

Q_LOGGING_CATEGORY(lcApi, "tts.api")

} // namespace tts
