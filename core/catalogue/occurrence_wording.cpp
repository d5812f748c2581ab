// occurrence_wording.cpp — "on now", "starts in 20 min", "today", "tomorrow" and weekday dates.
#include "core/catalogue/occurrence_wording.hpp"

#include <algorithm>

namespace lotsen {

namespace {

// Left-to-right isolate and its end: the text layout honours them and never draws them.
constexpr std::string_view k_lri = "\u2066";
constexpr std::string_view k_pdi = "\u2069";

std::string isolated(const std::string& numbers)
{
    return std::string(k_lri) + numbers + std::string(k_pdi);
}

std::string short_date(const StringTables& tables, std::string_view language, const Date& day)
{
    static const char* const weekday_keys[] = {"", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return std::string(tables.get(language, weekday_keys[day.iso_weekday()])) + " " +
           isolated(std::to_string(day.day) + "/" + std::to_string(day.month));
}

}  // namespace

Date listing_day(const Occurrence& occurrence, UnixSeconds now)
{
    const Date today = stockholm::to_local(now).date;
    if (occurrence.local_start.date < today && occurrence.end > now)
        return today;
    return occurrence.local_start.date;
}

OccurrenceWhen when_of(const Occurrence& occurrence, UnixSeconds now)
{
    OccurrenceWhen when;
    when.day = listing_day(occurrence, now);
    // Calendar days, not 86 400-second steps: the days around a DST change last 23 or 25 hours.
    const std::int64_t days_ahead = when.day.days_since_epoch() - stockholm::to_local(now).date.days_since_epoch();
    if (occurrence.start <= now && now < occurrence.end) {
        when.kind = WhenKind::running;
    } else if (occurrence.start > now && occurrence.start - now <= starting_soon_minutes * 60) {
        // Instants, not wall-clock times, so "in 20 min" holds across midnight and the DST change.
        when.kind = WhenKind::starting_soon;
        when.minutes_until = static_cast<int>((occurrence.start - now + 59) / 60);
    } else if (days_ahead == 0) {
        when.kind = WhenKind::today;
    } else if (days_ahead == 1) {
        when.kind = WhenKind::tomorrow;
    } else {
        when.kind = WhenKind::later;
    }
    return when;
}

std::string day_label(const StringTables& tables, std::string_view language, const Date& day, UnixSeconds now)
{
    const std::int64_t days_ahead = day.days_since_epoch() - stockholm::to_local(now).date.days_since_epoch();
    if (days_ahead == 0)
        return std::string(tables.get(language, "day_today"));
    if (days_ahead == 1)
        return std::string(tables.get(language, "day_tomorrow"));
    return short_date(tables, language, day);
}

std::string describe_occurrence(const StringTables& tables, std::string_view language, const Occurrence& occurrence,
                                UnixSeconds now)
{
    const std::string times =
        isolated(occurrence.local_start.time.to_string() + "–" + stockholm::to_local(occurrence.end).time.to_string());
    const OccurrenceWhen when = when_of(occurrence, now);
    switch (when.kind) {
    case WhenKind::running:
        return std::string(tables.get(language, "when_now")) + " · " + times;
    case WhenKind::starting_soon:
        return tables.format_count(language, "when_in_minutes", "minutes", static_cast<std::uint64_t>(when.minutes_until)) +
               " · " + times;
    case WhenKind::today:
    case WhenKind::tomorrow:
        return day_label(tables, language, when.day, now) + " " + times;
    case WhenKind::later:
        break;
    }
    return short_date(tables, language, occurrence.local_start.date) + " " + times;
}

}  // namespace lotsen
