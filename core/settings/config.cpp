// config.cpp — reads the kiosk's TOML configuration. The kiosk's own file is read strictly: every
// unknown key is an error, so a typo cannot silently leave a setting at its default. A published
// overlay may be read tolerantly: keys of a newer config format are skipped and listed. Every key this
// release knows keeps every check either way. Also the opening-hours arithmetic.
#include "core/settings/config.hpp"

#include "core/settings/admin_lock.hpp"
#include "core/base/text_checks.hpp"
#include "core/url/directions_link.hpp"
#include "core/url/url.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace lotsen {

namespace {

// The config format this release reads: 1.3 (docs/operations.md, "How the config grows"). 1.1 added
// [notice]; 1.2 [kiosk] latitude, longitude and near_km, and [screen] rotation; 1.3 [updates]
// image_budget_mb and [kiosk] directions. An older kiosk skips them in a published overlay (and
// refuses them in its own file).
constexpr FormatVersion k_config_format{1, 4};
// A key longer than this is quoted and cut in the list of ignored keys, so the log line stays short.
constexpr std::size_t k_max_ignored_key_bytes = 64;

// The text being read: its name for messages, and what a key this release does not know is.
struct ConfigSource {
    std::string_view name;
    UnknownMembers unknown = UnknownMembers::refuse;
    IgnoredMembers* ignored = nullptr;  ///< where skipped keys are listed; may be null
};

std::string where(const ConfigSource& source, const toml::node& node, std::string_view key)
{
    std::ostringstream out;
    out << source.name << ':' << node.source().begin.line << ": " << key;
    return out.str();
}

// "screen.brightness"; a key that is long or not a bare TOML key is quoted (and cut) as in messages.
std::string ignored_key_path(std::string_view prefix, std::string_view key)
{
    const bool bare = !key.empty() && key.size() <= k_max_ignored_key_bytes &&
                      std::all_of(key.begin(), key.end(), [](char c) {
                          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                 c == '_' || c == '-';
                      });
    return std::string(prefix) + (bare ? std::string(key) : quote_for_message(key));
}

// Checks that `table` holds only `allowed` keys; under UnknownMembers::ignore the others (a key or a
// whole table of a newer format) are skipped and listed instead.
Result<void> check_keys(const toml::table& table, const std::set<std::string_view>& allowed,
                        const ConfigSource& source, std::string_view prefix)
{
    for (const auto& [key, node] : table) {
        if (allowed.contains(key.str()))
            continue;
        if (source.unknown == UnknownMembers::refuse)
            return Error{where(source, node, std::string(prefix) + std::string(key.str())) + ": unknown key"};
        if (source.ignored)
            source.ignored->add(ignored_key_path(prefix, key.str()));
    }
    return success();
}

// The optional top-level format_version (the major, default 1) and format_minor (default 0): any
// 1.x is read; another major is refused before anything else, as its keys may mean something else.
Result<void> check_format_version(const toml::table& root, const ConfigSource& source)
{
    FormatVersion file{k_config_format.major, 0};
    const toml::node* major_node = root.get("format_version");
    if (major_node) {
        const auto* major = major_node->as_integer();
        if (!major || major->get() < 1)
            return Error{where(source, *major_node, "format_version") +
                         ": expected the config format's major version, " + std::to_string(k_config_format.major)};
        file.major = major->get();
    }
    const toml::node* minor_node = root.get("format_minor");
    const auto* minor = minor_node ? minor_node->as_integer() : nullptr;
    if (minor && minor->get() >= 0)
        file.minor = minor->get();
    if (file.major > k_config_format.major)
        return Error{where(source, *major_node, "format_version") + ": config format " + file.text() +
                     " is newer than lotsen " LOTSEN_VERSION " reads (" + k_config_format.text() +
                     "); upgrade lotsen, or publish format " + std::to_string(k_config_format.major) + " beside it"};
    if (minor_node && (!minor || minor->get() < 0))
        return Error{where(source, *minor_node, "format_minor") + ": expected a whole number, 0 or more"};
    return success();
}

Result<void> read_string(const toml::table& table, std::string_view key, std::string& out,
                         const ConfigSource& source, std::string_view prefix)
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
                      const ConfigSource& source, std::string_view prefix)
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

