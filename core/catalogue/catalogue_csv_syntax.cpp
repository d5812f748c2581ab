// catalogue_csv_syntax.cpp — the spreadsheet's syntax below its columns: records (RFC 4180) and the
// cell syntax (lists, weekly and date entries, numbers, yes/no). See catalogue_csv_syntax.hpp.
#include "core/catalogue/catalogue_csv_syntax.hpp"

#include "core/base/text_checks.hpp"
#include "core/catalogue/catalogue_csv_words.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>

namespace lotsen::catalogue_csv_detail {

namespace {

constexpr const char* k_weekday_list = "mån, tis, ons, tor, fre, lör, sön or mon, tue, wed, thu, fri, sat, sun; "
                                       "whole names too, such as \"tisdag\" or \"tisdagar\"";

// "18:00", and as Swedish sheets write it "18.00" or "18".
std::optional<TimeOfDay> parse_time(std::string_view text)
{
    std::string normal(trim(text));
    if (normal.size() <= 2 && !normal.empty() &&
        std::all_of(normal.begin(), normal.end(), [](char c) { return c >= '0' && c <= '9'; }))
        normal += ":00";
    std::replace(normal.begin(), normal.end(), '.', ':');
    if (normal.size() == 4 && normal[1] == ':')
        normal.insert(0, "0");  // "9:30"
    return TimeOfDay::parse(normal);
}

}  // namespace

// "18:00-20:00", spaces around the dash allowed; also "18.00–20.00" (an en or em dash, as word
// processors and Excel's autocorrect write it), "18-20" and a leading "kl." ("kl 18-20").
std::optional<TimeRange> parse_time_range(std::string_view text)
{
    std::string normal(trim(text));
    for (const std::string_view dash : {std::string_view("\xE2\x80\x93"), std::string_view("\xE2\x80\x94")}) {
        for (std::size_t at = normal.find(dash); at != std::string::npos; at = normal.find(dash))
            normal.replace(at, dash.size(), "-");
    }
    const std::string folded = fold_word(normal);
    if (folded.rfind("kl.", 0) == 0)
        normal.erase(0, 3);
    else if (folded.rfind("kl ", 0) == 0)
        normal.erase(0, 3);
    const std::size_t dash = normal.find('-');
    if (dash == std::string::npos)
        return std::nullopt;
    const auto start = parse_time(std::string_view(normal).substr(0, dash));
    const auto end = parse_time(std::string_view(normal).substr(dash + 1));
    if (!start || !end)
        return std::nullopt;
    return TimeRange{*start, *end};
}

namespace {

// Splits "<head> <rest>" at the first run of spaces.
std::pair<std::string_view, std::string_view> split_head(std::string_view entry)
{
    const std::size_t space = entry.find_first_of(" \t");
    if (space == std::string_view::npos)
        return {entry, {}};
    return {entry.substr(0, space), trim(entry.substr(space))};
}

}  // namespace

std::string_view trim(std::string_view text)
{
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

// Splits a cell's list on '|', trimming each entry and dropping empty ones (a trailing '|' is harmless).
std::vector<std::string> split_list(std::string_view cell)
{
    std::vector<std::string> items;
    while (true) {
        const std::size_t bar = cell.find('|');
        const std::string_view item = trim(cell.substr(0, bar));
        if (!item.empty())
            items.emplace_back(item);
        if (bar == std::string_view::npos)
            return items;
        cell.remove_prefix(bar + 1);
    }
}

std::vector<std::string> split_word_list(std::string_view cell)
{
    std::string bars(cell);
    std::replace(bars.begin(), bars.end(), ',', '|');
    return split_list(bars);
}

std::optional<std::int64_t> parse_integer(std::string_view text)
{
    std::int64_t value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+')
        ++first;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last || first == last)
        return std::nullopt;
    return value;
}

// Decimal degrees with '.' or ',' as the decimal mark (Swedish Excel writes 56,648).
std::optional<double> parse_decimal(std::string_view text)
{
    std::string normal(text);
    std::replace(normal.begin(), normal.end(), ',', '.');
    // The shape is checked first: from_chars alone would also take "1e5", "inf" and "nan".
    std::size_t i = normal.size() > 0 && normal[0] == '-' ? 1 : 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < normal.size() && normal[i] >= '0' && normal[i] <= '9')
            ++i;
        return i > start;
    };
    if (!digits())
        return std::nullopt;
    if (i < normal.size() && normal[i] == '.') {
        ++i;
        if (!digits())
            return std::nullopt;
    }
    if (i != normal.size())
        return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(normal.data(), normal.data() + normal.size(), value);
    if (error != std::errc() || end != normal.data() + normal.size())
        return std::nullopt;
    return value;
}

std::optional<bool> parse_yes_no(std::string_view text)
{
    const std::string word = ascii_lower(text);
    // SANT and FALSKT are what Swedish Excel writes for TRUE and FALSE.
    if (word == "yes" || word == "ja" || word == "true" || word == "sant" || word == "1")
        return true;
    if (word == "no" || word == "nej" || word == "false" || word == "falskt" || word == "0")
        return false;
    return std::nullopt;
}

