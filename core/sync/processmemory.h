#pragma once

namespace tts {

// Sets up glibc's allocator for a process that syncs. Call first thing in main(), before any thread
// starts (the window, the command line, the benchmarks). A no-op where the C library is not glibc.
//
// Two arenas: each sync runs on a new worker thread, and glibc gives every new thread its own arena
// that keeps the memory it freed, so a long-running process (the window, the soak run) would grow with
// every sync. Two arenas serve our few busy threads (GUI or CLI, sync worker, page writer, network).
//
// Fixed thresholds instead of glibc's sliding ones: blocks up to kMmapThresholdBytes come from the
// arenas, and an arena keeps up to kTrimThresholdBytes of free memory at its top. With the defaults, a
// sync's buffers (replies of ~100 KB, SQLite's sort memory of a few MB) went back to the kernel on free
// and came back as fresh zeroed pages, a page fault per 4 KB, as often as glibc's thresholds happened
// to allow: a full sync of 300,000 orders took 36,000-167,000 page faults, now 8,000-9,000.
void configureAllocator();

// Hands the free memory the arenas keep (up to kTrimThresholdBytes each) back to the kernel, for a
// process that goes on after a sync: the window, which may then sit idle for hours. A no-op where the
// C library is not glibc.
void releaseFreeMemory();

inline constexpr int kMmapThresholdBytes = 4 * 1024 * 1024;
inline constexpr int kTrimThresholdBytes = 64 * 1024 * 1024;

} // namespace tts
