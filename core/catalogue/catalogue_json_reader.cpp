// catalogue_json_reader.cpp — the catalogue's rules (docs/catalogue.md) for the parts the streaming
// read (catalogue_json_stream.cpp) hands over one at a time: CatalogueReader checks each field, builds
// the model and reports every problem it meets instead of stopping at the first. This file holds the
// value checks, the document's top level (with its format version), interests and organisations;
// activities are in catalogue_json_activity.cpp.
// The CSV import runs its model through here too, so a spreadsheet is held to exactly these rules.
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_json_reader.hpp"

#include "core/base/text_checks.hpp"

#include <algorithm>
#include <exception>

namespace lotsen::catalogue_json_detail {

namespace {

// How a value looks in a message: strings quoted, containers named, numbers and literals as written.
std::string describe(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::string:
        return quote_for_message(value.get_ref<const std::string&>());
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    default:
        return value.dump();
    }
}

std::string hex_code_point(char32_t code_point)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out = "U+";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += digits[(code_point >> shift) & 0xF];
    return out;
}

struct ControlCharacter {
    std::size_t offset;
    char32_t code_point;
};

// The first control character (C0, DEL or C1) in valid UTF-8 text, except newline when allowed.
std::optional<ControlCharacter> find_control_character(std::string_view text, bool allow_newline)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && !(allow_newline && byte == '\n')) || byte == 0x7F)
            return ControlCharacter{i, byte};
        // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
        if (byte == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F)
                return ControlCharacter{i, next};
        }
    }
    return std::nullopt;
}

bool is_phone(std::string_view phone)
{
    return std::any_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           std::all_of(phone.begin(), phone.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-'; });
}

bool has_space(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return c == ' '; });
}

// Exactly one '@' with something on both sides; deliverability is the association's business.
bool is_email(std::string_view email)
{
    const std::size_t at = email.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
           email.find('@', at + 1) == std::string_view::npos && !has_space(email);
}

bool is_web_address(std::string_view web)
{
    for (std::string_view scheme : {std::string_view("https://"), std::string_view("http://")}) {
        if (web.substr(0, scheme.size()) == scheme)
            return web.size() > scheme.size() && !has_space(web);
    }
    return false;
}

// "YYYY-MM-DDTHH:MM:SSZ" naming a real date and time.
bool is_utc_timestamp(std::string_view text)
{
    if (text.size() != 20 || text[10] != 'T' || text[16] != ':' || text[19] != 'Z')
        return false;
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    return Date::parse(text.substr(0, 10)) && TimeOfDay::parse(text.substr(11, 5)) && digit(17) &&
           digit(18) && text[17] <= '5';
}

}  // namespace

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

Date latest_until(const Date& from)
{
    Date limit{from.year + k_max_rule_years, from.month, from.day};
    if (!Date::parse(limit.to_string()))
        limit.day = 28;
    return limit;
}

bool CatalogueReader::check_object(const Json& value, const JsonPath& path,
                                   std::initializer_list<std::string_view> known)
{
    if (!value.is_object()) {
        problem(path, "expected an object, got " + describe(value));
        return false;
    }
    for (const auto& [name, unused] : value.items()) {
        if (std::find(known.begin(), known.end(), name) == known.end())
            unknown_member(path, name, known);
    }
    return true;
}

void CatalogueReader::unknown_member(const JsonPath& path, const std::string& name,
                                     std::initializer_list<std::string_view> known)
{
    if (m_unknown == UnknownMembers::ignore) {
        // Skipped whole: nothing inside it is read, and the file's size and depth limits and its
        // duplicate keys were held to while reading the text all the same.
        ignore_member(path, name);
        return;
    }
    // Typos such as "drop-in" or "Title" get a hint, because the point of refusing unknown fields
    // is that a misspelt one must not quietly drop its value.
    std::string normalised = name;
    for (char& c : normalised) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c == '-' || c == ' ')
            c = '_';
    }
    std::string reason = "unknown field";
    if (std::find(known.begin(), known.end(), normalised) != known.end())
        reason += "; did you mean \"" + normalised + "\"?";
    problem(path / name, std::move(reason));
}

