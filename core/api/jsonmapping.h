#pragma once

#include "models.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tts {

// JSON of the 202309 API -> the models. A missing or mistyped required field (id, status,
// create_time, update_time; line item and SKU ids) makes the whole page malformed: it is never
// stored half-read. Money stays the decimal string that was received; a number where a string was
// expected is converted only when that is exact (at most 15 significant digits), else rejected.
// `error` (when not null) says which field of which record; it never quotes token values.

std::optional<Order> orderFromJson(const QJsonObject& json, QString* error = nullptr);
std::optional<Product> productFromJson(const QJsonObject& json, QString* error = nullptr);
std::optional<Shop> shopFromJson(const QJsonObject& json, QString* error = nullptr);

// `data` of the order search / product search / authorized shops / token replies.
std::optional<OrderPage> orderPageFromJson(const QJsonObject& data, QString* error = nullptr);
std::optional<ProductPage> productPageFromJson(const QJsonObject& data, QString* error = nullptr);
std::optional<QList<Shop>> shopsFromJson(const QJsonObject& data, QString* error = nullptr);
// `*_expire_in` are absolute Unix seconds. Requires access_token and refresh_token.
std::optional<TokenSet> tokensFromJsonData(const QJsonObject& data, QString* error = nullptr);

// A money value: the string as received, or an exactly converted number; nothing when it is
// neither (or an inexact number). An absent / null value is an empty string.
std::optional<QString> moneyFromJson(const QJsonValue& value);

} // namespace tts
