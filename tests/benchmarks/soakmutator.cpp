#include "soakmutator.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tts::soak {

namespace {

constexpr qsizetype kRecentWindow = 400; // recent additions that keep moving along their timeline

} // namespace

SoakMutator::SoakMutator(demo::Emulator& emulator, QString shopId, quint64 seed)
    : m_emulator(emulator), m_shopId(std::move(shopId)), m_rng(demo::mixKey(seed, 0x50A4ull))
{
    const QJsonArray orders = m_emulator.allOrders(m_shopId);
    m_allIds.reserve(orders.size());
    for (const QJsonValue& order : orders)
        m_allIds.append(order.toObject().value(u"id"_s).toString());
}

qint64 SoakMutator::backdated()
{
    return m_emulator.now() - qint64(m_rng.below(kMaxBackdateSeconds + 1));
}

QString SoakMutator::pickOrder()
{
    if (!m_recentIds.isEmpty() && m_rng.chance(500))
        return m_recentIds.at(qsizetype(m_rng.below(quint64(m_recentIds.size()))));
    if (m_allIds.isEmpty())
        return {};
    return m_allIds.at(qsizetype(m_rng.below(quint64(m_allIds.size()))));
}

QString SoakMutator::nextStatus(const QString& status, quint64 random)
{
    const int roll = int(random % 100);
    if (status == "UNPAID"_L1)
        return roll < 20 ? u"CANCELLED"_s : roll < 30 ? u"ON_HOLD"_s : u"AWAITING_SHIPMENT"_s;
    if (status == "ON_HOLD"_L1)
        return u"AWAITING_SHIPMENT"_s;
    if (status == "AWAITING_SHIPMENT"_L1)
        return roll < 15 ? u"CANCELLED"_s : roll < 30 ? u"PARTIALLY_SHIPPING"_s : u"AWAITING_COLLECTION"_s;
    if (status == "PARTIALLY_SHIPPING"_L1)
        return u"AWAITING_COLLECTION"_s;
    if (status == "AWAITING_COLLECTION"_L1)
        return u"IN_TRANSIT"_s;
    if (status == "IN_TRANSIT"_L1)
        return u"DELIVERED"_s;
    if (status == "DELIVERED"_L1)
        return u"COMPLETED"_s;
    if (status == "COMPLETED"_L1)
        return u"CANCELLED"_s; // a late full refund
    return {};                 // CANCELLED is final
}

// One order's update_time never runs backwards: a back-dated change lands no earlier than the
// order's previous update (the same second is allowed: two changes within one second happen).
bool SoakMutator::changeStatus(const QString& orderId)
{
    const QJsonObject order = m_emulator.order(m_shopId, orderId);
    const QString next = nextStatus(order.value(u"status"_s).toString(), m_rng.next());
    if (next.isEmpty())
        return false;
    const qint64 when = std::max(order.value(u"update_time"_s).toInteger(), backdated());
    m_emulator.setOrderStatus(m_shopId, orderId, next, when);
    ++m_counts.statusChanges;
    return true;
}

bool SoakMutator::touch(const QString& orderId)
{
    const QJsonObject order = m_emulator.order(m_shopId, orderId);
    if (order.isEmpty())
        return false;
    const qint64 when = std::max(order.value(u"update_time"_s).toInteger(), backdated());
    m_emulator.setOrderUpdateTime(m_shopId, {orderId}, when);
    ++m_counts.touches;
    return true;
}

void SoakMutator::mutate(bool quick)
{
    const int arrivals = int(m_rng.below(quick ? 3 : 4));
    for (int i = 0; i < arrivals; ++i) {
        const qint64 created = backdated();
        const QStringList ids = m_emulator.addOrders(m_shopId, 1, created);
        m_allIds += ids;
        m_recentIds += ids;
        m_counts.newOrders += ids.size();
    }
    if (m_recentIds.size() > kRecentWindow)
        m_recentIds.remove(0, m_recentIds.size() - kRecentWindow);

    const int changes = int(m_rng.below(quick ? 4 : 6));
    for (int i = 0, tries = 0; i < changes && tries < 4 * changes; ++tries) {
        if (changeStatus(pickOrder()))
            ++i;
    }
    if (m_rng.chance(300))
        touch(pickOrder());
    if (m_rng.chance(150)) {
        const qint64 when = backdated();
        const QStringList ids = m_emulator.reviseRandomProducts(m_shopId, 1 + int(m_rng.below(2)), when);
        m_counts.productEdits += ids.size();
    }
}

} // namespace tts::soak
