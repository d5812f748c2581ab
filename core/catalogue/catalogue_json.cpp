// catalogue_json.cpp — reads, validates and writes the catalogue JSON format v1 (docs/catalogue.md).
//
// Reading takes two passes. A SAX handler builds the document tree and keeps track of where it is, so
// duplicate keys (which nlohmann would silently collapse to the last value) and syntax errors are
// reported with a JSON path and a byte offset. CatalogueReader then walks the tree field by field,
// builds the model and reports every problem it meets instead of stopping at the first.
//
// CatalogueReader is the only copy of the catalogue rules. The CSV import serialises the model it built
// with catalogue_to_json() and runs it through here, so a spreadsheet is held to exactly these rules.
// nlohmann exceptions are caught in this file and become problems; none leave core/.
#include "core/catalogue/catalogue_json.hpp"

#include "core/catalogue/catalogue_csv.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

namespace lotsen {

namespace {

// ordered_json keeps members in document order: problems come out in reading order, and a written
// catalogue lists fields in the order docs/catalogue.md does.
using Json = nlohmann::ordered_json;

constexpr std::string_view k_format_name = "lotsen-catalogue";
constexpr std::int64_t k_format_version = 1;
constexpr std::size_t k_max_depth = 64;          // the format nests 6 levels; deeper is never valid
constexpr std::size_t k_max_town_bytes = 100;    // town and municipality
constexpr std::size_t k_max_phone_bytes = 30;
constexpr std::size_t k_max_email_bytes = 254;   // RFC 5321's limit on a forward path
constexpr std::size_t k_max_web_bytes = 300;
constexpr std::int64_t k_max_reply_days = 60;
constexpr std::int64_t k_max_cost_sek = 100'000;
constexpr std::int64_t k_max_age = 120;
constexpr std::int64_t k_max_every_weeks = 8;
constexpr int k_max_rule_years = 3;
constexpr std::int64_t k_int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_int64_max = std::numeric_limits<std::int64_t>::max();

constexpr std::array<std::string_view, 7> k_weekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// ---------------------------------------------------------------------------------------------------
// Problems

/// Collects problems up to a limit, counting the rest so the last entry can say how many were left out.
class ProblemSink {
public:
    explicit ProblemSink(std::size_t max_problems) : m_max(max_problems) {}

    void add(std::string where, std::string reason)
    {
        ++m_total;
        if (m_problems.size() < m_max)
            m_problems.push_back(CatalogueProblem{std::move(where), std::move(reason)});
    }

    bool empty() const { return m_total == 0; }

    std::vector<CatalogueProblem> finish() &&
    {
        if (m_total > m_problems.size()) {
            const std::size_t left_out = m_total - m_problems.size();
            m_problems.push_back(CatalogueProblem{
                "…", "and " + std::to_string(left_out) + " more problem" + (left_out == 1 ? "" : "s")});
        }
        return std::move(m_problems);
    }

private:
    std::size_t m_max;
    std::size_t m_total = 0;
    std::vector<CatalogueProblem> m_problems;
};

// ---------------------------------------------------------------------------------------------------
// Text helpers

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

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

// The latest valid `until` for a rule starting on `from`: the same day three years on (29 February
// becomes 28 February).
Date latest_until(const Date& from)
{
    Date limit{from.year + k_max_rule_years, from.month, from.day};
    if (!Date::parse(limit.to_string()))
        limit.day = 28;
    return limit;
}

// ---------------------------------------------------------------------------------------------------
// JSON paths

void append_key(std::string& out, std::string_view key)
{
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    });
    if (plain) {
        out += '.';
        out += key;
    } else {
        out += '[';
        out += quote_for_message(key);
        out += ']';
    }
}

void append_index(std::string& out, std::size_t index)
{
    out += '[';
    out += std::to_string(index);
    out += ']';
}

/// Where a value sits, as a chain of nodes on the stack: rendered to "$.a[3].b" only when a problem
/// is reported, so a valid catalogue costs no string building.
struct JsonPath {
    const JsonPath* parent = nullptr;
    std::string_view key;  ///< member name, when is_index is false
    std::size_t index = 0;
    bool is_index = false;

    JsonPath operator/(std::string_view member) const { return JsonPath{this, member, 0, false}; }
    JsonPath operator[](std::size_t element) const { return JsonPath{this, {}, element, true}; }

    std::string str() const
    {
        std::vector<const JsonPath*> chain;
        for (const JsonPath* node = this; node->parent; node = node->parent)
            chain.push_back(node);
        std::string out = "$";
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            if ((*it)->is_index)
                append_index(out, (*it)->index);
            else
                append_key(out, (*it)->key);
        }
        return out;
    }
};

// "byte offset 8 (line 1, column 9)"; lines and columns count from 1, columns in bytes.
std::string describe_offset(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
    return "byte offset " + std::to_string(offset) + " (line " + std::to_string(line) + ", column " +
           std::to_string(column) + ")";
}