// "0.1", "100", "-90": a limit as a person writes it.
std::string format_number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// A number (integer or float) from `low` to `high`.
Result<void> read_number(const toml::table& table, std::string_view key, std::optional<double>& out, double low,
                         double high, const ConfigSource& source, std::string_view prefix)
{
    const toml::node* node = table.get(key);
    if (!node)
        return success();
    const std::optional<double> value = node->value<double>();
    if (!value || !(*value >= low && *value <= high)) {
        return Error{where(source, *node, std::string(prefix) + std::string(key)) + ": expected a number from " +
                     format_number(low) + " to " + format_number(high)};
    }
    out = *value;
    return success();
}

Result<void> read_kiosk_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"town", "latitude", "longitude", "near_km", "directions", "default_language",
                                  "languages", "idle_prompt_seconds", "idle_reset_seconds"},
                          source, "kiosk."));
    LOTSEN_TRY(read_string(table, "town", config.town, source, "kiosk."));
    LOTSEN_TRY(read_number(table, "latitude", config.latitude, -90.0, 90.0, source, "kiosk."));
    LOTSEN_TRY(read_number(table, "longitude", config.longitude, -180.0, 180.0, source, "kiosk."));
    if (config.latitude.has_value() != config.longitude.has_value())
        return Error{std::string(source.name) + ": kiosk.latitude and kiosk.longitude go together: give both or neither"};
    std::optional<double> near_km = config.near_km;
    LOTSEN_TRY(read_number(table, "near_km", near_km, 0.1, 100.0, source, "kiosk."));
    config.near_km = *near_km;
    if (const toml::node* node = table.get("directions")) {
        std::string directions = config.directions;
        LOTSEN_TRY(read_string(table, "directions", directions, source, "kiosk."));
        if (auto checked = validate_directions(directions); !checked)
            return Error{where(source, *node, "kiosk.directions") + ": " + checked.error().message};
        config.directions = std::move(directions);
    }
    LOTSEN_TRY(read_int(table, "idle_prompt_seconds", config.idle_prompt_seconds, 10, 3600, source, "kiosk."));
    LOTSEN_TRY(read_int(table, "idle_reset_seconds", config.idle_reset_seconds, 5, 600, source, "kiosk."));
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
        return Error{std::string(source.name) + ": kiosk.default_language: \"" + config.default_language + "\" is not a language code"};
    bool listed = false;
    for (const LanguageCode& code : config.languages)
        listed = listed || code == config.default_language;
    if (!listed)
        return Error{std::string(source.name) + ": kiosk.default_language \"" + config.default_language + "\" is not in kiosk.languages"};
    return success();
}

Result<void> read_screen_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"width", "height", "fullscreen", "diagonal_inches", "rotation"}, source, "screen."));
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
    if (const toml::node* node = table.get("rotation")) {
        const auto* value = node->as_integer();
        const std::int64_t degrees = value ? value->get() : -1;
        if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
            return Error{where(source, *node, "screen.rotation") +
                         ": expected 0, 90, 180 or 270 (degrees the picture is turned clockwise)"};
        config.screen_rotation = static_cast<int>(degrees);
    }
    return success();
}

// Limits for the help screen's texts, in bytes (Ethiopic and Arabic take 2–3 bytes a letter).
constexpr std::size_t k_max_help_contacts = 10;
constexpr std::size_t k_max_name_bytes = 120;
constexpr std::size_t k_max_description_bytes = 500;
constexpr std::size_t k_max_intro_bytes = 1000;

