#pragma once

#include <QLoggingCategory>

namespace tts {
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
}
