#pragma once

#include <QByteArrayView>
#include <QStringView>

#include <optional>

namespace tts {

// Parses an API decimal money string ("21.3", "-0.05", "1200") into integer minor units (x 100)
// with integer arithmetic only. nullopt for an empty string, anything that is not a plain decimal,
// more than two decimals, or a value that does not fit.
std::optional<qint64> parseMinorUnits(QStringView decimal);
// The same for a UTF-8 text: equal to parseMinorUnits(QString::fromUtf8(decimal)).
std::optional<qint64> parseMinorUnits(QByteArrayView decimal);

} // namespace tts
