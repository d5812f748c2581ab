// feeds.hpp — iCalendar feeds of the published catalogue, served by `lotsen-hub serve` under /feeds/:
// one per association (/feeds/association/<organisation id>.ics) and one per site, a place where
// activities meet (/feeds/site/<HSDS location id>.ics, the id the HSDS export gives the place).
//
// Occurrences are expanded for a window (today and the next k_feed_window_days days), not written as
// RRULEs: Lotsen's times are Swedish wall-clock times across daylight-saving changes, single dates and
// cancelled dates (core/catalogue/schedule.cpp already expands them as the kiosk shows them), and an
// RRULE would need a VTIMEZONE written by hand to stay at 18:00 after a change. Calendar programs
// fetch a subscribed feed again every few hours, so the window moves with them.
#pragma once

#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::hub {

/// How many days ahead a feed lists occurrences.
inline constexpr int k_feed_window_days = 90;

/// Path prefixes of the feeds on `serve`.
inline constexpr std::string_view k_feeds_association_prefix = "/feeds/association/";
inline constexpr std::string_view k_feeds_site_prefix = "/feeds/site/";

/// The feed of association `organisation_id`; nullopt when the catalogue has no such association.
std::optional<std::string> association_feed(const Catalogue& catalogue, std::string_view organisation_id, UnixSeconds now);

/// The feed of the site whose HSDS location id is `location_id`; nullopt when no activity meets there.
std::optional<std::string> site_feed(const Catalogue& catalogue, std::string_view location_id, UnixSeconds now);

/// The feed a /feeds/... path names (with ".ics"); nullopt for any other path or an unknown id.
std::optional<std::string> feed_for_path(const Catalogue& catalogue, std::string_view path, UnixSeconds now);

}  // namespace lotsen::hub
