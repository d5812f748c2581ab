// mail_settings.cpp — reads [mail], [notices] and [retention] of office.toml (mail_settings.hpp).
#include "hub/mail/mail_settings.hpp"

#include "core/base/text_checks.hpp"

#include <toml++/toml.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace lotsen::hub::mail {

namespace {

// Collects "SOURCE:LINE: [section] key: problem" lines.
class Problems {
public:
    explicit Problems(std::string source) : m_source(std::move(source)) {}

    void add(const toml::node& node, const std::string& section, const std::string& key, const std::string& what)
    {
        add_at(static_cast<long>(node.source().begin.line), section, key, what);
    }

    void add_at(long line, const std::string& section, const std::string& key, const std::string& what)
    {
        m_lines += (m_lines.empty() ? "" : "\n") + m_source + ":" + std::to_string(line) + ": [" + section + "]"
                   + (key.empty() ? "" : " " + key) + ": " + what;
    }

    bool empty() const { return m_lines.empty(); }
    const std::string& text() const { return m_lines; }

private:
    std::string m_source;
    std::string m_lines;
};

// A string value, or a problem.
void read_string(const toml::node& node, const std::string& section, const std::string& key, std::string& out,
                 Problems& problems)
{
    const auto value = node.value<std::string>();
    if (!value || !node.is_string()) {
        problems.add(node, section, key, "must be a text in quotes");
        return;
    }
    if (find_invalid_utf8(*value) != std::string::npos || value->find_first_of("\r\n") != std::string::npos) {
        problems.add(node, section, key, "must be one line of UTF-8 text");
        return;
    }
    out = *value;
}

// An integer within [low, high], or a problem.
void read_int(const toml::node& node, const std::string& section, const std::string& key, int low, int high,
              int& out, Problems& problems)
{
    if (!node.is_integer()) {
        problems.add(node, section, key, "must be a whole number");
        return;
    }
    const std::int64_t value = *node.value<std::int64_t>();
    if (value < low || value > high) {
        problems.add(node, section, key,
                     std::to_string(value) + " is outside " + std::to_string(low) + ".." + std::to_string(high));
        return;
    }
    out = static_cast<int>(value);
}

// Splits smtp[s]://host[:port][/] into its host; false when it is not of that form.
bool smtp_url_host(const std::string& url, std::string& host)
{
    std::string rest;
    if (url.rfind("smtp://", 0) == 0)
        rest = url.substr(7);
    else if (url.rfind("smtps://", 0) == 0)
        rest = url.substr(8);
    else
        return false;
    if (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    if (rest.empty() || rest.find_first_of("/?#@ ") != std::string::npos)
        return false;
    std::string port;
    if (rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos)
            return false;
        host = rest.substr(0, close + 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':')
                return false;
            port = rest.substr(close + 2);
            if (port.empty())
                return false;
        }
    } else {
        const auto colon = rest.find(':');
        host = rest.substr(0, colon);
        if (colon != std::string::npos) {
            port = rest.substr(colon + 1);
            if (port.empty())
                return false;
        }
    }
    if (host.empty())
        return false;
    for (const char c : port) {
        if (c < '0' || c > '9')
            return false;
    }
    return port.empty() || (port.size() <= 5 && std::stoi(port) >= 1 && std::stoi(port) <= 65535);
}

void read_mail(const toml::table& table, MailSettings& mail, Problems& problems)
{
    const std::string section = "mail";
    for (const auto& [key_view, node] : table) {
        const std::string key(key_view.str());
        if (key == "url") {
            read_string(node, section, key, mail.url, problems);
            std::string host;
            if (!mail.url.empty() && !smtp_url_host(mail.url, host))
                problems.add(node, section, key, "must be smtp://HOST:PORT or smtps://HOST:PORT, not " + in_quotes(mail.url));
        } else if (key == "from") {
            read_string(node, section, key, mail.from, problems);
            if (!mail.from.empty()) {
                if (auto ok = check_address(mail.from); !ok)
                    problems.add(node, section, key, ok.error().text());
            }
        } else if (key == "username") {
            read_string(node, section, key, mail.username, problems);
        } else if (key == "password_file") {
            read_string(node, section, key, mail.password_file, problems);
        } else if (key == "timeout_seconds") {
            read_int(node, section, key, 1, 600, mail.timeout_seconds, problems);
        } else {
            problems.add(node, section, key, "unknown key (known: url, from, username, password_file, timeout_seconds)");
        }
    }
    const long line = static_cast<long>(table.source().begin.line);
    if (mail.url.empty())
        problems.add_at(line, section, "url", "missing (smtp://HOST:PORT or smtps://HOST:PORT)");
    if (mail.from.empty())
        problems.add_at(line, section, "from", "missing (the sender address)");
    if (!mail.username.empty() && mail.password_file.empty())
        problems.add_at(line, section, "password_file", "missing: username is set, so the password's file is needed");
    if (mail.username.empty() && !mail.password_file.empty())
        problems.add_at(line, section, "username", "missing: password_file is set without a username");
}

