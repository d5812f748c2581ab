// test_string_tables.cpp — the shipped string tables in assets/i18n/ (docs/translations.md): Swedish and
// English complete and alike, the other tables free of keys Swedish does not have (gaps are only
// reported: the kiosk falls back to Swedish, then English), placeholders exactly as in Swedish, texts
// with a count in every plural form their language uses, every file parsing, and each table written
// mostly in its own script.
#include "core/i18n/strings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace lotsen;

namespace {

using Table = StringTable;

const std::string k_i18n_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n";

// The tables translated from Swedish that may still have gaps.
const std::vector<std::string> k_translated = {"ar", "fa", "so", "ti", "uk"};

const StringTables& shipped()
{
    static const StringTables tables = [] {
        auto loaded = StringTables::load_directory(k_i18n_dir);
        if (!loaded.ok()) {
            ADD_FAILURE() << loaded.error().text();
            return StringTables{};
        }
        return loaded.value();
    }();
    return tables;
}

const Table& table_of(std::string_view language)
{
    static const Table empty;
    const auto& all = shipped().tables();
    auto it = all.find(language);
    return it == all.end() ? empty : it->second;
}

// The keys of a table with plural forms folded into their base key ("idle_body.few" → "idle_body").
std::set<std::string> base_keys(const Table& table)
{
    std::set<std::string> keys;
    for (const auto& [key, text] : table)
        keys.emplace(split_table_key(key).base);
    return keys;
}

// Every language with a table, except the source (sv) and the complete fallback (en).
std::vector<std::string> other_languages()
{
    std::vector<std::string> languages = k_translated;
    for (const auto& [language, table] : shipped().tables()) {
        if (language != "sv" && language != "en" &&
            std::find(languages.begin(), languages.end(), language) == languages.end())
            languages.push_back(language);
    }
    return languages;
}

// The placeholders of a text ("{town}", "{seconds}", …) in order; an unclosed '{' counts as "{".
std::vector<std::string> placeholders(std::string_view text)
{
    std::vector<std::string> found;
    std::size_t at = 0;
    while ((at = text.find('{', at)) != std::string_view::npos) {
        const std::size_t close = text.find('}', at);
        if (close == std::string_view::npos) {
            found.emplace_back("{");
            break;
        }
        found.emplace_back(text.substr(at, close - at + 1));
        at = close + 1;
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : " ") + item;
    return out.empty() ? "(none)" : out;
}

// Code points of well-formed UTF-8 (toml++ has already refused anything else).
std::u32string code_points(std::string_view text)
{
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code = length == 1 ? lead : length == 2 ? (lead & 0x1Fu) : length == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        out.push_back(code);
        i += length;
    }
    return out;
}

enum class Script { latin, cyrillic, arabic, ethiopic, other };

Script script_of_letter(char32_t c)
{
    if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
        (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7))
        return Script::latin;
    if (c >= 0x0400 && c <= 0x052F)
        return Script::cyrillic;
    if ((c >= 0x0620 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3) || (c >= 0x06FA && c <= 0x06FC) ||
        (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC))
        return Script::arabic;
    if ((c >= 0x1200 && c <= 0x135A) || (c >= 0x1380 && c <= 0x138F) || (c >= 0x2D80 && c <= 0x2DDF) ||
        (c >= 0xAB01 && c <= 0xAB2F))
        return Script::ethiopic;
    return Script::other;  // digits, punctuation, spaces, marks, joiners: not counted
}

const char* script_name(Script script)
{
    switch (script) {
    case Script::latin: return "Latin";
    case Script::cyrillic: return "Cyrillic";
    case Script::arabic: return "Arabic";
    case Script::ethiopic: return "Ethiopic";
    case Script::other: break;
    }
    return "other";
}

// A text without what stays the same in every language: placeholders, the product name and the
// bilingual part of the language button.
std::string without_shared_parts(std::string text)
{
    for (std::string_view shared : {std::string_view("Språk · Language"), std::string_view("Lotsen")}) {
        for (std::size_t at; (at = text.find(shared)) != std::string::npos;)
            text.erase(at, shared.size());
    }
    for (std::size_t open; (open = text.find('{')) != std::string::npos;) {
        const std::size_t close = text.find('}', open);
        text.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
    }
    return text;
}

}  // namespace

