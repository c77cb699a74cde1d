#pragma once

#include "orderreader.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace tts {

// What the model asks of the loader thread. A reset (new filter, sort or data) counts, optionally
// finds one order, and reads the blocks the view will paint first; a block request reads more rows.
// A reset that filters on shop and status alone is answered before it is counted (with the
// rollups' count), the exact count following in a reply of its own.
struct OrdersRequest
{
    quint64 generation = 0;
    bool reset = false;
    bool refilter = false; // count again (new filter or new data)
    OrderFilter filter;
    OrderSort sort;
    int blockSize = 200;
    QList<int> blocks;
    QString locateId;
};

struct OrdersReply
{
    quint64 generation = 0;
    bool reset = false;
    bool countOnly = false; // the exact count that follows a reset answered with an estimate
    qint64 count = 0;
    QHash<int, QList<OrderRow>> blocks;
    qint64 located = -1;
    QString error;
    qint64 elapsedMs = 0;
};

// Runs OrderReader on a thread of its own with its own read-only connection to the database file,
// so that no count, search or deep window ever runs on the GUI thread. Requests of an older
// generation than the newest reset are skipped unread.
class OrdersLoader : public QObject
{
    Q_OBJECT
public:
    explicit OrdersLoader(const QString& databasePath, QObject* parent = nullptr);
    ~OrdersLoader() override;

    void post(const OrdersRequest& request);

Q_SIGNALS:
    void replied(const tts::OrdersReply& reply);
    void requested(const tts::OrdersRequest& request); // internal: to the worker

private:
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_newestReset;
};

} // namespace tts

Q_DECLARE_METATYPE(tts::OrdersRequest)
Q_DECLARE_METATYPE(tts::OrdersReply)