void read_notices(const toml::table& table, NoticeSettings& notices, Problems& problems)
{
    const std::string section = "notices";
    for (const auto& [key_view, node] : table) {
        const std::string key(key_view.str());
        if (key == "region_addresses") {
            const toml::array* list = node.as_array();
            if (!list) {
                problems.add(node, section, key, "must be a list of addresses, e.g. [\"lotsen@region.example\"]");
                continue;
            }
            for (const toml::node& item : *list) {
                std::string address;
                read_string(item, section, key, address, problems);
                if (address.empty())
                    continue;
                if (auto ok = check_address(address); !ok)
                    problems.add(item, section, key, ok.error().text());
                else
                    notices.region_addresses.push_back(address);
            }
        } else if (key == "default_reply_days") {
            read_int(node, section, key, 1, 60, notices.default_reply_days, problems);
        } else if (key == "interval_minutes") {
            read_int(node, section, key, 1, 1440, notices.interval_minutes, problems);
        } else if (key == "office_url") {
            read_string(node, section, key, notices.office_url, problems);
            if (!notices.office_url.empty() && notices.office_url.rfind("https://", 0) != 0
                && notices.office_url.rfind("http://", 0) != 0) {
                problems.add(node, section, key, "must start with https:// (or http://)");
            }
            while (!notices.office_url.empty() && notices.office_url.back() == '/')
                notices.office_url.pop_back();
        } else {
            problems.add(node, section, key,
                         "unknown key (known: region_addresses, default_reply_days, interval_minutes, office_url)");
        }
    }
}

void read_retention(const toml::table& table, RetentionSettings& retention, Problems& problems)
{
    const std::string section = "retention";
    for (const auto& [key_view, node] : table) {
        const std::string key(key_view.str());
        if (key == "days_after_closed") {
            read_int(node, section, key, 1, 3650, retention.days_after_closed, problems);
        } else if (key == "days_after_received") {
            read_int(node, section, key, 1, 3650, retention.days_after_received, problems);
        } else if (key == "backup_days") {
            read_int(node, section, key, 1, 3650, retention.backup_days, problems);
        } else if (key == "backup_dir") {
            read_string(node, section, key, retention.backup_dir, problems);
        } else {
            problems.add(node, section, key,
                         "unknown key (known: days_after_closed, days_after_received, backup_days, backup_dir)");
        }
    }
}

}  // namespace

bool is_loopback_host(const std::string& host)
{
    if (host == "localhost" || host == "[::1]")
        return true;
    if (host.rfind("127.", 0) != 0)
        return false;
    int dots = 0;
    for (const char c : host) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3;
}

Result<void> check_address(const std::string& address)
{
    const auto at = address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= address.size() || address.find('@', at + 1) != std::string::npos)
        return Error{quote_for_message(address) + " is not an address of the form name@domain"};
    if (address.size() > 254)
        return Error{"an address is longer than 254 characters"};
    for (const unsigned char c : address) {
        if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')')
            return Error{quote_for_message(address) + " holds a character an address may not (spaces, <>,;\"() or non-ASCII)"};
    }
    return success();
}

Result<OfficeMailSettings> parse_mail_settings(const std::string& text, const std::string& source)
{
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& error) {
        return Error{source + ":" + std::to_string(error.source().begin.line) + ": not TOML: "
                     + std::string(error.description())};
    }
    OfficeMailSettings settings;
    Problems problems(source);
    for (const auto& [key_view, node] : root) {
        const std::string key(key_view.str());
        const toml::table* table = node.as_table();
        if (key == "mail" || key == "notices" || key == "retention") {
            if (!table) {
                problems.add(node, key, "", "must be a section");
                continue;
            }
            if (key == "mail") {
                settings.mail.emplace();
                read_mail(*table, *settings.mail, problems);
            } else if (key == "notices") {
                read_notices(*table, settings.notices, problems);
            } else {
                read_retention(*table, settings.retention, problems);
            }
        }
        // [office] and anything else belong to the office's own reader.
    }
    if (!problems.empty())
        return Error{problems.text()};
    return settings;
}

Result<OfficeMailSettings> read_mail_settings(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        if (errno == ENOENT)
            return OfficeMailSettings{};
        return Error{path + ": cannot be read"};
    }
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        return Error{path + ": cannot be read"};
    return parse_mail_settings(text.str(), path);
}

}  // namespace lotsen::hub::mail