// A text per language: { sv = "…", en = "…" }, as an inline table or a [section] of its own.
Result<LocalizedText> read_localized(const toml::node& node, const std::string& key, std::size_t max_bytes,
                                     bool allow_newlines, const ConfigSource& source)
{
    const toml::table* table = node.as_table();
    if (!table)
        return Error{where(source, node, key) + ": expected a text per language, like { sv = \"…\", en = \"…\" }"};
    LocalizedText text;
    for (const auto& [language, value] : *table) {
        const std::string item = key + "." + std::string(language.str());
        if (!is_language_code(language.str()))
            return Error{where(source, value, item) + ": not a language code like \"sv\", \"en\" or \"sv-easy\""};
        const auto* string = value.as_string();
        if (!string || string->get().empty())
            return Error{where(source, value, item) + ": expected a non-empty string"};
        const std::string& content = string->get();
        if (content.size() > max_bytes)
            return Error{where(source, value, item) + ": is " + std::to_string(content.size()) +
                         " bytes, more than the limit of " + std::to_string(max_bytes)};
        const bool has_control = std::any_of(content.begin(), content.end(), [&](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return (byte < 0x20 && !(allow_newlines && c == '\n')) || byte == 0x7F;
        });
        if (has_control)
            return Error{where(source, value, item) + ": contains a control character" +
                         (allow_newlines ? "" : " (only descriptions may contain newlines)")};
        text.set(std::string(language.str()), content);
    }
    if (!text.has("sv") && !text.has("en"))
        return Error{where(source, node, key) + ": needs a text in \"sv\" or \"en\""};
    return text;
}

// A number as dialled and shown: at least two digits, otherwise only spaces, '+' and '-'.
bool is_phone_number(std::string_view number)
{
    if (number.size() < 2 || number.size() > 30)
        return false;
    std::size_t digits = 0;
    for (const char c : number) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != ' ' && c != '+' && c != '-')
            return false;
    }
    return digits >= 2;
}

Result<HelpContact> read_help_contact(const toml::node& node, const std::string& key, const ConfigSource& source)
{
    const toml::table* table = node.as_table();
    if (!table)
        return Error{where(source, node, key) + ": expected a table with name and number ([[help.contacts]])"};
    LOTSEN_TRY(check_keys(*table, {"name", "number", "description"}, source, key + "."));
    HelpContact contact;
    const toml::node* name = table->get("name");
    if (!name)
        return Error{where(source, node, key) + ": missing name"};
    contact.name = LOTSEN_TRY(read_localized(*name, key + ".name", k_max_name_bytes, false, source));
    const toml::node* number = table->get("number");
    if (!number)
        return Error{where(source, node, key) + ": missing number"};
    const auto* number_string = number->as_string();
    if (!number_string || !is_phone_number(number_string->get()))
        return Error{where(source, *number, key + ".number") +
                     ": expected a phone number as a string of 2 to 30 characters: digits, spaces, '+' and '-'"};
    contact.number = number_string->get();
    if (const toml::node* description = table->get("description")) {
        contact.description =
            LOTSEN_TRY(read_localized(*description, key + ".description", k_max_description_bytes, true, source));
    }
    return contact;
}

Result<void> read_help_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"intro", "contacts"}, source, "help."));
    if (const toml::node* intro = table.get("intro")) {
        config.help_intro = LOTSEN_TRY(read_localized(*intro, "help.intro", k_max_intro_bytes, true, source));
    }
    const toml::node* node = table.get("contacts");
    if (!node)
        return success();  // the built-in crisis numbers stay
    const toml::array* array = node->as_array();
    if (!array || array->empty() || array->size() > k_max_help_contacts)
        return Error{where(source, *node, "help.contacts") + ": expected 1 to " + std::to_string(k_max_help_contacts) +
                     " contacts ([[help.contacts]] tables)"};
    config.help_contacts.clear();
    std::size_t index = 0;
    for (const toml::node& element : *array) {
        config.help_contacts.push_back(
            LOTSEN_TRY(read_help_contact(element, "help.contacts[" + std::to_string(index++) + "]", source)));
    }
    return success();
}

