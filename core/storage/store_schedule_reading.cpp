// store_schedule_reading.cpp — reading a stored schedule (activities.schedule, written by
// schedule_to_json in store_rows.cpp) back into a Schedule, on the hot path of search (the hits whose
// next occurrence lies beyond the stored window) and of every window extension: a plain scanner for
// the text as the store writes it, nlohmann's parser for anything else, one SAX reader behind both.
#include "core/storage/store_internal.hpp"

#include "core/base/json_parse.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace lotsen::store_internal {

namespace {

// Reads a stored schedule straight into a Schedule, from nlohmann's SAX events: no tree of maps and
// strings is built and thrown away (perf, search as you type over 10,000 activities: the tree was
// 8 % of a keystroke, spent on the hits whose next occurrence lies beyond the stored window). The
// text is ours (schedule_to_json), so anything else is a damaged database: not one object, a list or
// a member missing or of the wrong type. Members come in any order; unknown ones are skipped whole,
// a repeated one is read again (the last wins); an unreadable date or time reads as Date{} or
// TimeOfDay{}, as the catalogue validated them. The nesting is the format's (three levels) or the
// reading stops, which bounds it as parse_json() does.
class ScheduleReader {
public:
    using Json = nlohmann::json;

    /// The schedule read, or what was wrong with the text.
    Result<Schedule> take()
    {
        if (!m_error.empty())
            return Error{std::move(m_error)};
        if (!m_done)
            return Error{"a schedule must be one JSON object"};
        if (!m_has_weekly || !m_has_dates || !m_has_cancelled)
            return Error{"the schedule lacks one of weekly, dates, cancelled"};
        return std::move(m_schedule);
    }

    bool null() { return other("null"); }
    bool boolean(bool) { return other("true or false"); }
    bool number_integer(Json::number_integer_t value) { return number(value); }
    bool number_unsigned(Json::number_unsigned_t value)
    {
        return number(static_cast<Json::number_integer_t>(std::min<Json::number_unsigned_t>(value, INT32_MAX)));
    }
    bool number_float(Json::number_float_t, const Json::string_t&) { return other("a fraction"); }
    bool binary(Json::binary_t&) { return other("binary data"); }
    bool string(Json::string_t& value);

    bool key(Json::string_t& name)
    {
        if (m_skipping > 0)
            return true;
        if (m_depth == 1) {
            m_list = name == "weekly" ? List::weekly : name == "dates" ? List::dates
                                                     : name == "cancelled" ? List::cancelled : List::unknown;
        } else {
            m_member = member_of(name);
        }
        return true;
    }

    bool start_object(std::size_t)
    {
        if (m_skipping > 0 || unknown_member())
            return skip();
        if (m_depth == 0 || (m_depth == 2 && (m_list == List::weekly || m_list == List::dates))) {
            m_fields = {};
            m_present = 0;
            ++m_depth;
            return true;
        }
        return fail("an object where the schedule has none");
    }

    bool start_array(std::size_t)
    {
        if (m_skipping > 0 || unknown_member())
            return skip();
        if (m_depth == 1) {
            // A repeated member is read anew.
            if (m_list == List::weekly) {
                m_schedule.weekly.clear();
                m_has_weekly = true;
            } else if (m_list == List::dates) {
                m_schedule.dates.clear();
                m_has_dates = true;
            } else {
                m_schedule.cancelled.clear();
                m_has_cancelled = true;
            }
            ++m_depth;
            return true;
        }
        return fail("an array where the schedule has none");
    }

    bool end_object();

    bool end_array()
    {
        if (m_skipping > 0)
            --m_skipping;
        else
            --m_depth;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        return fail("not JSON: " + json_parse_reason(error.what()) + " at byte offset "
                    + std::to_string(position == 0 ? 0 : position - 1));
    }

private:
    enum class List { weekly, dates, cancelled, unknown };
    // The members of a rule or a date, each a bit of m_present.
    enum Member : unsigned { weekday = 1, start = 2, end = 4, from = 8, until = 16, every_weeks = 32, date = 64, unknown = 0 };
    static constexpr unsigned k_weekly_members = weekday | start | end | from | until | every_weeks;
    static constexpr unsigned k_date_members = date | start | end;

    struct Fields {
        int weekday = 0;
        TimeOfDay start;
        TimeOfDay end;
        Date from;
        Date until;
        int every_weeks = 0;
        Date date;
    };

