// model.hpp — the catalogue model: organisations, activities, schedules, places.
// Plain data; parsing lives in catalogue_json/catalogue_csv, persistence in store.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/i18n/localized_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lotsen {

/// How the public can reach an organisation (all optional; no private persons' data).
struct PublicContact {
    std::string phone;
    std::string email;
    std::string web;
    bool operator==(const PublicContact&) const = default;
};

/// A picture a catalogue entry shows (catalogue format 1.2): an organisation's logo or an activity's
/// photo. A person names the file beside the catalogue; publishing fills in what the kiosk checks.
struct ImageRef {
    std::string file;        ///< a file name beside the source catalogue; left out when published
    std::string sha256;      ///< 64 lowercase hex digits of the file's bytes; empty until resolved
    std::int64_t bytes = 0;  ///< the file's size
    int width = 0;           ///< pixels, as the file's header says
    int height = 0;
    std::string type;        ///< "png" or "jpeg"
    /// True once the hash, size, pixel size and type are known (what a kiosk needs to fetch it).
    bool resolved() const { return !sha256.empty(); }
    bool operator==(const ImageRef&) const = default;
};

/// Limits of an image a catalogue references (docs/catalogue.md, "Images"): checked by the reader
/// against what is written, by publishing against the file's own header, and by the kiosk against
/// the bytes it fetched, each before anything is decoded.
inline constexpr std::int64_t k_max_image_bytes = 2 << 20;
inline constexpr int k_max_image_side = 4096;
inline constexpr std::int64_t k_max_image_pixels = 16'777'216;
inline constexpr std::size_t k_max_image_file_name_bytes = 100;

/// An association's reply time as the hub measured it (catalogue format 1.3): the median time from a
/// contact request's arrival at the hub to "contacted" over the last `window_days` days. The hub writes
/// it at publication only when at least k_min_measured_requests requests were contacted in the window.
struct MeasuredReply {
    std::int64_t median_minutes = 0;  ///< the median, in whole minutes (rounded to the nearest)
    int requests = 0;                 ///< how many contacted requests the median is over
    int window_days = 0;              ///< how many days back from the publication were looked at
    bool operator==(const MeasuredReply&) const = default;
};

/// Fewer contacted requests than this give no measured reply time: a median of two says nothing.
inline constexpr int k_min_measured_requests = 5;

/// An association (or a region unit) that runs activities.
struct Organisation {
    std::string id;  ///< [a-z0-9-], unique in a catalogue
    LocalizedText name;
    LocalizedText description;
    LocalizedText needs;               ///< catalogue format 1.5: "we need" (volunteers, a room, …)
    LocalizedText offers;              ///< catalogue format 1.5: "we offer" (company, a place to be, …)
    PublicContact contact;
    std::string municipality;          ///< e.g. "Halmstad"
    int reply_days = 0;                ///< usual reply time to contact requests, in days (0 = unknown)
    bool accepts_contact_requests = false;
    std::optional<ImageRef> logo;      ///< catalogue format 1.2
    std::optional<MeasuredReply> measured_reply;  ///< catalogue format 1.3; shown instead of reply_days
    bool operator==(const Organisation&) const = default;
};

/// A weekly recurrence, valid between two dates inclusive.
struct WeeklyRule {
    int iso_weekday = 1;  ///< 1 = Monday … 7 = Sunday
    TimeOfDay start;
    TimeOfDay end;        ///< end <= start means the activity runs past midnight
    Date valid_from;
    Date valid_until;
    int every_weeks = 1;  ///< 1 = every week, 2 = every other week counted from valid_from's week
    bool operator==(const WeeklyRule&) const = default;
};

/// A one-off date.
struct SingleDate {
    Date date;
    TimeOfDay start;
    TimeOfDay end;
    bool operator==(const SingleDate&) const = default;
};

/// When an activity happens: weekly rules plus single dates, minus cancelled dates.
struct Schedule {
    std::vector<WeeklyRule> weekly;
    std::vector<SingleDate> dates;
    std::vector<Date> cancelled;  ///< no occurrence starts on these local dates
    bool operator==(const Schedule&) const = default;
};

/// Where an activity happens.
struct Place {
    LocalizedText name;  ///< e.g. "Stadsbiblioteket, studierummet"
    std::string address;
    std::string town;    ///< e.g. "Halmstad", "Tvååker"
    std::optional<double> latitude;
    std::optional<double> longitude;
    LocalizedText how_to_find_us;  ///< entrance, floor, nearest stop (catalogue format 1.1)
    bool operator==(const Place&) const = default;
};

/// What it costs; sek == 0 means free.
struct Cost {
    int sek = 0;
    LocalizedText note;  ///< e.g. "Fika 20 kr", "Membership 100 kr/year"
    bool free() const { return sek == 0; }
    bool operator==(const Cost&) const = default;
};

/// Who an activity is for.
struct Audience {
    std::vector<std::string> groups;  ///< vocabulary: see known_audience_groups()
    std::optional<int> min_age;
    std::optional<int> max_age;
    bool operator==(const Audience&) const = default;
};

/// One activity as published in the catalogue.
struct Activity {
    std::string id;               ///< [a-z0-9-], unique in a catalogue
    std::string organisation_id;  ///< refers to Organisation::id
    LocalizedText title;
    LocalizedText description;
    std::vector<std::string> interests;      ///< Interest ids
    Schedule schedule;
    Place place;
    Cost cost;
    std::vector<LanguageCode> languages;     ///< languages spoken at the activity
    std::vector<std::string> accessibility;  ///< vocabulary: see known_accessibility_features()
    Audience audience;
    bool drop_in = false;                    ///< "you can just come": no registration needed
    std::optional<ImageRef> image;           ///< a photo of the activity (catalogue format 1.2)
    /// The local date the association last said the listing is right (catalogue format 1.4); the hub
    /// writes it on every activity it publishes (docs/catalogue.md, "Last checked").
    std::optional<Date> last_checked;
    bool operator==(const Activity&) const = default;
};

/// An interest visitors browse by (music, outdoors, …), with its label in every language.
struct Interest {
    std::string id;
    LocalizedText label;
    bool operator==(const Interest&) const = default;
};

/// A whole published catalogue.
struct Catalogue {
    std::int64_t version = 0;  ///< increases with every publication
    std::string published;     ///< RFC 3339 UTC timestamp of publication, informational
    std::vector<Interest> interests;
    std::vector<Organisation> organisations;
    std::vector<Activity> activities;
    bool operator==(const Catalogue&) const = default;

    /// The organisation with this id, or nullptr.
    const Organisation* find_organisation(std::string_view id) const;
};

/// The interest vocabulary used when a catalogue declares none (and by CSV import).
const std::vector<Interest>& default_interests();

/// Accessibility features a catalogue may name.
const std::vector<std::string>& known_accessibility_features();

/// Audience groups a catalogue may name.
const std::vector<std::string>& known_audience_groups();

}  // namespace lotsen
