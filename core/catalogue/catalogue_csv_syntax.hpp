// catalogue_csv_syntax.hpp — inside the CSV catalogue import (not for other modules): the syntax of
// the spreadsheet below its columns. Records (RFC 4180, separator detected from the header row) and
// the cell syntax: lists "a | b", "tue/2 18:00-20:00", "2026-12-05 10:00-14:00", numbers, yes/no.
#pragma once

#include "core/catalogue/model.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::catalogue_csv_detail {

/// `text` without spaces, tabs and line breaks at either end.
std::string_view trim(std::string_view text);


/// Splits a cell's list on '|', trimming each entry and dropping empty ones (a trailing '|' is harmless).
std::vector<std::string> split_list(std::string_view cell);

/// Splits a list of words on '|' or ',' ("handarbete, samtal"): for cells whose entries never hold a
/// comma (interests, languages, accessibility, audience, days).
std::vector<std::string> split_word_list(std::string_view cell);

/// A whole cell as a decimal integer ("+5" allowed); nullopt for anything else.
std::optional<std::int64_t> parse_integer(std::string_view text);

/// Decimal degrees with '.' or ',' as the decimal mark (Swedish Excel writes 56,648).
std::optional<double> parse_decimal(std::string_view text);

/// yes/ja/true/sant/1 or no/nej/false/falskt/0, in any case.
std::optional<bool> parse_yes_no(std::string_view text);

/// "18:00-20:00".
struct TimeRange {
    TimeOfDay start;
    TimeOfDay end;
};

/// One entry of a weekly cell.
struct WeeklyEntry {
    int iso_weekday = 0;
    int every_weeks = 1;
    TimeRange times;
};

/// "tue 18:00-20:00", "tue/2 18:00-20:00", "tisdagar 18-20", "varannan tisdag 18.00–20.00". On
/// failure, `why` says what was wrong (and lists the weekdays).
std::optional<WeeklyEntry> parse_weekly_entry(std::string_view entry, std::string& why);

/// The day at the start of an entry ("tis", "tue/2", "varannan tisdag"), with what follows it; the
/// entry's times are left at 00:00. On failure, `why` says what was wrong.
std::optional<std::pair<WeeklyEntry, std::string_view>> parse_day(std::string_view entry, std::string& why);

/// "18:00-20:00", "18.00–20.00", "18-20", "kl. 18-20".
std::optional<TimeRange> parse_time_range(std::string_view text);

/// "2026-12-05 10:00-14:00". On failure, `why` says what was wrong.
std::optional<SingleDate> parse_date_entry(std::string_view entry, std::string& why);

/// One CSV record: its row number (the header is row 1), its fields, and syntax trouble per field.
struct CsvRecord {
    std::size_t row = 0;
    std::vector<std::string> fields;
    std::vector<std::pair<std::size_t, std::string>> issues;  // field index, reason
};

/// Splits RFC 4180 text into records. Quoted fields may hold separators, doubled quotes and line
/// breaks; a line break inside a quoted field is kept as "\n" and does not start a new row number.
class CsvSplitter {
public:
    CsvSplitter(std::string_view text, char separator) : m_text(text), m_separator(separator) {}

    /// Reads the next record into `record`; false at the end of the text.
    bool next(CsvRecord& record);

private:
    bool at_field_end() const;
    std::string plain_field(CsvRecord& record, std::size_t index);
    std::string quoted_field(CsvRecord& record, std::size_t index);

    std::string_view m_text;
    char m_separator;
    std::size_t m_pos = 0;
    std::size_t m_row = 0;
};

/// The separator is whichever of ',' and ';' the header row (outside quotes) uses more.
char detect_separator(std::string_view text);

}  // namespace lotsen::catalogue_csv_detail