// One day's hours as written: "HH:MM-HH:MM" (24:00 allowed as the end) or "closed".
struct DayHours {
    bool valid = false;
    std::optional<OpenSpan> span;  ///< nullopt with valid = closed all day
};

DayHours parse_day_hours(std::string_view text)
{
    if (text == "closed")
        return DayHours{true, std::nullopt};
    if (text.size() != 11 || text[5] != '-')
        return DayHours{};
    const std::optional<TimeOfDay> open = TimeOfDay::parse(text.substr(0, 5));
    const std::string_view close_text = text.substr(6);
    std::optional<TimeOfDay> close = TimeOfDay::parse(close_text);
    if (close_text == "24:00")
        close = TimeOfDay{1440};
    if (!open || !close || open->minutes == close->minutes)
        return DayHours{};
    return DayHours{true, OpenSpan{open->minutes, close->minutes}};
}

Result<void> read_opening_hours_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    static constexpr std::array<std::string_view, 7> k_days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    LOTSEN_TRY(check_keys(table, std::set<std::string_view>(k_days.begin(), k_days.end()), source, "opening_hours."));
    OpeningHours hours;
    hours.always_on = false;
    for (std::size_t day = 0; day < k_days.size(); ++day) {
        const std::string key = "opening_hours." + std::string(k_days[day]);
        const toml::node* node = table.get(k_days[day]);
        if (!node)
            return Error{where(source, table, "opening_hours") + ": missing " + std::string(k_days[day]) +
                         " (give every day \"HH:MM-HH:MM\" or \"closed\")"};
        const auto* string = node->as_string();
        const DayHours parsed = string ? parse_day_hours(string->get()) : DayHours{};
        if (!parsed.valid)
            return Error{where(source, *node, key) +
                         ": expected \"HH:MM-HH:MM\" or \"closed\" (24:00 is midnight at the end of the day; "
                         "an end before the start runs past midnight)"};
        hours.days[day] = parsed.span;
    }
    config.opening_hours = hours;
    return success();
}

Result<void> read_admin_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"pin_hash"}, source, "admin."));
    const toml::node* node = table.get("pin_hash");
    if (!node)
        return success();
    const auto* string = node->as_string();
    if (!string)
        return Error{where(source, *node, "admin.pin_hash") + ": expected a string (make one with lotsen-hub hash-pin)"};
    const Result<void> valid = check_pin_hash(string->get());
    if (!valid)
        return Error{where(source, *node, "admin.pin_hash") + ": " + valid.error().text()};
    config.admin_pin_hash = string->get();
    return success();
}

