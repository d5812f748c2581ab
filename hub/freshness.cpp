// freshness.cpp — dating, checking and withholding listings at publication (see freshness.hpp).
#include "hub/freshness.hpp"

#include "core/base/text_checks.hpp"
#include "core/catalogue/freshness.hpp"
#include "core/sqlite/sqlite_db.hpp"
#include "hub/catalogue_parts.hpp"
#include "hub/hub_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace lotsen::hub {

namespace {

constexpr std::string_view k_subject = "hub.db";

bool listed(const WithheldListings& withheld, const std::string& association, const std::string& activity)
{
    const auto it = withheld.find(association);
    return it != withheld.end() && std::find(it->second.begin(), it->second.end(), activity) != it->second.end();
}

}  // namespace

Result<ListingChecks> read_listing_checks(sqlite3* db)
{
    const char* operation = "reading the listings' checks";
    auto s = LOTSEN_TRY(sqlite::Statement::prepare(
        db, k_subject,
        "SELECT organisation_id, activity_id, max(checked_on) FROM listing_checks GROUP BY organisation_id, activity_id",
        operation));
    ListingChecks checks;
    while (LOTSEN_TRY(s.step(operation))) {
        if (const std::optional<Date> date = Date::parse(s.text(2)))
            checks[{std::string(s.text(0)), std::string(s.text(1))}] = *date;
    }
    return checks;
}

Result<ListingChecks> read_listing_checks_in(const std::string& data_dir)
{
    const std::string path = data_dir + "/hub.db";
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return ListingChecks{};
    auto store = LOTSEN_TRY(HubStore::open(path));
    return read_listing_checks(store->connection());
}

Result<void> record_listing_check(sqlite3* db, const std::string& organisation_id, const std::string& activity_id,
                                  const Date& checked_on, UnixSeconds at, std::optional<std::int64_t> user_id)
{
    const char* operation = "recording a listing's check";
    auto s = LOTSEN_TRY(sqlite::Statement::prepare(
        db, k_subject,
        "INSERT INTO listing_checks(organisation_id, activity_id, checked_on, at, user_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        operation));
    s.bind(1, organisation_id);
    s.bind(2, activity_id);
    s.bind(3, checked_on.to_string());
    s.bind(4, at);
    s.bind(5, user_id);
    return s.run(operation);
}

std::size_t date_association_listings(Catalogue& catalogue, const std::string& association, const Date& today)
{
    std::size_t dated = 0;
    for (Activity& activity : catalogue.activities) {
        if (activity.organisation_id == association && !activity.last_checked) {
            activity.last_checked = today;
            ++dated;
        }
    }
    return dated;
}

std::size_t date_remaining_listings(Catalogue& catalogue, const Catalogue& before, const Date& today)
{
    std::map<std::pair<std::string, std::string>, Date> known;
    for (const Activity& activity : before.activities) {
        if (activity.last_checked)
            known[{activity.organisation_id, activity.id}] = *activity.last_checked;
    }
    std::size_t dated = 0;
    for (Activity& activity : catalogue.activities) {
        if (activity.last_checked)
            continue;
        const auto it = known.find({activity.organisation_id, activity.id});
        activity.last_checked = it != known.end() ? it->second : today;
        ++dated;
    }
    return dated;
}

std::size_t apply_listing_checks(Catalogue& catalogue, const ListingChecks& checks)
{
    std::size_t raised = 0;
    for (Activity& activity : catalogue.activities) {
        const auto it = checks.find({activity.organisation_id, activity.id});
        if (it == checks.end() || (activity.last_checked && !(*activity.last_checked < it->second)))
            continue;
        activity.last_checked = it->second;
        ++raised;
    }
    return raised;
}

WithheldListings stale_listings(const Catalogue& catalogue, const Date& today, int withhold_after_days)
{
    WithheldListings stale;
    for (const Activity& activity : catalogue.activities) {
        if (activity.last_checked && older_than(*activity.last_checked, today, withhold_after_days))
            stale[activity.organisation_id].push_back(activity.id);
    }
    return stale;
}

ListingsOverview read_listings(const std::string& data_dir, const ListingChecks& checks)
{
    ListingsOverview overview;
    const std::string published = data_dir + "/published";
    const std::optional<SourcesIndex> index = read_sources_index(published);
    if (!index)
        return overview;
    overview.withhold_after_days = index->withhold_after_days > 0 ? index->withhold_after_days : k_default_withhold_after_days;
    for (const CataloguePart& part : read_source_parts(published, *index)) {
        const std::string& association = part.organisation.id;
        const auto entry = index->parts.find(association);
        for (const Activity& activity : part.activities) {
            ListingFreshness listing{association, activity.id, activity.title, activity.last_checked, false};
            if (const auto it = checks.find({association, activity.id});
                it != checks.end() && (!listing.last_checked || *listing.last_checked < it->second))
                listing.last_checked = it->second;
            if (entry != index->parts.end()) {
                const auto& withheld = entry->second.withheld;
                listing.withheld = std::find(withheld.begin(), withheld.end(), activity.id) != withheld.end();
            }
            overview.listings.push_back(std::move(listing));
        }
    }
    return overview;
}

std::string render_withheld(const WithheldListings& before, const WithheldListings& now, const Catalogue& catalogue,
                            int withhold_after_days)
{
    std::map<std::pair<std::string, std::string>, std::string> dates;
    std::vector<std::string> order;
    for (const Organisation& organisation : catalogue.organisations)
        order.push_back(organisation.id);
    for (const Activity& activity : catalogue.activities) {
        if (activity.last_checked)
            dates[{activity.organisation_id, activity.id}] = activity.last_checked->to_string();
    }
    std::string out;
    for (const std::string& association : order) {
        std::string held;
        std::size_t held_count = 0;
        if (const auto it = now.find(association); it != now.end()) {
            for (const std::string& id : it->second) {
                held += (held.empty() ? "" : ", ") + quote_for_message(id) + " " + dates[{association, id}];
                ++held_count;
            }
        }
        std::string back;
        std::size_t back_count = 0;
        if (const auto it = before.find(association); it != before.end()) {
            for (const std::string& id : it->second) {
                // Back when still there and no longer withheld (a removed listing is not "back").
                if (!listed(now, association, id) && dates.contains({association, id})) {
                    back += (back.empty() ? "" : ", ") + quote_for_message(id);
                    ++back_count;
                }
            }
        }
        const std::string name = "association " + quote_for_message(association);
        if (held_count > 0)
            out += name + ": " + std::to_string(held_count) + (held_count == 1 ? " listing" : " listings") +
                   " not published, last checked more than " + std::to_string(withhold_after_days) + " days ago (" +
                   held + "); the office tells the association\n";
        if (back_count > 0)
            out += name + ": " + std::to_string(back_count) + (back_count == 1 ? " listing" : " listings") +
                   " checked again and published again (" + back + ")\n";
    }
    return out;
}

}  // namespace lotsen::hub
