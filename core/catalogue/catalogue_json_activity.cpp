// catalogue_json_activity.cpp — CatalogueReader's rules for one activity (docs/catalogue.md): its
// fields, schedule (weekly rules, single dates, cancellations), place, cost and audience.
#include "core/catalogue/catalogue_json_reader.hpp"

#include "core/base/text_checks.hpp"

#include <algorithm>

namespace lotsen::catalogue_json_detail {

// Here rather than in catalogue_json_reader.cpp: only activities read lists, and a template is
// defined where it is instantiated.
template <typename Check>
std::vector<std::string> CatalogueReader::read_string_list(const Json& value, const JsonPath& path, Check check,
                                                           std::size_t min_items)
{
    std::vector<std::string> items;
    const Json* array = check_array(value, path, m_limits.max_list_items, "items", min_items);
    if (!array)
        return items;
    std::unordered_map<std::string, std::size_t> seen;
    const std::size_t count = std::min(array->size(), m_limits.max_list_items);
    for (std::size_t i = 0; i < count; ++i) {
        const JsonPath item_path = path[i];
        std::optional<std::string> item = read_string((*array)[i], item_path);
        if (!item)
            continue;
        const auto [first, inserted] = seen.try_emplace(*item, i);
        if (!inserted) {
            problem(item_path, quote_for_message(*item) + " is listed twice (first at [" +
                                   std::to_string(first->second) + "])");
            continue;
        }
        if (check(*item, item_path))
            items.push_back(std::move(*item));
    }
    return items;
}

Activity CatalogueReader::read_activity_item(const Json& item, const JsonPath& list, std::size_t index)
{
    Activity activity = read_activity(item, list[index]);
    check_unique_id(m_activity_ids, activity.id, list, index);
    return activity;
}

// Every member of an activity is read here, in the order docs/catalogue.md lists them.
Activity CatalogueReader::read_activity(const Json& value, const JsonPath& path)
{
    Activity activity;
    if (!check_object(value, path,
                      {"id", "organisation", "title", "description", "interests", "schedule", "place", "cost",
                       "languages", "accessibility", "audience", "drop_in", "image", "last_checked"}))
        return activity;
    if (const Member m = member(value, path, "id", k_required))
        activity.id = read_id(*m.value, m.path).value_or("");
    if (const Member m = member(value, path, "organisation", k_required)) {
        if (auto organisation = read_string(*m.value, m.path)) {
            if (m_organisations_known && !m_organisation_index.contains(*organisation))
                problem(m.path, "no organisation has id " + quote_for_message(*organisation));
            activity.organisation_id = std::move(*organisation);
        }
    }
    if (const Member m = member(value, path, "title", k_required))
        activity.title = read_text(*m.value, m.path, TextKind::short_text);
    if (const Member m = member(value, path, "description", k_optional))
        activity.description = read_text(*m.value, m.path, TextKind::long_text);
    if (const Member m = member(value, path, "interests", k_required)) {
        activity.interests = read_string_list(
            *m.value, m.path,
            [this](const std::string& interest, const JsonPath& where) {
                if (!m_vocabulary_known || m_vocabulary.contains(interest))
                    return true;
                problem(where,
                        quote_for_message(interest) + " is not an interest in this catalogue" + m_vocabulary_hint);
                return false;
            },
            1);
    }
    if (const Member m = member(value, path, "schedule", k_required))
        activity.schedule = read_schedule(*m.value, m.path);
    if (const Member m = member(value, path, "place", k_required))
        activity.place = read_place(*m.value, m.path);
    if (const Member m = member(value, path, "cost", k_optional))
        activity.cost = read_cost(*m.value, m.path);
    if (const Member m = member(value, path, "languages", k_optional)) {
        activity.languages = read_string_list(*m.value, m.path, [this](const std::string& code, const JsonPath& where) {
            if (is_language_code(code))
                return true;
            problem(where, quote_for_message(code) +
                               " is not a language code like \"sv\", \"en\", \"ar\" or \"sv-easy\"");
            return false;
        });
    }
    if (const Member m = member(value, path, "accessibility", k_optional)) {
        activity.accessibility =
            read_string_list(*m.value, m.path, [this](const std::string& feature, const JsonPath& where) {
                const auto& known = known_accessibility_features();
                if (std::find(known.begin(), known.end(), feature) != known.end())
                    return true;
                problem(where, quote_for_message(feature) + " is not an accessibility feature (" + join(known) + ")");
                return false;
            });
    }
    if (const Member m = member(value, path, "audience", k_optional))
        activity.audience = read_audience(*m.value, m.path);
    if (const Member m = member(value, path, "drop_in", k_optional))
        activity.drop_in = read_boolean(*m.value, m.path).value_or(false);
    if (const Member m = member(value, path, "image", k_optional))
        activity.image = read_image(*m.value, m.path);
    if (const Member m = member(value, path, "last_checked", k_optional))
        activity.last_checked = read_date(*m.value, m.path);
    return activity;
}

Schedule CatalogueReader::read_schedule(const Json& value, const JsonPath& path)
{
    Schedule schedule;
    if (!check_object(value, path, {"weekly", "dates", "cancelled"}))
        return schedule;
    bool has_occurrence = false;  // judged on what was written, so a broken rule is not reported twice
    if (const Member m = member(value, path, "weekly", k_optional)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_list_items, "weekly rules")) {
            has_occurrence = has_occurrence || !array->empty();
            const std::size_t count = std::min(array->size(), m_limits.max_list_items);
            for (std::size_t i = 0; i < count; ++i) {
                const JsonPath item = m.path[i];
                WeeklyRule rule = read_weekly_rule((*array)[i], item);
                if (rule.iso_weekday == 0)
                    continue;  // unreadable; reported already
                if (std::find(schedule.weekly.begin(), schedule.weekly.end(), rule) != schedule.weekly.end())
                    problem(item, "repeats an earlier weekly rule");
                else
                    schedule.weekly.push_back(rule);
            }
        }
    }
    if (const Member m = member(value, path, "dates", k_optional)) {
        if (const Json* array = check_array(*m.value, m.path, m_limits.max_list_items, "dates")) {
            has_occurrence = has_occurrence || !array->empty();
            const std::size_t count = std::min(array->size(), m_limits.max_list_items);
            for (std::size_t i = 0; i < count; ++i) {
                const JsonPath item = m.path[i];
                SingleDate date = read_single_date((*array)[i], item);
                if (date.date.year == 0)
                    continue;  // unreadable; reported already
                if (std::find(schedule.dates.begin(), schedule.dates.end(), date) != schedule.dates.end())
                    problem(item, "repeats an earlier date");
                else
                    schedule.dates.push_back(date);
            }
        }
    }
    if (const Member m = member(value, path, "cancelled", k_optional)) {
        const auto is_date = [this](const std::string& item, const JsonPath& where) {
            if (Date::parse(item))
                return true;
            problem(where, quote_for_message(item) + " is not a date YYYY-MM-DD");
            return false;
        };
        for (const std::string& text : read_string_list(*m.value, m.path, is_date))
            schedule.cancelled.push_back(*Date::parse(text));
    }
    if (!has_occurrence)
        problem(path, "has no weekly rule and no date, so the activity never happens");
    return schedule;
}

