#pragma once

#include "models.h"

#include <QByteArrayView>

#include <optional>

namespace tts {

class StringPool;

// Reads a whole order search reply (envelope and data) in one pass, without a document tree: the
// hot path of a sync (tens of thousands of orders a second). Money numbers keep their exact JSON
// text. Returns nothing when the reply is not a code-0 envelope with a well-formed order page or
// holds anything unexpected (a missing required field, an ID as a number, an exponent in money...):
// the caller then takes the general path (QJsonDocument + jsonmapping), which reports the exact
// error or converts what it can. Both paths give equal results on every valid page (tested).
// `pool` (optional) shares repeated values between orders and pages.
std::optional<OrderPage> readOrderSearchReply(QByteArrayView body, StringPool* pool = nullptr);
// The same page with its orders as UTF-8 in OrderPage::raw (orders empty): equal to what
// readOrderSearchReply() reads, every text encoded as UTF-8 (tested); nothing where it gives nothing.
std::optional<OrderPage> readOrderSearchReplyUtf8(const QByteArray& body);

} // namespace tts