// nlohmann's message without its "[json.exception.…] parse error at line …:" prefix (we say where
// ourselves) and without the "last read" echo, which can repeat a whole long string.
std::string nlohmann_reason(std::string message)
{
    if (message.rfind("[json.exception.", 0) == 0) {
        if (const std::size_t end = message.find("] "); end != std::string::npos)
            message.erase(0, end + 2);
    }
    if (message.rfind("parse error", 0) == 0) {
        if (const std::size_t colon = message.find(": "); colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    if (const std::size_t echo = message.find("; last read: '"); echo != std::string::npos) {
        const std::size_t expected = message.rfind("'; expected");
        if (expected != std::string::npos && expected > echo)
            message.erase(echo, expected + 1 - echo);
        else
            message.erase(echo);
    }
    return message;
}

// ---------------------------------------------------------------------------------------------------
// Pass 1: text → tree

/// nlohmann SAX handler that builds an ordered_json tree, reporting duplicate keys, syntax errors
/// (with byte offset, line and column) and invalid UTF-8 at the JSON path where they happen.
class TreeBuilder {
public:
    TreeBuilder(std::string_view text, ProblemSink& problems)
        : m_text(text), m_problems(problems), m_first_invalid_utf8(find_invalid_utf8(text))
    {
    }

    /// True when the whole text was read into the tree.
    bool complete() const { return !m_failed; }
    Json& root() { return m_root; }

    bool null() { return add_value(Json(nullptr)); }
    bool boolean(bool value) { return add_value(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return add_value(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return add_value(Json(value)); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return add_value(Json(value)); }
    bool string(Json::string_t& value) { return add_value(Json(std::move(value))); }
    bool binary(Json::binary_t& value) { return add_value(Json::binary(value)); }  // not in JSON text
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& name)
    {
        Frame& top = m_frames.back();
        const bool repeated = top.container->contains(name);
        top.key = std::move(name);
        top.has_key = true;
        if (repeated)
            m_problems.add(current_path(), "duplicate key: the field appears more than once in this object");
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        // nlohmann reports how many bytes it had read; the offending byte is the last of them.
        const std::size_t offset = position == 0 ? 0 : position - 1;
        if (m_first_invalid_utf8 <= offset) {
            const auto byte = static_cast<unsigned char>(m_text[m_first_invalid_utf8]);
            static constexpr char digits[] = "0123456789ABCDEF";
            const std::string hex{'0', 'x', digits[byte >> 4], digits[byte & 0xF]};
            m_problems.add(current_path(), "invalid UTF-8: byte " + hex + " at " +
                                               describe_offset(m_text, m_first_invalid_utf8) +
                                               " is not part of a UTF-8 character; the file must be UTF-8");
        } else {
            m_problems.add(current_path(), "invalid JSON at " + describe_offset(m_text, offset) + ": " +
                                               nlohmann_reason(error.what()));
        }
        m_failed = true;
        return false;
    }

private:
    struct Frame {
        Json* container;
        std::string key;       // member being read, for objects
        bool has_key = false;  // false between members
    };

    // Stores a finished or just-opened value in its parent; returns where it now lives.
    Json* place(Json value)
    {
        if (m_frames.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Json& parent = *m_frames.back().container;
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        // A duplicate key overwrites (already reported); the tree is refused either way.
        Json& slot = parent[m_frames.back().key];
        slot = std::move(value);
        return &slot;
    }

    bool add_value(Json value)
    {
        place(std::move(value));
        if (!m_frames.empty())
            m_frames.back().has_key = false;
        return true;
    }

    bool open(Json container)
    {
        if (m_frames.size() >= k_max_depth) {
            m_problems.add(current_path(), "nested more than " + std::to_string(k_max_depth) +
                                               " levels deep; a catalogue never is");
            m_failed = true;
            return false;
        }
        Json* placed = place(std::move(container));
        m_frames.push_back(Frame{placed, {}, false});
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        if (!m_frames.empty())
            m_frames.back().has_key = false;
        return true;
    }

    // The path of the value being read now: open containers, then the pending member or element.
    std::string current_path() const
    {
        std::string out = "$";
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& frame = m_frames[i];
            const bool innermost = i + 1 == m_frames.size();
            if (frame.container->is_array()) {
                const std::size_t size = frame.container->size();
                append_index(out, innermost ? size : size - 1);
            } else if (frame.has_key) {
                append_key(out, frame.key);
            }
        }
        return out;
    }

    std::string_view m_text;
    ProblemSink& m_problems;
    std::size_t m_first_invalid_utf8;
    Json m_root;
    std::vector<Frame> m_frames;
    bool m_failed = false;
};

// ---------------------------------------------------------------------------------------------------
// Pass 2: tree → model, with every rule of docs/catalogue.md

/// A member looked up in an object: its value (null when absent) and its path.
struct Member {
    const Json* value = nullptr;
    JsonPath path;
    explicit operator bool() const { return value != nullptr; }
};

enum class TextKind { short_text, long_text };

constexpr bool k_required = true;
constexpr bool k_optional = false;

/// Walks a parsed tree, builds the Catalogue and reports every rule it breaks.
class CatalogueReader {
public:
    CatalogueReader(const CatalogueLimits& limits, ProblemSink& problems)
        : m_limits(limits), m_problems(problems)
    {
    }

    /// Reads the tree, releasing each activity's subtree once it is in the model.
    Catalogue read(Json& root);

private:
    void problem(const JsonPath& where, std::string reason) { m_problems.add(where.str(), std::move(reason)); }

    bool check_object(const Json& value, const JsonPath& path, std::initializer_list<std::string_view> known);
    Member member(const Json& object, const JsonPath& parent, std::string_view name, bool required);
    const Json* check_array(const Json& value, const JsonPath& path, std::size_t max_items,
                            std::string_view noun, std::size_t min_items = 0);

    std::optional<std::string> read_string(const Json& value, const JsonPath& path);
    std::optional<std::string> read_plain_string(const Json& value, const JsonPath& path, std::size_t max_bytes);
    std::optional<std::int64_t> read_integer(const Json& value, const JsonPath& path, std::int64_t low,
                                             std::int64_t high);
    std::optional<double> read_number(const Json& value, const JsonPath& path, double low, double high);
    std::optional<bool> read_boolean(const Json& value, const JsonPath& path);
    std::optional<std::string> read_id(const Json& value, const JsonPath& path);
    std::optional<Date> read_date(const Json& value, const JsonPath& path);
    std::optional<TimeOfDay> read_time(const Json& value, const JsonPath& path);
    LocalizedText read_text(const Json& value, const JsonPath& path, TextKind kind);
    template <typename Check>
    std::vector<std::string> read_string_list(const Json& value, const JsonPath& path, Check check,
                                              std::size_t min_items = 0);
    void check_unique_id(std::unordered_map<std::string, std::size_t>& seen, const std::string& id,
                         const JsonPath& array_path, std::size_t index);
    template <typename Register>
    void register_ids_beyond_limit(const Json& array, std::size_t limit, Register register_id);

    Interest read_interest(const Json& value, const JsonPath& path);
    Organisation read_organisation(const Json& value, const JsonPath& path);
    PublicContact read_contact(const Json& value, const JsonPath& path);
    Activity read_activity(const Json& value, const JsonPath& path);
    Schedule read_schedule(const Json& value, const JsonPath& path);
    WeeklyRule read_weekly_rule(const Json& value, const JsonPath& path);
    SingleDate read_single_date(const Json& value, const JsonPath& path);
    Place read_place(const Json& value, const JsonPath& path);
    Cost read_cost(const Json& value, const JsonPath& path);
    Audience read_audience(const Json& value, const JsonPath& path);

    const CatalogueLimits& m_limits;
    ProblemSink& m_problems;
    std::unordered_map<std::string, std::size_t> m_organisation_index;  // id → position
    bool m_organisations_known = false;  // false: the array was unreadable, so skip reference checks
    std::unordered_set<std::string> m_vocabulary;
    std::string m_vocabulary_hint;       // ", one of …" when the vocabulary is short enough to list
    bool m_vocabulary_known = false;
};

bool CatalogueReader::check_object(const Json& value, const JsonPath& path,
                                   std::initializer_list<std::string_view> known)
{
    if (!value.is_object()) {
        problem(path, "expected an object, got " + describe(value));
        return false;
    }
    for (const auto& [name, unused] : value.items()) {
        if (std::find(known.begin(), known.end(), name) != known.end())
            continue;
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
    if (!value.is_array()) {
        problem(path, "expected an array, got " + describe(value));
        return nullptr;
    }
    if (value.size() > max_items)
        problem(path, "has " + std::to_string(value.size()) + " " + std::string(noun) +
                          ", more than the limit of " + std::to_string(max_items));
    else if (value.size() < min_items)
        problem(path, "must not be empty");
    return &value;
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

template <typename Check>
std::vector<std::string> CatalogueReader::read_string_list(const Json& value, const JsonPath& path, Check check,
                                                           std::size_t min_items)
{
    std::vector<std::string> items;
    const Json* array = check_array(value, path, m_limits.max_list_items, "items", min_items);
    if (!array)
        return items;
    std::unordered_map<std::string, std::size_t> seen;
    const std::size_t count = std::min(array->size(), m_limits.max_list_items);
    for (std::size_t i = 0; i < count; ++i) {
        const JsonPath item_path = path[i];
        std::optional<std::string> item = read_string((*array)[i], item_path);
        if (!item)
            continue;
        const auto [first, inserted] = seen.try_emplace(*item, i);
        if (!inserted) {
            problem(item_path, quote_for_message(*item) + " is listed twice (first at [" +
                                   std::to_string(first->second) + "])");
            continue;
        }
        if (check(*item, item_path))
            items.push_back(std::move(*item));
    }
    return items;
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
template <typename Register>
void CatalogueReader::register_ids_beyond_limit(const Json& array, std::size_t limit, Register register_id)
{
    for (std::size_t i = limit; i < array.size(); ++i) {
        const Json& item = array[i];
        if (item.is_object() && item.contains("id") && item["id"].is_string())
            register_id(item["id"].get<std::string>(), i);
    }
}

Catalogue CatalogueReader::read(Json& root)
{
    Catalogue catalogue;
    const JsonPath path;
    if (!check_object(root, path,
                      {"format", "format_version", "version", "published", "interests", "organisations",
                       "activities"}))
        return catalogue;

    if (const Member m = member(root, path, "format", k_required)) {
        if (const auto format = read_string(*m.value, m.path); format && *format != k_format_name)
            problem(m.path, quote_for_message(*format) + " is not \"lotsen-catalogue\"");
    }
    if (const Member m = member(root, path, "format_version", k_required)) {
        if (const auto version = read_integer(*m.value, m.path, k_int64_min, k_int64_max);
            version && *version != k_format_version)
            problem(m.path, std::to_string(*version) + " is not a format_version this reader knows (1)");
    }
    if (const Member m = member(root, path, "version", k_required)) {
        if (const auto version = read_integer(*m.value, m.path, k_int64_min, k_int64_max)) {
            if (*version < 1)
                problem(m.path, "must be 1 or more, got " + std::to_string(*version));
            else
                catalogue.version = *version;
        }
    }
    if (const Member m = member(root, path, "published", k_optional)) {
        if (const auto published = read_string(*m.value, m.path)) {
            if (is_utc_timestamp(*published))
                catalogue.published = *published;
            else
                problem(m.path, quote_for_message(*published) + " is not a UTC time like \"2026-11-20T09:00:00Z\"");
        }
    }

    // The vocabulary first: activities are checked against it.
    if (const Member m = member(root, path, "interests", k_optional)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_interests, "interests", 1)) {
            m_vocabulary_known = !array->empty();
            std::unordered_map<std::string, std::size_t> ids;
            const std::size_t count = std::min(array->size(), m_limits.max_interests);
            for (std::size_t i = 0; i < count; ++i) {
                Interest interest = read_interest((*array)[i], m.path[i]);
                check_unique_id(ids, interest.id, m.path, i);
                if (!interest.id.empty())
                    m_vocabulary.insert(interest.id);
                catalogue.interests.push_back(std::move(interest));
            }
            register_ids_beyond_limit(*array, count, [this](std::string id, std::size_t) {
                m_vocabulary.insert(std::move(id));
            });
        }
    } else {
        m_vocabulary_known = true;
        for (const Interest& interest : default_interests())
            m_vocabulary.insert(interest.id);
    }
    if (m_vocabulary_known && m_vocabulary.size() <= 12) {
        std::vector<std::string> ids(m_vocabulary.begin(), m_vocabulary.end());
        std::sort(ids.begin(), ids.end());
        m_vocabulary_hint = " (" + join(ids) + ")";
    }

    if (const Member m = member(root, path, "organisations", k_required)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_organisations, "organisations")) {
            m_organisations_known = true;
            const std::size_t count = std::min(array->size(), m_limits.max_organisations);
            for (std::size_t i = 0; i < count; ++i) {
                Organisation organisation = read_organisation((*array)[i], m.path[i]);
                check_unique_id(m_organisation_index, organisation.id, m.path, i);
                catalogue.organisations.push_back(std::move(organisation));
            }
            register_ids_beyond_limit(*array, count, [this](std::string id, std::size_t index) {
                m_organisation_index.try_emplace(std::move(id), index);
            });
        }
    }

    if (const Member m = member(root, path, "activities", k_required)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_activities, "activities")) {
            std::unordered_map<std::string, std::size_t> ids;
            const std::size_t count = std::min(array->size(), m_limits.max_activities);
            catalogue.activities.reserve(count);
            for (std::size_t i = 0; i < count; ++i) {
                Activity activity = read_activity((*array)[i], m.path[i]);
                check_unique_id(ids, activity.id, m.path, i);
                catalogue.activities.push_back(std::move(activity));
                // Tree and model side by side would double the peak memory of a large catalogue, and
                // nothing looks at an activity's subtree again once it is read.
                root["activities"][i] = nullptr;
            }
        }
    }
    return catalogue;
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
                       "accepts_contact_requests"}))
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
    return organisation;
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