WeeklyRule CatalogueReader::read_weekly_rule(const Json& value, const JsonPath& path)
{
    // iso_weekday 0 marks a rule that could not be read in full.
    WeeklyRule rule;
    rule.iso_weekday = 0;
    if (!check_object(value, path, {"day", "start", "end", "from", "until", "every_weeks"}))
        return rule;
    bool complete = true;
    int weekday = 0;
    if (const Member m = member(value, path, "day", k_required)) {
        if (const auto day = read_string(*m.value, m.path)) {
            const auto it = std::find(k_weekdays.begin(), k_weekdays.end(), *day);
            if (it != k_weekdays.end())
                weekday = static_cast<int>(it - k_weekdays.begin()) + 1;
            else
                problem(m.path, quote_for_message(*day) + " is not a weekday (mon, tue, wed, thu, fri, sat, sun)");
        }
    }
    const auto read_time_member = [&](std::string_view name, TimeOfDay& out) {
        const Member m = member(value, path, name, k_required);
        const std::optional<TimeOfDay> time = m ? read_time(*m.value, m.path) : std::nullopt;
        if (time)
            out = *time;
        complete = complete && time.has_value();
    };
    const auto read_date_member = [&](std::string_view name, Date& out) {
        const Member m = member(value, path, name, k_required);
        const std::optional<Date> date = m ? read_date(*m.value, m.path) : std::nullopt;
        if (date)
            out = *date;
        complete = complete && date.has_value();
        return date.has_value();
    };
    read_time_member("start", rule.start);
    read_time_member("end", rule.end);
    const bool has_from = read_date_member("from", rule.valid_from);
    const bool has_until = read_date_member("until", rule.valid_until);
    if (has_from && has_until) {
        const JsonPath until_path = path / "until";
        if (rule.valid_until < rule.valid_from) {
            problem(until_path, quote_for_message(rule.valid_until.to_string()) + " is before from " +
                                    quote_for_message(rule.valid_from.to_string()));
            complete = false;
        } else if (const Date latest = latest_until(rule.valid_from); latest < rule.valid_until) {
            problem(until_path, quote_for_message(rule.valid_until.to_string()) + " is more than " +
                                    std::to_string(k_max_rule_years) + " years after from " +
                                    quote_for_message(rule.valid_from.to_string()) + " (latest " +
                                    latest.to_string() + ")");
            complete = false;
        }
    }
    if (const Member m = member(value, path, "every_weeks", k_optional)) {
        const auto every = read_integer(*m.value, m.path, 1, k_max_every_weeks);
        rule.every_weeks = static_cast<int>(every.value_or(1));
        complete = complete && every.has_value();
    }
    if (complete)
        rule.iso_weekday = weekday;
    return rule;
}

