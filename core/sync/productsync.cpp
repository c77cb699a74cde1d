#include "productsync.h"

#include "synclog.h"

#include "storage/orderstore.h"

#include <QDateTime>
#include <QPointer>

#include <algorithm>

namespace tts {

ProductSync::ProductSync(SyncContext& ctx, Shop shop, std::optional<qint64> fromGe, StepDone done,
                         QObject* parent)
    : QObject(parent), m_ctx(ctx), m_shop(std::move(shop)), m_fromGe(fromGe), m_done(std::move(done))
{
    if (m_fromGe)
        m_fromGe = std::max<qint64>(0, *m_fromGe);
}

void ProductSync::start()
{
    m_ctx.progress->setStream(m_shop.id, streams::products());
    fetch();
}

void ProductSync::fetch()
{
    if (m_ctx.cancelled()) {
        finish(StepResult{std::nullopt, true, m_upserted});
        return;
    }
    ProductQuery q;
    q.shopCipher = m_shop.cipher;
    q.updateTimeGe = m_fromGe;
    q.pageSize = std::clamp(m_ctx.options.pageSize, 1, 100);
    q.pageToken = m_pageToken;
    QPointer<ProductSync> self(this);
    m_ctx.api->searchProducts(q, [self](ApiResult<ProductPage> r) {
        if (self)
            self->onPage(r);
    });
}

void ProductSync::onPage(const ApiResult<ProductPage>& r)
{
    if (!r.ok()) {
        finish(StepResult::fromApi(r.error, m_shop.id));
        return;
    }
    const ProductPage& page = r.value;
    for (const Product& p : page.products) {
        if (p.id.isEmpty()) {
            finish(StepResult::malformed(QStringLiteral("a product without an id")));
            return;
        }
    }
    m_ctx.progress->addPage();
    const bool last = page.nextPageToken.isEmpty();
    for (const Product& p : page.products)
        m_maxUpdate = std::max(m_maxUpdate, p.updateTime);
    // Counted: the products new or changed. An incremental run's overlap reads stored products again
    // (written, idempotent, not counted); a full run counts every product it read.
    Database::Error dbError;
    qint64 changed = page.products.size();
    if (m_fromGe && !m_ctx.store->countChangedProducts(page.products, &changed, &dbError)) {
        finish(StepResult::fromDatabase(dbError));
        return;
    }
    CursorUpdate cursor;
    cursor.stream = streams::products();
    if (last) {
        if (m_maxUpdate > 0)
            cursor.highWaterMark = m_maxUpdate;
        cursor.recordsSynced = m_upserted + changed;
        cursor.lastSyncTime = QDateTime::currentSecsSinceEpoch();
        if (!m_fromGe)
            cursor.isFullSync = true;
        if (m_fetched + page.products.size() < page.totalCount)
            qCWarning(lcSync) << "product search of shop" << m_shop.id << "returned"
                              << m_fetched + page.products.size() << "of" << page.totalCount;
    }
    if (!page.products.isEmpty() || last) {
        if (!m_ctx.store->upsertProductPage(m_shop.id, page.products, cursor, &dbError)) {
            finish(StepResult::fromDatabase(dbError));
            return;
        }
    }
    m_fetched += page.products.size();
    m_upserted += changed;
    m_ctx.progress->report();
    if (!last) {
        m_pageToken = page.nextPageToken;
        fetch();
        return;
    }
    finish(StepResult{std::nullopt, false, m_upserted});
}

void ProductSync::finish(StepResult result)
{
    result.upserted = m_upserted;
    if (m_done) {
        auto done = std::move(m_done);
        m_done = nullptr;
        done(result);
    }
}

} // namespace tts