Activity CatalogueReader::read_activity(const Json& value, const JsonPath& path)
{
    Activity activity;
    if (!check_object(value, path,
                      {"id", "organisation", "title", "description", "interests", "schedule", "place", "cost",
                       "languages", "accessibility", "audience", "drop_in"}))
        return activity;
    if (const Member m = member(value, path, "id", k_required))
        activity.id = read_id(*m.value, m.path).value_or("");
    if (const Member m = member(value, path, "organisation", k_required)) {
        if (auto organisation = read_string(*m.value, m.path)) {
            if (m_organisations_known && !m_organisation_index.contains(*organisation))
                problem(m.path, "no organisation has id " + quote_for_message(*organisation));
            activity.organisation_id = std::move(*organisation);
        }
    }
    if (const Member m = member(value, path, "title", k_required))
        activity.title = read_text(*m.value, m.path, TextKind::short_text);
    if (const Member m = member(value, path, "description", k_optional))
        activity.description = read_text(*m.value, m.path, TextKind::long_text);
    if (const Member m = member(value, path, "interests", k_required)) {
        activity.interests = read_string_list(
            *m.value, m.path,
            [this](const std::string& interest, const JsonPath& where) {
                if (!m_vocabulary_known || m_vocabulary.contains(interest))
                    return true;
                problem(where,
                        quote_for_message(interest) + " is not an interest in this catalogue" + m_vocabulary_hint);
                return false;
            },
            1);
    }
    if (const Member m = member(value, path, "schedule", k_required))
        activity.schedule = read_schedule(*m.value, m.path);
    if (const Member m = member(value, path, "place", k_required))
        activity.place = read_place(*m.value, m.path);
    if (const Member m = member(value, path, "cost", k_optional))
        activity.cost = read_cost(*m.value, m.path);
    if (const Member m = member(value, path, "languages", k_optional)) {
        activity.languages = read_string_list(*m.value, m.path, [this](const std::string& code, const JsonPath& where) {
            if (is_language_code(code))
                return true;
            problem(where, quote_for_message(code) +
                               " is not a language code like \"sv\", \"en\", \"ar\" or \"sv-easy\"");
            return false;
        });
    }
    if (const Member m = member(value, path, "accessibility", k_optional)) {
        activity.accessibility =
            read_string_list(*m.value, m.path, [this](const std::string& feature, const JsonPath& where) {
                const auto& known = known_accessibility_features();
                if (std::find(known.begin(), known.end(), feature) != known.end())
                    return true;
                problem(where, quote_for_message(feature) + " is not an accessibility feature (" + join(known) + ")");
                return false;
            });
    }
    if (const Member m = member(value, path, "audience", k_optional))
        activity.audience = read_audience(*m.value, m.path);
    if (const Member m = member(value, path, "drop_in", k_optional))
        activity.drop_in = read_boolean(*m.value, m.path).value_or(false);
    return activity;
}

