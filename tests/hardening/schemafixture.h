#pragma once

// The emulator the schema fixtures under tests/data/ were synced from. The fixtures hold exactly this
// shop's orders and products, so a migrated fixture must still equal it.

#include "emulator.h"

namespace tts::test {

inline demo::EmulatorConfig schemaFixtureEmulatorConfig()
{
    demo::EmulatorConfig config;
    config.seed = 20261122;
    config.historyEnd = 1763769600; // 2025-11-22 00:00 UTC: fixed, so the same shop every run
    config.historyDays = 60;
    config.shops.first().orders = 40;
    config.shops.first().products = 6;
    return config;
}

} // namespace tts::test