SingleDate CatalogueReader::read_single_date(const Json& value, const JsonPath& path)
{
    // year 0 marks a date that could not be read in full.
    SingleDate single;
    single.date.year = 0;
    if (!check_object(value, path, {"date", "start", "end"}))
        return single;
    const Member date_member = member(value, path, "date", k_required);
    const std::optional<Date> date = date_member ? read_date(*date_member.value, date_member.path) : std::nullopt;
    const Member start_member = member(value, path, "start", k_required);
    const std::optional<TimeOfDay> start =
        start_member ? read_time(*start_member.value, start_member.path) : std::nullopt;
    const Member end_member = member(value, path, "end", k_required);
    const std::optional<TimeOfDay> end = end_member ? read_time(*end_member.value, end_member.path) : std::nullopt;
    if (date && start && end)
        single = SingleDate{*date, *start, *end};
    return single;
}

Place CatalogueReader::read_place(const Json& value, const JsonPath& path)
{
    Place place;
    if (!check_object(value, path, {"name", "address", "town", "lat", "lon", "how_to_find_us"}))
        return place;
    if (const Member m = member(value, path, "name", k_optional))
        place.name = read_text(*m.value, m.path, TextKind::short_text);
    if (const Member m = member(value, path, "address", k_required))
        place.address = read_plain_string(*m.value, m.path, m_limits.max_short_text_bytes).value_or("");
    if (const Member m = member(value, path, "town", k_required))
        place.town = read_plain_string(*m.value, m.path, k_max_town_bytes).value_or("");
    const Member lat = member(value, path, "lat", k_optional);
    const Member lon = member(value, path, "lon", k_optional);
    if (lat)
        place.latitude = read_number(*lat.value, lat.path, -90.0, 90.0);
    if (lon)
        place.longitude = read_number(*lon.value, lon.path, -180.0, 180.0);
    if (lat && !lon)
        problem(lon.path, "is missing; give lat and lon together, or neither");
    if (lon && !lat)
        problem(lat.path, "is missing; give lat and lon together, or neither");
    if (const Member m = member(value, path, "how_to_find_us", k_optional))
        place.how_to_find_us = read_text(*m.value, m.path, TextKind::short_text);
    return place;
}

Cost CatalogueReader::read_cost(const Json& value, const JsonPath& path)
{
    Cost cost;
    if (!check_object(value, path, {"sek", "note"}))
        return cost;
    if (const Member m = member(value, path, "sek", k_optional))
        cost.sek = static_cast<int>(read_integer(*m.value, m.path, 0, k_max_cost_sek).value_or(0));
    if (const Member m = member(value, path, "note", k_optional))
        cost.note = read_text(*m.value, m.path, TextKind::short_text);
    return cost;
}

Audience CatalogueReader::read_audience(const Json& value, const JsonPath& path)
{
    Audience audience;
    if (!check_object(value, path, {"groups", "min_age", "max_age"}))
        return audience;
    if (const Member m = member(value, path, "groups", k_optional)) {
        audience.groups = read_string_list(*m.value, m.path, [this](const std::string& group, const JsonPath& where) {
            const auto& known = known_audience_groups();
            if (std::find(known.begin(), known.end(), group) != known.end())
                return true;
            problem(where, quote_for_message(group) + " is not an audience group (" + join(known) + ")");
            return false;
        });
    }
    if (const Member m = member(value, path, "min_age", k_optional)) {
        if (const auto age = read_integer(*m.value, m.path, 0, k_max_age))
            audience.min_age = static_cast<int>(*age);
    }
    if (const Member m = member(value, path, "max_age", k_optional)) {
        if (const auto age = read_integer(*m.value, m.path, 0, k_max_age)) {
            if (audience.min_age && *age < *audience.min_age)
                problem(m.path, std::to_string(*age) + " is less than min_age " + std::to_string(*audience.min_age));
            else
                audience.max_age = static_cast<int>(*age);
        }
    }
    return audience;
}