Schedule CatalogueReader::read_schedule(const Json& value, const JsonPath& path)
{
    Schedule schedule;
    if (!check_object(value, path, {"weekly", "dates", "cancelled"}))
        return schedule;
    bool has_occurrence = false;  // judged on what was written, so a broken rule is not reported twice
    if (const Member m = member(value, path, "weekly", k_optional)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_list_items, "weekly rules")) {
            has_occurrence = has_occurrence || !array->empty();
            const std::size_t count = std::min(array->size(), m_limits.max_list_items);
            for (std::size_t i = 0; i < count; ++i) {
                const JsonPath item = m.path[i];
                WeeklyRule rule = read_weekly_rule((*array)[i], item);
                if (rule.iso_weekday == 0)
                    continue;  // unreadable; reported already
                if (std::find(schedule.weekly.begin(), schedule.weekly.end(), rule) != schedule.weekly.end())
                    problem(item, "repeats an earlier weekly rule");
                else
                    schedule.weekly.push_back(rule);
            }
        }
    }
    if (const Member m = member(value, path, "dates", k_optional)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_list_items, "dates")) {
            has_occurrence = has_occurrence || !array->empty();
            const std::size_t count = std::min(array->size(), m_limits.max_list_items);
            for (std::size_t i = 0; i < count; ++i) {
                const JsonPath item = m.path[i];
                SingleDate date = read_single_date((*array)[i], item);
                if (date.date.year == 0)
                    continue;  // unreadable; reported already
                if (std::find(schedule.dates.begin(), schedule.dates.end(), date) != schedule.dates.end())
                    problem(item, "repeats an earlier date");
                else
                    schedule.dates.push_back(date);
            }
        }
    }
    if (const Member m = member(value, path, "cancelled", k_optional)) {
        const auto is_date = [this](const std::string& item, const JsonPath& where) {
            if (Date::parse(item))
                return true;
            problem(where, quote_for_message(item) + " is not a date YYYY-MM-DD");
            return false;
        };
        for (const std::string& text : read_string_list(*m.value, m.path, is_date))
            schedule.cancelled.push_back(*Date::parse(text));
    }
    if (!has_occurrence)
        problem(path, "has no weekly rule and no date, so the activity never happens");
    return schedule;
}

