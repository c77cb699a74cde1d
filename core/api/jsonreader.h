#pragma once

#include <QByteArrayView>
#include <QString>

namespace tts {

class StringPool;

// A small pull reader over JSON text (RFC 8259) for the hot path of order pages: no document tree,
// strings decoded straight into QString, numbers available as their exact text. Any syntax error
// sets failed(); every call after that returns false. Used only where a fallback exists: the
// caller re-reads the body with QJsonDocument whenever this reader fails or meets the unexpected.
class JsonReader
{
public:
    explicit JsonReader(QByteArrayView text) : m_pos(text.data()), m_end(text.data() + text.size()) {}

    enum class Type
    {
        Object,
        Array,
        String,
        Number,
        Bool,
        Null,
        Invalid
    };

    Type peek();
    bool failed() const { return m_failed; }
    bool atEnd(); // only whitespace left

    // Objects: beginObject(), then nextKey() until it returns false (at '}'), reading or skipping
    // one value after each key.
    bool beginObject();
    bool nextKey(QByteArrayView& key); // keys without escapes only (else failed)
    // Arrays: beginArray(), then nextElement() until it returns false (at ']').
    bool beginArray();
    bool nextElement();

    bool readString(QString& out);
    // At a string of ASCII only, without escapes or control characters: its text where it is in the
    // JSON text, and the reader past it. Anything else: false, the reader unmoved and not failed.
    bool readAsciiString(QByteArrayView& out);
    // As readString(), but a value without escapes is shared through `pool`.
    bool readString(QString& out, StringPool& pool);
    bool readNumberText(QByteArrayView& out); // the exact text of a number QJsonDocument accepts
    bool readInteger(qint64& out);            // an integral number without fraction or exponent
    bool readBool(bool& out);
    bool readNull();
    bool skipValue();

private:
    bool fail();
    void skipSpace();
    bool expectSeparator(char close, bool& more); // after a value: ',' or `close`
    // At a string: its closing quote if it holds no escape and no control character (and, with
    // AsciiOnly, no byte beyond ASCII), else nullptr.
    template <bool AsciiOnly = false> const char* plainStringEnd() const;

    const char* m_pos;
    const char* m_end;
    bool m_failed = false;
    bool m_first = true; // the next key / element is the first of its container
    int m_depth = 0;
};

} // namespace tts
