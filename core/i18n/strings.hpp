// strings.hpp — the user-interface string tables, one TOML file per language in assets/i18n/.
// Look-ups fall back language → Swedish → English, and finally to the key itself so a missing
// string is visible on screen instead of blank.
#pragma once

#include "core/i18n/localized_text.hpp"
#include "core/base/result.hpp"

#include <map>
#include <string>
#include <string_view>

namespace lotsen {

/// All string tables of the kiosk, keyed by language and string key.
class StringTables {
public:
    /// Loads every "<lang>.toml" in `directory`. A file that does not parse is an error naming it.
    static Result<StringTables> load_directory(const std::string& directory);

    /// Adds or replaces one language's table from TOML text (flat `key = "text"` pairs).
    Result<void> add_language(const LanguageCode& language, std::string_view toml_text, std::string_view source_name);

    /// The string for `key` in `language` with the fallback chain; the key itself when missing.
    std::string_view get(std::string_view language, std::string_view key) const;

    /// True when `language` itself (no fallback) has `key`.
    bool has(std::string_view language, std::string_view key) const;

    /// Every loaded language's table.
    const std::map<LanguageCode, std::map<std::string, std::string, std::less<>>, std::less<>>& tables() const
    {
        return m_tables;
    }

private:
    std::map<LanguageCode, std::map<std::string, std::string, std::less<>>, std::less<>> m_tables;
};

}  // namespace lotsen
