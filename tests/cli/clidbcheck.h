#pragma once

#include "emulator.h"

#include <QString>

namespace tts::test {

// Compares the database file with the emulator's data for one shop: every order (status, times,
// money strings), its line items, every product. Returns the first differences found, empty when
// the database equals the emulator exactly.
QString compareWithEmulator(const QString& databasePath, const demo::Emulator& emulator,
                            const QString& shopId);

// Number of rows of `table` whose `column` equals `value` (-1 when the query fails).
qint64 countRows(const QString& databasePath, const QString& table, const QString& column,
                 const QString& value);

} // namespace tts::test
