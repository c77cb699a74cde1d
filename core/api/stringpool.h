#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>

#include <cstring>
#include <vector>

namespace tts {

// Shares the QString of values that repeat across orders (status, currency, product names, SKUs,
// prices...): one allocation per distinct value instead of one per occurrence, which is most of
// the cost of reading a page. An open-addressing table of fixed size that starts over when half
// full, so it stays bounded whatever the data. One thread.
class StringPool
{
public:
    explicit StringPool(size_t maxEntries = 8192)
    {
        size_t capacity = 16;
        while (capacity < maxEntries * 2)
            capacity *= 2;
        m_slots.resize(capacity);
        m_maxEntries = maxEntries;
    }

    QString intern(QByteArrayView utf8)
    {
        if (utf8.size() > 96)
            return QString::fromUtf8(utf8);
        const size_t hash = qHash(utf8) | 1; // 0 marks an empty slot
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.hash == 0) {
                if (m_size >= m_maxEntries) {
                    clear();
                    return intern(utf8);
                }
                slot.hash = hash;
                slot.key = utf8.toByteArray();
                slot.value = QString::fromUtf8(utf8);
                ++m_size;
                return slot.value;
            }
            if (slot.hash == hash && slot.key.size() == utf8.size() &&
                std::memcmp(slot.key.constData(), utf8.data(), size_t(utf8.size())) == 0)
                return slot.value;
        }
    }

    size_t size() const { return m_size; }

private:
    struct Slot
    {
        size_t hash = 0;
        QByteArray key;
        QString value;
    };

    void clear()
    {
        for (Slot& slot : m_slots)
            slot = Slot();
        m_size = 0;
    }

    std::vector<Slot> m_slots;
    size_t m_size = 0;
    size_t m_maxEntries = 0;
};

} // namespace tts
