#pragma once

// Deterministic pseudo-random numbers: every generated value of the demo shop is a pure function
// of (seed, shop, order index), so the same seed always gives the same shop.

#include <QtGlobal>

namespace tts::demo {

constexpr quint64 splitmix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

constexpr quint64 mixKey(quint64 a, quint64 b, quint64 c = 0)
{
    return splitmix64(splitmix64(splitmix64(a) ^ b) ^ c);
}

class Rng
{
public:
    explicit constexpr Rng(quint64 seed) : m_state(seed) {}

    constexpr quint64 next()
    {
        m_state += 0x9E3779B97F4A7C15ull;
        quint64 z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n); n > 0.
    constexpr quint64 below(quint64 n) { return next() % n; }
    // Uniform in [lo, hi].
    constexpr qint64 range(qint64 lo, qint64 hi) { return lo + qint64(below(quint64(hi - lo + 1))); }
    // True with probability permille / 1000.
    constexpr bool chance(int permille) { return below(1000) < quint64(permille); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    quint64 m_state;
};

} // namespace tts::demo
