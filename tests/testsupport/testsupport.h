#pragma once

// Helpers shared by every test executable (linked through add_tts_test).

#include "api/apiclient.h"
#include "emulator.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace tts::test {

// A temporary folder removed at the end of the test, with path helpers.
class TempDir
{
public:
    TempDir();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    // Absolute path of `name` inside the folder (not created).
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    // A database path inside the folder: <dir>/<name>.
    QString databasePath(const QString& name = QStringLiteral("shop.sqlite")) const { return filePath(name); }

private:
    QTemporaryDir m_dir;
};

// Starts an emulator on a free 127.0.0.1 port. Returns nullptr (and prints why) when it cannot
// listen, so a test writes: auto emulator = tts::test::startEmulator(config); QVERIFY(emulator);
std::unique_ptr<demo::Emulator> startEmulator(demo::EmulatorConfig config = {});

// An ApiConfig pointing both hosts at the emulator with its app key and secret (production pacing
// and retry settings otherwise; tests tune them as they need).
ApiConfig apiConfigFor(const demo::Emulator& emulator);

// Tokens as the client keeps them, freshly issued by the emulator (as if a code had been exchanged).
TokenSet issueTokenSet(demo::Emulator& emulator);

} // namespace tts::test
