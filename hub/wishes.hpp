// wishes.hpp — what visitors miss ("I miss something about …", the kiosk's wish screen), counted per
// site: one table per thing a wish may name (interest, weekday, part of the day, language), its rows
// the sites where kiosks stand, its columns the values. The same k >= 5 disclosure control as the
// statistics (hub/stats.hpp's SuppressedCells: every count under 5, 0 included, is "<5"; a line with
// exactly one hidden cell hides its smallest visible one too, "x"), so no count below 5 is ever shown
// or exported. Used by the office's /wishes page and `lotsen-hub stats` (tables wishes_*).
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/stats.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lotsen::hub {

/// Which wishes are counted.
struct WishQuery {
    UnixSeconds from = 0;  ///< corrected creation time, included
    UnixSeconds to = 0;    ///< excluded
    /// Only wishes naming one of these interests (an association's view: what concerns its interests);
    /// nullopt = every wish (the region's view).
    std::optional<std::set<std::string>> interests;
    const Catalogue* catalogue = nullptr;  ///< its interests are columns even when nobody asked for them
};

/// The dimensions, in report order: table ids "wishes_interest", "wishes_weekday", "wishes_day_part",
/// "wishes_language".
const std::vector<std::string>& wish_table_ids();

/// The wishes of `query`, counted and suppressed: one StatsTable per dimension. Rows: every site with
/// a wish that answers the table's question, then "*" (all sites); columns: the dimension's values
/// (all of them, asked for or not: the catalogue's interests, the weekdays, the parts of the day,
/// the kiosk languages, then any other value counted), then "total".
/// A wish counts in every table whose dimension it names.
Result<std::vector<StatsTable>> compute_wishes(HubStore& store, const WishQuery& query);

/// The interests an association's activities have in `catalogue` (its view of /wishes).
std::set<std::string> association_interests(const Catalogue& catalogue, const std::string& organisation_id);

}  // namespace lotsen::hub