// A 32-byte public key in standard base64 ("...=" padding), e.g. hub_public_key; absent leaves `out`.
Result<void> read_public_key(const toml::table& table, std::string_view name, std::string_view what,
                             std::string_view kind, std::optional<PublicKey32>& out, const ConfigSource& source)
{
    const toml::node* node = table.get(name);
    if (!node)
        return success();
    const std::string key_name = "upstream." + std::string(name);
    const auto* string = node->as_string();
    const std::string text = string ? string->get() : std::string();
    // Decode into room for more than 32 bytes, so a key of the wrong length is named by its length.
    std::vector<unsigned char> decoded(text.size() / 4 * 3 + 3);
    std::size_t decoded_length = 0;
    const char* end = nullptr;
    if (!string || text.empty() || !init_sodium() ||
        sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(), nullptr, &decoded_length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return Error{where(source, *node, key_name) + ": expected " + std::string(what) +
                     " in base64 (standard alphabet with '=' padding)"};
    PublicKey32 key{};
    if (decoded_length != key.size())
        return Error{where(source, *node, key_name) + ": decodes to " + std::to_string(decoded_length) +
                     " bytes; " + std::string(kind) + " public key has 32"};
    std::copy_n(decoded.begin(), key.size(), key.begin());
    if (std::all_of(key.begin(), key.end(), [](unsigned char b) { return b == 0; }))
        return Error{where(source, *node, key_name) + ": is all zeros, not a public key"};
    out = key;
    return success();
}

Result<void> read_upstream_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table,
                          {"hub_public_key", "publisher_public_key", "hub_time_key", "url", "heartbeat_minutes", "update_minutes", "flush_seconds", "flush_events",
                           "batch_events", "batch_kilobytes", "connect_timeout_seconds",
                           "request_timeout_seconds", "queue_megabytes"},
                          source, "upstream."));
    UploadConfig& upload = config.upload;
    if (const toml::node* url = table.get("url")) {
        std::string text;
        LOTSEN_TRY(read_string(table, "url", text, source, "upstream."));
        if (auto valid = validate_upstream_url(text); !valid)
            return Error{where(source, *url, "upstream.url") + ": " + valid.error().text()};
        upload.url = text;
    }
    LOTSEN_TRY(read_int(table, "heartbeat_minutes", upload.heartbeat_minutes, 1, 1440, source, "upstream."));
    LOTSEN_TRY(read_int(table, "flush_seconds", upload.flush_seconds, 5, 86400, source, "upstream."));
    LOTSEN_TRY(read_int(table, "flush_events", upload.flush_events, 1, 1000, source, "upstream."));
    LOTSEN_TRY(read_int(table, "batch_events", upload.batch_events, 1, 1000, source, "upstream."));
    LOTSEN_TRY(read_int(table, "batch_kilobytes", upload.batch_kilobytes, 16, 1024, source, "upstream."));
    LOTSEN_TRY(read_int(table, "connect_timeout_seconds", upload.connect_timeout_seconds, 1, 120, source, "upstream."));
    LOTSEN_TRY(read_int(table, "request_timeout_seconds", upload.request_timeout_seconds, 5, 600, source, "upstream."));
    LOTSEN_TRY(read_int(table, "queue_megabytes", upload.queue_megabytes, 1, 4096, source, "upstream."));
    LOTSEN_TRY(read_int(table, "update_minutes", upload.update_minutes, 1, 1440, source, "upstream."));
    LOTSEN_TRY(read_public_key(table, "hub_public_key", "the hub's X25519 public key", "an X25519",
                               config.hub_public_key, source));
    LOTSEN_TRY(read_public_key(table, "publisher_public_key", "the fleet's Ed25519 publisher key", "an Ed25519",
                               config.publisher_public_key, source));
    // Config format 1.4: the hub's time key (its hub-time.pub), for a time the kiosk can trust.
    LOTSEN_TRY(read_public_key(table, "hub_time_key", "the hub's Ed25519 time key", "an Ed25519",
                               config.hub_time_key, source));
    return success();
}

Result<void> read_checkin_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"min_gap_seconds"}, source, "checkin."));
    return read_int(table, "min_gap_seconds", config.checkin_min_gap_seconds, 0, 3600, source, "checkin.");
}

// [notice]: text = { sv = "…", en = "…" }, level = "info" | "warning". An empty table clears a
// notice the local file has (a published overlay takes it back that way).
constexpr std::size_t k_max_notice_bytes = 300;

Result<void> read_notice_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"text", "level"}, source, "notice."));
    config.notice = Notice{};
    if (const toml::node* text = table.get("text"))
        config.notice.text = LOTSEN_TRY(read_localized(*text, "notice.text", k_max_notice_bytes, false, source));
    if (const toml::node* level = table.get("level")) {
        const auto* name = level->as_string();
        if (!name || (name->get() != "info" && name->get() != "warning"))
            return Error{where(source, *level, "notice.level") + ": expected \"info\" or \"warning\""};
        config.notice.level = name->get() == "warning" ? Notice::Level::warning : Notice::Level::info;
    }
    if (config.notice.text.empty() && table.contains("level"))
        return Error{where(source, *table.get("level"), "notice.level") + ": a level needs a notice.text"};
    return success();
}

