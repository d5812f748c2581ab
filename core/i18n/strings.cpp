// strings.cpp — loads the UI string tables, checks their plural forms against the language's CLDR
// categories, and resolves keys with the language fallback chain.
#include "core/i18n/strings.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace lotsen {

namespace {

constexpr std::array<std::string_view, 3> fallback_chain(std::string_view language)
{
    return {language, "sv", "en"};
}

std::string where(std::string_view source_name, const toml::node& node)
{
    return std::string(source_name) + ':' + std::to_string(node.source().begin.line);
}

std::string category_list(std::span<const PluralCategory> categories)
{
    std::string out;
    for (PluralCategory category : categories)
        out += (out.empty() ? "" : ", ") + std::string(plural_category_name(category));
    return out;
}

// The forms of one text with a count (`key.one = "…"` or `key = { one = "…", … }`), stored as
// "key.category" in `table`.
Result<void> add_plural_forms(const LanguageCode& language, const std::string& key, const toml::table& forms,
                              std::string_view source_name, StringTable& table)
{
    const auto categories = plural_categories(language);
    for (const auto& [name, node] : forms) {
        const std::string item = key + "." + std::string(name.str());
        const auto category = parse_plural_category(name.str());
        if (!category)
            return Error{where(source_name, node) + ": " + item +
                         ": not a plural category (zero, one, two, few, many, other); a text is `key = \"…\"`"};
        if (std::find(categories.begin(), categories.end(), *category) == categories.end()) {
            if (!has_plural_rule(language))
                return Error{where(source_name, node) + ": " + item + ": Lotsen has no plural rule for \"" + language +
                             "\" (core/i18n/plural_rules.cpp), so only " + key + ".other is used"};
            return Error{where(source_name, node) + ": " + item + ": \"" + language +
                         "\" has no plural category \"" + std::string(name.str()) + "\" (CLDR: " +
                         category_list(categories) + ")"};
        }
        const auto* text = node.as_string();
        if (!text)
            return Error{where(source_name, node) + ": " + item + ": expected a string"};
        table.emplace(item, text->get());
    }
    if (!forms.contains("other"))
        return Error{where(source_name, forms) + ": " + key + ": a text with plural forms needs " + key +
                     ".other, the form for any number"};
    return success();
}

}  // namespace

TableKey split_table_key(std::string_view key)
{
    const std::size_t dot = key.rfind('.');
    if (dot == std::string_view::npos)
        return {key, std::nullopt};
    if (const auto category = parse_plural_category(key.substr(dot + 1)))
        return {key.substr(0, dot), category};
    return {key, std::nullopt};
}

std::string fill_placeholder(std::string_view text, std::string_view name, std::string_view value)
{
    const std::string placeholder = "{" + std::string(name) + "}";
    std::string out;
    std::size_t from = 0;
    for (std::size_t at; (at = text.find(placeholder, from)) != std::string_view::npos; from = at + placeholder.size())
        out.append(text.substr(from, at - from)).append(value);
    out.append(text.substr(from));
    return out;
}

Result<void> StringTables::add_language(const LanguageCode& language, std::string_view toml_text,
                                        std::string_view source_name)
{
    toml::table root;
    try {
        root = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& error) {
        std::ostringstream out;
        out << source_name << ':' << error.source().begin.line << ": " << error.description();
        return Error{out.str()};
    }
    StringTable table;
    for (const auto& [name, node] : root) {
        const std::string key(name.str());
        if (key.find('.') != std::string::npos)
            return Error{where(source_name, node) + ": \"" + key +
                         "\": '.' in a key is kept for plural forms (key.one, key.other)"};
        if (const auto* text = node.as_string()) {
            table.emplace(key, text->get());
            continue;
        }
        const auto* forms = node.as_table();
        if (!forms)
            return Error{where(source_name, node) + ": " + key +
                         ": expected a string (tables are flat key = \"text\" pairs, with key.one, key.other … for counts)"};
        // A table none of whose keys is a plural category is a [section] or a typo, not plural forms.
        if (std::none_of(forms->begin(), forms->end(),
                         [](const auto& entry) { return parse_plural_category(entry.first.str()).has_value(); }))
            return Error{where(source_name, node) + ": " + key +
                         ": expected a string (tables are flat key = \"text\" pairs, with key.one, key.other … for counts)"};
        LOTSEN_TRY(add_plural_forms(language, key, *forms, source_name, table));
    }
    m_tables[language] = std::move(table);
    return success();
}

Result<StringTables> StringTables::load_directory(const std::string& directory)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    StringTables tables;
    fs::directory_iterator it(directory, ec);
    if (ec)
        return Error{directory + ": cannot read string tables: " + ec.message()};
    for (const fs::directory_entry& entry : it) {
        if (entry.path().extension() != ".toml")
            continue;
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        LOTSEN_TRY(tables.add_language(entry.path().stem().string(), text.str(), entry.path().string()));
    }
    if (tables.m_tables.empty())
        return Error{directory + ": no string tables (*.toml) found"};
    return tables;
}

std::string_view StringTables::get(std::string_view language, std::string_view key) const
{
    const std::string other = std::string(key) + ".other";
    for (std::string_view candidate : fallback_chain(language)) {
        auto table = m_tables.find(candidate);
        if (table == m_tables.end())
            continue;
        if (auto it = table->second.find(key); it != table->second.end())
            return it->second;
        if (auto it = table->second.find(other); it != table->second.end())
            return it->second;
    }
    return key;
}

std::string_view StringTables::get_plural(std::string_view language, std::string_view key, std::uint64_t count) const
{
    const std::string other = std::string(key) + ".other";
    for (std::string_view candidate : fallback_chain(language)) {
        auto table = m_tables.find(candidate);
        if (table == m_tables.end())
            continue;
        // The rule is the answering table's own: Swedish words after a fallback follow Swedish grammar.
        const std::string form =
            std::string(key) + "." + std::string(plural_category_name(plural_category(candidate, count)));
        for (const std::string_view wanted : {std::string_view(form), std::string_view(other), key}) {
            if (auto it = table->second.find(wanted); it != table->second.end())
                return it->second;
        }
    }
    return key;
}

std::string StringTables::format_count(std::string_view language, std::string_view key, std::string_view placeholder,
                                       std::uint64_t count) const
{
    return fill_placeholder(get_plural(language, key, count), placeholder, std::to_string(count));
}

bool StringTables::has(std::string_view language, std::string_view key) const
{
    auto table = m_tables.find(language);
    return table != m_tables.end() &&
           (table->second.contains(key) || table->second.contains(std::string(key) + ".other"));
}

}  // namespace lotsen
