// strings.hpp — the user-interface string tables, one TOML file per language in assets/i18n/.
// Look-ups fall back language → Swedish → English, and finally to the key itself so a missing
// string is visible on screen instead of blank. A text with a count has one form per CLDR plural
// category (`idle_body.one`, `idle_body.other`, …), chosen by the language's rule (plural_rules.hpp).
#pragma once

#include "core/base/result.hpp"
#include "core/i18n/localized_text.hpp"
#include "core/i18n/plural_rules.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// One language's table: plain keys, and each plural form as "key.category" ("idle_body.few").
using StringTable = std::map<std::string, std::string, std::less<>>;

/// A table key split at its plural category: "idle_body.few" → {"idle_body", few}; "free" → {"free", nullopt}.
struct TableKey {
    std::string_view base;
    std::optional<PluralCategory> category;
};

/// Splits a key of StringTables::tables() into its base key and plural category.
TableKey split_table_key(std::string_view key);

/// `text` with every "{name}" replaced by `value` (other placeholders left as they are).
std::string fill_placeholder(std::string_view text, std::string_view name, std::string_view value);

/// All string tables of the kiosk, keyed by language and string key.
class StringTables {
public:
    /// Loads every "<lang>.toml" in `directory`. A file that does not parse is an error naming it.
    static Result<StringTables> load_directory(const std::string& directory);

    /// Tables that load_directory() or add_language() made before, handed back whole (the kiosk keeps
    /// them on disk between starts: kiosk/string_tables_cache.hpp). Nothing is checked again.
    static StringTables from_tables(std::map<LanguageCode, StringTable, std::less<>> tables)
    {
        StringTables out;
        out.m_tables = std::move(tables);
        return out;
    }

    /// Adds or replaces one language's table from TOML text: `key = "text"` pairs, and texts with a
    /// count as one string per plural category of `language` (`key.one = "…"`, `key.other = "…"`;
    /// `other` required). Anything else is an error naming the source, line and key.
    Result<void> add_language(const LanguageCode& language, std::string_view toml_text, std::string_view source_name);

    /// The string for `key` in `language` with the fallback chain; the key itself when missing.
    /// For a text with a count this is its `other` form: use get_plural() when the count is known.
    std::string_view get(std::string_view language, std::string_view key) const;

    /// The form of `key` for `count` things: along the fallback chain, the first table that has the
    /// key answers with the form for its own language's plural category of `count`, or its `other`
    /// form, or its plain text; the key itself when no table has it.
    std::string_view get_plural(std::string_view language, std::string_view key, std::uint64_t count) const;

    /// get_plural() with every "{placeholder}" replaced by `count` in Western digits.
    std::string format_count(std::string_view language, std::string_view key, std::string_view placeholder,
                             std::uint64_t count) const;

    /// True when `language` itself (no fallback) has `key`, as a plain text or with plural forms.
    bool has(std::string_view language, std::string_view key) const;

    /// Every loaded language's table (plural forms under "key.category", see split_table_key()).
    const std::map<LanguageCode, StringTable, std::less<>>& tables() const { return m_tables; }

private:
    std::map<LanguageCode, StringTable, std::less<>> m_tables;
};

}  // namespace lotsen
