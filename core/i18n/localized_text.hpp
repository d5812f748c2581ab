// localized_text.hpp — a visitor-facing text in several languages with the fallback chain
// requested language → Swedish → English → any language present.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace lotsen {

/// Language tag as used throughout Lotsen: "sv", "en", "ar", "fa", "so", "ti", "uk", …
using LanguageCode = std::string;

/// Texts keyed by language; std::less<> allows lookup by string_view.
using TextMap = std::map<LanguageCode, std::string, std::less<>>;

/// True for languages written right to left (Arabic, Persian/Dari, Pashto, Urdu, Sorani, Hebrew).
bool is_rtl_language(std::string_view language);

/// One text in several languages; keys are language codes, values UTF-8.
class LocalizedText {
public:
    LocalizedText() = default;
    explicit LocalizedText(TextMap by_language)
        : m_by_language(std::move(by_language)) {}

    /// Sets (or replaces) the text for one language.
    void set(const LanguageCode& language, std::string text) { m_by_language[language] = std::move(text); }

    /// The text in `language`, falling back to Swedish, then English, then any language present;
    /// empty when the text has no language at all.
    std::string_view get(std::string_view language) const;

    /// The language get(language) would actually answer in ("" when empty).
    std::string_view resolved_language(std::string_view language) const;

    /// True when a text exists for exactly this language (no fallback).
    bool has(std::string_view language) const;

    bool empty() const { return m_by_language.empty(); }
    const TextMap& all() const { return m_by_language; }

    bool operator==(const LocalizedText&) const = default;

private:
    TextMap m_by_language;
};

}  // namespace lotsen
