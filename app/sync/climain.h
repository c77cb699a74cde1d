#pragma once

#include <QStringList>

namespace tts::cli {

// Parses, runs the command in the running QCoreApplication's event loop, prints, and returns the
// exit code. Installs the SIGINT/SIGTERM handlers for the duration of the command.
int runCommandLine(const QStringList& arguments);

} // namespace tts::cli
