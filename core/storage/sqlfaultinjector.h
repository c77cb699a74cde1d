#pragma once

#include <atomic>

namespace tts {

// Test hook: makes the N-th SQL statement execution (counted from the call, 1-based) fail as if the
// disk were full. Process-wide; one relaxed atomic load per statement when off.
class SqlFaultInjector
{
public:
    static void failAtStatement(long n); // 0 disarms
    static void disarm() { failAtStatement(0); }
    static long executedSinceArmed(); // statements counted since the last failAtStatement()
    static bool fired();

    // Called by the exec wrapper; true when this execution must fail.
    static bool shouldFail()
    {
        if (!s_armed.load(std::memory_order_relaxed))
            return false;
        return countAndCheck();
    }

private:
    static bool countAndCheck();
    static std::atomic<bool> s_armed;
};

} // namespace tts
