#pragma once

namespace tts {

// Keeps a long-running process (the window, a scheduled sync, the soak run) from growing with every
// sync: each sync runs on a new worker thread, and glibc gives every new thread its own malloc arena
// that keeps the memory it freed. Two arenas serve our few busy threads (GUI or CLI, sync worker,
// page writer) without contention worth measuring. Call first thing in main(), before any thread
// starts. A no-op where the C library is not glibc.
void limitAllocatorArenas();

} // namespace tts