// [updates]: how long a newly installed release has to prove its health (docs/updates.md), and the
// disk the catalogue's images may take (config format 1.3).
Result<void> read_updates_table(const toml::table& table, KioskConfig& config, const ConfigSource& source)
{
    LOTSEN_TRY(check_keys(table, {"health_check_seconds", "image_budget_mb"}, source, "updates."));
    LOTSEN_TRY(read_int(table, "image_budget_mb", config.image_budget_mb, 1, 4096, source, "updates."));
    return read_int(table, "health_check_seconds", config.health_check_seconds, 10, 3600, source, "updates.");
}

using SectionReader = Result<void> (*)(const toml::table&, KioskConfig&, const ConfigSource&);

struct Section {
    std::string_view name;
    SectionReader read;
};

constexpr std::array<Section, 9> k_sections{{
    {"kiosk", read_kiosk_table},
    {"screen", read_screen_table},
    {"help", read_help_table},
    {"notice", read_notice_table},
    {"opening_hours", read_opening_hours_table},
    {"admin", read_admin_table},
    {"upstream", read_upstream_table},
    {"checkin", read_checkin_table},
    {"updates", read_updates_table},
}};

// Wall-clock seconds since the epoch of minute `minute` (0..2880) after the midnight starting `date`,
// as if local time were UTC; subtracting the UTC offset in force gives the instant.
std::int64_t wall_seconds(const Date& date, int minute)
{
    return date.days_since_epoch() * 86400 + std::int64_t{minute} * 60;
}

}  // namespace

