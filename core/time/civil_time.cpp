// civil_time.cpp — Gregorian calendar arithmetic and the Europe/Stockholm (EU) summer-time rule.
#include "core/time/civil_time.hpp"

#include <chrono>
#include <cstdio>

#include <sys/timex.h>

namespace lotsen {

namespace chr = std::chrono;

std::int64_t Date::days_since_epoch() const
{
    const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                  chr::day{static_cast<unsigned>(day)}};
    return chr::sys_days{ymd}.time_since_epoch().count();
}

Date Date::from_days_since_epoch(std::int64_t days)
{
    const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int Date::iso_weekday() const
{
    return static_cast<int>(chr::weekday{chr::sys_days{chr::days{days_since_epoch()}}}.iso_encoding());
}

Date Date::plus_days(int days) const
{
    return from_days_since_epoch(days_since_epoch() + days);
}

std::string Date::to_string() const
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

namespace {

// Parses exactly `count` ASCII digits at `text[offset]`; -1 when any is not a digit.
int parse_digits(std::string_view text, std::size_t offset, std::size_t count)
{
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[offset + i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const int y = parse_digits(text, 0, 4);
    const int m = parse_digits(text, 5, 2);
    const int d = parse_digits(text, 8, 2);
    if (y < 1900 || m < 1 || d < 1)
        return std::nullopt;
    const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                  chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return Date{y, m, d};
}

std::string TimeOfDay::to_string() const
{
    char buffer[16];  // room for any int, so -Wformat-truncation stays quiet
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour(), minute());
    return buffer;
}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    const int h = parse_digits(text, 0, 2);
    const int m = parse_digits(text, 3, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return std::nullopt;
    return TimeOfDay{h * 60 + m};
}

namespace stockholm {

namespace {

constexpr int k_cet = 3600;
constexpr int k_cest = 7200;

// Midnight UTC of the last Sunday of `month` in `year`.
std::int64_t last_sunday_days(int year, unsigned month)
{
    const chr::sys_days last{chr::year_month_weekday_last{chr::year{year}, chr::month{month},
                                                          chr::weekday_last{chr::Sunday}}};
    return last.time_since_epoch().count();
}

// Summer time begins and ends at 01:00 UTC on the last Sundays of March and October.
UnixSeconds summer_begins(int year) { return last_sunday_days(year, 3) * 86400 + 3600; }
UnixSeconds summer_ends(int year) { return last_sunday_days(year, 10) * 86400 + 3600; }

int year_of(UnixSeconds t)
{
    const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
    return Date::from_days_since_epoch(days).year;
}

}  // namespace

int utc_offset_at(UnixSeconds t)
{
    const int year = year_of(t);
    return (t >= summer_begins(year) && t < summer_ends(year)) ? k_cest : k_cet;
}

LocalDateTime to_local(UnixSeconds t)
{
    const UnixSeconds local = t + utc_offset_at(t);
    const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
    const std::int64_t seconds_of_day = local - days * 86400;
    return LocalDateTime{Date::from_days_since_epoch(days),
                         TimeOfDay{static_cast<int>(seconds_of_day / 60)}};
}

UnixSeconds to_utc(const LocalDateTime& local)
{
    const UnixSeconds wall = local.date.days_since_epoch() * 86400 + local.time.minutes * 60;
    // Try summer time first so a repeated autumn hour resolves to its first (CEST) occurrence.
    const UnixSeconds as_summer = wall - k_cest;
    if (utc_offset_at(as_summer) == k_cest)
        return as_summer;
    const UnixSeconds as_winter = wall - k_cet;
    if (utc_offset_at(as_winter) == k_cet)
        return as_winter;
    // Neither reading is consistent: the wall time falls in the hour skipped in spring. Reading it
    // with the winter offset lands one hour later on the summer clock (02:30 → 03:30 CEST).
    return as_winter;
}

UnixSeconds start_of_day(const Date& date)
{
    return to_utc(LocalDateTime{date, TimeOfDay{0}});
}

}  // namespace stockholm

UnixSeconds unix_now()
{
    return chr::duration_cast<chr::seconds>(chr::system_clock::now().time_since_epoch()).count();
}

bool system_clock_synchronised()
{
    // adjtimex() with no modes only reads; TIME_ERROR or STA_UNSYNC mean not synchronised.
    timex state{};
    const int result = adjtimex(&state);
    return result != -1 && result != TIME_ERROR && (state.status & STA_UNSYNC) == 0;
}

}  // namespace lotsen