    Member member_of(std::string_view name) const
    {
        if (name == "start")
            return start;
        if (name == "end")
            return end;
        if (m_list == List::weekly) {
            return name == "weekday" ? weekday : name == "from" ? from : name == "until" ? until
                                               : name == "every_weeks" ? every_weeks : unknown;
        }
        return name == "date" ? date : unknown;
    }

    static const char* name_of(Member member)
    {
        switch (member) {
        case weekday: return "weekday";
        case start: return "start";
        case end: return "end";
        case from: return "from";
        case until: return "until";
        case every_weeks: return "every_weeks";
        case date: return "date";
        case unknown: break;
        }
        return "member";
    }

    // The value about to be read belongs to a member the format does not have.
    bool unknown_member() const
    {
        return (m_depth == 1 && m_list == List::unknown) || (m_depth == 3 && m_member == unknown);
    }

    bool skip()
    {
        ++m_skipping;
        return true;
    }

    bool fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return false;
    }

    bool number(Json::number_integer_t value)
    {
        if (m_skipping > 0 || unknown_member())
            return true;
        if (m_depth == 3 && (m_member == weekday || m_member == every_weeks)) {
            const int n = static_cast<int>(std::clamp<Json::number_integer_t>(value, INT32_MIN, INT32_MAX));
            (m_member == weekday ? m_fields.weekday : m_fields.every_weeks) = n;
            m_present |= m_member;
            return true;
        }
        return other("a number");
    }

    // A value the format does not have here, `kind` saying what it is; a null list reads as empty.
    bool other(const char* kind)
    {
        if (m_skipping > 0 || unknown_member())
            return true;
        if (m_depth == 1 && std::string_view(kind) == "null") {
            (m_list == List::weekly ? m_has_weekly : m_list == List::dates ? m_has_dates : m_has_cancelled) = true;
            return true;
        }
        if (m_depth == 3)
            return fail(std::string("the schedule's ") + name_of(m_member) + " is " + kind);
        return fail(std::string(kind) + " where the schedule has " + (m_depth == 0 ? "an object" : m_depth == 1 ? "a list" : "a rule or a date"));
    }

    Schedule m_schedule;
    int m_depth = 0;      ///< 1 in the schedule, 2 in one of its lists, 3 in a rule or a date
    int m_skipping = 0;   ///< containers open inside an unknown member
    List m_list = List::unknown;
    Member m_member = unknown;  ///< the member of a rule or a date being read
    Fields m_fields;
    unsigned m_present = 0;
    bool m_has_weekly = false;
    bool m_has_dates = false;
    bool m_has_cancelled = false;
    bool m_done = false;
    std::string m_error;
};

bool ScheduleReader::string(Json::string_t& value)
{
    if (m_skipping > 0 || unknown_member())
        return true;
    if (m_depth == 2 && m_list == List::cancelled) {
        m_schedule.cancelled.push_back(Date::parse(value).value_or(Date{}));
        return true;
    }
    if (m_depth != 3 || m_member == weekday || m_member == every_weeks)
        return other("a string");
    switch (m_member) {
    case start: m_fields.start = TimeOfDay::parse(value).value_or(TimeOfDay{}); break;
    case end: m_fields.end = TimeOfDay::parse(value).value_or(TimeOfDay{}); break;
    case from: m_fields.from = Date::parse(value).value_or(Date{}); break;
    case until: m_fields.until = Date::parse(value).value_or(Date{}); break;
    default: m_fields.date = Date::parse(value).value_or(Date{}); break;
    }
    m_present |= m_member;
    return true;
}

bool ScheduleReader::end_object()
{
    if (m_skipping > 0) {
        --m_skipping;
        return true;
    }
    --m_depth;
    if (m_depth == 0) {
        m_done = true;
        return true;
    }
    // The end of one rule or date.
    if (m_list == List::weekly) {
        if ((m_present & k_weekly_members) != k_weekly_members)
            return fail("a weekly rule lacks one of weekday, start, end, from, until, every_weeks");
        m_schedule.weekly.push_back(WeeklyRule{m_fields.weekday, m_fields.start, m_fields.end, m_fields.from,
                                               m_fields.until, m_fields.every_weeks});
    } else {
        if ((m_present & k_date_members) != k_date_members)
            return fail("a single date lacks one of date, start, end");
        m_schedule.dates.push_back(SingleDate{m_fields.date, m_fields.start, m_fields.end});
    }
    return true;
}

