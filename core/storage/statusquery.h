#pragma once

#include "database.h"

#include <QList>
#include <QString>

namespace tts {

struct StreamStatus
{
    qint64 lastSyncTime = 0;
    qint64 lastRecordTime = 0;
    qint64 recordsSynced = 0;
    bool isFullSync = false;
    bool fullResyncUnfinished = false;
    qint64 fullResyncDone = 0;
    qint64 fullResyncTotal = 0;
};

struct ShopStatus
{
    QString id;
    QString name;
    QString region;
    qint64 orders = 0;
    qint64 products = 0;
    StreamStatus ordersStream;
    StreamStatus productsStream;
};

// Counts and sync metadata per connected shop (what `tiktok-shop-sync status` prints). Read-only.
QList<ShopStatus> readSyncStatus(Database& db, Database::Error* error);

} // namespace tts
