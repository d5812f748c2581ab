// civil_time.hpp — calendar dates, wall-clock times and the Europe/Stockholm time zone.
//
// Catalogue times are local wall-clock times in Sweden. Sweden follows the EU summer-time rule
// (Directive 2000/84/EC): CEST (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October, CET (UTC+1) otherwise. The rule is computed, not read from tzdata, so a
// kiosk image without zoneinfo still gets it right.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// Seconds since the Unix epoch (UTC).
using UnixSeconds = std::int64_t;

/// A calendar date (proleptic Gregorian).
struct Date {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31

    auto operator<=>(const Date&) const = default;

    /// Days since 1970-01-01.
    std::int64_t days_since_epoch() const;
    /// The date `days` days since 1970-01-01.
    static Date from_days_since_epoch(std::int64_t days);
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    int iso_weekday() const;
    /// This date plus `days` (may be negative).
    Date plus_days(int days) const;
    /// "YYYY-MM-DD".
    std::string to_string() const;
    /// Parses a strict "YYYY-MM-DD" that names a real date; nullopt otherwise.
    static std::optional<Date> parse(std::string_view text);
};

/// A wall-clock time of day in minutes after midnight (0..1439).
struct TimeOfDay {
    int minutes = 0;

    auto operator<=>(const TimeOfDay&) const = default;
    int hour() const { return minutes / 60; }
    int minute() const { return minutes % 60; }
    /// "HH:MM".
    std::string to_string() const;
    /// Parses a strict "HH:MM" (00:00..23:59); nullopt otherwise.
    static std::optional<TimeOfDay> parse(std::string_view text);
};

/// A local date and time in Sweden.
struct LocalDateTime {
    Date date;
    TimeOfDay time;
    auto operator<=>(const LocalDateTime&) const = default;
};

/// The Europe/Stockholm time zone (EU rule, see the file comment).
namespace stockholm {

/// UTC offset in seconds (3600 or 7200) in force at instant `t`.
int utc_offset_at(UnixSeconds t);

/// The local wall-clock date and time at instant `t`.
LocalDateTime to_local(UnixSeconds t);

/// The instant of a local wall-clock time. A time that does not exist (the hour skipped in spring)
/// is moved forward by the gap (02:30 → 03:30 CEST); a time that happens twice (the repeated hour in
/// autumn) resolves to its first, summer-time occurrence.
UnixSeconds to_utc(const LocalDateTime& local);

/// The instant local midnight begins on `date`.
UnixSeconds start_of_day(const Date& date);

}  // namespace stockholm

/// Now, as Unix seconds.
UnixSeconds unix_now();

/// True when the kernel says the system clock is synchronised (NTP); a Pi has no battery clock,
/// so events record this and the hub corrects skew.
bool system_clock_synchronised();

}  // namespace lotsen