// Feeds `reader` the SAX events of `text` when it is JSON as schedule_to_json writes it: ASCII strings
// without escapes, whole numbers, true, false, null, white space anywhere, nesting up to 8 levels.
// False, with nothing decided, when the text is anything else: nlohmann's parser then reads it (and
// says what is wrong with it). The lexer of nlohmann's was most of what a schedule's reading still
// cost (callgrind, the bench's schedules: 24,000 instructions each through it, 9,700 with this scanner,
// the schedule's vectors and dates included).
bool read_plain_json(std::string_view text, ScheduleReader& reader)
{
    constexpr std::size_t k_max_depth = 8;
    std::array<char, k_max_depth> open{};  // '{' or '[' of each open container
    std::size_t depth = 0;
    std::size_t at = 0;
    std::string piece;
    auto skip_space = [&] {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
            ++at;
    };
    // A string at `at` into `piece`; false when it is not a plain one.
    auto read_string = [&] {
        if (at >= text.size() || text[at] != '"')
            return false;
        const std::size_t begin = ++at;
        while (at < text.size() && text[at] != '"') {
            const auto byte = static_cast<unsigned char>(text[at]);
            if (byte == '\\' || byte < 0x20 || byte >= 0x80)
                return false;
            ++at;
        }
        if (at >= text.size())
            return false;
        piece.assign(text.substr(begin, at - begin));
        ++at;
        return true;
    };
    // A key and its colon, inside an object.
    auto read_key = [&] {
        skip_space();
        if (!read_string())
            return false;
        skip_space();
        if (at >= text.size() || text[at] != ':')
            return false;
        ++at;
        return true;
    };
    // Each turn reads one value, then what closes or follows it. `going` is false once the reader
    // has refused something (its error is then the answer, so the text counts as read).
    bool going = true;
    while (going) {
        skip_space();
        if (at >= text.size())
            return false;
        const char c = text[at];
        if (c == '{' || c == '[') {
            if (depth == k_max_depth)
                return false;
            open[depth++] = c;
            ++at;
            going = c == '{' ? reader.start_object(std::size_t(-1)) : reader.start_array(std::size_t(-1));
            skip_space();
            if (at < text.size() && text[at] == (c == '{' ? '}' : ']')) {
                ++at;
                --depth;
                going = going && (c == '{' ? reader.end_object() : reader.end_array());
            } else if (c == '{') {
                if (!read_key())
                    return false;
                going = going && reader.key(piece);
                continue;
            } else {
                continue;
            }
        } else if (c == '"') {
            if (!read_string())
                return false;
            going = reader.string(piece);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const std::size_t begin = at;
            if (c == '-')
                ++at;
            const std::size_t digits = at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9')
                ++at;
            const std::size_t count = at - digits;
            if (count == 0 || count > 18 || (count > 1 && text[digits] == '0'))
                return false;
            if (at < text.size() && (text[at] == '.' || text[at] == 'e' || text[at] == 'E'))
                return false;
            std::int64_t value = 0;
            for (std::size_t i = digits; i < at; ++i)
                value = value * 10 + (text[i] - '0');
            going = text[begin] == '-' ? reader.number_integer(-value)
                                       : reader.number_unsigned(static_cast<std::uint64_t>(value));
        } else if (text.substr(at, 4) == "null") {
            at += 4;
            going = reader.null();
        } else if (text.substr(at, 4) == "true") {
            at += 4;
            going = reader.boolean(true);
        } else if (text.substr(at, 5) == "false") {
            at += 5;
            going = reader.boolean(false);
        } else {
            return false;
        }
        // After a value: the end of the text, a comma, or the end of containers.
        while (going) {
            skip_space();
            if (depth == 0)
                return at == text.size();
            if (at >= text.size())
                return false;
            const char next = text[at++];
            if (next == ',') {
                if (open[depth - 1] == '{') {
                    if (!read_key())
                        return false;
                    going = reader.key(piece);
                }
                break;
            }
            if (next != (open[depth - 1] == '{' ? '}' : ']'))
                return false;
            --depth;
            going = next == '}' ? reader.end_object() : reader.end_array();
        }
    }
    return true;
}

}  // namespace

Result<Schedule> schedule_from_json(std::string_view text)
{
    {
        ScheduleReader reader;
        if (read_plain_json(text, reader))
            return reader.take();
    }
    ScheduleReader reader;
    nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &reader);
    return reader.take();
}

}  // namespace lotsen::store_internal