void CatalogueReader::ignore_member(const JsonPath& path, std::string_view name)
{
    std::string where = path.str();
    if (name.size() <= k_max_ignored_name_bytes) {
        append_key(where, name);
    } else {
        where += '[';
        where += quote_for_message(name);  // cut at 40 bytes with "…"
        where += ']';
    }
    m_ignored.add(where);
}

// A major this reader does not know changes what the members mean, so it is said alone, in either
// mode: the rest of such a file is not this reader's to judge.
bool CatalogueReader::refuse_newer_major(const Json& header)
{
    // A member's whole number when it is one that fits; anything else is read (and reported) later.
    const auto whole_number = [&header](std::string_view name) -> std::optional<std::int64_t> {
        const auto it = header.find(std::string(name));
        if (it == header.end() || !it->is_number_integer() ||
            (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(k_int64_max)))
            return std::nullopt;
        return it->get<std::int64_t>();
    };
    if (!header.is_object())
        return false;
    const std::optional<std::int64_t> major = whole_number("format_version");
    if (!major || *major <= k_format_version)
        return false;
    const std::optional<std::int64_t> minor = whole_number("format_minor");
    const FormatVersion file{*major, minor && *minor >= 0 ? *minor : 0};
    const FormatVersion known{k_format_version, k_format_minor};
    problem(JsonPath{} / "format_version", "catalogue format " + file.text() + " is newer than lotsen " LOTSEN_VERSION
                                           " reads (" + known.text() + "); upgrade lotsen, or publish format " +
                                           std::to_string(k_format_version) + " beside it");
    return true;
}

Member CatalogueReader::member(const Json& object, const JsonPath& parent, std::string_view name, bool required)
{
    Member found{nullptr, parent / name};
    const auto it = object.find(std::string(name));
    if (it != object.end())
        found.value = &*it;
    else if (required)
        problem(found.path, "required field is missing");
    return found;
}

const Json* CatalogueReader::check_array(const Json& value, const JsonPath& path, std::size_t max_items,
                                         std::string_view noun, std::size_t min_items)
{
    if (!check_list_kind(value, path))
        return nullptr;
    check_list_size(path, value.size(), max_items, noun, min_items);
    return &value;
}

bool CatalogueReader::check_list_kind(const Json& value, const JsonPath& path)
{
    if (value.is_array())
        return true;
    problem(path, "expected an array, got " + describe(value));
    return false;
}

void CatalogueReader::check_list_size(const JsonPath& path, std::size_t size, std::size_t max_items,
                                      std::string_view noun, std::size_t min_items)
{
    if (size > max_items)
        problem(path, "has " + std::to_string(size) + " " + std::string(noun) + ", more than the limit of " +
                          std::to_string(max_items));
    else if (size < min_items)
        problem(path, "must not be empty");
}

std::optional<std::string> CatalogueReader::read_string(const Json& value, const JsonPath& path)
{
    if (!value.is_string()) {
        problem(path, "expected a string, got " + describe(value));
        return std::nullopt;
    }
    return value.get<std::string>();
}

