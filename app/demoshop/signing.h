#pragma once

// The emulator's own implementation of the contract's signing algorithm (it deliberately shares no
// code with the client's signer).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace tts::demo {

// `query` holds decoded (key, value) pairs as received; `sign` and `access_token` are skipped.
QByteArray computeSign(const QString& appSecret, const QString& path,
                       const QList<QPair<QString, QString>>& query, const QByteArray& body);

} // namespace tts::demo