WeeklyRule CatalogueReader::read_weekly_rule(const Json& value, const JsonPath& path)
{
    // iso_weekday 0 marks a rule that could not be read in full.
    WeeklyRule rule;
    rule.iso_weekday = 0;
    if (!check_object(value, path, {"day", "start", "end", "from", "until", "every_weeks"}))
        return rule;
    bool complete = true;
    int weekday = 0;
    if (const Member m = member(value, path, "day", k_required)) {
        if (const auto day = read_string(*m.value, m.path)) {
            const auto it = std::find(k_weekdays.begin(), k_weekdays.end(), *day);
            if (it != k_weekdays.end())
                weekday = static_cast<int>(it - k_weekdays.begin()) + 1;
            else
                problem(m.path, quote_for_message(*day) + " is not a weekday (mon, tue, wed, thu, fri, sat, sun)");
        }
    }
    const auto read_time_member = [&](std::string_view name, TimeOfDay& out) {
        const Member m = member(value, path, name, k_required);
        const std::optional<TimeOfDay> time = m ? read_time(*m.value, m.path) : std::nullopt;
        if (time)
            out = *time;
        complete = complete && time.has_value();
    };
    const auto read_date_member = [&](std::string_view name, Date& out) {
        const Member m = member(value, path, name, k_required);
        const std::optional<Date> date = m ? read_date(*m.value, m.path) : std::nullopt;
        if (date)
            out = *date;
        complete = complete && date.has_value();
        return date.has_value();
    };
    read_time_member("start", rule.start);
    read_time_member("end", rule.end);
    const bool has_from = read_date_member("from", rule.valid_from);
    const bool has_until = read_date_member("until", rule.valid_until);
    if (has_from && has_until) {
        const JsonPath until_path = path / "until";
        if (rule.valid_until < rule.valid_from) {
            problem(until_path, quote_for_message(rule.valid_until.to_string()) + " is before from " +
                                    quote_for_message(rule.valid_from.to_string()));
            complete = false;
        } else if (const Date latest = latest_until(rule.valid_from); latest < rule.valid_until) {
            problem(until_path, quote_for_message(rule.valid_until.to_string()) + " is more than " +
                                    std::to_string(k_max_rule_years) + " years after from " +
                                    quote_for_message(rule.valid_from.to_string()) + " (latest " +
                                    latest.to_string() + ")");
            complete = false;
        }
    }
    if (const Member m = member(value, path, "every_weeks", k_optional)) {
        const auto every = read_integer(*m.value, m.path, 1, k_max_every_weeks);
        rule.every_weeks = static_cast<int>(every.value_or(1));
        complete = complete && every.has_value();
    }
    if (complete)
        rule.iso_weekday = weekday;
    return rule;
}

