#!/usr/bin/env bash
# Configures (once) and builds the project in build/. Incremental on later runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TTS_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTTS_WERROR=ON "$@" >/dev/null
fi
jobs=$(nproc)
cmake --build "$build" --parallel "$jobs"
