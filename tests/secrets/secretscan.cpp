#include "secretscan.h"

#include <QDirIterator>
#include <QFile>
#include <QUrl>

namespace tts::test {

namespace {

// base64 of `secret` preceded by `offset` other bytes, cut to the 4-character groups that encode only
// the secret's bytes: what appears when the secret sits anywhere inside a larger encoded value.
QByteArray alignedBase64(const QByteArray& secret, int offset, QByteArray::Base64Options options)
{
    const QByteArray encoded = QByteArray(QByteArray(offset, '\0') + secret).toBase64(options);
    const int firstGroup = (offset + 2) / 3;
    const int lastGroup = int((offset + secret.size()) / 3); // exclusive: the last full group
    if (lastGroup <= firstGroup)
        return {};
    return encoded.mid(firstGroup * 4, (lastGroup - firstGroup) * 4);
}

} // namespace

QList<Needle> encodedForms(const QString& secretName, const QString& secret)
{
    const QByteArray utf8 = secret.toUtf8();
    QList<Needle> forms{{secretName, QStringLiteral("plain"), utf8},
                        {secretName, QStringLiteral("UTF-16"),
                         QByteArray(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2)},
                        {secretName, QStringLiteral("hex"), utf8.toHex()},
                        {secretName, QStringLiteral("HEX"), utf8.toHex().toUpper()}};
    const QByteArray percent = QUrl::toPercentEncoding(secret);
    if (percent != utf8)
        forms.append({secretName, QStringLiteral("percent-encoded"), percent});
    QByteArray json = utf8;
    json.replace("/", "\\/");
    if (json != utf8)
        forms.append({secretName, QStringLiteral("JSON-escaped"), json});
    for (int offset = 0; offset < 3; ++offset) {
        for (const auto& [name, options] :
             {std::pair{QStringLiteral("base64"), QByteArray::Base64Encoding},
              std::pair{QStringLiteral("base64url"), QByteArray::Base64UrlEncoding}}) {
            const QByteArray encoded = alignedBase64(utf8, offset, options);
            if (encoded.size() >= 12)
                forms.append({secretName, QStringLiteral("%1 (offset %2)").arg(name).arg(offset), encoded});
        }
    }
    return forms;
}

QStringList findNeedles(const QByteArray& haystack, const QList<Needle>& needles, const QString& where)
{
    QStringList found;
    for (const Needle& needle : needles) {
        if (!needle.bytes.isEmpty() && haystack.contains(needle.bytes))
            found << QStringLiteral("%1: %2 as %3").arg(where, needle.secretName, needle.form);
    }
    return found;
}

QStringList findInFiles(const QString& root, const QList<Needle>& needles, int* filesSearched)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        if (filesSearched)
            ++*filesSearched;
        found += findNeedles(file.readAll(), needles, file.fileName());
    }
    return found;
}

} // namespace tts::test
