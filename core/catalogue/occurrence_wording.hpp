// occurrence_wording.hpp — when an occurrence is, said the way a visitor asks: "on now", "starts in
// 20 min", "today 18:00–20:00", "tomorrow …", "thu 26/11 …"; and the day a list files it under. Times
// are the kiosk's clock in Sweden's time zone (civil_time.hpp), days are local calendar days.
#pragma once

#include "core/catalogue/schedule.hpp"
#include "core/i18n/strings.hpp"
#include "core/time/civil_time.hpp"

#include <string>
#include <string_view>

namespace lotsen {

/// How near in time an occurrence is, seen from now.
enum class WhenKind {
    running,        ///< started and not yet ended
    starting_soon,  ///< starts within starting_soon_minutes
    today,          ///< later today
    tomorrow,       ///< on the next local day
    later,          ///< on a later day (or, ended, on an earlier one)
};

/// Up to this many minutes ahead an occurrence "starts in N min".
inline constexpr int starting_soon_minutes = 60;

/// Where an occurrence stands against now.
struct OccurrenceWhen {
    WhenKind kind = WhenKind::later;
    int minutes_until = 0;  ///< whole minutes until the start, rounded up (starting_soon only)
    Date day;               ///< the local day a list files it under (see listing_day)
};

/// The local day under which a list shows `occurrence`: its start's date, or today when it started
/// before today and is still running (past midnight).
Date listing_day(const Occurrence& occurrence, UnixSeconds now);

/// Classifies `occurrence` against `now`.
OccurrenceWhen when_of(const Occurrence& occurrence, UnixSeconds now);

/// A day header: "I dag", "I morgon", or the short weekday and date ("tors 26/11").
std::string day_label(const StringTables& tables, std::string_view language, const Date& day, UnixSeconds now);

/// The card's time line: "Pågår nu · 10:00–11:30", "Börjar om 20 min · 10:00–11:30",
/// "I dag 18:00–20:00", "I morgon 18:00–20:00", "tors 26/11 18:00–20:00". Numbers are isolated
/// left-to-right (LRI … PDI) so they stay whole inside right-to-left text.
std::string describe_occurrence(const StringTables& tables, std::string_view language, const Occurrence& occurrence,
                                UnixSeconds now);

}  // namespace lotsen