SingleDate CatalogueReader::read_single_date(const Json& value, const JsonPath& path)
{
    // year 0 marks a date that could not be read in full.
    SingleDate single;
    single.date.year = 0;
    if (!check_object(value, path, {"date", "start", "end"}))
        return single;
    const Member date_member = member(value, path, "date", k_required);
    const std::optional<Date> date = date_member ? read_date(*date_member.value, date_member.path) : std::nullopt;
    const Member start_member = member(value, path, "start", k_required);
    const std::optional<TimeOfDay> start =
        start_member ? read_time(*start_member.value, start_member.path) : std::nullopt;
    const Member end_member = member(value, path, "end", k_required);
    const std::optional<TimeOfDay> end = end_member ? read_time(*end_member.value, end_member.path) : std::nullopt;
    if (date && start && end)
        single = SingleDate{*date, *start, *end};
    return single;
}

Place CatalogueReader::read_place(const Json& value, const JsonPath& path)
{
    Place place;
    if (!check_object(value, path, {"name", "address", "town", "lat", "lon"}))
        return place;
    if (const Member m = member(value, path, "name", k_optional))
        place.name = read_text(*m.value, m.path, TextKind::short_text);
    if (const Member m = member(value, path, "address", k_required))
        place.address = read_plain_string(*m.value, m.path, m_limits.max_short_text_bytes).value_or("");
    if (const Member m = member(value, path, "town", k_required))
        place.town = read_plain_string(*m.value, m.path, k_max_town_bytes).value_or("");
    const Member lat = member(value, path, "lat", k_optional);
    const Member lon = member(value, path, "lon", k_optional);
    if (lat)
        place.latitude = read_number(*lat.value, lat.path, -90.0, 90.0);
    if (lon)
        place.longitude = read_number(*lon.value, lon.path, -180.0, 180.0);
    if (lat && !lon)
        problem(lon.path, "is missing; give lat and lon together, or neither");
    if (lon && !lat)
        problem(lat.path, "is missing; give lat and lon together, or neither");
    return place;
}

Cost CatalogueReader::read_cost(const Json& value, const JsonPath& path)
{
    Cost cost;
    if (!check_object(value, path, {"sek", "note"}))
        return cost;
    if (const Member m = member(value, path, "sek", k_optional))
        cost.sek = static_cast<int>(read_integer(*m.value, m.path, 0, k_max_cost_sek).value_or(0));
    if (const Member m = member(value, path, "note", k_optional))
        cost.note = read_text(*m.value, m.path, TextKind::short_text);
    return cost;
}

