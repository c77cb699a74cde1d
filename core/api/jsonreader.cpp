#include "jsonreader.h"

#include "stringpool.h"

#include <cstring>

namespace tts {

namespace {

constexpr int kMaxDepth = 64;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray& out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

bool JsonReader::fail()
{
    m_failed = true;
    m_pos = m_end;
    return false;
}

void JsonReader::skipSpace()
{
    while (m_pos < m_end && (*m_pos == ' ' || *m_pos == '\n' || *m_pos == '\r' || *m_pos == '\t'))
        ++m_pos;
}

bool JsonReader::atEnd()
{
    skipSpace();
    return !m_failed && m_pos == m_end;
}

JsonReader::Type JsonReader::peek()
{
    skipSpace();
    if (m_failed || m_pos == m_end)
        return Type::Invalid;
    switch (*m_pos) {
    case '{':
        return Type::Object;
    case '[':
        return Type::Array;
    case '"':
        return Type::String;
    case 't':
    case 'f':
        return Type::Bool;
    case 'n':
        return Type::Null;
    default:
        return (*m_pos == '-' || (*m_pos >= '0' && *m_pos <= '9')) ? Type::Number : Type::Invalid;
    }
}

bool JsonReader::beginObject()
{
    if (peek() != Type::Object || ++m_depth > kMaxDepth)
        return fail();
    ++m_pos;
    m_first = true;
    return true;
}

bool JsonReader::beginArray()
{
    if (peek() != Type::Array || ++m_depth > kMaxDepth)
        return fail();
    ++m_pos;
    m_first = true;
    return true;
}

bool JsonReader::expectSeparator(char close, bool& more)
{
    skipSpace();
    if (m_pos == m_end)
        return fail();
    if (*m_pos == close) {
        ++m_pos;
        --m_depth;
        more = false;
        m_first = false;
        return true;
    }
    if (m_first) {
        more = true;
        m_first = false;
        return true;
    }
    if (*m_pos != ',')
        return fail();
    ++m_pos;
    more = true;
    return true;
}

bool JsonReader::nextKey(QByteArrayView& key)
{
    if (m_failed)
        return false;
    bool more = false;
    if (!expectSeparator('}', more) || !more)
        return false;
    skipSpace();
    if (m_pos == m_end || *m_pos != '"')
        return fail();
    const char* start = ++m_pos;
    const char* quote = static_cast<const char*>(std::memchr(m_pos, '"', size_t(m_end - m_pos)));
    if (!quote)
        return fail();
    key = QByteArrayView(start, quote - start);
    for (char c : key) { // the API's keys never need escapes; raw control characters are not JSON
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20)
            return fail();
    }
    m_pos = quote + 1;
    skipSpace();
    if (m_pos == m_end || *m_pos != ':')
        return fail();
    ++m_pos;
    return true;
}

bool JsonReader::nextElement()
{
    if (m_failed)
        return false;
    bool more = false;
    return expectSeparator(']', more) && more;
}

template <bool AsciiOnly> const char* JsonReader::plainStringEnd() const
{
    const char* p = m_pos + 1;
    while (p < m_end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20 &&
           (!AsciiOnly || static_cast<unsigned char>(*p) < 0x80))
        ++p;
    return p < m_end && *p == '"' ? p : nullptr;
}

bool JsonReader::readAsciiString(QByteArrayView& out)
{
    if (peek() != Type::String)
        return false;
    const char* end = plainStringEnd<true>();
    if (!end)
        return false;
    out = QByteArrayView(m_pos + 1, end);
    m_pos = end + 1;
    return true;
}

bool JsonReader::readString(QString& out, StringPool& pool)
{
    if (peek() != Type::String)
        return fail();
    const char* end = plainStringEnd();
    if (!end)
        return readString(out); // escapes or an error: the general string reader decides
    out = pool.intern(QByteArrayView(m_pos + 1, end - (m_pos + 1)));
    m_pos = end + 1;
    return true;
}

bool JsonReader::readString(QString& out)
{
    if (peek() != Type::String)
        return fail();
    const char* start = ++m_pos;
    const char* p = m_pos;
    while (p < m_end && *p != '"' && *p != '\\') {
        if (static_cast<unsigned char>(*p) < 0x20)
            return fail();
        ++p;
    }
    if (p == m_end)
        return fail();
    if (*p == '"') { // no escapes: the common case
        out = QString::fromUtf8(start, p - start);
        m_pos = p + 1;
        return true;
    }

    QByteArray decoded(start, p - start);
    while (p < m_end && *p != '"') {
        const char c = *p++;
        if (static_cast<unsigned char>(c) < 0x20)
            return fail();
        if (c != '\\') {
            decoded.append(c);
            continue;
        }
        if (p == m_end)
            return fail();
        switch (const char e = *p++) {
        case '"':
            decoded.append('"');
            break;
        case '\\':
            decoded.append('\\');
            break;
        case '/':
            decoded.append('/');
            break;
        case 'b':
            decoded.append('\b');
            break;
        case 'f':
            decoded.append('\f');
            break;
        case 'n':
            decoded.append('\n');
            break;
        case 'r':
            decoded.append('\r');
            break;
        case 't':
            decoded.append('\t');
            break;
        case 'u': {
            auto hex4 = [this, &p](char32_t& value) {
                if (m_end - p < 4)
                    return false;
                value = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(p[i]);
                    if (h < 0)
                        return false;
                    value = value * 16 + char32_t(h);
                }
                p += 4;
                return true;
            };
            char32_t cp = 0;
            if (!hex4(cp))
                return fail();
            if (cp >= 0xD800 && cp <= 0xDBFF) { // a high surrogate needs its low half
                char32_t low = 0;
                if (m_end - p < 6 || p[0] != '\\' || p[1] != 'u')
                    return fail();
                p += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return fail();
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail();
            }
            appendUtf8(decoded, cp);
            break;
        }
        default:
            Q_UNUSED(e);
            return fail();
        }
    }
    if (p == m_end)
        return fail();
    m_pos = p + 1;
    out = QString::fromUtf8(decoded);
    return true;
}