namespace {

// A file name beside the catalogue: '/'-separated parts of letters, digits, '.', '_' and '-', none
// empty or starting with '.', so it never leaves the catalogue's folder or names a hidden file.
bool is_image_file_name(std::string_view name)
{
    if (name.empty() || name.size() > k_max_image_file_name_bytes)
        return false;
    bool part_start = true;
    for (const char c : name) {
        if (c == '/') {
            if (part_start)
                return false;
            part_start = true;
            continue;
        }
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                           c == '-' || c == '.';
        if (!plain || (part_start && c == '.'))
            return false;
        part_start = false;
    }
    return !part_start;
}

bool is_sha256_hex(std::string_view text)
{
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

// An image is written by a person as {"file"} (publishing fills in the rest from the file) or in
// full as the hub publishes it: {"sha256", "bytes", "width", "height", "type"}, "file" optional.
std::optional<ImageRef> CatalogueReader::read_image(const Json& value, const JsonPath& path)
{
    if (!check_object(value, path, {"file", "sha256", "bytes", "width", "height", "type"}))
        return std::nullopt;
    ImageRef image;
    bool complete = true;
    if (const Member m = member(value, path, "file", k_optional)) {
        if (auto name = read_string(*m.value, m.path)) {
            if (is_image_file_name(*name))
                image.file = std::move(*name);
            else {
                problem(m.path, quote_for_message(*name) +
                                    " is not a file name beside the catalogue (letters, digits, '.', '_', '-' and '/', at most " +
                                    std::to_string(k_max_image_file_name_bytes) + " bytes, no part starting with '.')");
                complete = false;
            }
        } else {
            complete = false;
        }
    }
    const bool has_hash = value.contains("sha256");
    if (!has_hash && image.file.empty()) {
        if (complete && !value.contains("file"))
            problem(path, "names no image: give \"file\" (a file beside the catalogue) or \"sha256\" with "
                          "\"bytes\", \"width\", \"height\" and \"type\"");
        return std::nullopt;
    }
    if (has_hash || value.contains("bytes") || value.contains("width") || value.contains("height") ||
        value.contains("type")) {
        // Once any of these is written, all are: a kiosk needs every one to fetch and check the file.
        if (const Member m = member(value, path, "sha256", k_required)) {
            if (auto hash = read_string(*m.value, m.path)) {
                if (is_sha256_hex(*hash))
                    image.sha256 = std::move(*hash);
                else {
                    problem(m.path, quote_for_message(*hash) + " is not a SHA-256 of 64 lowercase hexadecimal digits");
                    complete = false;
                }
            } else {
                complete = false;
            }
        } else {
            complete = false;
        }
        if (const Member m = member(value, path, "bytes", k_required)) {
            const auto bytes = read_integer(*m.value, m.path, 1, k_max_image_bytes);
            image.bytes = bytes.value_or(0);
            complete = complete && bytes.has_value();
        } else {
            complete = false;
        }
        const auto read_side = [&](std::string_view name, int& out) {
            const Member m = member(value, path, name, k_required);
            const auto side = m ? read_integer(*m.value, m.path, 1, k_max_image_side) : std::nullopt;
            out = static_cast<int>(side.value_or(0));
            complete = complete && side.has_value();
        };
        read_side("width", image.width);
        read_side("height", image.height);
        if (image.width > 0 && image.height > 0 &&
            static_cast<std::int64_t>(image.width) * image.height > k_max_image_pixels) {
            problem(path / "height", std::to_string(image.width) + " x " + std::to_string(image.height) + " is " +
                                         std::to_string(static_cast<std::int64_t>(image.width) * image.height) +
                                         " pixels, more than the limit of " + std::to_string(k_max_image_pixels));
            complete = false;
        }
        if (const Member m = member(value, path, "type", k_required)) {
            if (auto type = read_string(*m.value, m.path)) {
                if (*type == "png" || *type == "jpeg")
                    image.type = std::move(*type);
                else {
                    problem(m.path, quote_for_message(*type) + " is not an image type (png, jpeg)");
                    complete = false;
                }
            } else {
                complete = false;
            }
        } else {
            complete = false;
        }
    }
    if (!complete)
        return std::nullopt;
    return image;
}

}  // namespace lotsen::catalogue_json_detail
