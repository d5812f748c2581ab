// strings.cpp — loads the UI string tables and resolves keys with the language fallback chain.
#include "core/i18n/strings.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace lotsen {

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
    std::map<std::string, std::string, std::less<>> table;
    for (const auto& [key, node] : root) {
        const auto* text = node.as_string();
        if (!text) {
            std::ostringstream out;
            out << source_name << ':' << node.source().begin.line << ": " << key.str()
                << ": expected a string (tables are flat key = \"text\" pairs)";
            return Error{out.str()};
        }
        table.emplace(std::string(key.str()), text->get());
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
    const std::array<std::string_view, 3> chain{language, "sv", "en"};
    for (std::string_view candidate : chain) {
        auto table = m_tables.find(candidate);
        if (table == m_tables.end())
            continue;
        if (auto it = table->second.find(key); it != table->second.end())
            return it->second;
    }
    return key;
}

bool StringTables::has(std::string_view language, std::string_view key) const
{
    auto table = m_tables.find(language);
    return table != m_tables.end() && table->second.contains(key);
}

}  // namespace lotsen
