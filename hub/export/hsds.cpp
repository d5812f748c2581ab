// hsds.cpp — writes HSDS 3.0 JSON from the catalogue model (see hsds.hpp; the mapping is documented in
// docs/open-standards.md and every choice below is named there).
#include "hub/export/hsds.hpp"

#include "core/wire/protocol.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <map>
#include <set>

namespace lotsen::hub {

namespace {

using Json = nlohmann::ordered_json;

// Every schedule says so: HSDS's opens_at wants a UTC offset, which Sweden changes twice a year.
constexpr std::string_view k_local_time_note = "Tider i svensk lokal tid (Europe/Stockholm).";

constexpr std::array<std::string_view, 7> k_byday{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// The accessibility vocabulary in Swedish, the export's language, as the kiosk's sv table says it (HSDS
// texts are plain strings; the feature ids are kept in "details" for machines).
std::string_view feature_description(std::string_view feature)
{
    if (feature == "wheelchair") return "Tillgängligt med rullstol";
    if (feature == "hearing-loop") return "Hörslinga";
    if (feature == "accessible-toilet") return "Tillgänglig toalett";
    if (feature == "quiet-space") return "Lugnt rum att gå undan till";
    if (feature == "sign-language") return "Teckenspråk";
    return feature;
}

std::string text(const LocalizedText& localized)
{
    return std::string(localized.get(k_hsds_language));
}

std::string cancelled_note(const Schedule& schedule)
{
    if (schedule.cancelled.empty())
        return {};
    std::string note = "Inställt:";
    for (const Date& date : schedule.cancelled)
        note += " " + date.to_string();
    return note;
}

Json schedules_of(const Activity& activity, const std::string& service_id)
{
    Json schedules = Json::array();
    const std::string cancelled = cancelled_note(activity.schedule);
    const std::string key = activity.organisation_id + "/" + activity.id;
    std::size_t index = 0;
    auto common = [&](Json& entry) {
        entry["id"] = hsds_uuid("schedule", key + "#" + std::to_string(index++));
        entry["service_id"] = service_id;
    };
    for (const WeeklyRule& rule : activity.schedule.weekly) {
        Json entry = Json::object();
        common(entry);
        entry["valid_from"] = rule.valid_from.to_string();
        entry["valid_to"] = rule.valid_until.to_string();
        entry["dtstart"] = rule.valid_from.to_string();
        entry["freq"] = "WEEKLY";
        entry["interval"] = rule.every_weeks;
        entry["byday"] = std::string(k_byday[static_cast<std::size_t>(rule.iso_weekday - 1)]);
        entry["opens_at"] = rule.start.to_string();
        entry["closes_at"] = rule.end.to_string();
        entry["notes"] = std::string(k_local_time_note) + (cancelled.empty() ? "" : " " + cancelled);
        schedules.push_back(std::move(entry));
    }
    for (const SingleDate& date : activity.schedule.dates) {
        Json entry = Json::object();
        common(entry);
        entry["valid_from"] = date.date.to_string();
        entry["valid_to"] = date.date.to_string();
        entry["opens_at"] = date.start.to_string();
        entry["closes_at"] = date.end.to_string();
        entry["description"] = "Endast " + date.date.to_string() + ".";
        entry["notes"] = std::string(k_local_time_note);
        schedules.push_back(std::move(entry));
    }
    return schedules;
}

Json languages_of(const std::vector<LanguageCode>& codes, const std::string& owner_key, const char* owner_member,
                  const std::string& owner_id)
{
    Json languages = Json::array();
    for (const LanguageCode& code : codes) {
        languages.push_back({{"id", hsds_uuid("language", owner_key + "#" + code)}, {owner_member, owner_id}, {"code", code}});
    }
    return languages;
}

Json service_of(const Activity& activity, const std::string& organization_id)
{
    const std::string key = activity.organisation_id + "/" + activity.id;
    const std::string id = hsds_uuid("service", key);
    Json service = Json::object();
    service["id"] = id;
    service["organization_id"] = organization_id;
    service["name"] = text(activity.title);
    service["description"] = text(activity.description);
    service["status"] = "active";
    std::string fees = activity.cost.free() ? std::string("Gratis") : std::to_string(activity.cost.sek) + " kr";
    if (!activity.cost.note.empty())
        fees += " — " + text(activity.cost.note);
    service["fees_description"] = fees;
    if (activity.drop_in)
        service["application_process"] = "Du kan bara komma – ingen anmälan behövs.";
    if (activity.audience.min_age)
        service["minimum_age"] = *activity.audience.min_age;
    if (activity.audience.max_age)
        service["maximum_age"] = *activity.audience.max_age;
    // HSDS's "date that the information about the service was last checked" is exactly catalogue 1.4's last_checked.
    if (activity.last_checked)
        service["assured_date"] = activity.last_checked->to_string();
    if (!activity.audience.groups.empty()) {
        std::string groups = "För:";
        for (const std::string& group : activity.audience.groups)
            groups += " " + group;
        service["eligibility_description"] = groups;
    }
    service["schedules"] = schedules_of(activity, id);
    service["languages"] = languages_of(activity.languages, key, "service_id", id);
    const std::string location_id = hsds_uuid("location", place_key(activity.place));
    service["service_at_locations"] = Json::array(
        {{{"id", hsds_uuid("service_at_location", key)}, {"service_id", id}, {"location_id", location_id}}});
    return service;
}

// One HSDS location for a place, with the accessibility every activity there lists.
struct LocationFacts {
    const Place* place = nullptr;
    std::map<std::string, std::set<std::string>> features;  // feature → titles of the activities listing it
};

Json location_of(const LocationFacts& facts)
{
    const Place& place = *facts.place;
    const std::string key = place_key(place);
    const std::string id = hsds_uuid("location", key);
    Json location = Json::object();
    location["id"] = id;
    location["location_type"] = "physical";
    location["name"] = text(place.name).empty() ? place.address : text(place.name);
    std::string description = place.address + ", " + place.town;
    if (!place.how_to_find_us.empty())
        description += ". " + text(place.how_to_find_us);
    location["description"] = description;
    if (place.latitude && place.longitude) {
        location["latitude"] = *place.latitude;
        location["longitude"] = *place.longitude;
    }
    Json accessibility = Json::array();
    for (const auto& [feature, titles] : facts.features) {
        std::string details = feature + ", enligt:";
        bool first = true;
        for (const std::string& title : titles) {
            details += (first ? " " : "; ") + title;
            first = false;
        }
        accessibility.push_back({{"id", hsds_uuid("accessibility", key + "#" + feature)},
                                 {"location_id", id},
                                 {"description", std::string(feature_description(feature))},
                                 {"details", details}});
    }
    location["accessibility"] = std::move(accessibility);
    return location;
}

}  // namespace

std::string hsds_uuid(std::string_view kind, std::string_view key)
{
    std::string name = "lotsen:";
    name += kind;
    name += ':';
    name += key;
    std::array<std::uint8_t, 16> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(name.data()), name.size(), nullptr, 0);
    hash[6] = static_cast<std::uint8_t>((hash[6] & 0x0F) | 0x80);  // version 8
    hash[8] = static_cast<std::uint8_t>((hash[8] & 0x3F) | 0x80);  // variant 10 (RFC 9562)
    const std::string hex = protocol::to_hex(hash);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string place_key(const Place& place)
{
    return text(place.name) + "\n" + place.address + "\n" + place.town;
}

std::string catalogue_to_hsds(const Catalogue& catalogue)
{
    Json organizations = Json::array();
    for (const Organisation& organisation : catalogue.organisations) {
        const std::string id = hsds_uuid("organization", organisation.id);
        Json organization = Json::object();
        organization["id"] = id;
        organization["name"] = text(organisation.name);
        organization["description"] = text(organisation.description);
        if (!organisation.contact.email.empty())
            organization["email"] = organisation.contact.email;
        if (!organisation.contact.web.empty())
            organization["website"] = organisation.contact.web;
        if (organisation.logo && organisation.logo->resolved())
            organization["logo"] = "/v1/files/" + organisation.logo->sha256 + "." + organisation.logo->type;
        if (!organisation.contact.phone.empty()) {
            organization["phones"] = Json::array({{{"id", hsds_uuid("phone", organisation.id)},
                                                   {"organization_id", id},
                                                   {"number", organisation.contact.phone}}});
        }
        Json services = Json::array();
        std::map<std::string, LocationFacts> locations;  // by place key, in a stable order
        for (const Activity& activity : catalogue.activities) {
            if (activity.organisation_id != organisation.id)
                continue;
            services.push_back(service_of(activity, id));
            LocationFacts& facts = locations[place_key(activity.place)];
            facts.place = &activity.place;
            for (const std::string& feature : activity.accessibility)
                facts.features[feature].insert(text(activity.title));
        }
        Json location_list = Json::array();
        for (const auto& [key, facts] : locations)
            location_list.push_back(location_of(facts));
        organization["locations"] = std::move(location_list);
        organization["services"] = std::move(services);
        organizations.push_back(std::move(organization));
    }
    return organizations.dump(2) + "\n";
}

}  // namespace lotsen::hub
