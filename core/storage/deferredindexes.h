#pragma once

#include "database.h"

namespace tts {

// The secondary indexes of orders and line_items, dropped while a full resync fills EMPTY tables
// and built again (by sorting, much faster than row by row) at its end. Generic: whatever indexes
// the migrations created on those tables are read from sqlite_master, so later ones are handled
// too; the primary keys stay. The orders' insert and update triggers that note the rollups' dirty
// hours go too (a trigger program per row; OrderStore notes the hours of each page itself); the
// others stay. Crash-safe: each dropped index's or trigger's SQL is recorded in app_config in the
// transaction that drops it, and restore() (run by every read-write open and at the end of the
// resync) creates every recorded one again. Queries stay correct meanwhile, only slower.
class DeferredIndexes
{
public:
    // Drops the indexes when orders and line_items are both empty; *deferred says whether it did.
    static bool deferIfEmpty(Database& db, bool* deferred, Database::Error* error);
    // Who wrote orders while the triggers were gone: any writer (a crash, an earlier build, other
    // SQL), whose hours are found again by reading every order; or only OrderStore, which noted them.
    enum class Writers
    {
        Any,
        OrderStoreOnly
    };
    // Creates every recorded index and trigger again (IF NOT EXISTS) and forgets the records.
    static bool restore(Database& db, Database::Error* error, Writers writers = Writers::Any);
    // Names of the indexes, then of the triggers, currently dropped (recorded in app_config).
    static QStringList pending(Database& db, Database::Error* error);
};

} // namespace tts