// (1) Swedish is the source and English the last fallback: both have every key.
TEST(StringTablesSwedishEnglish, HaveExactlyTheSameKeys)
{
    const Table& sv = table_of("sv");
    const Table& en = table_of("en");
    ASSERT_FALSE(sv.empty()) << "no Swedish table in " << k_i18n_dir;
    ASSERT_FALSE(en.empty()) << "no English table in " << k_i18n_dir;
    for (const auto& [key, text] : sv)
        EXPECT_TRUE(en.contains(key)) << "en.toml lacks " << key << " (sv: \"" << text << "\")";
    for (const auto& [key, text] : en)
        EXPECT_TRUE(sv.contains(key)) << "sv.toml lacks " << key << " (en: \"" << text << "\")";
}

// (2) A translated table may have gaps (they fall back to Swedish): these are listed, not failed.
// A key Swedish does not have is a typo or a leftover, and fails.
TEST(StringTablesTranslations, GapsAreReportedAndUnknownKeysFail)
{
    const Table& sv = table_of("sv");
    ASSERT_FALSE(sv.empty());
    for (const std::string& language : other_languages()) {
        SCOPED_TRACE(language + ".toml");
        const Table& table = table_of(language);
        EXPECT_FALSE(table.empty()) << language << ".toml is missing or empty";
        std::vector<std::string> gaps;
        const auto sv_keys = base_keys(sv);
        for (const std::string& key : sv_keys) {
            if (!shipped().has(language, key))
                gaps.push_back(key);
        }
        for (const std::string& key : base_keys(table))
            EXPECT_TRUE(sv_keys.contains(key)) << language << ".toml has " << key << ", which sv.toml does not have";
        RecordProperty("keys_" + language, std::to_string(sv_keys.size() - gaps.size()) + " of " + std::to_string(sv_keys.size()));
        RecordProperty("gaps_" + language, joined(gaps));
        std::cout << "[ i18n     ] " << language << ": " << (sv_keys.size() - gaps.size()) << " of " << sv_keys.size()
                  << " keys translated";
        if (!gaps.empty())
            std::cout << "; falls back to Swedish for: " << joined(gaps);
        std::cout << '\n';
    }
}

