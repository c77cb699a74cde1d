#pragma once

// The soak run's second opinion on "the database equals the emulator": besides dbcompare's fields
// (tests/sync), every scalar field of an order or line item that the database has a column of the
// same name for (cancel and delivery times, carrier, tracking number, cancel reason, flags, ...),
// and each product's SKUs (seller SKU, price, inventory).

#include "emulator.h"

#include <QString>
#include <QStringList>

namespace tts::soak {

// Differences in the "order <id> ..." / "product <id> ..." form of dbcompare; empty when equal.
QStringList compareEveryColumn(const QString& databasePath, const demo::Emulator& emulator,
                               const QString& shopId);

} // namespace tts::soak
