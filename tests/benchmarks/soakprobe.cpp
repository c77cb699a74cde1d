#include "soakprobe.h"

#include <QFile>
#include <QFileInfo>

#include <malloc.h>

using namespace Qt::StringLiterals;

namespace tts::soak {

namespace {

qint64 fieldKb(const QByteArray& status, const QByteArray& name)
{
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith(name))
            return line.mid(name.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

MemorySample sampleMemory()
{
    MemorySample sample;
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return sample;
    const QByteArray text = status.readAll();
    sample.rssKb = fieldKb(text, "VmRSS:");
    sample.peakKb = fieldKb(text, "VmHWM:");
    const struct mallinfo2 info = ::mallinfo2();
    sample.heapKb = qint64((info.uordblks + info.hblkhd) / 1024);
    return sample;
}

qint64 fileBytes(const QString& path)
{
    const QFileInfo file(path);
    return file.exists() ? file.size() : 0;
}

qint64 walBytes(const QString& databasePath)
{
    return fileBytes(databasePath + u"-wal"_s);
}

double growthPercent(qint64 from, qint64 to)
{
    return from > 0 ? 100.0 * double(to - from) / double(from) : 0.0;
}

} // namespace tts::soak
