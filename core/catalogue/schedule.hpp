// schedule.hpp — expands an activity's schedule into concrete occurrences in Europe/Stockholm time.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/catalogue/model.hpp"

#include <vector>

namespace lotsen {

/// One concrete time an activity happens.
struct Occurrence {
    UnixSeconds start = 0;  ///< instant it starts (UTC)
    UnixSeconds end = 0;    ///< instant it ends (UTC), > start
    LocalDateTime local_start;  ///< wall-clock start in Sweden, as printed in the catalogue
    auto operator<=>(const Occurrence&) const = default;
};

/// Every occurrence of `schedule` that starts in [from, to), sorted by start, without duplicates
/// (a single date that coincides with a weekly occurrence counts once). Occurrences on cancelled
/// dates are left out. Wall-clock times are kept across DST changes (a 18:00 rule stays at 18:00).
std::vector<Occurrence> expand(const Schedule& schedule, UnixSeconds from, UnixSeconds to);

/// The first occurrence that has not ended at `now`, looking at most `horizon_days` ahead.
std::optional<Occurrence> next_occurrence(const Schedule& schedule, UnixSeconds now, int horizon_days = 366);

}  // namespace lotsen
