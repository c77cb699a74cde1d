#pragma once

#include "synccontext.h"

#include "api/apiclient.h"

#include <QObject>

#include <optional>

namespace tts {

// Products of one shop: all of them (full) or those with update_time >= fromGe (incremental; the
// product filters are inclusive). The product search has no sort order, so the cursor (max
// update_time of the query) is committed with the last page only; the pages before it are upserted
// on their own (idempotent, re-read by a retry).
class ProductSync : public QObject
{
    Q_OBJECT
public:
    ProductSync(SyncContext& ctx, Shop shop, std::optional<qint64> fromGe, StepDone done,
                QObject* parent = nullptr);

    void start();

private:
    void fetch();
    void onPage(const ApiResult<ProductPage>& result);
    void finish(StepResult result);

    SyncContext& m_ctx;
    Shop m_shop;
    std::optional<qint64> m_fromGe;
    StepDone m_done;
    QString m_pageToken;
    qint64 m_fetched = 0;  // products read
    qint64 m_upserted = 0; // of those, new or changed (all of them in a full run)
    qint64 m_maxUpdate = 0;
};

} // namespace tts
