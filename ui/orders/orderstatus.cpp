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

QString OrderStatus::productLabel(const QString& status)
{
    if (status == u"ACTIVATE")
        return tr("Active");
    if (status == u"DRAFT")
        return tr("Draft");
    if (status == u"PENDING")
        return tr("In review");
    if (status == u"FAILED")
        return tr("Review failed");
    if (status == u"SELLER_DEACTIVATED")
        return tr("Deactivated");
    if (status == u"PLATFORM_DEACTIVATED")
        return tr("Deactivated by TikTok");
    if (status == u"FREEZE")
        return tr("Frozen");
    if (status == u"DELETED")
        return tr("Deleted");
    return status;
}

} // namespace tts
