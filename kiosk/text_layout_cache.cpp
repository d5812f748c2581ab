// text_layout_cache.cpp — see text_layout_cache.hpp.
#include "kiosk/text_layout_cache.hpp"

#include <cstring>

namespace lotsen::kiosk {

void TextLayoutCache::use_language(std::string_view language)
{
    if (language == m_language)
        return;
    clear();
    m_language = language;
}

void TextLayoutCache::clear()
{
    m_entries.clear();
    m_uses.clear();
}

std::shared_ptr<const LaidOutLines> TextLayoutCache::get(const ImFont* font, Kind kind, std::string_view text,
                                                         float width, const std::function<LaidOutLines()>& lay_out)
{
    // The key: the font's address, the kind and the width's bits, then the text itself.
    char head[sizeof(font) + sizeof(kind) + sizeof(width)];
    std::memcpy(head, &font, sizeof(font));
    std::memcpy(head + sizeof(font), &kind, sizeof(kind));
    std::memcpy(head + sizeof(font) + sizeof(kind), &width, sizeof(width));
    m_key.assign(head, sizeof(head));
    m_key.append(text);
    if (auto found = m_entries.find(m_key); found != m_entries.end()) {
        ++m_hits;
        m_uses.splice(m_uses.begin(), m_uses, found->second.use);
        return found->second.lines;
    }
    ++m_misses;
    std::string key = m_key;  // kept apart: laying out may measure through this cache again
    auto lines = std::make_shared<const LaidOutLines>(lay_out());
    if (m_entries.size() >= m_capacity && !m_uses.empty()) {
        m_entries.erase(m_entries.find(*m_uses.back()));
        m_uses.pop_back();
    }
    const auto entry = m_entries.emplace(std::move(key), Entry{lines, {}}).first;
    m_uses.push_front(&entry->first);
    entry->second.use = m_uses.begin();
    return lines;
}

}  // namespace lotsen::kiosk
