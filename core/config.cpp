// config.cpp — reads the kiosk's TOML configuration strictly: every unknown key is an error, so a
// typo cannot silently leave a setting at its default.
#include "config.hpp"

#include "text_checks.hpp"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace lotsen {

namespace {

std::string where(std::string_view source, const toml::node& node, std::string_view key)
{
    std::ostringstream out;
    out << source << ':' << node.source().begin.line << ": " << key;
    return out.str();
}

// Checks that `table` holds only `allowed` keys.
Result<void> reject_unknown(const toml::table& table, const std::set<std::string_view>& allowed,
                            std::string_view source, std::string_view prefix)
{
    for (const auto& [key, node] : table) {
        if (!allowed.contains(key.str()))
            return Error{where(source, node, std::string(prefix) + std::string(key.str())) + ": unknown key"};
    }
    return success();
}

Result<void> read_string(const toml::table& table, std::string_view key, std::string& out,
                         std::string_view source, std::string_view prefix)
{
    const toml::node* node = table.get(key);
    if (!node)
        return success();
    const auto* value = node->as_string();
    if (!value || value->get().empty())
        return Error{where(source, *node, std::string(prefix) + std::string(key)) + ": expected a non-empty string"};
    out = value->get();
    return success();
}

Result<void> read_int(const toml::table& table, std::string_view key, int& out, int low, int high,
                      std::string_view source, std::string_view prefix)
{
    const toml::node* node = table.get(key);
    if (!node)
        return success();
    const auto* value = node->as_integer();
    if (!value || value->get() < low || value->get() > high) {
        return Error{where(source, *node, std::string(prefix) + std::string(key)) + ": expected an integer from " +
                     std::to_string(low) + " to " + std::to_string(high)};
    }
    out = static_cast<int>(value->get());
    return success();
}

Result<void> read_kiosk_table(const toml::table& table, KioskConfig& config, std::string_view source)
{
    LOTSEN_TRY(reject_unknown(table, {"town", "default_language", "languages"}, source, "kiosk."));
    LOTSEN_TRY(read_string(table, "town", config.town, source, "kiosk."));
    LOTSEN_TRY(read_string(table, "default_language", config.default_language, source, "kiosk."));
    if (const toml::node* node = table.get("languages")) {
        const auto* array = node->as_array();
        if (!array || array->empty())
            return Error{where(source, *node, "kiosk.languages") + ": expected a non-empty array of language codes"};
        config.languages.clear();
        for (const toml::node& element : *array) {
            const auto* code = element.as_string();
            if (!code || !is_language_code(code->get()))
                return Error{where(source, element, "kiosk.languages") + ": expected language codes such as \"sv\""};
            config.languages.push_back(code->get());
        }
    }
    if (!is_language_code(config.default_language))
        return Error{std::string(source) + ": kiosk.default_language: \"" + config.default_language + "\" is not a language code"};
    bool listed = false;
    for (const LanguageCode& code : config.languages)
        listed = listed || code == config.default_language;
    if (!listed)
        return Error{std::string(source) + ": kiosk.default_language \"" + config.default_language + "\" is not in kiosk.languages"};
    return success();
}

Result<void> read_screen_table(const toml::table& table, KioskConfig& config, std::string_view source)
{
    LOTSEN_TRY(reject_unknown(table, {"width", "height", "fullscreen", "diagonal_inches"}, source, "screen."));
    LOTSEN_TRY(read_int(table, "width", config.screen_width, 200, 8192, source, "screen."));
    LOTSEN_TRY(read_int(table, "height", config.screen_height, 200, 8192, source, "screen."));
    if (const toml::node* node = table.get("fullscreen")) {
        const auto* value = node->as_boolean();
        if (!value)
            return Error{where(source, *node, "screen.fullscreen") + ": expected true or false"};
        config.fullscreen = value->get();
    }
    if (const toml::node* node = table.get("diagonal_inches")) {
        const std::optional<double> value = node->value<double>();
        if (!value || *value < 3.0 || *value > 100.0)
            return Error{where(source, *node, "screen.diagonal_inches") + ": expected a number from 3 to 100"};
        config.screen_diagonal_inches = *value;
    }
    return success();
}

}  // namespace

Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, std::string_view source_name)
{
    toml::table root;
    try {
        root = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& error) {
        std::ostringstream out;
        out << source_name << ':' << error.source().begin.line << ':' << error.source().begin.column << ": "
            << error.description();
        return Error{out.str()};
    }

    KioskConfig config;
    LOTSEN_TRY(reject_unknown(root, {"kiosk", "screen"}, source_name, ""));
    for (std::string_view section : {"kiosk", "screen"}) {
        const toml::node* node = root.get(section);
        if (!node)
            continue;
        const toml::table* table = node->as_table();
        if (!table)
            return Error{where(source_name, *node, section) + ": expected a table [" + std::string(section) + "]"};
        if (section == "kiosk")
            LOTSEN_TRY(read_kiosk_table(*table, config, source_name));
        else
            LOTSEN_TRY(read_screen_table(*table, config, source_name));
    }
    return config;
}

Result<KioskConfig> load_kiosk_config(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error{path + ": cannot open config file"};
    std::ostringstream text;
    text << file.rdbuf();
    return parse_kiosk_config(text.str(), path);
}

Result<std::pair<int, int>> parse_screen_size(std::string_view text)
{
    const std::size_t x = text.find('x');
    auto parse_side = [](std::string_view side, int& out) {
        const auto [end, ec] = std::from_chars(side.data(), side.data() + side.size(), out);
        return ec == std::errc{} && end == side.data() + side.size() && out >= 200 && out <= 8192;
    };
    int width = 0;
    int height = 0;
    if (x == std::string_view::npos || !parse_side(text.substr(0, x), width) || !parse_side(text.substr(x + 1), height))
        return Error{"screen size \"" + std::string(text) + "\": expected WIDTHxHEIGHT, each 200 to 8192, e.g. 800x480"};
    return std::pair{width, height};
}

}  // namespace lotsen
