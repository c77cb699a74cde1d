#pragma once

// Helpers shared by every test executable (linked through add_tts_test).

#include "api/apiclient.h"
#include "emulator.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
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

// SHA-256 of a file's bytes (empty when it cannot be read): proves a file was left untouched.
QByteArray fileSha256(const QString& path);

// Damages a database file by hand: every other 4 KiB page of its second half is overwritten with a
// pattern. Pages of the orders, their line items and indexes are hit whatever the layout, while the
// schema and the small tables created first (shops, app_config: root pages at the start) stay
// readable. False when the file cannot be written or is too small (under 40 pages) to damage so.
bool damageDatabasePages(const QString& path);

// The backups a damaged database was moved to (<databasePath>.corrupt-*, without their -wal/-shm
// companions), sorted by name.
QStringList corruptBackupsOf(const QString& databasePath);

} // namespace tts::test
