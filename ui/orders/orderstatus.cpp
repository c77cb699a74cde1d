#include "orderstatus.h"

namespace tts {

QStringList OrderStatus::all()
{
    return {QStringLiteral("UNPAID"),
            QStringLiteral("ON_HOLD"),
            QStringLiteral("AWAITING_SHIPMENT"),
            QStringLiteral("PARTIALLY_SHIPPING"),
            QStringLiteral("AWAITING_COLLECTION"),
            QStringLiteral("IN_TRANSIT"),
            QStringLiteral("DELIVERED"),
            QStringLiteral("COMPLETED"),
            QStringLiteral("CANCELLED")};
}

QString OrderStatus::label(const QString& status)
{
    if (status == u"UNPAID")
        return tr("Unpaid");
    if (status == u"ON_HOLD")
        return tr("On hold");
    if (status == u"AWAITING_SHIPMENT")
        return tr("Awaiting shipment");
    if (status == u"PARTIALLY_SHIPPING")
        return tr("Partially shipping");
    if (status == u"AWAITING_COLLECTION")
        return tr("Awaiting collection");
    if (status == u"IN_TRANSIT")
        return tr("In transit");
    if (status == u"DELIVERED")
        return tr("Delivered");
    if (status == u"COMPLETED")
        return tr("Completed");
    if (status == u"CANCELLED")
        return tr("Cancelled");
    return status;
}

} // namespace tts
