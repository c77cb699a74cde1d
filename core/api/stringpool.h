#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tts {

// Shares the QString of values that repeat across orders (status, currency, product names, SKUs,
// prices...): one allocation per distinct value instead of one per occurrence, which is most of
// the cost of reading a page. Bounded: it starts over when it holds too many values. One thread.
class StringPool
{
public:
    explicit StringPool(size_t maxEntries = 16384) : m_maxEntries(maxEntries) {}

    QString intern(QByteArrayView utf8)
    {
        if (utf8.size() > 96)
            return QString::fromUtf8(utf8);
        const std::string_view key(utf8.data(), size_t(utf8.size()));
        const auto it = m_map.find(key);
        if (it != m_map.end())
            return it->second;
        if (m_map.size() >= m_maxEntries)
            m_map.clear();
        QString value = QString::fromUtf8(utf8);
        m_map.emplace(std::string(key), value);
        return value;
    }

    size_t size() const { return m_map.size(); }

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    size_t m_maxEntries;
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_map;
};

} // namespace tts
