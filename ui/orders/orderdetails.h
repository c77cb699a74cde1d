#pragma once

#include "api/models.h"

#include <QSqlDatabase>

#include <optional>

namespace tts {

// One order as stored, with its line items, for the detail pane.
struct OrderDetails
{
    Order order;
    QString shopId;
};

std::optional<OrderDetails> loadOrderDetails(const QSqlDatabase& db, const QString& orderId, QString* error);

} // namespace tts
