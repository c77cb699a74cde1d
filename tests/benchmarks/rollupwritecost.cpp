// analyticsbench --trigger-cost: what the rollup triggers (schema v3) cost the sync's writes. Writes
// the same pages of orders through OrderStore into fresh databases with and without the triggers,
// alternating, and prints orders/s and CPU per order of each, for a first write (insert trigger) and
// a rewrite with a newer update_time (update trigger).
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storetesthelpers.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Cost
{
    double wall = 0; // s
    double cpu = 0;  // s
};

// Writes `orders` orders (3 line items, creation times spread over a year) in pages of 100.
bool writeAll(tts::OrderStore& store, qint64 orders, qint64 updateTime, Cost* cost)
{
    QElapsedTimer wall;
    wall.start();
    const double cpu = cpuSeconds();
    for (qint64 first = 0; first < orders; first += 100) {
        QList<tts::Order> page;
        for (qint64 i = first; i < std::min(orders, first + 100); ++i) {
            const qint64 created = 1767225600 + (i * 7919) % (365 * 86400);
            page.append(tts::test::makeOrder(QStringLiteral("o%1").arg(i), created, updateTime));
        }
        tts::Database::Error error;
        if (!store.upsertOrderPage(QStringLiteral("shop"), page, {}, &error)) {
            std::printf("write failed: %s\n", qPrintable(error.message));
            return false;
        }
    }
    cost->wall += double(wall.nsecsElapsed()) / 1e9;
    cost->cpu += cpuSeconds() - cpu;
    return true;
}

// triggers: 0 none, 1 all, 2 all but the update one
bool round(int triggers, qint64 orders, Cost* first, Cost* rewrite)
{
    QTemporaryDir dir;
    tts::Database::Error error;
    auto db =
        tts::Database::open(dir.filePath(QStringLiteral("cost.sqlite")), tts::Database::ReadWrite, &error);
    if (!db)
        return false;
    for (const char* name :
         {"orders_rollup_insert", "orders_rollup_update", "orders_rollup_move", "orders_rollup_delete"}) {
        const bool drop = triggers == 0 || (triggers == 2 && qstrcmp(name, "orders_rollup_update") == 0);
        if (drop && !db->exec(QStringLiteral("DROP TRIGGER %1").arg(QString::fromLatin1(name)), &error))
            return false;
    }
    tts::OrderStore store(*db);
    return writeAll(store, orders, 1767225600, first) && writeAll(store, orders, 1767225601, rewrite);
}

} // namespace

int measureTriggerCost(qint64 orders, int rounds)
{
    Cost first[3], rewrite[3]; // [0] without, [1] with the triggers, [2] without the update one
    for (int r = 0; r < rounds; ++r) {
        for (int k = 0; k < 3; ++k) {
            const int triggers = (r + k) % 3; // rotate which goes first
            if (!round(triggers, orders, &first[triggers], &rewrite[triggers]))
                return 1;
        }
    }
    const double n = double(orders) * rounds;
    std::printf("rollup trigger cost, OrderStore pages of 100 orders x 3 line items, %lld orders x %d rounds "
                "each, alternating:\n",
                static_cast<long long>(orders), rounds);
    for (const auto& [name, costs] : {std::pair{"first write", first}, std::pair{"rewrite", rewrite}}) {
        std::printf(
            "  %-12s without triggers %7.0f orders/s (%5.1f us CPU/order); with %7.0f orders/s (%5.1f us "
            "CPU/order) = CPU x %.3f; without the update trigger: CPU x %.3f\n",
            name, n / costs[0].wall, costs[0].cpu / n * 1e6, n / costs[1].wall, costs[1].cpu / n * 1e6,
            costs[1].cpu / costs[0].cpu, costs[2].cpu / costs[0].cpu);
    }
    return 0;
}
