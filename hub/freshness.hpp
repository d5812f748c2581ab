// freshness.hpp — listings' last-checked dates (catalogue format 1.4's `last_checked`) on the hub:
// how a publication dates what it publishes, the office's "still correct" kept in hub.db, and the
// listings not checked for too long, which the region catalogue leaves out (docs/updates.md,
// "Last checked: stale listings are not published"). Dates are local dates in Sweden.
//
// The rules: an association publishing its part (a spreadsheet, or a JSON part) checks every listing
// in it, so a listing there without a date gets the publication's date; a region's whole catalogue
// keeps the date a listing already had (it is not the association's check), and gives the
// publication's date only to a listing it did not have. A press of "still correct" in the office is
// kept in hub.db and raises the listing's date at the next publication or `publish --refresh`.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace lotsen::hub {

/// (association, activity id) → the latest date someone pressed "still correct" for it.
using ListingChecks = std::map<std::pair<std::string, std::string>, Date>;

/// Association id → ids of its listings the published catalogue leaves out.
using WithheldListings = std::map<std::string, std::vector<std::string>>;

/// The latest check of every listing in hub.db.
Result<ListingChecks> read_listing_checks(sqlite3* db);

/// read_listing_checks on DATA_DIR/hub.db; empty when there is none (publishing on a machine that
/// holds only the published directory, docs/updates.md).
Result<ListingChecks> read_listing_checks_in(const std::string& data_dir);

/// Records that `user_id` said on `checked_on` that `activity_id` of `organisation_id` is still correct.
Result<void> record_listing_check(sqlite3* db, const std::string& organisation_id, const std::string& activity_id,
                                  const Date& checked_on, UnixSeconds at, std::optional<std::int64_t> user_id);

/// Gives every listing of `association` in `catalogue` without a date `today`: the association
/// published it, which is its check. Returns how many it dated.
std::size_t date_association_listings(Catalogue& catalogue, const std::string& association, const Date& today);

/// Gives every other listing without a date the one `before` has for the same id of the same
/// association, else `today`. Returns how many it dated.
std::size_t date_remaining_listings(Catalogue& catalogue, const Catalogue& before, const Date& today);

/// Raises each listing's date to the latest "still correct" in `checks`. Returns how many it raised.
std::size_t apply_listing_checks(Catalogue& catalogue, const ListingChecks& checks);

/// The listings of `catalogue` last checked more than `withhold_after_days` days before `today`
/// (a listing without a date is never withheld).
WithheldListings stale_listings(const Catalogue& catalogue, const Date& today, int withhold_after_days);

/// One listing as the office shows it.
struct ListingFreshness {
    std::string association;
    std::string activity;
    LocalizedText title;
    std::optional<Date> last_checked;  ///< the part's date, raised by a later "still correct" in hub.db
    bool withheld = false;             ///< the last publication left it out: not checked for too long
};

/// What the office knows of the listings: every listing of every part in DATA_DIR/published/sources/
/// (withheld ones too) in catalogue order, and the limit the last publication withheld listings by.
struct ListingsOverview {
    std::vector<ListingFreshness> listings;
    int withhold_after_days = 0;
};

/// The listings in DATA_DIR/published/sources/ with `checks` applied; none when nothing is published.
ListingsOverview read_listings(const std::string& data_dir, const ListingChecks& checks);

/// Per association, for a person: the listings withheld now and those published again. `before` is
/// what the previous publication withheld; `catalogue` gives their dates.
std::string render_withheld(const WithheldListings& before, const WithheldListings& now, const Catalogue& catalogue,
                            int withhold_after_days);

}  // namespace lotsen::hub
