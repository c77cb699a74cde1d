#include "soakrunner.h"

#include "dbcompare.h"
#include "soakcompare.h"
#include "soakprobe.h"
#include "synctesthelpers.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tts::soak {

namespace {

QString kindName(SyncError::Kind kind)
{
    switch (kind) {
    case SyncError::Usage:
        return u"usage"_s;
    case SyncError::NotConnected:
        return u"not connected"_s;
    case SyncError::Api:
        return u"api"_s;
    case SyncError::Database:
        return u"database"_s;
    case SyncError::Interrupted:
        return u"interrupted"_s;
    }
    return u"?"_s;
}

QString faultName(demo::Fault fault)
{
    switch (fault) {
    case demo::Fault::None:
        return u"none"_s;
    case demo::Fault::RateLimited:
        return u"429 Retry-After"_s;
    case demo::Fault::ServerError:
        return u"5xx"_s;
    case demo::Fault::InternalError:
        return u"36009003"_s;
    case demo::Fault::GatewayTimeout:
        return u"36009007"_s;
    case demo::Fault::Truncated:
        return u"truncated"_s;
    case demo::Fault::NotJson:
        return u"html body"_s;
    case demo::Fault::Reset:
        return u"reset"_s;
    case demo::Fault::Hang:
        return u"hang (timeout)"_s;
    case demo::Fault::MalformedJson:
        return u"malformed json"_s;
    case demo::Fault::Stall:
        return u"stall"_s;
    }
    return u"?"_s;
}

// The weighted mix (of 100) of the faults picked for a faulty request.
QList<demo::Fault> faultMix(const SoakConfig& config)
{
    using demo::Fault;
    const int hang = std::clamp(config.hangWeight, 0, 10);
    const QList<QPair<Fault, int>> weights{{Fault::RateLimited, 14},   {Fault::ServerError, 14},
                                           {Fault::InternalError, 10}, {Fault::GatewayTimeout, 8},
                                           {Fault::Truncated, 12},     {Fault::NotJson, 10},
                                           {Fault::MalformedJson, 12}, {Fault::Reset, 12},
                                           {Fault::Stall, 8 - hang},   {Fault::Hang, hang}};
    QList<Fault> mix;
    for (const auto& [fault, weight] : weights) {
        for (int i = 0; i < weight; ++i)
            mix.append(fault);
    }
    return mix;
}

void waitUntilAfter(const demo::Emulator& emulator, qint64 second)
{
    // The API's update_time_lt defaults to now (exclusive): a change made in the current second is
    // only visible once the clock has moved on.
    while (emulator.now() <= second) {
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace

int countDivergentRecords(const QStringList& differences)
{
    QSet<QString> records;
    for (const QString& difference : differences)
        records.insert(difference.section(u' ', 0, 1));
    return int(records.size());
}

class SoakRun
{
public:
    explicit SoakRun(const SoakConfig& config) : m_config(config) {}
    SoakFigures run();

private:
    bool setUp();
    void oneSync(int number);
    void countRequests();
    void finish();

    const SoakConfig& m_config;
    SoakFigures m_figures;
    demo::Rng m_rng{1};
    std::unique_ptr<demo::Emulator> m_emulator;
    std::unique_ptr<SoakMutator> m_mutator;
    QTemporaryDir m_dir;
    QString m_db;
    QString m_shopId;
    qint64 m_lastMutationSecond = 0;
    QElapsedTimer m_clock;
};

bool SoakRun::setUp()
{
    m_rng = demo::Rng(demo::mixKey(m_config.seed, 0x50A4C0ull));
    demo::EmulatorConfig config;
    config.seed = m_config.seed;
    config.shops.first().orders = m_config.orders;
    config.shops.first().products = m_config.products;
    m_shopId = config.shops.first().id;
    m_emulator = std::make_unique<demo::Emulator>(config);
    QString error;
    if (!m_emulator->start(0, &error)) {
        m_figures.setupError = u"emulator: "_s + error;
        return false;
    }
    if (!m_dir.isValid()) {
        m_figures.setupError = u"no temporary folder"_s;
        return false;
    }
    m_db = m_dir.filePath(u"soak.sqlite"_s);
    error = test::connectEmulator(*m_emulator, m_db);
    if (!error.isEmpty()) {
        m_figures.setupError = u"connect: "_s + error;
        return false;
    }
    const test::SyncRun first = test::runSync(test::syncOptions(*m_emulator, m_db));
    if (!first.ok) {
        m_figures.setupError = u"first sync: "_s + first.error.message;
        return false;
    }
    m_figures.ordersAtStart = m_emulator->orderCount(m_shopId);
    m_figures.walStartBytes = walBytes(m_db);
    m_figures.walMaxBytes = m_figures.walStartBytes;
    m_emulator->clearRequests();
    m_mutator = std::make_unique<SoakMutator>(*m_emulator, m_shopId, m_config.seed);
    return true;
}

void SoakRun::countRequests()
{
    const QList<demo::RequestRecord> records = m_emulator->requests();
    m_figures.requests += records.size();
    for (const demo::RequestRecord& record : records) {
        if (record.fault != demo::Fault::None)
            ++m_figures.faultsByKind[faultName(record.fault)];
    }
    m_emulator->clearRequests(); // the log would grow with the run and blur the memory figure
}

void SoakRun::oneSync(int number)
{
    m_mutator->mutate(m_config.quick);
    m_lastMutationSecond = m_emulator->now();

    demo::FaultConfig faults = m_emulator->faults();
    faults.faultRate = m_config.faultPercent / 100.0;
    faults.faultMix = faultMix(m_config);
    faults.retryAfterSeconds = 1;
    faults.retryAfterAsHttpDate = m_rng.chance(500);
    faults.stallMs = m_config.stallMs;
    m_emulator->setFaults(faults);

    // Token expiry: some syncs find the access token expired, as many lose it mid-run.
    if (m_rng.chance(m_config.tokenExpiryPermille)) {
        m_emulator->expireAccessTokens();
        ++m_figures.tokenExpiries;
    }
    bool expireMidRun = m_rng.chance(m_config.tokenExpiryPermille);
    const auto onProgress = [&](SyncController&, const SyncProgress&) {
        m_figures.walMaxBytes = std::max(m_figures.walMaxBytes, walBytes(m_db));
        if (m_config.mutateDuringSync && m_rng.chance(500)) {
            // The docs warn that data changes while a search pages: the overlap must catch it.
            m_mutator->mutate(true);
            m_lastMutationSecond = m_emulator->now();
        }
        if (expireMidRun) {
            expireMidRun = false;
            m_emulator->expireAccessTokens();
            ++m_figures.tokenExpiries;
        }
    };

    QElapsedTimer clock;
    clock.start();
    const test::SyncRun run = test::runSync(test::syncOptions(*m_emulator, m_db), onProgress);
    m_figures.slowestSyncMs = std::max(m_figures.slowestSyncMs, clock.elapsed());
    m_figures.walMaxBytes = std::max(m_figures.walMaxBytes, walBytes(m_db));
    ++m_figures.syncsRun;
    countRequests();
    if (run.ok) {
        m_figures.ordersUpserted += run.report.ordersUpserted;
    } else {
        ++m_figures.syncsFailed;
        const QString kind = run.ended ? kindName(run.error.kind) : u"timed out"_s;
        ++m_figures.failuresByKind[kind];
        const QString sample = u"sync %1 (%2): %3"_s.arg(number).arg(kind, run.error.message);
        if (m_figures.sampleFailures.size() < 8 &&
            std::none_of(m_figures.sampleFailures.cbegin(), m_figures.sampleFailures.cend(),
                         [&](const QString& s) { return s.endsWith(run.error.message); }))
            m_figures.sampleFailures.append(sample);
        if (run.ended && run.error.kind == SyncError::NotConnected) {
            // What the seller would do: connect the shop again. The data stays.
            m_emulator->setFaults({});
            if (test::connectEmulator(*m_emulator, m_db).isEmpty())
                ++m_figures.reconnects;
            countRequests();
        }
    }
    const MemorySample memory = sampleMemory();
    if (number == m_config.memoryBaselineAfter) {
        m_figures.rssBaselineKb = memory.rssKb;
        m_figures.peakBaselineKb = memory.peakKb;
        m_figures.heapBaselineKb = memory.heapKb;
        m_figures.databaseBaselineBytes = fileBytes(m_db);
    }
    if (m_config.progressEvery > 0 && number % m_config.progressEvery == 0) {
        std::printf(
            "  after %5d syncs: %d failed, %lld orders, RSS %lld KB, VmHWM %lld KB, heap %lld KB, WAL %lld "
            "bytes, %.1f s\n",
            number, m_figures.syncsFailed, static_cast<long long>(m_emulator->orderCount(m_shopId)),
            static_cast<long long>(memory.rssKb), static_cast<long long>(memory.peakKb),
            static_cast<long long>(memory.heapKb), static_cast<long long>(walBytes(m_db)),
            double(m_clock.elapsed()) / 1000.0);
        std::fflush(stdout);
    }
}

void SoakRun::finish()
{
    m_emulator->setFaults({});
    waitUntilAfter(*m_emulator, m_lastMutationSecond);
    const test::SyncRun last = test::runSync(test::syncOptions(*m_emulator, m_db));
    countRequests();
    m_figures.finalSyncOk = last.ok;
    if (!last.ok)
        m_figures.finalSyncError = last.ended ? last.error.message : u"timed out"_s;
    m_figures.walEndBytes = walBytes(m_db);
    m_figures.walMaxBytes = std::max(m_figures.walMaxBytes, m_figures.walEndBytes);
    const MemorySample memory = sampleMemory();
    m_figures.rssEndKb = memory.rssKb;
    m_figures.peakEndKb = memory.peakKb;
    m_figures.heapEndKb = memory.heapKb;
    m_figures.databaseEndBytes = fileBytes(m_db);
    m_figures.ordersAtEnd = m_emulator->orderCount(m_shopId);
    m_figures.tokenRefreshes = m_emulator->tokenRefreshCount();
    m_figures.mutations = m_mutator->counts();

    QStringList differences = test::compareAll(m_db, *m_emulator, 1000000);
    differences += compareEveryColumn(m_db, *m_emulator, m_shopId);
    m_figures.divergentRecords = countDivergentRecords(differences);
    m_figures.firstDifferences = differences.mid(0, 20);
    if (!differences.isEmpty() && m_config.keepDatabaseOnDivergence) {
        m_dir.setAutoRemove(false);
        m_figures.keptDatabase = m_db;
    }
}

SoakFigures SoakRun::run()
{
    m_clock.start();
    if (!setUp())
        return m_figures;
    for (int i = 1; i <= m_config.syncs; ++i)
        oneSync(i);
    finish();
    m_figures.wallSeconds = double(m_clock.elapsed()) / 1000.0;
    return m_figures;
}

SoakFigures runSoak(const SoakConfig& config)
{
    SoakRun run(config);
    return run.run();
}

} // namespace tts::soak