// (3) Every placeholder of the Swedish text, no more and no fewer, in every language. A plural form
// is compared with the Swedish `other` form; the zero, one and two forms may leave a placeholder out
// where the words say the number ("يومين", two days), but never add one.
TEST(StringTablesPlaceholders, MatchTheSwedishTextInEveryTable)
{
    const Table& sv = table_of("sv");
    ASSERT_FALSE(sv.empty());
    int checked = 0;
    for (const auto& [language, table] : shipped().tables()) {
        for (const auto& [key, text] : table) {
            const TableKey split = split_table_key(key);
            auto source = split.category ? sv.find(std::string(split.base) + ".other") : sv.find(key);
            if (source == sv.end())
                source = sv.find(split.base);  // a plain Swedish text for a counted one
            if (source == sv.end())
                continue;  // an unknown key fails in StringTablesTranslations
            const std::vector<std::string> wanted = placeholders(source->second);
            const std::vector<std::string> found = placeholders(text);
            const bool may_omit = split.category == PluralCategory::zero || split.category == PluralCategory::one ||
                                  split.category == PluralCategory::two;
            if (may_omit) {
                EXPECT_TRUE(std::includes(wanted.begin(), wanted.end(), found.begin(), found.end()))
                    << language << ".toml " << key << " = \"" << text << "\" has a placeholder " << source->first
                    << " does not have";
            } else {
                EXPECT_EQ(joined(found), joined(wanted)) << language << ".toml " << key << " = \"" << text << "\"";
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 0);
}

// (6) A text with a count has a form for every plural category its language uses (CLDR, see
// core/i18n/plural_rules.cpp), `other` included; and it is counted in every table that has it.
TEST(StringTablesPlurals, EveryCountedTextHasEveryFormOfItsLanguage)
{
    const Table& sv = table_of("sv");
    std::set<std::string> counted;
    for (const auto& [key, text] : sv) {
        if (const TableKey split = split_table_key(key); split.category)
            counted.emplace(split.base);
    }
    EXPECT_TRUE(counted.contains("idle_body"));
    EXPECT_TRUE(counted.contains("admin_pin_locked"));
    EXPECT_TRUE(counted.contains("thanks_reply_days"));
    for (const auto& [language, table] : shipped().tables()) {
        SCOPED_TRACE(language + ".toml");
        for (const std::string& key : counted) {
            if (!shipped().has(language, key))
                continue;  // a gap: falls back to Swedish
            EXPECT_FALSE(table.contains(key)) << key << " is counted in sv.toml: write it as " << key << ".other …";
            for (PluralCategory category : plural_categories(language)) {
                const std::string form = key + "." + std::string(plural_category_name(category));
                EXPECT_TRUE(table.contains(form)) << "no " << form;
            }
        }
        for (const auto& [key, text] : table) {
            if (const TableKey split = split_table_key(key); split.category) {
                EXPECT_TRUE(counted.contains(std::string(split.base))) << key << " is not counted in sv.toml";
            }
        }
    }
}

// The placeholder reader itself, so a broken reader cannot pass every table.
TEST(StringTablesPlaceholders, ReaderFindsNamesAndUnclosedBraces)
{
    EXPECT_EQ(joined(placeholders("Bara {town}")), "{town}");
    EXPECT_EQ(joined(placeholders("{seconds} s, {town}")), "{seconds} {town}");
    EXPECT_EQ(joined(placeholders("Inga")), "(none)");
    EXPECT_EQ(joined(placeholders("fel {town")), "{");
    EXPECT_NE(joined(placeholders("{towm}")), joined(placeholders("{town}")));
}

// (4) Every file that is not empty parses on its own, with the file named on error, and names its language.
TEST(StringTablesFiles, EveryNonEmptyFileParsesAndNamesItsLanguage)
{
    namespace fs = std::filesystem;
    int files = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(k_i18n_dir)) {
        if (entry.path().extension() != ".toml")
            continue;
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        if (text.str().find_first_not_of(" \t\r\n") == std::string::npos)
            continue;
        ++files;
        const std::string language = entry.path().stem().string();
        StringTables tables;
        auto added = tables.add_language(language, text.str(), entry.path().string());
        ASSERT_TRUE(added.ok()) << added.error().text();
        EXPECT_TRUE(tables.has(language, "language_name")) << entry.path() << " has no language_name";
    }
    EXPECT_GE(files, 7) << "expected sv, en, ar, fa, so, ti and uk in " << k_i18n_dir;
}

// Texts that stay the same everywhere: the product name and the bilingual language button.
TEST(StringTablesFiles, SharedTextsStayTheSame)
{
    for (const auto& [language, table] : shipped().tables()) {
        if (auto it = table.find("app_name"); it != table.end()) {
            EXPECT_EQ(it->second, "Lotsen") << language << ".toml";
        }
        if (auto it = table.find("language_choice"); it != table.end()) {
            EXPECT_NE(it->second.find("Språk · Language"), std::string::npos) << language << ".toml: " << it->second;
        }
    }
}

// (5) Each table is written mostly in its own script (placeholders, "Lotsen" and "Språk · Language"
// left out): catches a table pasted into the wrong file or left in Swedish.
TEST(StringTablesScripts, EachTableIsMostlyInItsOwnScript)
{
    const std::map<std::string, Script> expected = {
        {"sv", Script::latin},  {"en", Script::latin},     {"so", Script::latin},    {"ar", Script::arabic},
        {"fa", Script::arabic}, {"ti", Script::ethiopic},  {"uk", Script::cyrillic},
    };
    for (const auto& [language, script] : expected) {
        SCOPED_TRACE(language + ".toml");
        const Table& table = table_of(language);
        ASSERT_FALSE(table.empty());
        std::map<Script, long> letters;
        for (const auto& [key, text] : table) {
            for (char32_t c : code_points(without_shared_parts(text)))
                letters[script_of_letter(c)]++;
        }
        letters.erase(Script::other);
        long total = 0;
        for (const auto& [counted, count] : letters)
            total += count;
        ASSERT_GT(total, 0);
        const long own = letters[script];
        std::ostringstream counts;
        for (const auto& [counted, count] : letters)
            counts << ' ' << script_name(counted) << '=' << count;
        EXPECT_GT(own * 2, total) << language << ".toml: fewer than half of its letters are " << script_name(script)
                                  << ";" << counts.str();
        RecordProperty("script_" + language, counts.str());
    }
}

// The script check itself: it sees Arabic, Ethiopic and Cyrillic letters and ignores what is shared.
TEST(StringTablesScripts, ClassifierKnowsTheScripts)
{
    EXPECT_EQ(script_of_letter(U'å'), Script::latin);
    EXPECT_EQ(script_of_letter(U'ї'), Script::cyrillic);
    EXPECT_EQ(script_of_letter(U'گ'), Script::arabic);  // Persian gaf
    EXPECT_EQ(script_of_letter(U'ی'), Script::arabic);  // Persian yeh
    EXPECT_EQ(script_of_letter(U'ቕ'), Script::ethiopic);
    EXPECT_EQ(script_of_letter(U'7'), Script::other);
    EXPECT_EQ(script_of_letter(0x200C), Script::other);  // zero-width non-joiner
    EXPECT_EQ(without_shared_parts("اللغة · Språk · Language"), "اللغة · ");
    EXPECT_EQ(without_shared_parts("خروج از Lotsen {town}"), "خروج از  ");
}
