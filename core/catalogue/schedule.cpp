// schedule.cpp — turns weekly rules, single dates and cancellations into concrete occurrences.
//
// Everything is done on local calendar days (days since 1970-01-01 on the Swedish wall calendar):
// the window [from, to) is turned into a slightly wider range of local days, each weekly rule walks
// only the days of that range that fall inside its validity, and every candidate is then checked
// against the exact instants. The cost is proportional to the occurrences in the window, never to
// how long a rule is valid.
#include "core/catalogue/schedule.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace lotsen {

namespace {

constexpr std::int64_t k_seconds_per_day = 86400;
constexpr std::int64_t k_minutes_per_day = 1440;

// Instants outside years 0001..9999 are clamped: chrono's calendar and the date arithmetic below
// stay far from overflow, and no catalogue date can lie outside that range anyway.
constexpr UnixSeconds k_earliest = -62135596800;  // 0001-01-01T00:00:00Z
constexpr UnixSeconds k_latest = 253402300800;    // 10000-01-01T00:00:00Z

std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Smallest value >= `value` that is congruent to `anchor` modulo `step` (step > 0).
std::int64_t first_aligned_at_or_after(std::int64_t value, std::int64_t anchor, std::int64_t step)
{
    const std::int64_t k = floor_div(value - anchor + step - 1, step);
    return anchor + k * step;
}

// Collects occurrences for one expansion; holds the window and the cancelled days.
class Expander {
public:
    Expander(const Schedule& schedule, UnixSeconds from, UnixSeconds to)
        : m_from(from)
        , m_to(to)
    {
        // A local day starts 1 or 2 hours before the UTC day of the same number, so an occurrence
        // starting at instant t lies on local day floor(t / 86400) or the next one. One extra day on
        // each side is cheap and keeps the skipped and repeated hours well inside the range.
        m_first_day = floor_div(from, k_seconds_per_day) - 1;
        m_last_day = floor_div(to, k_seconds_per_day) + 1;

        m_cancelled.reserve(schedule.cancelled.size());
        for (const Date& date : schedule.cancelled)
            m_cancelled.push_back(date.days_since_epoch());
        std::sort(m_cancelled.begin(), m_cancelled.end());
    }

    void add_weekly(const WeeklyRule& rule)
    {
        if (rule.iso_weekday < 1 || rule.iso_weekday > 7 || rule.valid_until < rule.valid_from)
            return;
        const std::int64_t valid_first = rule.valid_from.days_since_epoch();
        const std::int64_t valid_last = rule.valid_until.days_since_epoch();
        const std::int64_t first = std::max(m_first_day, valid_first);
        const std::int64_t last = std::min(m_last_day, valid_last);
        if (first > last)
            return;

        // every_weeks counts from the ISO week of valid_from: the rule's weekday in that week is the
        // anchor (it may precede valid_from; validity still clips it), and occurrences repeat every
        // 7 * every_weeks days from it.
        const std::int64_t every_weeks = std::max(1, rule.every_weeks);
        const std::int64_t monday_of_first_week = valid_first - (rule.valid_from.iso_weekday() - 1);
        const std::int64_t anchor = monday_of_first_week + (rule.iso_weekday - 1);
        const std::int64_t step = 7 * every_weeks;
        for (std::int64_t day = first_aligned_at_or_after(first, anchor, step); day <= last; day += step)
            add(day, rule.start, rule.end);
    }

    void add_single(const SingleDate& single)
    {
        const std::int64_t day = single.date.days_since_epoch();
        if (day >= m_first_day && day <= m_last_day)
            add(day, single.start, single.end);
    }

    // Sorted by start; occurrences with the same start instant are merged into one that lasts
    // until the latest of their ends, so a single date repeating a weekly occurrence counts once.
    std::vector<Occurrence> take()
    {
        std::sort(m_occurrences.begin(), m_occurrences.end());
        std::vector<Occurrence> merged;
        merged.reserve(m_occurrences.size());
        for (const Occurrence& occurrence : m_occurrences) {
            if (!merged.empty() && merged.back().start == occurrence.start)
                merged.back().end = std::max(merged.back().end, occurrence.end);
            else
                merged.push_back(occurrence);
        }
        return merged;
    }

private:
    void add(std::int64_t day, TimeOfDay start_time, TimeOfDay end_time)
    {
        if (std::binary_search(m_cancelled.begin(), m_cancelled.end(), day))
            return;
        const Date date = Date::from_days_since_epoch(day);
        const UnixSeconds start = stockholm::to_utc(LocalDateTime{date, start_time});
        if (start < m_from || start >= m_to)
            return;

        const bool past_midnight = end_time <= start_time;
        const Date end_date = past_midnight ? date.plus_days(1) : date;
        UnixSeconds end = stockholm::to_utc(LocalDateTime{end_date, end_time});
        if (end <= start) {
            // Only possible when the start falls in the hour skipped in spring and is pushed past
            // the end (02:30–03:00 becomes 03:30 CEST–03:00 CEST). Keep the printed duration.
            const std::int64_t minutes = end_time.minutes - start_time.minutes
                                         + (past_midnight ? k_minutes_per_day : 0);
            end = start + minutes * 60;
        }
        // local_start is the wall-clock time as printed, even when the skipped hour moved it.
        m_occurrences.push_back(Occurrence{start, end, LocalDateTime{date, start_time}});
    }

    UnixSeconds m_from;
    UnixSeconds m_to;
    std::int64_t m_first_day = 0;
    std::int64_t m_last_day = 0;
    std::vector<std::int64_t> m_cancelled;  ///< local days, sorted
    std::vector<Occurrence> m_occurrences;
};

}  // namespace

std::vector<Occurrence> expand(const Schedule& schedule, UnixSeconds from, UnixSeconds to)
{
    from = std::clamp(from, k_earliest, k_latest);
    to = std::clamp(to, k_earliest, k_latest);
    if (from >= to)
        return {};

    Expander expander{schedule, from, to};
    for (const WeeklyRule& rule : schedule.weekly)
        expander.add_weekly(rule);
    for (const SingleDate& single : schedule.dates)
        expander.add_single(single);
    return expander.take();
}

std::optional<Occurrence> next_occurrence(const Schedule& schedule, UnixSeconds now, int horizon_days)
{
    // An occurrence lasts at most 24 hours of wall clock plus the hour repeated in autumn, so one
    // that is still running at `now` started less than 25 hours ago; 26 leaves a margin.
    constexpr UnixSeconds k_longest_running = 26 * 3600;
    now = std::clamp(now, k_earliest + k_longest_running, k_latest);
    const UnixSeconds horizon_end = std::min(
        k_latest, now + static_cast<UnixSeconds>(std::max(0, horizon_days)) * k_seconds_per_day);

    // Most activities recur weekly, so look at the coming week first and widen only when it is
    // empty; a kiosk asking for the next occurrence of every activity then rarely expands a year.
    UnixSeconds window_begin = now - k_longest_running;
    UnixSeconds window_end = std::min(horizon_end, now + 8 * k_seconds_per_day);
    while (true) {
        for (const Occurrence& occurrence : expand(schedule, window_begin, window_end)) {
            if (occurrence.end > now)
                return occurrence;
        }
        if (window_end >= horizon_end)
            return std::nullopt;
        window_begin = window_end;
        window_end = std::min(horizon_end, window_end + 64 * k_seconds_per_day);
    }
}

}  // namespace lotsen
