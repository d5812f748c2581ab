// store_rows.cpp — the store's row helpers that import and queries share: the nested values kept
// as JSON (a schedule is read back in store_schedule_reading.cpp), occurrence rows, list lines, the
// meta table and the catalogue's characters (see store_internal.hpp).
#include "core/storage/store_internal.hpp"
#include "core/base/json_parse.hpp"

#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace lotsen::store_internal {

namespace {

using Json = nlohmann::json;

}  // namespace

// `inner` told by the store with `context` in front: "store: <context><inner>", where an inner error
// of the store's own does not repeat "store: ".
Error with_context(std::string context, const Error& inner)
{
    context += inner.subject == k_subject ? inner.message : inner.text();
    return Error{std::move(context), std::string(k_subject)};
}

// ---------------------------------------------------------------------------------------------
// JSON for the nested values.

// Written by hand, byte for byte what nlohmann's dump() of the same document gives (keys in order,
// no spaces): building that document cost more than the activity's row itself (callgrind, 2,000
// activities: 50,000 instructions an activity). Every value is a number or a date or time of day in
// digits and separators, so nothing needs escaping.
namespace {

void append_member(std::string& out, std::string_view key, std::string_view text)
{
    out += '"';
    out += key;
    out += "\":\"";
    out += text;
    out += '"';
}

}  // namespace

std::string schedule_to_json(const Schedule& schedule)
{
    std::string out;
    out.reserve(40 + 110 * schedule.weekly.size() + 50 * schedule.dates.size() + 13 * schedule.cancelled.size());
    out += "{\"cancelled\":[";
    for (std::size_t i = 0; i < schedule.cancelled.size(); ++i) {
        out += i == 0 ? "\"" : ",\"";
        out += schedule.cancelled[i].to_string();
        out += '"';
    }
    out += "],\"dates\":[";
    for (std::size_t i = 0; i < schedule.dates.size(); ++i) {
        const SingleDate& single = schedule.dates[i];
        out += i == 0 ? "{" : ",{";
        append_member(out, "date", single.date.to_string());
        out += ',';
        append_member(out, "end", single.end.to_string());
        out += ',';
        append_member(out, "start", single.start.to_string());
        out += '}';
    }
    out += "],\"weekly\":[";
    for (std::size_t i = 0; i < schedule.weekly.size(); ++i) {
        const WeeklyRule& rule = schedule.weekly[i];
        out += i == 0 ? "{" : ",{";
        append_member(out, "end", rule.end.to_string());
        out += ",\"every_weeks\":";
        out += std::to_string(rule.every_weeks);
        out += ',';
        append_member(out, "from", rule.valid_from.to_string());
        out += ',';
        append_member(out, "start", rule.start.to_string());
        out += ',';
        append_member(out, "until", rule.valid_until.to_string());
        out += ",\"weekday\":";
        out += std::to_string(rule.iso_weekday);
        out += '}';
    }
    out += "]}";
    return out;
}

std::string strings_to_json(const std::vector<std::string>& strings)
{
    return Json(strings).dump();
}

Result<std::vector<std::string>> strings_from_json(std::string_view text)
{
    const Json json = LOTSEN_TRY(parse_json(text));
    if (!json.is_array())
        return Error{"not a JSON array"};
    std::vector<std::string> strings;
    for (const Json& value : json) {
        if (!value.is_string())
            return Error{"array element is not a string"};
        strings.push_back(value.get<std::string>());
    }
    return strings;
}

// As nlohmann's dump() of {"groups": […], "max_age": …, "min_age": …} gives it (keys in order), the
// groups, which may need escaping, dumped by nlohmann: the whole document built as a tree cost 10,000
// instructions an activity (callgrind).
std::string audience_to_json(const Audience& audience)
{
    std::string out = "{\"groups\":";
    out += strings_to_json(audience.groups);
    out += ",\"max_age\":";
    out += audience.max_age ? std::to_string(*audience.max_age) : "null";
    out += ",\"min_age\":";
    out += audience.min_age ? std::to_string(*audience.min_age) : "null";
    out += '}';
    return out;
}

Result<Audience> audience_from_json(std::string_view text)
{
    const Json json = LOTSEN_TRY(parse_json(text));
    try {
        Audience audience;
        audience.groups = json.at("groups").get<std::vector<std::string>>();
        if (!json.at("min_age").is_null())
            audience.min_age = json.at("min_age").get<int>();
        if (!json.at("max_age").is_null())
            audience.max_age = json.at("max_age").get<int>();
        return audience;
    } catch (const Json::exception& error) {
        return Error{error.what()};
    }
}

// A json_group_object(language, text) result as a LocalizedText; SQLite wrote it, so anything
// unreadable is a damaged database.
Result<LocalizedText> localized_from_json(std::string_view text)
{
    const Json json = parse_json_or_null(text);
    if (!json.is_object())
        return Error{"a stored text is not a JSON object", std::string(k_subject)};
    TextMap map;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!it.value().is_string())
            return Error{"a stored text is not a string", std::string(k_subject)};
        map.emplace(it.key(), it.value().get<std::string>());
    }
    return LocalizedText(std::move(map));
}

