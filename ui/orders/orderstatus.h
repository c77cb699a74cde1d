#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace tts {

// The order statuses of the 202309 API and their names for people.
class OrderStatus
{
    Q_DECLARE_TR_FUNCTIONS(tts::OrderStatus)
public:
    static QStringList all();
    static QString label(const QString& status); // "AWAITING_SHIPMENT" -> "Awaiting shipment"
    // The product statuses of the product search: "ACTIVATE" -> "Active".
    static QString productLabel(const QString& status);
};

} // namespace tts
