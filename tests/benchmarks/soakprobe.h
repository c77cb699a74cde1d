#pragma once

// Process and database figures of the soak run: resident memory from /proc/self/status and the
// size of the database's write-ahead log.

#include <QString>

namespace tts::soak {

struct MemorySample
{
    qint64 rssKb = -1;  // VmRSS: resident now
    qint64 peakKb = -1; // VmHWM: the high-water mark since start
};

MemorySample sampleMemory();

// Size of `databasePath`-wal in bytes; 0 when it does not exist (checkpointed and removed).
qint64 walBytes(const QString& databasePath);

// Growth of `to` over `from` in percent (0 when `from` is unknown).
double growthPercent(qint64 from, qint64 to);

} // namespace tts::soak