bool JsonReader::readNumberText(QByteArrayView& out)
{
    if (peek() != Type::Number)
        return fail();
    const char* start = m_pos;
    const char* p = m_pos;
    auto digits = [&p, this] {
        const char* from = p;
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
        return p - from;
    };
    if (*p == '-')
        ++p;
    if (p < m_end && *p == '0')
        ++p; // no leading zeros
    else if (digits() == 0)
        return fail();
    if (p < m_end && *p == '.') {
        ++p;
        if (digits() == 0)
            return fail();
    }
    const bool hasExponent = p < m_end && (*p == 'e' || *p == 'E');
    if (hasExponent) {
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
            ++p;
        if (digits() == 0)
            return fail();
    }
    out = QByteArrayView(start, p - start);
    // As QJsonDocument, refuse a number whose double overflows or underflows to zero: only an
    // exponent or a text of hundreds of digits can, so the common integers skip the conversion.
    if (hasExponent || out.size() > 300) {
        bool ok = false;
        [[maybe_unused]] const double value = out.toDouble(&ok);
        if (!ok)
            return fail();
    }
    m_pos = p;
    return true;
}

bool JsonReader::readInteger(qint64& out)
{
    QByteArrayView text;
    if (!readNumberText(text))
        return false;
    const bool negative = text.front() == '-';
    if (negative)
        text = text.sliced(1);
    if (text.size() > 18)
        return fail();
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return fail(); // a fraction or an exponent
        value = value * 10 + (c - '0');
    }
    out = negative ? -value : value;
    return true;
}

bool JsonReader::readBool(bool& out)
{
    skipSpace();
    if (m_end - m_pos >= 4 && std::memcmp(m_pos, "true", 4) == 0) {
        m_pos += 4;
        out = true;
        return true;
    }
    if (m_end - m_pos >= 5 && std::memcmp(m_pos, "false", 5) == 0) {
        m_pos += 5;
        out = false;
        return true;
    }
    return fail();
}

bool JsonReader::readNull()
{
    skipSpace();
    if (m_end - m_pos >= 4 && std::memcmp(m_pos, "null", 4) == 0) {
        m_pos += 4;
        return true;
    }
    return fail();
}

bool JsonReader::skipValue()
{
    switch (peek()) {
    case Type::Object: {
        beginObject();
        QByteArrayView key;
        while (nextKey(key)) {
            if (!skipValue())
                return false;
        }
        return !m_failed;
    }
    case Type::Array:
        beginArray();
        while (nextElement()) {
            if (!skipValue())
                return false;
        }
        return !m_failed;
    case Type::String: {
        // Without escapes a string is valid as soon as its closing quote comes before any control
        // character: found without decoding it. With escapes the decoder checks them.
        if (const char* end = plainStringEnd()) {
            m_pos = end + 1;
            return true;
        }
        QString ignored;
        return readString(ignored);
    }
    case Type::Number: {
        QByteArrayView ignored;
        return readNumberText(ignored);
    }
    case Type::Bool: {
        bool ignored = false;
        return readBool(ignored);
    }
    case Type::Null:
        return readNull();
    case Type::Invalid:
        break;
    }
    return fail();
}

} // namespace tts
