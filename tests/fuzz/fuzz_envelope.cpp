// Fuzz target: the error-envelope parser (core/api/envelope.*). Input: a reply body.
// Invariants: a parsed envelope matches what QJsonDocument reads from the same body (integral code,
// data an object or absent); a rejected body gets a reason that never quotes the body.
#include "fuzzcheck.h"

#include "api/envelope.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace tts;
    const QByteArray body = fuzz::bytes(data, size).toByteArray();
    const EnvelopeParse parsed = parseEnvelope(body);

    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!parsed.ok) {
        TTS_FUZZ_CHECK(!parsed.error.isEmpty());
        // The reason says why, never what: a body longer than any reason never appears in it.
        const QByteArray trimmed = body.trimmed();
        if (trimmed.size() >= 100)
            TTS_FUZZ_CHECK(!parsed.error.toUtf8().contains(trimmed));
        return 0;
    }
    TTS_FUZZ_CHECK(parsed.error.isEmpty());
    TTS_FUZZ_CHECK(document.isObject());
    const QJsonObject root = document.object();
    const QJsonValue code = root.value(QLatin1String("code"));
    TTS_FUZZ_CHECK(code.isDouble());
    TTS_FUZZ_CHECK(double(parsed.envelope.code) == code.toDouble());
    const QJsonValue dataValue = root.value(QLatin1String("data"));
    TTS_FUZZ_CHECK(dataValue.isObject() || dataValue.isNull() || dataValue.isUndefined());
    TTS_FUZZ_CHECK(parsed.envelope.data == dataValue.toObject());
    TTS_FUZZ_CHECK(parsed.envelope.message == root.value(QLatin1String("message")).toString());
    TTS_FUZZ_CHECK(parsed.envelope.requestId == root.value(QLatin1String("request_id")).toString());
    return 0;
}