std::optional<WeeklyEntry> parse_weekly_entry(std::string_view entry, std::string& why)
{
    const auto parsed = parse_day(entry, why);
    if (!parsed)
        return std::nullopt;
    const auto times = parse_time_range(parsed->second);
    if (!times) {
        why = quote_for_message(parsed->second) + " is not a time range like \"18:00-20:00\" or \"18-20\"";
        return std::nullopt;
    }
    WeeklyEntry weekly = parsed->first;
    weekly.times = *times;
    return weekly;
}

std::optional<std::pair<WeeklyEntry, std::string_view>> parse_day(std::string_view entry, std::string& why)
{
    auto [head, rest] = split_head(trim(entry));
    WeeklyEntry parsed;
    if (fold_word(head) == "varannan") {  // "varannan tisdag": every other week
        parsed.every_weeks = 2;
        std::tie(head, rest) = split_head(rest);
    }
    const std::string day_part(head);
    const std::size_t slash = day_part.find('/');
    const std::string day = day_part.substr(0, slash);
    const auto weekday = weekday_for_word(day);
    if (!weekday) {
        why = quote_for_message(day) + " is not a weekday (" + k_weekday_list + ")";
        return std::nullopt;
    }
    parsed.iso_weekday = *weekday;
    if (slash != std::string::npos) {
        // The range (1-8) is the JSON reader's rule; only the syntax is checked here.
        const std::string_view every = std::string_view(day_part).substr(slash + 1);
        const auto weeks = parse_integer(every);
        if (!weeks || every.size() > 2 || every.front() == '+' || *weeks < 0) {
            why = quote_for_message(every) + " after \"/\" is not a number of weeks";
            return std::nullopt;
        }
        parsed.every_weeks = static_cast<int>(*weeks);
    }
    return std::pair{parsed, rest};
}

// "2026-12-05 10:00-14:00".
std::optional<SingleDate> parse_date_entry(std::string_view entry, std::string& why)
{
    const auto [head, rest] = split_head(entry);
    const auto date = Date::parse(head);
    if (!date) {
        why = quote_for_message(head) + " is not a date YYYY-MM-DD";
        return std::nullopt;
    }
    const auto times = parse_time_range(rest);
    if (!times) {
        why = quote_for_message(rest) + " is not a time range like \"10:00-14:00\"";
        return std::nullopt;
    }
    return SingleDate{*date, times->start, times->end};
}

bool CsvSplitter::next(CsvRecord& record)
{
    if (m_pos >= m_text.size())
        return false;
    record.row = ++m_row;
    record.fields.clear();
    record.issues.clear();
    for (;;) {
        const std::size_t index = record.fields.size();
        record.fields.push_back(m_pos < m_text.size() && m_text[m_pos] == '"' ? quoted_field(record, index)
                                                                               : plain_field(record, index));
        if (m_pos >= m_text.size())
            return true;
        const char end = m_text[m_pos++];
        if (end == m_separator)
            continue;
        if (end == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n')
            ++m_pos;
        return true;
    }
}

bool CsvSplitter::at_field_end() const
{
    const char c = m_text[m_pos];
    return c == m_separator || c == '\n' || c == '\r';
}

std::string CsvSplitter::plain_field(CsvRecord& record, std::size_t index)
{
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && !at_field_end())
        ++m_pos;
    std::string field(m_text.substr(start, m_pos - start));
    if (field.find('"') != std::string::npos)
        record.issues.emplace_back(index, "a quote (\") inside an unquoted field; quote the whole field "
                                          "and double the quotes in it");
    return field;
}

std::string CsvSplitter::quoted_field(CsvRecord& record, std::size_t index)
{
    std::string field;
    ++m_pos;  // opening quote
    bool closed = false;
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos++];
        if (c == '"') {
            if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                field += '"';
                ++m_pos;
                continue;
            }
            closed = true;
            break;
        }
        if (c == '\r') {
            // Line breaks inside a cell become "\n" whatever the file uses.
            if (m_pos < m_text.size() && m_text[m_pos] == '\n')
                ++m_pos;
            field += '\n';
            continue;
        }
        field += c;
    }
    if (!closed) {
        record.issues.emplace_back(index, "the quoted field is not closed before the end of the file");
        return field;
    }
    const std::size_t stray = m_pos;
    while (m_pos < m_text.size() && !at_field_end())
        field += m_text[m_pos++];
    if (m_pos > stray)
        record.issues.emplace_back(index, "text after the closing quote; a quoted field must end at the "
                                          "separator");
    return field;
}

char detect_separator(std::string_view text)
{
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == '\n' || c == '\r')
                break;
            commas += c == ',';
            semicolons += c == ';';
        }
    }
    return semicolons > commas ? ';' : ',';
}

}  // namespace lotsen::catalogue_csv_detail
