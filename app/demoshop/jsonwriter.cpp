#include "jsonwriter.h"

namespace tts::demo::json {

void str(QByteArray& out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const char* begin = utf8.data();
    const char* end = begin + utf8.size();
    const char* run = begin;
    for (const char* p = begin; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            raw(out, "\\\"");
            break;
        case '\\':
            raw(out, "\\\\");
            break;
        case '\n':
            raw(out, "\\n");
            break;
        case '\r':
            raw(out, "\\r");
            break;
        case '\t':
            raw(out, "\\t");
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

void money(QByteArray& out, qint64 minor)
{
    out.append('"');
    if (minor < 0) {
        out.append('-');
        minor = -minor;
    }
    num(out, minor / 100);
    const int cents = int(minor % 100);
    if (cents != 0) {
        out.append('.');
        out.append(char('0' + cents / 10));
        if (cents % 10 != 0)
            out.append(char('0' + cents % 10));
    }
    out.append('"');
}

QByteArray moneyString(qint64 minor)
{
    QByteArray out;
    money(out, minor);
    return out.mid(1, out.size() - 2);
}

} // namespace tts::demo::json