// ---------------------------------------------------------------------------------------------
// Occurrence rows.

std::int64_t encode_local(const LocalDateTime& local)
{
    return local.date.days_since_epoch() * k_minutes_per_day + local.time.minutes;
}

LocalDateTime decode_local(std::int64_t value)
{
    std::int64_t days = value / k_minutes_per_day;
    std::int64_t minutes = value % k_minutes_per_day;
    if (minutes < 0) {
        minutes += k_minutes_per_day;
        --days;
    }
    return LocalDateTime{Date::from_days_since_epoch(days), TimeOfDay{static_cast<int>(minutes)}};
}

Result<void> insert_occurrences(Statement& insert, std::int64_t activity_seq, const Schedule& schedule,
                                UnixSeconds from, UnixSeconds to, std::string_view activity_id)
{
    const std::vector<Occurrence> occurrences = expand(schedule, from, to);
    if (occurrences.empty())
        return success();
    const std::string what = "storing occurrences of activity " + in_quotes(activity_id);  // once, not per row
    for (const Occurrence& occurrence : occurrences) {
        insert.bind(1, activity_seq);
        insert.bind(2, occurrence.start);
        insert.bind(3, occurrence.end);
        insert.bind(4, encode_local(occurrence.local_start));
        LOTSEN_TRY(insert.run(what));
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// List lines.

// Columns 0..5 as in LOTSEN_ITEM_COLUMNS; returns the activity's seq.
std::int64_t read_item(const Statement& row, ActivityListItem& item)
{
    item.activity_id = std::string(row.text(1));
    item.town = std::string(row.text(2));
    item.free = row.integer(3) != 0;
    item.drop_in = row.integer(4) != 0;
    item.accessible = row.integer(5) != 0;
    item.position = geo_point(row.optional_real(6), row.optional_real(7));
    return row.int64(0);
}

ImageRef image_from_row(const Statement& row, int first)
{
    ImageRef image;
    image.sha256 = std::string(row.text(first));
    image.bytes = row.int64(first + 1);
    image.width = row.integer(first + 2);
    image.height = row.integer(first + 3);
    image.type = std::string(row.text(first + 4));
    return image;
}

std::string json_array(const std::vector<std::int64_t>& numbers)
{
    std::string json = "[";
    for (std::int64_t number : numbers) {
        if (json.size() > 1)
            json += ',';
        json += std::to_string(number);
    }
    json += ']';
    return json;
}

// ---------------------------------------------------------------------------------------------
// meta

Result<std::optional<std::int64_t>> read_meta_int(sqlite3* db, const char* name)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT value FROM meta WHERE name = ?1", "reading meta"));
    stmt.bind(1, name);
    const bool row = LOTSEN_TRY(stmt.step("reading meta " + in_quotes(name)));
    if (!row || stmt.is_null(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{stmt.int64(0)};
}

Result<std::optional<std::string>> read_meta_text(sqlite3* db, const char* name)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT value FROM meta WHERE name = ?1", "reading meta"));
    stmt.bind(1, name);
    const bool row = LOTSEN_TRY(stmt.step("reading meta " + in_quotes(name)));
    if (!row || stmt.is_null(0))
        return std::optional<std::string>{};
    return std::optional<std::string>{std::string(stmt.text(0))};
}

Result<void> write_meta(sqlite3* db, const char* name, const std::variant<std::int64_t, std::string>& value)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "INSERT INTO meta(name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        "writing meta"));
    stmt.bind(1, name);
    if (const auto* number = std::get_if<std::int64_t>(&value))
        stmt.bind(2, *number);
    else
        stmt.bind(2, std::get<std::string>(value));
    return stmt.run("writing meta " + in_quotes(name));
}

CharacterSet::CharacterSet() : m_seen((0x110000 + 63) / 64, 0) {}

void CharacterSet::add(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step step = utf8_step(text.substr(i));
        if (step.valid)
            m_seen[step.code / 64] |= std::uint64_t{1} << (step.code % 64);
        i += step.length;
    }
}

std::string CharacterSet::utf8() const
{
    std::string characters;
    for (std::size_t word = 0; word < m_seen.size(); ++word) {
        for (std::uint64_t bits = m_seen[word]; bits != 0; bits &= bits - 1) {
            const auto code = static_cast<char32_t>(word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
            append_utf8(characters, code);
        }
    }
    return characters;
}

Result<std::string> collect_characters(sqlite3* db)
{
    const char* operation = "collecting the characters of the catalogue";
    auto stmt = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "SELECT text FROM texts UNION ALL SELECT address FROM activities UNION ALL SELECT town FROM activities"
        " UNION ALL SELECT phone FROM organisations UNION ALL SELECT email FROM organisations",
        operation));
    CharacterSet characters;
    while (LOTSEN_TRY(stmt.step(operation)))
        characters.add(stmt.text(0));
    return characters.utf8();
}

}  // namespace lotsen::store_internal
