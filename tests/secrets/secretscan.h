#pragma once

// The search of tst_secrethygiene: every secret in every form it could be written in, looked for in
// files, log lines and captured output.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace tts::test {

struct Needle
{
    QString secretName; // "app secret", "access token #1", ...
    QString form;       // "plain", "base64", ...
    QByteArray bytes;
};

// The forms: plain UTF-8, UTF-16LE, percent-encoded, JSON-escaped, hex (lower and upper case), and
// base64 and base64url at each of the three byte alignments the secret can have inside a longer
// encoded blob (only the groups made of the secret's own bytes).
QList<Needle> encodedForms(const QString& secretName, const QString& secret);

// "<where>: <secret> as <form>" for every needle found in `haystack`.
QStringList findNeedles(const QByteArray& haystack, const QList<Needle>& needles, const QString& where);

// Every regular file under `root` (recursively, hidden ones too). `filesSearched` counts them.
QStringList findInFiles(const QString& root, const QList<Needle>& needles, int* filesSearched);

} // namespace tts::test