Audience CatalogueReader::read_audience(const Json& value, const JsonPath& path)
{
    Audience audience;
    if (!check_object(value, path, {"groups", "min_age", "max_age"}))
        return audience;
    if (const Member m = member(value, path, "groups", k_optional)) {
        audience.groups = read_string_list(*m.value, m.path, [this](const std::string& group, const JsonPath& where) {
            const auto& known = known_audience_groups();
            if (std::find(known.begin(), known.end(), group) != known.end())
                return true;
            problem(where, quote_for_message(group) + " is not an audience group (" + join(known) + ")");
            return false;
        });
    }
    if (const Member m = member(value, path, "min_age", k_optional)) {
        if (const auto age = read_integer(*m.value, m.path, 0, k_max_age))
            audience.min_age = static_cast<int>(*age);
    }
    if (const Member m = member(value, path, "max_age", k_optional)) {
        if (const auto age = read_integer(*m.value, m.path, 0, k_max_age)) {
            if (audience.min_age && *age < *audience.min_age)
                problem(m.path, std::to_string(*age) + " is less than min_age " + std::to_string(*audience.min_age));
            else
                audience.max_age = static_cast<int>(*age);
        }
    }
    return audience;
}

// ---------------------------------------------------------------------------------------------------
// Writing

Json text_to_json(const LocalizedText& text)
{
    Json object = Json::object();
    for (const auto& [language, string] : text.all())
        object[language] = string;
    return object;
}

std::string weekday_name(int iso_weekday)
{
    if (iso_weekday >= 1 && iso_weekday <= 7)
        return std::string(k_weekdays[static_cast<std::size_t>(iso_weekday - 1)]);
    return std::to_string(iso_weekday);  // not a valid model; the reader will say so
}

Json activity_to_json(const Activity& activity)
{
    Json out = Json::object();
    out["id"] = activity.id;
    out["organisation"] = activity.organisation_id;
    out["title"] = text_to_json(activity.title);
    if (!activity.description.empty())
        out["description"] = text_to_json(activity.description);
    out["interests"] = activity.interests;

    Json schedule = Json::object();
    if (!activity.schedule.weekly.empty()) {
        Json weekly = Json::array();
        for (const WeeklyRule& rule : activity.schedule.weekly) {
            Json item = {{"day", weekday_name(rule.iso_weekday)},
                         {"start", rule.start.to_string()},
                         {"end", rule.end.to_string()},
                         {"from", rule.valid_from.to_string()},
                         {"until", rule.valid_until.to_string()}};
            if (rule.every_weeks != 1)
                item["every_weeks"] = rule.every_weeks;
            weekly.push_back(std::move(item));
        }
        schedule["weekly"] = std::move(weekly);
    }
    if (!activity.schedule.dates.empty()) {
        Json dates = Json::array();
        for (const SingleDate& date : activity.schedule.dates)
            dates.push_back(
                {{"date", date.date.to_string()}, {"start", date.start.to_string()}, {"end", date.end.to_string()}});
        schedule["dates"] = std::move(dates);
    }
    if (!activity.schedule.cancelled.empty()) {
        Json cancelled = Json::array();
        for (const Date& date : activity.schedule.cancelled)
            cancelled.push_back(date.to_string());
        schedule["cancelled"] = std::move(cancelled);
    }
    out["schedule"] = std::move(schedule);

    Json place = Json::object();
    if (!activity.place.name.empty())
        place["name"] = text_to_json(activity.place.name);
    place["address"] = activity.place.address;
    place["town"] = activity.place.town;
    if (activity.place.latitude)
        place["lat"] = *activity.place.latitude;
    if (activity.place.longitude)
        place["lon"] = *activity.place.longitude;
    out["place"] = std::move(place);

    if (activity.cost.sek != 0 || !activity.cost.note.empty()) {
        Json cost = {{"sek", activity.cost.sek}};
        if (!activity.cost.note.empty())
            cost["note"] = text_to_json(activity.cost.note);
        out["cost"] = std::move(cost);
    }
    if (!activity.languages.empty())
        out["languages"] = activity.languages;
    if (!activity.accessibility.empty())
        out["accessibility"] = activity.accessibility;
    const Audience& audience = activity.audience;
    if (!audience.groups.empty() || audience.min_age || audience.max_age) {
        Json object = Json::object();
        if (!audience.groups.empty())
            object["groups"] = audience.groups;
        if (audience.min_age)
            object["min_age"] = *audience.min_age;
        if (audience.max_age)
            object["max_age"] = *audience.max_age;
        out["audience"] = std::move(object);
    }
    out["drop_in"] = activity.drop_in;
    return out;
}

Json organisation_to_json(const Organisation& organisation)
{
    Json out = Json::object();
    out["id"] = organisation.id;
    out["name"] = text_to_json(organisation.name);
    if (!organisation.description.empty())
        out["description"] = text_to_json(organisation.description);
    const PublicContact& contact = organisation.contact;
    if (!contact.phone.empty() || !contact.email.empty() || !contact.web.empty()) {
        Json object = Json::object();
        if (!contact.phone.empty())
            object["phone"] = contact.phone;
        if (!contact.email.empty())
            object["email"] = contact.email;
        if (!contact.web.empty())
            object["web"] = contact.web;
        out["contact"] = std::move(object);
    }
    out["municipality"] = organisation.municipality;
    if (organisation.reply_days != 0)
        out["reply_days"] = organisation.reply_days;
    out["accepts_contact_requests"] = organisation.accepts_contact_requests;
    return out;
}

