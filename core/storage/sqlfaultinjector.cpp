#include "sqlfaultinjector.h"

namespace tts {

std::atomic<bool> SqlFaultInjector::s_armed{false};

namespace {
std::atomic<long> g_target{0};
std::atomic<long> g_count{0};
std::atomic<bool> g_fired{false};
} // namespace

void SqlFaultInjector::failAtStatement(long n)
{
    g_count.store(0);
    g_fired.store(false);
    g_target.store(n);
    s_armed.store(n > 0);
}

long SqlFaultInjector::executedSinceArmed()
{
    return g_count.load();
}

bool SqlFaultInjector::fired()
{
    return g_fired.load();
}

bool SqlFaultInjector::countAndCheck()
{
    const long n = g_count.fetch_add(1) + 1;
    if (n == g_target.load()) {
        g_fired.store(true);
        return true;
    }
    return false;
}

} // namespace tts
