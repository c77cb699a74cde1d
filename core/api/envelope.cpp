#include "envelope.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
#include <limits>

namespace tts {

namespace {

EnvelopeParse failure(QString why)
{
    EnvelopeParse result;
    result.error = std::move(why);
    return result;
}

} // namespace

EnvelopeParse parseEnvelope(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return failure(QStringLiteral("the reply body is empty"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QStringLiteral("the reply is not valid JSON (%1 at byte %2 of %3)")
                           .arg(parseError.errorString())
                           .arg(parseError.offset)
                           .arg(body.size()));
    if (!document.isObject())
        return failure(QStringLiteral("the reply is not a JSON object"));

    const QJsonObject root = document.object();
    const QJsonValue code = root.value(QLatin1String("code"));
    if (!code.isDouble())
        return failure(QStringLiteral("the reply has no numeric \"code\""));
    const double codeValue = code.toDouble();
    if (codeValue != std::floor(codeValue) || std::abs(codeValue) > std::numeric_limits<int>::max())
        return failure(QStringLiteral("the reply's \"code\" is not an integer"));

    const QJsonValue data = root.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return failure(QStringLiteral("the reply's \"data\" is not an object"));

    EnvelopeParse result;
    result.ok = true;
    result.envelope.code = int(codeValue);
    result.envelope.message = root.value(QLatin1String("message")).toString();
    result.envelope.requestId = root.value(QLatin1String("request_id")).toString();
    if (data.isObject())
        result.envelope.data = data.toObject();
    return result;
}

} // namespace tts
