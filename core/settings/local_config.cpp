// local_config.cpp — see local_config.hpp. The copy is the file's text, not a re-written config, so what
// the kiosk starts on after a bad edit is exactly what staff last saved that worked.
#include "core/settings/local_config.hpp"

#include "core/base/file.hpp"

#include <toml++/toml.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen {

namespace {

struct NeededSection {
    const char* name;
    const char* without;  // what a kiosk lacks without it
};

constexpr std::array<NeededSection, 4> k_needed{{
    {"kiosk", "the town and position are the built-in ones (central Halmstad)"},
    {"admin", "no admin PIN: admin mode cannot be unlocked"},
    {"upstream", "no hub: nothing is sent, no updates arrive, contact requests cannot be sealed"},
    {"help", "the crisis numbers are the built-in ones"},
}};

std::optional<std::string> read_text(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        return std::nullopt;
    return text.str();
}

}  // namespace

std::string last_good_config_path(const std::string& data_dir)
{
    return data_dir + "/config/last-good.toml";
}

std::vector<std::string> missing_deployment_sections(std::string_view toml_text)
{
    toml::table root;
    try {
        root = toml::parse(toml_text);
    } catch (const toml::parse_error&) {
        return {};
    }
    std::vector<std::string> missing;
    for (const NeededSection& section : k_needed) {
        if (!root.contains(section.name))
            missing.push_back("[" + std::string(section.name) + "]: " + section.without);
    }
    return missing;
}

LocalConfig load_local_config(const std::optional<std::string>& path, const std::string& data_dir)
{
    LocalConfig loaded;
    if (!path)
        return loaded;
    loaded.origin.path = *path;
    const std::optional<std::string> text = read_text(*path);
    Result<KioskConfig> parsed = text ? parse_kiosk_config(*text, *path) : Result<KioskConfig>(Error{*path + ": cannot open config file"});
    const std::string copy = last_good_config_path(data_dir);
    if (parsed) {
        loaded.config = std::move(parsed).value();
        loaded.origin.source = ConfigOrigin::Source::file;
        loaded.origin.missing = missing_deployment_sections(*text);
        if (read_text(copy) != text) {
            std::error_code ec;
            std::filesystem::create_directories(data_dir + "/config", ec);
            if (auto saved = write_file_atomically(copy, *text, 0600); !saved)
                loaded.origin.note = "the last good copy could not be saved: " + saved.error().text();
        }
        return loaded;
    }
    loaded.origin.problem = parsed.error().text();
    if (const std::optional<std::string> kept = read_text(copy)) {
        if (auto good = parse_kiosk_config(*kept, copy)) {
            loaded.config = std::move(good).value();
            loaded.origin.source = ConfigOrigin::Source::last_good;
            loaded.origin.missing = missing_deployment_sections(*kept);
            return loaded;
        } else {
            // Not expected (only a file that loaded is copied): a damaged card, or an older release's copy.
            loaded.origin.note = "the last good copy does not load either: " + good.error().text();
        }
    }
    loaded.config = KioskConfig{};
    loaded.origin.source = ConfigOrigin::Source::out_of_order;
    return loaded;
}

std::vector<std::string> describe_config_origin(const ConfigOrigin& origin)
{
    std::vector<std::string> lines;
    switch (origin.source) {
    case ConfigOrigin::Source::built_in:
    case ConfigOrigin::Source::file:
        break;
    case ConfigOrigin::Source::last_good:
        lines.push_back("configuration not loaded: " + origin.problem + "; started on the last configuration that loaded (" +
                        origin.path + " as it was, kept in the data directory as config/last-good.toml); correct the file "
                        "and restart");
        break;
    case ConfigOrigin::Source::out_of_order:
        lines.push_back("configuration not loaded: " + origin.problem + "; no earlier configuration loaded on this kiosk, so "
                        "it is out of order (it shows the built-in crisis numbers) until the file is corrected and the "
                        "kiosk restarted");
        break;
    }
    if (!origin.note.empty())
        lines.push_back("configuration: " + origin.note);
    for (const std::string& missing : origin.missing)
        lines.push_back("configuration " + origin.path + " has no section " + missing);
    return lines;
}

}  // namespace lotsen
