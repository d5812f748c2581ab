// office_settings.cpp — reading [office] from office.toml (see office_settings.hpp).
#include "hub/office/office_settings.hpp"

#include <toml++/toml.h>

#include <arpa/inet.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace lotsen::hub::office {

namespace {

std::string where(const std::string& name, const toml::node& node, std::string_view key)
{
    return name + ":" + std::to_string(node.source().begin.line) + ": [office] " + std::string(key);
}

bool is_ip_address(const std::string& text)
{
    in6_addr v6{};
    in_addr v4{};
    return ::inet_pton(AF_INET, text.c_str(), &v4) == 1 || ::inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

}  // namespace

std::string office_settings_path(const std::string& data_dir)
{
    return data_dir + (data_dir.empty() || data_dir.back() == '/' ? "" : "/") + "office.toml";
}

Result<OfficeSettings> parse_office_settings(std::string_view toml_text, const std::string& name)
{
    toml::table root;
    try {
        root = toml::parse(toml_text, name);
    } catch (const toml::parse_error& error) {
        std::ostringstream out;
        out << name << ':' << error.source().begin.line << ':' << error.source().begin.column << ": "
            << error.description();
        return Error{out.str()};
    }
    OfficeSettings settings;
    const toml::node* section = root.get("office");
    if (section == nullptr)
        return settings;
    const toml::table* table = section->as_table();
    if (table == nullptr)
        return Error{name + ":" + std::to_string(section->source().begin.line) + ": office must be a table [office]"};

    for (const auto& [key, node] : *table) {
        const std::string_view k = key.str();
        const std::string at = where(name, node, k);
        auto text = [&](std::string& out) -> Result<void> {
            const auto value = node.value<std::string>();
            if (!value)
                return Error{at + " must be a string"};
            out = *value;
            return success();
        };
        auto whole = [&](int& out, int low, int high) -> Result<void> {
            const auto value = node.value<std::int64_t>();
            if (!node.is_integer() || !value || *value < low || *value > high)
                return Error{at + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)};
            out = static_cast<int>(*value);
            return success();
        };
        if (k == "listen") {
            LOTSEN_TRY(text(settings.listen));
            if (settings.listen.rfind(':') == std::string::npos)
                return Error{at + " must be HOST:PORT, e.g. 127.0.0.1:8090"};
        } else if (k == "base_url") {
            LOTSEN_TRY(text(settings.base_url));
            if (settings.base_url.rfind("http://", 0) != 0 && settings.base_url.rfind("https://", 0) != 0)
                return Error{at + " must start with http:// or https://"};
            while (!settings.base_url.empty() && settings.base_url.back() == '/')
                settings.base_url.pop_back();
        } else if (k == "trusted_proxy") {
            LOTSEN_TRY(text(settings.trusted_proxy));
            if (!is_ip_address(settings.trusted_proxy))
                return Error{at + " must be the proxy's IP address (IPv4 or IPv6), not a name"};
        } else if (k == "secure_cookies") {
            const auto value = node.value<bool>();
            if (!node.is_boolean() || !value)
                return Error{at + " must be true or false"};
            settings.secure_cookies = *value;
        } else if (k == "session_idle_minutes") {
            LOTSEN_TRY(whole(settings.session_idle_minutes, 5, 480));
        } else if (k == "invitation_days") {
            LOTSEN_TRY(whole(settings.invitation_days, 1, 30));
        } else if (k == "kiosk_silent_minutes") {
            LOTSEN_TRY(whole(settings.kiosk_silent_minutes, 15, 10080));
        } else if (k == "remind_after_days") {
            LOTSEN_TRY(whole(settings.remind_after_days, 1, 1096));
        } else if (k == "seal_key") {
            LOTSEN_TRY(text(settings.seal_key));
        } else if (k == "publisher_key") {
            LOTSEN_TRY(text(settings.publisher_key));
        } else if (k == "default_language") {
            LOTSEN_TRY(text(settings.default_language));
            if (settings.default_language != "sv" && settings.default_language != "en")
                return Error{at + " must be \"sv\" or \"en\""};
        } else {
            return Error{at + ": unknown key (known: listen, base_url, trusted_proxy, secure_cookies, "
                              "session_idle_minutes, invitation_days, seal_key, publisher_key, default_language, "
                              "kiosk_silent_minutes, remind_after_days)"};
        }
    }
    return settings;
}

Result<OfficeSettings> read_office_settings(const std::string& path)
{
    if (::access(path.c_str(), F_OK) != 0)
        return OfficeSettings{};  // no file: every default
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path + ": cannot be opened (check its owner and mode)"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return Error{path + ": cannot be read"};
    return parse_office_settings(text.str(), path);
}

}  // namespace lotsen::hub::office
