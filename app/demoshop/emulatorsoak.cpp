// What the soak run (tests/benchmarks/soakbench) needs beyond the sync tests: the faults that spoil a
// complete response, and product edits whose update times never run backwards.

#include "emulator.h"

#include "emulator_p.h"

#include <QSet>

#include <algorithm>

namespace tts::demo {

namespace {

// Title revisions are appended as " (rev N)"; the base title is kept.
QByteArray revisedTitle(const QByteArray& title)
{
    static const QByteArray marker = " (rev ";
    const qsizetype at = title.lastIndexOf(marker);
    if (at < 0 || !title.endsWith(')'))
        return title + marker + "1)";
    bool ok = false;
    const int revision = title.mid(at + marker.size(), title.size() - at - marker.size() - 1).toInt(&ok);
    return title.left(at) + marker + QByteArray::number(ok ? revision + 1 : 1) + ')';
}

} // namespace

void EmulatorPrivate::applyResponseFault(Fault fault, HttpResponse& response) const
{
    switch (fault) {
    case Fault::MalformedJson:
        // Content-Length matches what is sent: only a JSON parser notices.
        response.action = HttpResponse::Action::Send;
        response.contentType = "application/json";
        response.body.truncate(std::max<qsizetype>(1, response.body.size() / 2));
        break;
    case Fault::Stall:
        response.delayMs += std::max(0, config.faults.stallMs);
        break;
    default:
        break;
    }
}

QStringList Emulator::reviseRandomProducts(const QString& shopId, int count, qint64 updateTime)
{
    QMutexLocker lock(&d->mutex);
    QStringList ids;
    ShopData* data = d->shop(shopId);
    if (!data || count <= 0)
        return ids;
    auto& products = data->catalog->products();
    const auto wanted = std::min<qsizetype>(count, qsizetype(products.size()));
    QSet<size_t> revised;
    while (revised.size() < wanted) {
        const size_t index = d->mutationRng.below(products.size());
        if (revised.contains(index))
            continue;
        revised.insert(index);
        CatalogProduct& product = products[index];
        product.title = revisedTitle(product.title);
        if (d->mutationRng.chance(300))
            product.status = product.status == "ACTIVATE" ? "SELLER_DEACTIVATED" : "ACTIVATE";
        product.updateTime = std::max({product.updateTime, product.createTime, updateTime});
        ids.append(QString::fromLatin1(product.id));
    }
    return ids;
}

} // namespace tts::demo