std::vector<HelpContact> default_help_contacts()
{
    // The same lines, in the same words, as [help] in config/lotsen.toml, where each one names the
    // page it was checked against; docs/translations.md lists the translations for native review.
    auto text = [](std::array<std::string, 7> texts) {
        static constexpr std::array<const char*, 7> k_languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
        TextMap map;
        for (std::size_t i = 0; i < texts.size(); ++i)
            map.emplace(k_languages[i], std::move(texts[i]));
        return LocalizedText(std::move(map));
    };
    return {
        {text({"SOS Alarm", "Emergency (SOS Alarm)", "الطوارئ – SOS Alarm", "شماره اضطراری – SOS Alarm", "Gurmadka degdegga – SOS Alarm", "ህጹጽ ኣደጋ – SOS Alarm", "Екстрена служба – SOS Alarm"}),
         "112",
         text({"När ett liv är i fara. Dygnet runt.", "When a life is in danger. Day and night.", "عندما تكون حياة في خطر. على مدار الساعة.", "وقتی جان کسی در خطر است. شبانه‌روزی.", "Marka nolol khatar ku jirto. Habeen iyo maalin.", "ህይወት ኣብ ሓደጋ ክህሉ ከሎ። መዓልትን ለይትን።", "Коли чиєсь життя в небезпеці. Цілодобово."})},
        {text({"Vårdguiden 1177", "1177 Healthcare Guide", "Vårdguiden 1177", "Vårdguiden 1177", "Vårdguiden 1177", "Vårdguiden 1177", "Vårdguiden 1177"}),
         "1177",
         text({"Sjukvårdsrådgivning dygnet runt", "Health-care advice, day and night", "استشارات صحية على مدار الساعة", "مشاوره درمانی (صحی)، شبانه‌روزی", "La-talinta caafimaadka, habeen iyo maalin", "ምኽሪ ጥዕና፣ መዓልትን ለይትን", "Медична консультація цілодобово"})},
        {text({"Självmordslinjen (Mind)", "Mind's suicide line", "Självmordslinjen (Mind)", "Självmordslinjen (Mind)", "Självmordslinjen (Mind)", "Självmordslinjen (Mind)", "Självmordslinjen (Mind)"}),
         "90101",
         text({"Om du har tankar på att ta ditt liv, eller när livet känns för tungt. Anonymt, dygnet runt.", "If you have thoughts of ending your life, or life feels too heavy. Anonymous, day and night.", "إذا راودتك أفكار عن إنهاء حياتك، أو شعرت أن الحياة ثقيلة جداً. دون ذكر اسمك، على مدار الساعة.", "اگر به پایان دادن به زندگی خود فکر می‌کنید، یا زندگی برایتان خیلی سنگین شده است. بدون ذکر نام، شبانه‌روزی.", "Haddii aad ka fikirayso inaad naftaada qaaddo, ama noloshu kugu culus tahay. Magac la'aan, habeen iyo maalin.", "ህይወትኩም ናይ ምቁራጽ ሓሳብ እንተሃልዩኩም፣ ወይ ህይወት እንተኸቢዳትኩም። ስም ከይጠቐስኩም፣ መዓልትን ለይትን።", "Якщо у вас є думки про самогубство або життя здається надто важким. Анонімно, цілодобово."})},
        {text({"Jourhavande medmänniska", "Jourhavande medmänniska (someone to talk to)", "Jourhavande medmänniska", "Jourhavande medmänniska", "Jourhavande medmänniska", "Jourhavande medmänniska", "Jourhavande medmänniska"}),
         "08-702 16 80",
         text({"Någon att prata med om natten", "Someone to talk to at night", "شخص تتحدث معه في الليل", "کسی برای حرف زدن در شب", "Qof aad la hadasho habeenkii", "ብለይቲ እትዛረብዎ ሰብ", "Є з ким поговорити вночі"})},
        {text({"Kvinnofridslinjen", "Kvinnofridslinjen (support for women)", "Kvinnofridslinjen", "Kvinnofridslinjen", "Kvinnofridslinjen", "Kvinnofridslinjen", "Kvinnofridslinjen"}),
         "020-50 50 50",
         text({"För kvinnor som utsätts för hot eller våld, och för anhöriga. Gratis och anonymt, dygnet runt; syns inte på telefonräkningen.", "For women subjected to threats or violence, and for their relatives. Free and anonymous, day and night; not shown on the phone bill.", "للنساء اللواتي يتعرّضن للتهديد أو العنف، ولأقاربهن. مجاني ودون ذكر الاسم، على مدار الساعة، ولا يظهر في فاتورة الهاتف.", "برای زنانی که تهدید یا خشونت را تجربه می‌کنند، و برای نزدیکانشان. رایگان و بدون ذکر نام، شبانه‌روزی؛ در صورت‌حساب تلفن دیده نمی‌شود.", "Haweenka loo geysto hanjabaad ama rabshad, iyo qoysaskooda. Bilaash iyo magac la'aan, habeen iyo maalin; kuma muuqdo biilka taleefanka.", "ንምፍርራሕ ወይ ዓመጽ ዘጋጥመን ደቂ ኣንስትዮን ቤተሰበንን። ብናጻን ስም ከይጠቐስኩምን፣ መዓልትን ለይትን፤ ኣብ ሕሳብ ተሌፎን ኣይርአን።", "Для жінок, які зазнають погроз чи насильства, і для їхніх близьких. Безкоштовно й анонімно, цілодобово; дзвінка не видно в рахунку за телефон."})},
        {text({"Bris", "Bris (for children and young people)", "Bris", "Bris", "Bris", "Bris", "Bris"}),
         "116 111",
         text({"För barn och unga under 18 år. Ring anonymt och gratis, dygnet runt.", "For children and young people under 18. Call anonymously and free of charge, day and night.", "للأطفال والشباب دون 18 عاماً. اتصل دون ذكر اسمك ومجاناً، على مدار الساعة.", "برای کودکان و نوجوانان زیر 18 سال. بدون ذکر نام و رایگان تماس بگیرید، شبانه‌روزی.", "Carruurta iyo dhallinyarada ka yar 18 sano. Wac magac la'aan oo bilaash ah, habeen iyo maalin.", "ንቆልዑን መንእሰያትን ትሕቲ 18 ዓመት። ስም ከይጠቐስኩም ብናጻ ደውሉ፣ መዓልትን ለይትን።", "Для дітей і молоді до 18 років. Телефонуйте анонімно й безкоштовно, цілодобово."})},
    };
}

