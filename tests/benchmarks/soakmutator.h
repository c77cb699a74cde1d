#pragma once

// The random changes a shop sees between two syncs of the soak run: new orders, status changes of
// recent and old orders, updates whose update_time is back-dated (the API's index lags), and
// product edits. Every change goes through the emulator's public mutation API.

#include "demorandom.h"
#include "emulator.h"

#include <QString>
#include <QStringList>

namespace tts::soak {

struct MutationCounts
{
    qint64 newOrders = 0;
    qint64 statusChanges = 0;
    qint64 touches = 0; // update_time moved without a status change
    qint64 productEdits = 0;
    qint64 total() const { return newOrders + statusChanges + touches + productEdits; }
};

class SoakMutator
{
public:
    static constexpr int kMaxBackdateSeconds = 240;

    SoakMutator(demo::Emulator& emulator, QString shopId, quint64 seed);

    // One round of changes; `quick` keeps them small. Every time written is at most now().
    void mutate(bool quick);
    const MutationCounts& counts() const { return m_counts; }

private:
    qint64 backdated();  // now minus 0 .. kMaxBackdateSeconds
    QString pickOrder(); // half recent additions, half any age
    bool changeStatus(const QString& orderId);
    bool touch(const QString& orderId);
    static QString nextStatus(const QString& status, quint64 random);

    demo::Emulator& m_emulator;
    QString m_shopId;
    demo::Rng m_rng;
    QStringList m_allIds;
    QStringList m_recentIds; // added by this run
    MutationCounts m_counts;
};

} // namespace tts::soak
