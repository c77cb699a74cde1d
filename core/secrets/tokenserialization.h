#pragma once

#include "api/models.h"

#include <QString>

#include <optional>

namespace tts {

// The value stored under secretkeys::tokens(): a compact JSON object. tokensFromJson returns
// nullopt for anything that is not exactly such an object with both tokens present (never throws,
// never logs the input).
QString tokensToJson(const TokenSet& tokens);
std::optional<TokenSet> tokensFromJson(const QString& json);

} // namespace tts
