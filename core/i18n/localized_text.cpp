// localized_text.cpp — the fallback chain for multilingual catalogue texts.
#include "core/i18n/localized_text.hpp"

#include <array>

namespace lotsen {

std::string_view LocalizedText::resolved_language(std::string_view language) const
{
    if (m_by_language.empty())
        return {};
    // Swedish is the catalogue's source language; English is the widest second language.
    const std::array<std::string_view, 3> chain{language, "sv", "en"};
    for (std::string_view candidate : chain) {
        if (auto it = m_by_language.find(candidate); it != m_by_language.end() && !it->second.empty())
            return it->first;
    }
    for (const auto& [code, text] : m_by_language) {
        if (!text.empty())
            return code;
    }
    return {};
}

std::string_view LocalizedText::get(std::string_view language) const
{
    std::string_view resolved = resolved_language(language);
    if (resolved.empty())
        return {};
    return m_by_language.find(resolved)->second;
}

bool is_rtl_language(std::string_view language)
{
    const std::string_view base = language.substr(0, language.find('-'));
    for (std::string_view rtl : {"ar", "fa", "prs", "ps", "ur", "ckb", "he"}) {
        if (base == rtl)
            return true;
    }
    return false;
}

bool LocalizedText::has(std::string_view language) const
{
    auto it = m_by_language.find(language);
    return it != m_by_language.end() && !it->second.empty();
}

}  // namespace lotsen
