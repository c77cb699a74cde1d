#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace tts {

// The envelope of every API reply: {"code": int, "message": str, "request_id": str, "data": obj|null}.
struct Envelope
{
    int code = 0;
    QString message;
    QString requestId;
    QJsonObject data; // empty when null or absent
};

struct EnvelopeParse
{
    bool ok = false;
    Envelope envelope;
    QString error; // why the body is not an envelope (no body content quoted), when !ok
};

// Pure function: parses a reply body. An empty, truncated or non-JSON body, a JSON value that is
// not an object, or a missing / non-integer `code` is not ok (the client treats that as a retryable
// MalformedResponse). `data` must be an object or null when present.
EnvelopeParse parseEnvelope(const QByteArray& body);

} // namespace tts
