#pragma once

// Reusable invariant of the sync tests: the local database equals the emulator's data exactly.

#include "emulator.h"

#include <QString>
#include <QStringList>

namespace tts::test {

// Every order of `shopId` (status, times, every payment amount string, the minor-unit columns) and
// every line item, compared with the emulator; also no extra rows in the database. Returns the
// differences (at most maxDifferences of them), empty when equal.
QStringList compareOrders(const QString& databasePath, const demo::Emulator& emulator, const QString& shopId,
                          int maxDifferences = 20);

// Every product of `shopId` (title, status, times).
QStringList compareProducts(const QString& databasePath, const demo::Emulator& emulator,
                            const QString& shopId, int maxDifferences = 20);

// Both of the above for every shop of the emulator.
QStringList compareAll(const QString& databasePath, const demo::Emulator& emulator, int maxDifferences = 20);

} // namespace tts::test

// QVERIFY that the database equals the emulator, printing the first differences.
#define TTS_VERIFY_DB_EQUALS_EMULATOR(path, emulator)                                                        \
    do {                                                                                                     \
        const QStringList ttsDiffs_ = tts::test::compareAll((path), (emulator));                             \
        QVERIFY2(ttsDiffs_.isEmpty(), qPrintable(ttsDiffs_.join(QLatin1Char('\n'))));                        \
    } while (false)