std::string errno_text(int error) { return std::error_code(error, std::generic_category()).message(); }

bool ends_with_csv(const std::string& path)
{
    if (path.size() < 4)
        return false;
    std::string suffix = path.substr(path.size() - 4);
    for (char& c : suffix) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return suffix == ".csv";
}

/// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

std::string too_large(std::optional<std::size_t> size, std::size_t limit)
{
    if (!size)
        return "the file is larger than the limit of " + std::to_string(limit) + " bytes";
    return "the file is " + std::to_string(*size) + " bytes, more than the limit of " + std::to_string(limit) +
           " bytes";
}

}  // namespace

std::string CatalogueParseResult::summary() const
{
    std::string out;
    for (const CatalogueProblem& problem : problems) {
        if (!out.empty())
            out += '\n';
        out += problem.to_string();
    }
    return out;
}

CatalogueParseResult parse_catalogue_json(std::string_view text, const CatalogueLimits& limits)
{
    CatalogueParseResult result;
    ProblemSink problems(limits.max_problems);
    try {
        if (text.size() > limits.max_file_bytes) {
            problems.add("$", "the catalogue is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                                  std::to_string(limits.max_file_bytes) + " bytes");
        } else {
            TreeBuilder builder(text, problems);
            Json::sax_parse(text.data(), text.data() + text.size(), &builder);
            if (builder.complete()) {
                CatalogueReader reader(limits, problems);
                Catalogue catalogue = reader.read(builder.root());
                if (problems.empty())
                    result.catalogue = std::move(catalogue);
            }
        }
    } catch (const std::exception& error) {
        // Nothing above is expected to throw but allocation; whatever it is stays inside core/.
        problems.add("$", std::string("could not be read: ") + error.what());
        result.catalogue.reset();
    }
    result.problems = std::move(problems).finish();
    return result;
}

CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits)
{
    const auto failure = [&path](std::string reason) {
        CatalogueParseResult result;
        result.problems.push_back(CatalogueProblem{path, std::move(reason)});
        return result;
    };
    try {
        const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (file.get() < 0)
            return failure("cannot open: " + errno_text(errno));
        struct stat status {};
        if (::fstat(file.get(), &status) != 0)
            return failure("cannot read: " + errno_text(errno));
        if (S_ISDIR(status.st_mode))
            return failure("cannot read: " + errno_text(EISDIR));
        // Check the size before reading a byte, so a huge file costs nothing. Pipes and the like
        // report no size; for them the limit is enforced while reading.
        const auto size = static_cast<std::size_t>(std::max<off_t>(status.st_size, 0));
        if (S_ISREG(status.st_mode) && size > limits.max_file_bytes)
            return failure(too_large(size, limits.max_file_bytes));

        std::string text;
        text.reserve(std::min(size, limits.max_file_bytes));
        std::array<char, 64 * 1024> buffer{};
        for (;;) {
            const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return failure("cannot read: " + errno_text(errno));
            }
            if (got == 0)
                break;
            text.append(buffer.data(), static_cast<std::size_t>(got));
            if (text.size() > limits.max_file_bytes)
                return failure(too_large(std::nullopt, limits.max_file_bytes));
        }
        if (ends_with_csv(path))
            return parse_catalogue_csv(text, 1, limits);
        return parse_catalogue_json(text, limits);
    } catch (const std::exception& error) {
        return failure(std::string("cannot read: ") + error.what());
    }
}

std::string catalogue_to_json(const Catalogue& catalogue, bool pretty)
{
    Json out = Json::object();
    out["format"] = k_format_name;
    out["format_version"] = k_format_version;
    out["version"] = catalogue.version;
    if (!catalogue.published.empty())
        out["published"] = catalogue.published;
    // An empty vocabulary means "use the default one" and is written by leaving the field out.
    if (!catalogue.interests.empty()) {
        Json interests = Json::array();
        for (const Interest& interest : catalogue.interests)
            interests.push_back({{"id", interest.id}, {"label", text_to_json(interest.label)}});
        out["interests"] = std::move(interests);
    }
    Json organisations = Json::array();
    for (const Organisation& organisation : catalogue.organisations)
        organisations.push_back(organisation_to_json(organisation));
    out["organisations"] = std::move(organisations);
    Json activities = Json::array();
    for (const Activity& activity : catalogue.activities)
        activities.push_back(activity_to_json(activity));
    out["activities"] = std::move(activities);
    // A model can only hold invalid UTF-8 when built by hand (both readers refuse it); writing it must
    // still not throw, so such bytes become U+FFFD.
    return out.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace lotsen
