// Fuzz target: page tokens on their way from the client to the emulator and back.
// Input lines: 1 page_token, 2 shop_cipher, 3 app secret, 4 request body, 5 page_size.
// Invariants: the signed URL the client builds (core/api/requestbuilder.*, signer.*), parsed the way
// a web server parses a query (the emulator's parseQuery), yields exactly the decoded parameters that
// were signed, and the emulator's independent signature of them equals the client's `sign`; the
// emulator's page tokens (app/demoshop/pagetoken.*) decode only to what was encoded.
#include "fuzzcheck.h"

#include "api/requestbuilder.h"
#include "api/signer.h"
#include "httpserver.h"
#include "pagetoken.h"
#include "signing.h"

#include <QUrl>

namespace {

constexpr qint64 kTimestamp = 1700000000;

void checkSignedUrl(const QString& pageToken, const QString& cipher, const QString& secret,
                    const QByteArray& body, const QString& pageSize)
{
    const QUrl base(QStringLiteral("http://127.0.0.1:8080/"));
    const QString path = QStringLiteral("/order/202309/orders/search");
    const QString appKey = QStringLiteral("fuzzkey");
    const tts::QueryPairs params = {{QStringLiteral("shop_cipher"), cipher},
                                    {QStringLiteral("page_size"), pageSize},
                                    {QStringLiteral("page_token"), pageToken},
                                    {QStringLiteral("sort_field"), QStringLiteral("update_time")}};
    const QUrl url = tts::buildSignedUrl(base, path, params, body, appKey, secret, kTimestamp);
    TTS_FUZZ_CHECK(url.isValid());
    TTS_FUZZ_CHECK(url.host() == u"127.0.0.1" && url.port() == 8080);

    // What goes on the wire: the request target after the authority.
    const QByteArray wire = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    const qsizetype question = wire.indexOf('?');
    TTS_FUZZ_CHECK(question > 0);
    TTS_FUZZ_CHECK(QUrl::fromPercentEncoding(wire.first(question)) == path);
    const QByteArray query = wire.sliced(question + 1);
    TTS_FUZZ_CHECK(!query.contains('+') && !query.contains('#') && !query.contains(' '));
    const QList<QPair<QString, QString>> received = tts::demo::parseQuery(query);

    tts::QueryPairs expected;
    for (const auto& pair : params) {
        if (!pair.second.isEmpty())
            expected.append(pair);
    }
    expected.append({QStringLiteral("app_key"), appKey});
    expected.append({QStringLiteral("timestamp"), QString::number(kTimestamp)});
    TTS_FUZZ_CHECK(received.size() == expected.size() + 1);
    for (qsizetype i = 0; i < expected.size(); ++i)
        TTS_FUZZ_CHECK(received[i] == expected[i]);
    TTS_FUZZ_CHECK(received.last().first == u"sign");

    // Signed over the decoded values, by both independent implementations.
    const QString sign = tts::sign(secret, path, expected, body);
    TTS_FUZZ_CHECK(received.last().second == sign);
    TTS_FUZZ_CHECK(tts::demo::computeSign(secret, path, received, body) == sign.toLatin1());
    const QByteArray signingInput = tts::signingBase(path, expected, body);
    TTS_FUZZ_CHECK(pageToken.isEmpty() || signingInput.contains(pageToken.toUtf8()));
}

void checkEmulatorToken(const QString& text, QByteArrayView input)
{
    const quint64 secret = tts::demo::fnv1a(input.first(qMin<qsizetype>(input.size(), 8)));
    if (const auto token = tts::demo::decodePageToken(text, secret)) {
        // Only the emulator's own tokens decode (a checksum under the secret): re-encoding gives a
        // token that decodes to the same cursor.
        const auto again = tts::demo::decodePageToken(tts::demo::encodePageToken(*token, secret), secret);
        TTS_FUZZ_CHECK(again && again->queryHash == token->queryHash && again->key == token->key &&
                       again->index == token->index && again->served == token->served);
    }
    // Any cursor survives encode -> decode, and its text carries '+' and '/' (the point of the format).
    tts::demo::PageToken cursor;
    cursor.queryHash = tts::demo::fnv1a(input);
    cursor.key = qint64(tts::demo::fnv1a(input, cursor.queryHash));
    cursor.index = quint32(cursor.queryHash >> 7);
    cursor.served = quint32(quint64(cursor.key) >> 13);
    const QString encoded = tts::demo::encodePageToken(cursor, secret);
    TTS_FUZZ_CHECK(encoded.contains(u'+') && encoded.contains(u'/'));
    const auto decoded = tts::demo::decodePageToken(encoded, secret);
    TTS_FUZZ_CHECK(decoded && decoded->queryHash == cursor.queryHash && decoded->key == cursor.key &&
                   decoded->index == cursor.index && decoded->served == cursor.served);
    TTS_FUZZ_CHECK(!tts::demo::decodePageToken(encoded, secret + 1));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = tts::fuzz::bytes(data, size);
    const QList<QByteArray> f = tts::fuzz::fields(input, 5);
    const QString pageToken = QString::fromUtf8(f[0]);
    checkSignedUrl(pageToken, QString::fromUtf8(f[1]), QString::fromUtf8(f[2]), f[3],
                   QString::fromUtf8(f[4]));
    checkEmulatorToken(pageToken, input);
    return 0;
}