std::optional<std::string> CatalogueReader::read_plain_string(const Json& value, const JsonPath& path,
                                                              std::size_t max_bytes)
{
    std::optional<std::string> text = read_string(value, path);
    if (!text)
        return std::nullopt;
    if (text->empty()) {
        problem(path, "is empty");
        return std::nullopt;
    }
    if (text->size() > max_bytes) {
        problem(path, quote_for_message(*text) + " is " + std::to_string(text->size()) +
                          " bytes, more than the limit of " + std::to_string(max_bytes));
        return std::nullopt;
    }
    if (const auto control = find_control_character(*text, false)) {
        problem(path, quote_for_message(*text) + " contains the control character " +
                          hex_code_point(control->code_point) + " at byte " + std::to_string(control->offset));
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> CatalogueReader::read_integer(const Json& value, const JsonPath& path,
                                                          std::int64_t low, std::int64_t high)
{
    if (!value.is_number_integer()) {
        problem(path, "expected a whole number, got " + describe(value));
        return std::nullopt;
    }
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        problem(path, value.dump() + " is too large");
        return std::nullopt;
    }
    const auto number = value.get<std::int64_t>();
    if (number < low || number > high) {
        problem(path, std::to_string(number) + " is not between " + std::to_string(low) + " and " +
                          std::to_string(high));
        return std::nullopt;
    }
    return number;
}

std::optional<double> CatalogueReader::read_number(const Json& value, const JsonPath& path, double low,
                                                   double high)
{
    if (!value.is_number()) {
        problem(path, "expected a number, got " + describe(value));
        return std::nullopt;
    }
    const auto number = value.get<double>();
    if (!(number >= low && number <= high)) {
        problem(path, value.dump() + " is not between " + Json(low).dump() + " and " + Json(high).dump());
        return std::nullopt;
    }
    return number;
}

std::optional<bool> CatalogueReader::read_boolean(const Json& value, const JsonPath& path)
{
    if (!value.is_boolean()) {
        problem(path, "expected true or false, got " + describe(value));
        return std::nullopt;
    }
    return value.get<bool>();
}

std::optional<std::string> CatalogueReader::read_id(const Json& value, const JsonPath& path)
{
    std::optional<std::string> id = read_string(value, path);
    if (id && !is_catalogue_id(*id)) {
        problem(path, quote_for_message(*id) + " is not an id (1-64 characters a-z, 0-9 and \"-\", not starting or "
                                   "ending with \"-\")");
        return std::nullopt;
    }
    return id;
}

std::optional<Date> CatalogueReader::read_date(const Json& value, const JsonPath& path)
{
    const std::optional<std::string> text = read_string(value, path);
    if (!text)
        return std::nullopt;
    std::optional<Date> date = Date::parse(*text);
    if (!date)
        problem(path, quote_for_message(*text) + " is not a date YYYY-MM-DD");
    return date;
}

std::optional<TimeOfDay> CatalogueReader::read_time(const Json& value, const JsonPath& path)
{
    const std::optional<std::string> text = read_string(value, path);
    if (!text)
        return std::nullopt;
    std::optional<TimeOfDay> time = TimeOfDay::parse(*text);
    if (!time)
        problem(path, quote_for_message(*text) + " is not a time HH:MM (00:00-23:59)");
    return time;
}

LocalizedText CatalogueReader::read_text(const Json& value, const JsonPath& path, TextKind kind)
{
    LocalizedText text;
    if (!value.is_object()) {
        problem(path, "expected a text object like {\"sv\": \"…\", \"en\": \"…\"}, got " + describe(value));
        return text;
    }
    const bool long_text = kind == TextKind::long_text;
    const std::size_t max_bytes = long_text ? m_limits.max_long_text_bytes : m_limits.max_short_text_bytes;
    for (const auto& [language, translation] : value.items()) {
        const JsonPath item = path / language;
        if (!is_language_code(language)) {
            problem(item, quote_for_message(language) +
                              " is not a language code like \"sv\", \"en\", \"ar\" or \"sv-easy\"");
            continue;
        }
        std::optional<std::string> string = read_string(translation, item);
        if (!string)
            continue;
        if (string->empty()) {
            problem(item, "is empty");
        } else if (string->size() > max_bytes) {
            problem(item, "is " + std::to_string(string->size()) + " bytes, more than the limit of " +
                              std::to_string(max_bytes) + " for " + (long_text ? "a description" : "a short text"));
        } else if (const auto control = find_control_character(*string, long_text)) {
            problem(item, quote_for_message(*string) + " contains the control character " +
                              hex_code_point(control->code_point) + " at byte " + std::to_string(control->offset) +
                              (long_text ? "" : " (only descriptions may contain newlines)"));
        } else {
            text.set(language, std::move(*string));
        }
    }
    if (!value.contains("sv") && !value.contains("en"))
        problem(path, "needs a text in \"sv\" or \"en\"");
    return text;
}


void CatalogueReader::check_unique_id(std::unordered_map<std::string, std::size_t>& seen, const std::string& id,
                                      const JsonPath& array_path, std::size_t index)
{
    if (id.empty())
        return;  // an unreadable id was reported already
    const auto [first, inserted] = seen.try_emplace(id, index);
    if (!inserted) {
        const JsonPath element = array_path[index];
        problem(element / "id",
                "id " + quote_for_message(id) + " is already used by " + array_path[first->second].str());
    }
}

// Items past a count limit are not read (that is what the limit is for), but their ids are still
// known, so references to them do not add a misleading second problem to the one about the limit.
std::optional<std::string> CatalogueReader::id_of(const Json& item)
{
    if (item.is_object()) {
        const auto it = item.find("id");
        if (it != item.end() && it->is_string())
            return it->get<std::string>();
    }
    return std::nullopt;
}

void CatalogueReader::unknown_root_member(std::string_view name)
{
    unknown_member(JsonPath{}, std::string(name),
                   {"format", "format_version", "format_minor", "version", "published", "interests",
                    "organisations", "activities"});
}

void CatalogueReader::root_not_object(const Json& value)
{
    check_object(value, JsonPath{}, {});
}

void CatalogueReader::read_header(const Json& header, Catalogue& catalogue)
{
    const JsonPath path;
    if (const Member m = member(header, path, "format", k_required)) {
        if (const auto format = read_string(*m.value, m.path); format && *format != k_format_name)
            problem(m.path, quote_for_message(*format) + " is not \"lotsen-catalogue\"");
    }
    if (const Member m = member(header, path, "format_version", k_required)) {
        if (const auto version = read_integer(*m.value, m.path, k_int64_min, k_int64_max);
            version && *version != k_format_version)
            problem(m.path, std::to_string(*version) + " is not a format_version this reader knows (1)");
    }
    // Any minor of major 1 is read: a newer one only adds members, which `m_unknown` decides about.
    if (const Member m = member(header, path, "format_minor", k_optional)) {
        if (const auto minor = read_integer(*m.value, m.path, k_int64_min, k_int64_max); minor && *minor < 0)
            problem(m.path, "must be 0 or more, got " + std::to_string(*minor));
    }
    if (const Member m = member(header, path, "version", k_required)) {
        if (const auto version = read_integer(*m.value, m.path, k_int64_min, k_int64_max)) {
            if (*version < 1)
                problem(m.path, "must be 1 or more, got " + std::to_string(*version));
            else
                catalogue.version = *version;
        }
    }
    if (const Member m = member(header, path, "published", k_optional)) {
        if (const auto published = read_string(*m.value, m.path)) {
            if (is_utc_timestamp(*published))
                catalogue.published = *published;
            else
                problem(m.path, quote_for_message(*published) + " is not a UTC time like \"2026-11-20T09:00:00Z\"");
        }
    }
}

void CatalogueReader::read_interest_item(const Json& item, const JsonPath& list, std::size_t index,
                                         Catalogue& catalogue)
{
    Interest interest = read_interest(item, list[index]);
    check_unique_id(m_interest_ids, interest.id, list, index);
    if (!interest.id.empty())
        m_vocabulary.insert(interest.id);
    catalogue.interests.push_back(std::move(interest));
}

void CatalogueReader::register_interest_beyond_limit(const Json& item)
{
    if (std::optional<std::string> id = id_of(item))
        m_vocabulary.insert(std::move(*id));
}

void CatalogueReader::interests_read(bool declared, bool empty)
{
    m_interest_ids.clear();
    m_vocabulary_known = declared && !empty;
    if (m_vocabulary_known && m_vocabulary.size() <= 12) {
        std::vector<std::string> ids(m_vocabulary.begin(), m_vocabulary.end());
        std::sort(ids.begin(), ids.end());
        m_vocabulary_hint = " (" + join(ids) + ")";
    }
}

void CatalogueReader::default_vocabulary()
{
    for (const Interest& interest : default_interests())
        m_vocabulary.insert(interest.id);
    interests_read(true, false);
}

Organisation CatalogueReader::read_organisation_item(const Json& item, const JsonPath& list, std::size_t index)
{
    Organisation organisation = read_organisation(item, list[index]);
    check_unique_id(m_organisation_index, organisation.id, list, index);
    return organisation;
}

void CatalogueReader::register_organisation_beyond_limit(const Json& item, std::size_t index)
{
    if (std::optional<std::string> id = id_of(item))
        m_organisation_index.try_emplace(std::move(*id), index);
}

Interest CatalogueReader::read_interest(const Json& value, const JsonPath& path)
{
    Interest interest;
    if (!check_object(value, path, {"id", "label"}))
        return interest;
    if (const Member m = member(value, path, "id", k_required))
        interest.id = read_id(*m.value, m.path).value_or("");
    if (const Member m = member(value, path, "label", k_required))
        interest.label = read_text(*m.value, m.path, TextKind::short_text);
    return interest;
}

Organisation CatalogueReader::read_organisation(const Json& value, const JsonPath& path)
{
    Organisation organisation;
    if (!check_object(value, path,
                      {"id", "name", "description", "contact", "municipality", "reply_days",
                       "accepts_contact_requests", "logo", "measured_reply", "needs", "offers"}))
        return organisation;
    if (const Member m = member(value, path, "id", k_required))
        organisation.id = read_id(*m.value, m.path).value_or("");
    if (const Member m = member(value, path, "name", k_required))
        organisation.name = read_text(*m.value, m.path, TextKind::short_text);
    if (const Member m = member(value, path, "description", k_optional))
        organisation.description = read_text(*m.value, m.path, TextKind::long_text);
    if (const Member m = member(value, path, "contact", k_optional))
        organisation.contact = read_contact(*m.value, m.path);
    if (const Member m = member(value, path, "municipality", k_required))
        organisation.municipality = read_plain_string(*m.value, m.path, k_max_town_bytes).value_or("");
    if (const Member m = member(value, path, "reply_days", k_optional))
        organisation.reply_days = static_cast<int>(read_integer(*m.value, m.path, 0, k_max_reply_days).value_or(0));
    if (const Member m = member(value, path, "accepts_contact_requests", k_optional))
        organisation.accepts_contact_requests = read_boolean(*m.value, m.path).value_or(false);
    if (const Member m = member(value, path, "logo", k_optional))
        organisation.logo = read_image(*m.value, m.path);
    if (const Member m = member(value, path, "measured_reply", k_optional))
        organisation.measured_reply = read_measured_reply(*m.value, m.path);
    if (const Member m = member(value, path, "needs", k_optional))
        organisation.needs = read_text(*m.value, m.path, TextKind::long_text);
    if (const Member m = member(value, path, "offers", k_optional))
        organisation.offers = read_text(*m.value, m.path, TextKind::long_text);
    return organisation;
}

std::optional<MeasuredReply> CatalogueReader::read_measured_reply(const Json& value, const JsonPath& path)
{
    if (!check_object(value, path, {"median_minutes", "requests", "window_days"}))
        return std::nullopt;
    MeasuredReply reply;
    bool complete = true;
    if (const Member m = member(value, path, "median_minutes", k_required)) {
        const auto minutes = read_integer(*m.value, m.path, 0, k_max_measured_reply_minutes);
        complete = complete && minutes;
        reply.median_minutes = minutes.value_or(0);
    } else {
        complete = false;
    }
    if (const Member m = member(value, path, "requests", k_required)) {
        const auto requests = read_integer(*m.value, m.path, k_min_measured_requests, k_max_measured_requests);
        complete = complete && requests;
        reply.requests = static_cast<int>(requests.value_or(0));
    } else {
        complete = false;
    }
    if (const Member m = member(value, path, "window_days", k_required)) {
        const auto days = read_integer(*m.value, m.path, 1, k_max_measured_window_days);
        complete = complete && days;
        reply.window_days = static_cast<int>(days.value_or(0));
    } else {
        complete = false;
    }
    if (!complete)
        return std::nullopt;
    return reply;
}

PublicContact CatalogueReader::read_contact(const Json& value, const JsonPath& path)
{
    PublicContact contact;
    if (!check_object(value, path, {"phone", "email", "web"}))
        return contact;
    if (const Member m = member(value, path, "phone", k_optional)) {
        if (auto phone = read_plain_string(*m.value, m.path, k_max_phone_bytes)) {
            if (is_phone(*phone))
                contact.phone = std::move(*phone);
            else
                problem(m.path, quote_for_message(*phone) + " is not a phone number (digits, spaces, \"+\" and \"-\")");
        }
    }
    if (const Member m = member(value, path, "email", k_optional)) {
        if (auto email = read_plain_string(*m.value, m.path, k_max_email_bytes)) {
            if (is_email(*email))
                contact.email = std::move(*email);
            else
                problem(m.path, quote_for_message(*email) + " is not an e-mail address (one \"@\", no spaces)");
        }
    }
    if (const Member m = member(value, path, "web", k_optional)) {
        if (auto web = read_plain_string(*m.value, m.path, k_max_web_bytes)) {
            if (is_web_address(*web))
                contact.web = std::move(*web);
            else
                problem(m.path, quote_for_message(*web) + " is not a web address starting with https:// or http://");
        }
    }
    return contact;
}

}  // namespace lotsen::catalogue_json_detail
