#pragma once

#include "database.h"

namespace tts {

// The secondary indexes of orders and line_items, dropped while a full resync fills EMPTY tables
// and built again (by sorting, much faster than row by row) at its end. Generic: whatever indexes
// the migrations created on those tables are read from sqlite_master, so later ones are handled
// too; triggers and the primary keys stay. Crash-safe: each dropped index's SQL is recorded in
// app_config in the transaction that drops it, and restore() (run by every read-write open and at
// the end of the resync) builds every recorded index again. Queries stay correct meanwhile, only
// slower.
class DeferredIndexes
{
public:
    // Drops the indexes when orders and line_items are both empty; *deferred says whether it did.
    static bool deferIfEmpty(Database& db, bool* deferred, Database::Error* error);
    // Builds every recorded index again (CREATE INDEX IF NOT EXISTS) and forgets the records.
    static bool restore(Database& db, Database::Error* error);
    // Names of the indexes currently dropped (recorded in app_config).
    static QStringList pending(Database& db, Database::Error* error);
};

} // namespace tts
