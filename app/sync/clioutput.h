#pragma once

#include "api/models.h"
#include "storage/statusquery.h"
#include "sync/synctypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tts::cli {

// Output of tiktok-shop-sync: one JSON object on stdout with --json, short human text otherwise.
// Nothing here ever sees a secret.

QJsonObject syncReportJson(const SyncReport& report);
QString syncReportText(const SyncReport& report);

QJsonObject streamStatusJson(const StreamStatus& stream);
QJsonObject statusJson(const QList<ShopStatus>& shops, const QString& databasePath);
QString statusText(const QList<ShopStatus>& shops, const QString& databasePath);

QJsonObject shopsJson(const QList<Shop>& shops);
QString shopsText(const QList<Shop>& shops);

// {"error": {"exit_code": N, "message": "..."}}: what --json prints on stdout when a command fails.
QJsonObject errorJson(int exitCode, const QString& message);

// One progress line for stderr, e.g. "orders 1,200 of 20,000 (6%), 12 pages, 13 API calls, ...".
QString progressLine(const SyncProgress& progress);

QString modeName(SyncMode mode);
QString formatTime(qint64 unixSeconds); // ISO 8601 UTC, "never" for 0
QByteArray toJsonLine(const QJsonObject& object);

} // namespace tts::cli
