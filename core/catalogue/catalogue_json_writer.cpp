// catalogue_json_writer.cpp — writes a catalogue model as JSON format 1.x (the minor it needs), fields in the order
// docs/catalogue.md lists them; parse_catalogue_json reads it back to the same model.
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_json_tree.hpp"

#include <algorithm>

namespace lotsen {

namespace {

using catalogue_json_detail::Json;
using catalogue_json_detail::k_weekdays;

Json text_to_json(const LocalizedText& text)
{
    Json object = Json::object();
    for (const auto& [language, string] : text.all())
        object[language] = string;
    return object;
}

std::string weekday_name(int iso_weekday)
{
    if (iso_weekday >= 1 && iso_weekday <= 7)
        return std::string(k_weekdays[static_cast<std::size_t>(iso_weekday - 1)]);
    return std::to_string(iso_weekday);  // not a valid model; the reader will say so
}

// "file" is what a person wrote; a published catalogue carries only what a kiosk checks.
Json image_to_json(const ImageRef& image)
{
    Json out = Json::object();
    if (!image.file.empty())
        out["file"] = image.file;
    if (image.resolved()) {
        out["sha256"] = image.sha256;
        out["bytes"] = image.bytes;
        out["width"] = image.width;
        out["height"] = image.height;
        out["type"] = image.type;
    }
    return out;
}

Json activity_to_json(const Activity& activity)
{
    Json out = Json::object();
    out["id"] = activity.id;
    out["organisation"] = activity.organisation_id;
    out["title"] = text_to_json(activity.title);
    if (!activity.description.empty())
        out["description"] = text_to_json(activity.description);
    out["interests"] = activity.interests;

    Json schedule = Json::object();
    if (!activity.schedule.weekly.empty()) {
        Json weekly = Json::array();
        for (const WeeklyRule& rule : activity.schedule.weekly) {
            Json item = {{"day", weekday_name(rule.iso_weekday)},
                         {"start", rule.start.to_string()},
                         {"end", rule.end.to_string()},
                         {"from", rule.valid_from.to_string()},
                         {"until", rule.valid_until.to_string()}};
            if (rule.every_weeks != 1)
                item["every_weeks"] = rule.every_weeks;
            weekly.push_back(std::move(item));
        }
        schedule["weekly"] = std::move(weekly);
    }
    if (!activity.schedule.dates.empty()) {
        Json dates = Json::array();
        for (const SingleDate& date : activity.schedule.dates)
            dates.push_back(
                {{"date", date.date.to_string()}, {"start", date.start.to_string()}, {"end", date.end.to_string()}});
        schedule["dates"] = std::move(dates);
    }
    if (!activity.schedule.cancelled.empty()) {
        Json cancelled = Json::array();
        for (const Date& date : activity.schedule.cancelled)
            cancelled.push_back(date.to_string());
        schedule["cancelled"] = std::move(cancelled);
    }
    out["schedule"] = std::move(schedule);

    Json place = Json::object();
    if (!activity.place.name.empty())
        place["name"] = text_to_json(activity.place.name);
    place["address"] = activity.place.address;
    place["town"] = activity.place.town;
    if (activity.place.latitude)
        place["lat"] = *activity.place.latitude;
    if (activity.place.longitude)
        place["lon"] = *activity.place.longitude;
    if (!activity.place.how_to_find_us.empty())
        place["how_to_find_us"] = text_to_json(activity.place.how_to_find_us);
    out["place"] = std::move(place);

    if (activity.cost.sek != 0 || !activity.cost.note.empty()) {
        Json cost = {{"sek", activity.cost.sek}};
        if (!activity.cost.note.empty())
            cost["note"] = text_to_json(activity.cost.note);
        out["cost"] = std::move(cost);
    }
    if (!activity.languages.empty())
        out["languages"] = activity.languages;
    if (!activity.accessibility.empty())
        out["accessibility"] = activity.accessibility;
    const Audience& audience = activity.audience;
    if (!audience.groups.empty() || audience.min_age || audience.max_age) {
        Json object = Json::object();
        if (!audience.groups.empty())
            object["groups"] = audience.groups;
        if (audience.min_age)
            object["min_age"] = *audience.min_age;
        if (audience.max_age)
            object["max_age"] = *audience.max_age;
        out["audience"] = std::move(object);
    }
    out["drop_in"] = activity.drop_in;
    if (activity.image)
        out["image"] = image_to_json(*activity.image);
    if (activity.last_checked)
        out["last_checked"] = activity.last_checked->to_string();
    return out;
}

Json organisation_to_json(const Organisation& organisation)
{
    Json out = Json::object();
    out["id"] = organisation.id;
    out["name"] = text_to_json(organisation.name);
    if (!organisation.description.empty())
        out["description"] = text_to_json(organisation.description);
    const PublicContact& contact = organisation.contact;
    if (!contact.phone.empty() || !contact.email.empty() || !contact.web.empty()) {
        Json object = Json::object();
        if (!contact.phone.empty())
            object["phone"] = contact.phone;
        if (!contact.email.empty())
            object["email"] = contact.email;
        if (!contact.web.empty())
            object["web"] = contact.web;
        out["contact"] = std::move(object);
    }
    out["municipality"] = organisation.municipality;
    if (organisation.reply_days != 0)
        out["reply_days"] = organisation.reply_days;
    out["accepts_contact_requests"] = organisation.accepts_contact_requests;
    if (organisation.logo)
        out["logo"] = image_to_json(*organisation.logo);
    if (const auto& measured = organisation.measured_reply) {
        out["measured_reply"] = {{"median_minutes", measured->median_minutes},
                                 {"requests", measured->requests},
                                 {"window_days", measured->window_days}};
    }
    if (!organisation.needs.empty())
        out["needs"] = text_to_json(organisation.needs);
    if (!organisation.offers.empty())
        out["offers"] = text_to_json(organisation.offers);
    return out;
}

}  // namespace

std::int64_t catalogue_format_minor_needed(const Catalogue& catalogue)
{
    std::int64_t minor = 0;
    for (const Organisation& organisation : catalogue.organisations) {
        if (!organisation.needs.empty() || !organisation.offers.empty())
            return 5;
    }
    for (const Activity& activity : catalogue.activities) {
        if (activity.last_checked)
            return 4;
        if (activity.image)
            minor = std::max<std::int64_t>(minor, 2);
        if (!activity.place.how_to_find_us.empty())
            minor = std::max<std::int64_t>(minor, 1);
    }
    for (const Organisation& organisation : catalogue.organisations) {
        if (organisation.measured_reply)
            minor = std::max<std::int64_t>(minor, 3);
        if (organisation.logo)
            minor = std::max<std::int64_t>(minor, 2);
    }
    return minor;
}

std::string catalogue_to_json(const Catalogue& catalogue, bool pretty)
{
    Json out = Json::object();
    out["format"] = catalogue_json_detail::k_format_name;
    out["format_version"] = catalogue_json_detail::k_format_version;
    // The minor the catalogue needs, written only above 0: a file that uses nothing newer than 1.0
    // is byte for byte what a 1.0 writer wrote, and a 1.0 kiosk reads it without a word.
    if (const std::int64_t minor = catalogue_format_minor_needed(catalogue); minor > 0)
        out["format_minor"] = minor;
    out["version"] = catalogue.version;
    if (!catalogue.published.empty())
        out["published"] = catalogue.published;
    // An empty vocabulary means "use the default one" and is written by leaving the field out.
    if (!catalogue.interests.empty()) {
        Json interests = Json::array();
        for (const Interest& interest : catalogue.interests)
            interests.push_back({{"id", interest.id}, {"label", text_to_json(interest.label)}});
        out["interests"] = std::move(interests);
    }
    Json organisations = Json::array();
    for (const Organisation& organisation : catalogue.organisations)
        organisations.push_back(organisation_to_json(organisation));
    out["organisations"] = std::move(organisations);
    Json activities = Json::array();
    for (const Activity& activity : catalogue.activities)
        activities.push_back(activity_to_json(activity));
    out["activities"] = std::move(activities);
    // A model can only hold invalid UTF-8 when built by hand (both readers refuse it); writing it must
    // still not throw, so such bytes become U+FFFD.
    return out.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace lotsen