bool OpeningHours::on_at(const LocalDateTime& time) const
{
    if (always_on)
        return true;
    const int weekday = time.date.iso_weekday() - 1;
    const int minute = time.time.minutes;
    if (const auto& today = days[static_cast<std::size_t>(weekday)]) {
        const bool overnight = today->close_minute < today->open_minute;
        if (minute >= today->open_minute && (overnight || minute < today->close_minute))
            return true;
    }
    const auto& yesterday = days[static_cast<std::size_t>((weekday + 6) % 7)];
    return yesterday && yesterday->close_minute < yesterday->open_minute && minute < yesterday->close_minute;
}

std::optional<std::int64_t> OpeningHours::seconds_until_change(UnixSeconds now) const
{
    if (always_on)
        return std::nullopt;
    // The state is a function of the local wall clock, which runs at UTC + 1 h or + 2 h and jumps at
    // 01:00 UTC on the DST Sundays. So it can only change at an opening or closing wall time read with
    // either offset (both readings, so the autumn's repeated hour is covered), or at 01:00 UTC. Collect
    // those instants for the coming week and a day on each side; the first whose state differs is the
    // change. A week with no change never changes, as the hours repeat weekly.
    const Date today = stockholm::to_local(now).date;
    std::vector<UnixSeconds> candidates;
    for (int offset = -1; offset <= 8; ++offset) {
        const Date date = today.plus_days(offset);
        candidates.push_back(date.days_since_epoch() * 86400 + 3600);
        const auto& span = days[static_cast<std::size_t>(date.iso_weekday() - 1)];
        if (!span)
            continue;
        const int close = span->close_minute < span->open_minute ? span->close_minute + 1440 : span->close_minute;
        for (const std::int64_t wall : {wall_seconds(date, span->open_minute), wall_seconds(date, close)}) {
            candidates.push_back(wall - 3600);
            candidates.push_back(wall - 7200);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    const bool on_now = on_at(stockholm::to_local(now));
    for (const UnixSeconds candidate : candidates) {
        if (candidate > now && on_at(stockholm::to_local(candidate)) != on_now)
            return candidate - now;
    }
    return std::nullopt;
}

namespace {

// Reads the sections present in `toml_text` over `config`: what a file leaves out keeps the value
// `config` already has (the defaults for a plain file, the local file's for an overlay).
Result<KioskConfig> read_config_over(KioskConfig config, std::string_view toml_text, const ConfigSource& source)
{
    toml::table root;
    try {
        root = toml::parse(toml_text, source.name);
    } catch (const toml::parse_error& error) {
        std::ostringstream out;
        out << source.name << ':' << error.source().begin.line << ':' << error.source().begin.column << ": "
            << error.description();
        return Error{out.str()};
    }

    LOTSEN_TRY(check_format_version(root, source));
    std::set<std::string_view> known{"format_version", "format_minor"};
    for (const Section& section : k_sections)
        known.insert(section.name);
    LOTSEN_TRY(check_keys(root, known, source, ""));
    for (const Section& section : k_sections) {
        const toml::node* node = root.get(section.name);
        if (!node)
            continue;
        const toml::table* table = node->as_table();
        if (!table)
            return Error{where(source, *node, section.name) + ": expected a table [" + std::string(section.name) + "]"};
        LOTSEN_TRY(section.read(*table, config, source));
    }
    return config;
}

}  // namespace

Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, std::string_view source_name)
{
    return read_config_over(KioskConfig{}, toml_text, ConfigSource{source_name});
}

Result<KioskConfig> apply_kiosk_config_overlay(KioskConfig base, std::string_view toml_text, std::string_view source_name,
                                               UnknownMembers unknown, IgnoredMembers* ignored)
{
    // Every reader writes only the keys it finds, so reading over the local config is an overlay with
    // the same checks as a whole file. Lists ([kiosk] languages, [[help.contacts]]) and [opening_hours]
    // are replaced as a whole, never merged item by item.
    return read_config_over(std::move(base), toml_text, ConfigSource{source_name, unknown, ignored});
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
