// months.hpp — the periods the office publishes anonymous counts for: whole, completed calendar
// months (Swedish time), the last 24. One choice for every page that counts (/stats, /wishes), so
// no two published tables overlap and none can be subtracted from another (docs/office.md,
// "Differencing across date ranges").
#pragma once

#include "core/time/civil_time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub::office {

/// A calendar month, "YYYY-MM".
struct Month {
    int year = 0;
    int month = 0;
    /// "YYYY-MM".
    std::string text() const;
    /// The month before.
    Month previous() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
    /// Its first and last day.
    Date first_day() const { return Date{year, month, 1}; }
    Date last_day() const { return (month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1}).plus_days(-1); }
    bool operator==(const Month&) const = default;
};

/// "YYYY-MM" read as a month; nothing for anything else.
std::optional<Month> parse_month(const std::string& text);

/// The months a page offers at `now`: the 24 completed ones, newest first.
std::vector<Month> offered_months(UnixSeconds now);

}  // namespace lotsen::hub::office
