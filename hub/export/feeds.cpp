// feeds.cpp — calendar feeds per association and per site (see feeds.hpp).
#include "hub/export/feeds.hpp"

#include "core/catalogue/ical.hpp"
#include "core/catalogue/schedule.hpp"
#include "hub/export/hsds.hpp"

#include <algorithm>

namespace lotsen::hub {

namespace {

constexpr std::string_view k_ics = ".ics";

// The start of the Swedish day `now` falls in is close enough: a day's earlier occurrences are listed.
std::string feed_of(const Catalogue& catalogue, std::string_view name, UnixSeconds now,
                    const std::vector<const Activity*>& activities)
{
    const UnixSeconds from = now - now % 86400 - 86400;
    const UnixSeconds to = now + static_cast<UnixSeconds>(k_feed_window_days) * 86400;
    std::vector<FeedEvent> events;
    for (const Activity* activity : activities) {
        const Organisation* organisation = catalogue.find_organisation(activity->organisation_id);
        CalendarOrganiser organiser{};
        if (organisation) {
            organiser.name = organisation->name.get(k_hsds_language);
            organiser.phone = organisation->contact.phone;
            organiser.email = organisation->contact.email;
        }
        for (const Occurrence& occurrence : expand(activity->schedule, from, to))
            events.push_back(FeedEvent{activity, occurrence, organiser});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const FeedEvent& a, const FeedEvent& b) { return a.occurrence.start < b.occurrence.start; });
    return make_vcalendar_feed(name, events, k_hsds_language, now);
}

}  // namespace

std::optional<std::string> association_feed(const Catalogue& catalogue, std::string_view organisation_id, UnixSeconds now)
{
    const Organisation* organisation = catalogue.find_organisation(organisation_id);
    if (!organisation)
        return std::nullopt;
    std::vector<const Activity*> activities;
    for (const Activity& activity : catalogue.activities) {
        if (activity.organisation_id == organisation_id)
            activities.push_back(&activity);
    }
    return feed_of(catalogue, organisation->name.get(k_hsds_language), now, activities);
}

std::optional<std::string> site_feed(const Catalogue& catalogue, std::string_view location_id, UnixSeconds now)
{
    std::vector<const Activity*> activities;
    for (const Activity& activity : catalogue.activities) {
        if (hsds_uuid("location", place_key(activity.place)) == location_id)
            activities.push_back(&activity);
    }
    if (activities.empty())
        return std::nullopt;
    const Place& place = activities.front()->place;
    std::string name(place.name.get(k_hsds_language));
    name += (name.empty() ? "" : ", ") + place.town;
    return feed_of(catalogue, name, now, activities);
}

std::optional<std::string> feed_for_path(const Catalogue& catalogue, std::string_view path, UnixSeconds now)
{
    if (path.size() <= k_ics.size() || path.substr(path.size() - k_ics.size()) != k_ics)
        return std::nullopt;
    if (path.starts_with(k_feeds_association_prefix)) {
        const std::string_view id = path.substr(k_feeds_association_prefix.size(),
                                                path.size() - k_feeds_association_prefix.size() - k_ics.size());
        return association_feed(catalogue, id, now);
    }
    if (path.starts_with(k_feeds_site_prefix)) {
        const std::string_view id = path.substr(k_feeds_site_prefix.size(), path.size() - k_feeds_site_prefix.size() - k_ics.size());
        return site_feed(catalogue, id, now);
    }
    return std::nullopt;
}

}  // namespace lotsen::hub
