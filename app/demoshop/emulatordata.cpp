// The data side of the public Emulator API: reading orders and products as JSON, and the
// mutations the sync tests use to prove that incremental sync catches changes.

#include "emulator.h"

#include "emulator_p.h"
#include "jsonwriter.h"

#include <QJsonDocument>
#include <QSet>

namespace tts::demo {

namespace {

QJsonObject parseObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

qint64 Emulator::orderCount(const QString& shopId) const
{
    QMutexLocker lock(&d->mutex);
    d->advanceLive();
    const ShopData* data = d->shop(shopId);
    return data ? data->orders->size() : 0;
}

QJsonArray Emulator::allOrders(const QString& shopId) const
{
    QMutexLocker lock(&d->mutex);
    d->advanceLive();
    QJsonArray orders;
    const ShopData* data = d->shop(shopId);
    if (!data)
        return orders;
    QByteArray json;
    for (quint32 i = 0; i < quint32(data->orders->size()); ++i) {
        json.clear();
        data->orders->writeOrder(json, i);
        orders.append(parseObject(json));
    }
    return orders;
}

QJsonObject Emulator::order(const QString& shopId, const QString& orderId) const
{
    QMutexLocker lock(&d->mutex);
    d->advanceLive();
    const ShopData* data = d->shop(shopId);
    const auto index = data ? data->orders->indexOf(orderId.toLatin1()) : std::nullopt;
    if (!index)
        return {};
    QByteArray json;
    data->orders->writeOrder(json, *index);
    return parseObject(json);
}

QJsonArray Emulator::allProducts(const QString& shopId) const
{
    QMutexLocker lock(&d->mutex);
    QJsonArray products;
    const ShopData* data = d->shop(shopId);
    if (!data)
        return products;
    for (const CatalogProduct& product : data->catalog->products()) {
        QByteArray json;
        data->catalog->writeProduct(json, product);
        products.append(parseObject(json));
    }
    return products;
}

void Emulator::setOrderStatus(const QString& shopId, const QString& orderId, const QString& status,
                              std::optional<qint64> updateTime)
{
    QMutexLocker lock(&d->mutex);
    ShopData* data = d->shop(shopId);
    const auto index = data ? data->orders->indexOf(orderId.toLatin1()) : std::nullopt;
    const auto newStatus = statusFromName(status.toLatin1());
    if (!index || !newStatus) {
        qCWarning(lcDemo) << "setOrderStatus: unknown order or status" << orderId << status;
        return;
    }
    data->orders->setState(*index, *newStatus, updateTime.value_or(d->now()));
}

QStringList Emulator::mutateRandomOrders(const QString& shopId, int count, std::optional<qint64> updateTime)
{
    QMutexLocker lock(&d->mutex);
    d->advanceLive();
    QStringList ids;
    ShopData* data = d->shop(shopId);
    if (!data || data->orders->size() == 0 || count <= 0)
        return ids;
    OrderStore& store = *data->orders;
    const qint64 when = updateTime.value_or(d->now());
    const auto size = quint32(store.size());
    const bool bulk = count > 32;
    if (bulk)
        store.beginDeferredIndex();
    QSet<quint32> done;
    for (int n = 0; n < count && quint32(done.size()) < size; ++n) {
        // Any age: a uniformly random order; final ones (CANCELLED) pass the turn to the next.
        quint32 index = quint32(d->mutationRng.below(size));
        std::optional<Status> next;
        for (quint32 step = 0; step < size; ++step, index = (index + 1) % size) {
            if (done.contains(index))
                continue;
            next = OrderStore::nextStatus(store.rec(index).status, d->mutationRng.next());
            if (next)
                break;
        }
        if (!next)
            break;
        done.insert(index);
        store.setState(index, *next, when);
        ids.append(QString::fromLatin1(store.orderId(index)));
    }
    if (bulk)
        store.endDeferredIndex();
    return ids;
}

QStringList Emulator::addOrders(const QString& shopId, int count, std::optional<qint64> createTime)
{
    QMutexLocker lock(&d->mutex);
    d->advanceLive();
    QStringList ids;
    ShopData* data = d->shop(shopId);
    if (!data)
        return ids;
    const qint64 when = createTime.value_or(d->now());
    for (int i = 0; i < count; ++i)
        ids.append(QString::fromLatin1(data->orders->orderId(data->orders->addOrder(when))));
    return ids;
}

void Emulator::setOrderUpdateTime(const QString& shopId, const QStringList& orderIds, qint64 updateTime)
{
    QMutexLocker lock(&d->mutex);
    ShopData* data = d->shop(shopId);
    if (!data)
        return;
    for (const QString& id : orderIds) {
        if (const auto index = data->orders->indexOf(id.toLatin1()))
            data->orders->setUpdateTime(*index, updateTime);
    }
}

void Emulator::touchProducts(const QString& shopId, int count, std::optional<qint64> updateTime)
{
    QMutexLocker lock(&d->mutex);
    ShopData* data = d->shop(shopId);
    if (!data)
        return;
    auto& products = data->catalog->products();
    const qint64 when = updateTime.value_or(d->now());
    QSet<size_t> touched;
    while (int(touched.size()) < std::min<qsizetype>(count, qsizetype(products.size()))) {
        const size_t index = d->mutationRng.below(products.size());
        if (touched.contains(index))
            continue;
        touched.insert(index);
        products[index].updateTime = std::max(products[index].createTime, when);
    }
}

} // namespace tts::demo
