#pragma once

// Process and database figures of the soak run: resident memory from /proc/self/status and the
// size of the database's write-ahead log.

#include <QString>

namespace tts::soak {

struct MemorySample
{
    qint64 rssKb = -1;  // VmRSS: resident now
    qint64 peakKb = -1; // VmHWM: the high-water mark since start
    // malloc's bytes in use (mallinfo2: uordblks + hblkhd): live heap, without what the allocator
    // keeps for reuse (glibc keeps one arena per thread that ever allocated, up to 8 per core).
    qint64 heapKb = -1;
};

MemorySample sampleMemory();

// Size of a file in bytes (0 when it does not exist).
qint64 fileBytes(const QString& path);

// Size of `databasePath`-wal in bytes; 0 when it does not exist (checkpointed and removed).
qint64 walBytes(const QString& databasePath);

// Growth of `to` over `from` in percent (0 when `from` is unknown).
double growthPercent(qint64 from, qint64 to);

} // namespace tts::soak
