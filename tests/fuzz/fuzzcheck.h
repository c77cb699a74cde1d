#pragma once

// Shared by the fuzz targets: an invariant check that aborts (libFuzzer then saves the input; the
// replay tests fail), and the split of one input into newline-separated fields.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define TTS_FUZZ_CHECK(condition)                                                                            \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);     \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tts::fuzz {

inline QByteArrayView bytes(const uint8_t* data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size));
}

// The first `count` lines of the input (missing ones empty); the last field keeps the rest.
inline QList<QByteArray> fields(QByteArrayView input, int count)
{
    QList<QByteArray> result;
    while (result.size() < count - 1) {
        const qsizetype newline = input.indexOf('\n');
        if (newline < 0)
            break;
        result.append(input.first(newline).toByteArray());
        input = input.sliced(newline + 1);
    }
    result.append(input.toByteArray());
    while (result.size() < count)
        result.append(QByteArray());
    return result;
}

} // namespace tts::fuzz
