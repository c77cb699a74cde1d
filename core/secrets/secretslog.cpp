#include "secretslog.h"

Q_LOGGING_CATEGORY(lcSecrets, "tts.secrets")
