#include "sync/processmemory.h"

#include <QTest>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr std::size_t kPage = 4096; // written to on every page of this size or larger
// Blocks just under the mmap threshold, as large as glibc's defaults would map on their own; all of
// them together under the trim threshold.
constexpr std::size_t kBlocks = 8;
constexpr std::size_t kBlockBytes = std::size_t(tts::kMmapThresholdBytes) - 256 * 1024;
static_assert(kBlocks * kBlockBytes < std::size_t(tts::kTrimThresholdBytes));

long minorFaults()
{
    rusage usage = {};
#if defined(RUSAGE_THREAD)
    ::getrusage(RUSAGE_THREAD, &usage);
#else
    ::getrusage(RUSAGE_SELF, &usage);
#endif
    return usage.ru_minflt;
}

// Allocates the blocks, writes to every page of them and frees them; returns the page faults taken.
template <std::size_t N> long touchBlocks(std::size_t blockBytes)
{
    const long before = minorFaults();
    std::array<char*, N> blocks = {};
    for (char*& block : blocks) {
        block = static_cast<char*>(std::malloc(blockBytes));
        if (!block)
            return -1;
        volatile char* const pages = block; // every page written, not optimised away
        for (std::size_t offset = 0; offset < blockBytes; offset += kPage)
            pages[offset] = 1;
    }
    for (char* block : blocks)
        std::free(block);
    return minorFaults() - before;
}

// The process's resident memory (/proc/self/statm), -1 when unknown.
long residentBytes()
{
    FILE* statm = std::fopen("/proc/self/statm", "r");
    if (!statm)
        return -1;
    long sizePages = 0;
    long residentPages = -1;
    if (std::fscanf(statm, "%ld %ld", &sizePages, &residentPages) != 2)
        residentPages = -1;
    std::fclose(statm);
    return residentPages < 0 ? -1 : residentPages * ::sysconf(_SC_PAGESIZE);
}

#if defined(__GLIBC__)
// The arenas glibc has made so far: malloc_info's XML holds one <heap nr="..."> per arena.
int arenaCount()
{
    char* text = nullptr;
    std::size_t size = 0;
    FILE* stream = ::open_memstream(&text, &size);
    if (!stream)
        return -1;
    ::malloc_info(0, stream);
    std::fclose(stream);
    const QByteArray xml(text, qsizetype(size));
    std::free(text);
    return int(xml.count("<heap nr="));
}
#endif

} // namespace

class TestProcessMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
#if !defined(__GLIBC__)
        QSKIP("configureAllocator tunes glibc's allocator only");
#endif
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("the address sanitizer replaces glibc's allocator");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
        QSKIP("the address sanitizer replaces glibc's allocator");
#endif
#endif
        tts::configureAllocator();
    }

    // A sync allocates and frees the same large buffers page after page (replies of ~100 KB, SQLite's
    // sort memory of a few MB). Once the arena has grown, the next round must reuse its pages instead
    // of taking them back from the kernel one page fault at a time. glibc's defaults map blocks this
    // size on their own and unmap them on free, then, once its threshold has slid up, trim them off
    // the top of the arena: every round faults on every page.
    void freedBlocksAreReusedWithoutPageFaults()
    {
        const long pagesPerRound = long(kBlocks * kBlockBytes / std::size_t(::sysconf(_SC_PAGESIZE)));

        const long firstRound = touchBlocks<kBlocks>(kBlockBytes);
        QVERIFY2(firstRound >= 0, "out of memory");
        for (int round = 2; round <= 4; ++round) {
            const long faults = touchBlocks<kBlocks>(kBlockBytes);
            QVERIFY2(faults >= 0, "out of memory");
            QVERIFY2(faults < pagesPerRound / 20,
                     qPrintable(QStringLiteral("round %1 took %2 page faults for %3 pages (first round: %4)")
                                    .arg(round)
                                    .arg(faults)
                                    .arg(pagesPerRound)
                                    .arg(firstRound)));
        }
    }

    // The arenas keep what a sync freed; releaseFreeMemory hands it back (the window does after each
    // sync, so it does not sit idle at a sync's peak).
    void releaseFreeMemoryReturnsWhatTheArenasKept()
    {
#if defined(__GLIBC__)
        QVERIFY(touchBlocks<kBlocks>(kBlockBytes) >= 0);
        const std::size_t kept = ::mallinfo2().keepcost;
        QVERIFY2(
            kept >= kBlocks * kBlockBytes,
            qPrintable(
                QStringLiteral("the arena kept %1 bytes of %2 freed").arg(kept).arg(kBlocks * kBlockBytes)));
        const long residentBefore = residentBytes();
        tts::releaseFreeMemory();
        const long released = residentBefore - residentBytes();
        QVERIFY2(released >= long(kBlocks * kBlockBytes) * 9 / 10,
                 qPrintable(
                     QStringLiteral("%1 of %2 bytes handed back").arg(released).arg(kBlocks * kBlockBytes)));
#endif
    }

    // Each sync runs on new threads; every thread glibc sees for the first time may get an arena of
    // its own that keeps what it freed. However many threads allocate at once, two arenas serve them.
    void threadsShareTwoArenas()
    {
#if defined(__GLIBC__)
        constexpr int kThreads = 6;
        std::latch allocated(kThreads);
        std::latch counted(1);
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&] {
                char* volatile block = static_cast<char*>(std::malloc(1024)); // kept, not optimised away
                if (block)
                    block[0] = 1;
                allocated.count_down();
                counted.wait();
                std::free(block);
            });
        }
        allocated.wait();
        const int arenas = arenaCount();
        counted.count_down();
        for (std::thread& thread : threads)
            thread.join();
        QVERIFY2(arenas >= 1, "malloc_info listed no arena");
        QVERIFY2(arenas <= 2,
                 qPrintable(QStringLiteral("%1 arenas for %2 threads").arg(arenas).arg(kThreads)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestProcessMemory)
#include "tst_processmemory.moc"
