#pragma once

// The soak run: many incremental syncs against the in-process emulator while the shop changes and
// requests fail, then one clean sync and a record-by-record comparison of database and emulator.

#include "soakmutator.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tts::soak {

struct SoakConfig
{
    quint64 seed = 1;
    int syncs = 1000;
    double faultPercent = 5; // per API request
    qint64 orders = 2000;
    int products = 40;
    int memoryBaselineAfter = 100; // syncs before the memory baseline is taken
    int hangWeight = 1;            // of 100 in the fault mix; each costs the client's 30 s transfer timeout
    int stallMs = 3000;
    int tokenExpiryPermille = 10; // per sync, before it starts; as many again while it runs
    bool quick = false;
    bool mutateDuringSync = false; // also change the shop while a sync pages (on half its progress signals)
    int progressEvery = 100;       // prints a progress line every this many syncs (0: never)
    bool keepDatabaseOnDivergence = true;
};

struct SoakFigures
{
    int syncsRun = 0;
    int syncsFailed = 0;
    QMap<QString, int> failuresByKind;
    QStringList sampleFailures; // the first distinct messages (sanitized, no secrets)
    int reconnects = 0;         // the seller had to connect again (refresh token lost)
    int tokenExpiries = 0;
    int tokenRefreshes = 0;
    QMap<QString, qint64> faultsByKind; // as the emulator recorded them
    qint64 requests = 0;
    qint64 ordersAtStart = 0;
    qint64 ordersAtEnd = 0;
    qint64 ordersUpserted = 0;
    MutationCounts mutations;
    bool finalSyncOk = false;
    QString finalSyncError;
    int divergentRecords = -1; // -1: not compared
    QStringList firstDifferences;
    QString keptDatabase; // set when a divergent database was kept for inspection
    qint64 rssBaselineKb = 0;
    qint64 peakBaselineKb = 0;
    qint64 rssEndKb = 0;
    qint64 peakEndKb = 0;
    qint64 heapBaselineKb = 0;
    qint64 heapEndKb = 0;
    qint64 databaseBaselineBytes = 0;
    qint64 databaseEndBytes = 0;
    qint64 walStartBytes = 0;
    qint64 walMaxBytes = 0;
    qint64 walEndBytes = 0;
    qint64 slowestSyncMs = 0;
    double wallSeconds = 0;
    QString setupError; // the run could not start
};

SoakFigures runSoak(const SoakConfig& config);

// Distinct records ("order <id>", "product <id>", "shop <id>") named by compareAll differences.
int countDivergentRecords(const QStringList& differences);

} // namespace tts::soak
