#include "testsupport.h"

#include <QtTest/QTest>

namespace tts::test {

TempDir::TempDir() : m_dir(QDir::tempPath() + QStringLiteral("/tts-test-XXXXXX")) {}

std::unique_ptr<demo::Emulator> startEmulator(demo::EmulatorConfig config)
{
    auto emulator = std::make_unique<demo::Emulator>(std::move(config));
    QString error;
    if (!emulator->start(0, &error)) {
        qWarning("startEmulator: %s", qPrintable(error));
        return nullptr;
    }
    return emulator;
}

} // namespace tts::test
