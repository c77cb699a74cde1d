#pragma once

// A minimal, fast JSON byte writer for the emulator's responses (QJsonDocument is far too slow to
// serve 100,000 orders a second). The caller writes keys and separators itself; values that may
// contain arbitrary text go through str(), which escapes them.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <charconv>

namespace tts::demo::json {

template <qsizetype N> inline void raw(QByteArray& out, const char (&literal)[N])
{
    out.append(literal, N - 1);
}

inline void raw(QByteArray& out, QByteArrayView bytes)
{
    out.append(bytes.data(), bytes.size());
}

inline void num(QByteArray& out, qint64 value)
{
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

// A quoted, escaped string.
void str(QByteArray& out, QByteArrayView utf8);
inline void str(QByteArray& out, const QString& text)
{
    str(out, QByteArrayView(text.toUtf8()));
}

// A quoted number as a string: "1729382256910270000".
inline void numStr(QByteArray& out, qint64 value)
{
    out.append('"');
    num(out, value);
    out.append('"');
}

// Money as the API sends it: a quoted decimal string without trailing zeros ("21.3", "0", "1249.99").
// `minor` is the amount in hundredths; money never passes through floating point here.
void money(QByteArray& out, qint64 minor);
QByteArray moneyString(qint64 minor);

inline void boolean(QByteArray& out, bool value)
{
    if (value)
        raw(out, "true");
    else
        raw(out, "false");
}

} // namespace tts::demo::json
