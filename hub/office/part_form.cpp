// part_form.cpp — the office's forms as spreadsheet cells (part_form.hpp). Reading goes through
// import_catalogue_cells(), the spreadsheet reader itself: this file only lays the cells out as a
// spreadsheet would and sorts the problems back to their fields.
#include "hub/office/part_form.hpp"

#include "core/base/text_checks.hpp"
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"

#include <algorithm>
#include <charconv>

namespace lotsen::hub::office {

namespace {

constexpr std::string_view k_weekday_words[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view k_swedish_weekday_words[] = {"mån", "tis", "ons", "tors", "fre", "lör", "sön"};

std::string joined(const std::vector<std::string>& items, std::string_view separator)
{
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::string decimal(double value)
{
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

void put_text(FormCells& cells, const std::string& prefix, const LocalizedText& text)
{
    for (const auto& [language, value] : text.all())
        cells[prefix + language] = value;
}

// The field a spreadsheet problem names: "row 2, column 'cost_sek'" → "cost_sek"; "" otherwise.
std::string field_of(const std::string& where)
{
    static constexpr std::string_view marker = ", column '";
    const std::size_t at = where.find(marker);
    if (where.rfind("row ", 0) != 0 || at == std::string::npos || where.back() != '\'')
        return {};
    return where.substr(at + marker.size(), where.size() - at - marker.size() - 1);
}

std::vector<FieldProblem> field_problems(const std::vector<CatalogueProblem>& problems)
{
    std::vector<FieldProblem> out;
    for (const CatalogueProblem& problem : problems) {
        std::string field = field_of(problem.where);
        if (field.empty())
            out.push_back(FieldProblem{"", problem.where + ": " + problem.reason});
        else
            out.push_back(FieldProblem{std::move(field), problem.reason});
    }
    return out;
}

// The field of a catalogue-reader problem about the one organisation ("$.organisations[0].contact.email").
std::string profile_field_of_path(const std::string& path)
{
    static constexpr std::string_view prefix = "$.organisations[0].";
    if (path.rfind(prefix, 0) != 0)
        return {};
    const std::string rest = path.substr(prefix.size());
    for (const char* name : {"name.", "description.", "needs.", "offers."}) {
        if (rest.rfind(name, 0) == 0)
            return "organisation_" + std::string(name).substr(0, std::string(name).size() - 1) + "_" +
                   rest.substr(std::string(name).size());
    }
    if (rest.rfind("contact.", 0) == 0)
        return "organisation_" + rest.substr(8);
    if (rest == "municipality" || rest == "reply_days" || rest == "accepts_contact_requests")
        return rest;
    return {};
}

std::vector<std::string> with_languages(std::initializer_list<std::string_view> prefixes)
{
    std::vector<std::string> out;
    for (const std::string_view prefix : prefixes) {
        for (const std::string& language : form_text_languages())
            out.push_back(std::string(prefix) + language);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& form_text_languages()
{
    static const std::vector<std::string> languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
    return languages;
}

const std::vector<std::string>& activity_form_columns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> out = with_languages({"title_", "description_", "place_", "how_to_find_us_", "cost_note_"});
        for (const char* column : {"interests", "weekly", "from", "until", "dates", "cancelled", "address", "town", "lat",
                                   "lon", "cost_sek", "languages", "accessibility", "audience", "min_age", "max_age",
                                   "drop_in"})
            out.emplace_back(column);
        return out;
    }();
    return columns;
}

const std::vector<std::string>& profile_form_columns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> out = with_languages({"organisation_name_", "organisation_description_",
                                                       "organisation_needs_", "organisation_offers_"});
        for (const char* column : {"organisation_phone", "organisation_email", "organisation_web", "municipality",
                                   "reply_days", "accepts_contact_requests"})
            out.emplace_back(column);
        return out;
    }();
    return columns;
}

FormCells activity_cells(const Activity& activity, std::string_view language)
{
    const bool swedish = language == "sv";
    FormCells cells;
    put_text(cells, "title_", activity.title);
    put_text(cells, "description_", activity.description);
    put_text(cells, "place_", activity.place.name);
    put_text(cells, "how_to_find_us_", activity.place.how_to_find_us);
    put_text(cells, "cost_note_", activity.cost.note);
    cells["interests"] = joined(activity.interests, " | ");
    // A spreadsheet row shares one from and one until among its weekly entries: the widest span.
    std::vector<std::string> weekly;
    std::optional<Date> from;
    std::optional<Date> until;
    for (const WeeklyRule& rule : activity.schedule.weekly) {
        const std::size_t day = static_cast<std::size_t>(std::clamp(rule.iso_weekday, 1, 7) - 1);
        std::string entry(swedish ? k_swedish_weekday_words[day] : k_weekday_words[day]);
        if (swedish && rule.every_weeks == 2)
            entry = "varannan " + entry;
        else if (rule.every_weeks != 1)
            entry += "/" + std::to_string(rule.every_weeks);
        weekly.push_back(entry + " " + rule.start.to_string() + "-" + rule.end.to_string());
        if (!from || rule.valid_from < *from)
            from = rule.valid_from;
        if (!until || *until < rule.valid_until)
            until = rule.valid_until;
    }
    cells["weekly"] = joined(weekly, " | ");
    cells["from"] = from ? from->to_string() : "";
    cells["until"] = until ? until->to_string() : "";
    std::vector<std::string> dates;
    for (const SingleDate& date : activity.schedule.dates)
        dates.push_back(date.date.to_string() + " " + date.start.to_string() + "-" + date.end.to_string());
    cells["dates"] = joined(dates, " | ");
    std::vector<std::string> cancelled;
    for (const Date& date : activity.schedule.cancelled)
        cancelled.push_back(date.to_string());
    cells["cancelled"] = joined(cancelled, " | ");
    cells["address"] = activity.place.address;
    cells["town"] = activity.place.town;
    cells["lat"] = activity.place.latitude ? decimal(*activity.place.latitude) : "";
    cells["lon"] = activity.place.longitude ? decimal(*activity.place.longitude) : "";
    cells["cost_sek"] = swedish && activity.cost.free() ? std::string("gratis") : std::to_string(activity.cost.sek);
    std::vector<std::string> languages(activity.languages.begin(), activity.languages.end());
    cells["languages"] = joined(languages, ", ");
    cells["accessibility"] = joined(activity.accessibility, " | ");
    cells["audience"] = joined(activity.audience.groups, " | ");
    cells["min_age"] = activity.audience.min_age ? std::to_string(*activity.audience.min_age) : "";
    cells["max_age"] = activity.audience.max_age ? std::to_string(*activity.audience.max_age) : "";
    cells["drop_in"] = activity.drop_in ? "ja" : "nej";
    return cells;
}

FormCells profile_cells(const Organisation& organisation)
{
    FormCells cells;
    put_text(cells, "organisation_name_", organisation.name);
    put_text(cells, "organisation_description_", organisation.description);
    put_text(cells, "organisation_needs_", organisation.needs);    // catalogue format 1.5
    put_text(cells, "organisation_offers_", organisation.offers);
    cells["organisation_phone"] = organisation.contact.phone;
    cells["organisation_email"] = organisation.contact.email;
    cells["organisation_web"] = organisation.contact.web;
    cells["municipality"] = organisation.municipality;
    cells["reply_days"] = organisation.reply_days != 0 ? std::to_string(organisation.reply_days) : "";
    cells["accepts_contact_requests"] = organisation.accepts_contact_requests ? "ja" : "nej";
    return cells;
}

namespace {

// One spreadsheet row per activity, the profile repeated on each as a spreadsheet repeats it.
ImportedSpreadsheet read_rows(const std::string& association, const FormCells& profile,
                              const std::vector<std::pair<std::string, FormCells>>& activities)
{
    std::vector<std::string> header{"id", "organisation_id"};
    for (const std::string& column : profile_form_columns())
        header.push_back(column);
    for (const std::string& column : activity_form_columns())
        header.push_back(column);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [id, cells] : activities) {
        std::vector<std::string> row{id, association};
        for (std::size_t i = 2; i < header.size(); ++i) {
            const FormCells& from = i < 2 + profile_form_columns().size() ? profile : cells;
            const auto it = from.find(header[i]);
            row.push_back(it == from.end() ? std::string() : it->second);
        }
        rows.push_back(std::move(row));
    }
    CsvImportOptions options;
    options.association = association;
    options.one_association = true;
    return import_catalogue_cells(header, rows, options);
}

}  // namespace

CheckedActivity check_activity(const FormCells& cells, const Organisation& profile, const std::string& id,
                               const std::optional<ImageRef>& image)
{
    CheckedActivity checked;
    ImportedSpreadsheet read = read_rows(profile.id, profile_cells(profile), {{id, cells}});
    checked.problems = field_problems(read.result.problems);
    if (!read.result.ok())
        return checked;
    if (read.result.catalogue->activities.size() != 1) {
        checked.problems.push_back(FieldProblem{"", "the form is empty"});
        return checked;
    }
    checked.activity = std::move(read.result.catalogue->activities.front());
    checked.activity->image = image;
    return checked;
}

CheckedProfile check_profile(const FormCells& cells, const CataloguePart& part)
{
    CheckedProfile checked;
    if (!part.activities.empty()) {
        std::vector<std::pair<std::string, FormCells>> rows;
        for (const Activity& activity : part.activities)
            rows.emplace_back(activity.id, activity_cells(activity));
        ImportedSpreadsheet read = read_rows(part.organisation.id, cells, rows);
        checked.problems = field_problems(read.result.problems);
        if (!read.result.ok() || read.result.catalogue->organisations.empty())
            return checked;
        checked.organisation = std::move(read.result.catalogue->organisations.front());
        checked.organisation->logo = part.organisation.logo;
        return checked;
    }
    // No activity row to carry the profile: the catalogue reader's rules on the organisation alone.
    Organisation organisation;
    organisation.id = part.organisation.id;
    organisation.logo = part.organisation.logo;
    for (const auto& [column, value] : cells) {
        if (value.empty())
            continue;
        for (const std::string& language : form_text_languages()) {
            if (column == "organisation_name_" + language)
                organisation.name.set(language, value);
            if (column == "organisation_description_" + language)
                organisation.description.set(language, value);
            if (column == "organisation_needs_" + language)
                organisation.needs.set(language, value);
            if (column == "organisation_offers_" + language)
                organisation.offers.set(language, value);
        }
    }
    const auto cell = [&](const char* column) {
        const auto it = cells.find(column);
        return it == cells.end() ? std::string() : it->second;
    };
    organisation.contact = PublicContact{cell("organisation_phone"), cell("organisation_email"), cell("organisation_web")};
    organisation.municipality = cell("municipality");
    const std::string days = cell("reply_days");
    if (!days.empty()) {
        int value = 0;
        const auto [end, error] = std::from_chars(days.data(), days.data() + days.size(), value);
        if (error != std::errc() || end != days.data() + days.size())
            checked.problems.push_back(FieldProblem{"reply_days", quote_for_message(days) + " is not a whole number"});
        organisation.reply_days = value;
    }
    const std::string accepts = cell("accepts_contact_requests");
    organisation.accepts_contact_requests = accepts == "ja" || accepts == "yes" || accepts == "1";
    CataloguePart alone{organisation, {}};
    CatalogueParseResult read = parse_catalogue_json(part_to_json(alone));
    for (const CatalogueProblem& problem : read.problems) {
        const std::string field = profile_field_of_path(problem.where);
        checked.problems.push_back(field.empty() ? FieldProblem{"", problem.where + ": " + problem.reason}
                                                 : FieldProblem{field, problem.reason});
    }
    if (checked.problems.empty())
        checked.organisation = std::move(organisation);
    return checked;
}

std::vector<FieldProblem> check_part(const CataloguePart& part)
{
    std::vector<FieldProblem> out;
    for (const CatalogueProblem& problem : parse_catalogue_json(part_to_json(part)).problems)
        out.push_back(FieldProblem{"", problem.where + ": " + problem.reason});
    return out;
}

std::string part_to_json(const CataloguePart& part)
{
    Catalogue catalogue;
    catalogue.version = 1;  // publishing numbers it after the published catalogue
    catalogue.organisations.push_back(part.organisation);
    catalogue.activities = part.activities;
    return catalogue_to_json(catalogue);
}

std::optional<CataloguePart> part_from_json(const std::string& json)
{
    CatalogueParseResult read = parse_catalogue_json(json, {}, UnknownMembers::ignore);
    if (!read.ok() || read.catalogue->organisations.size() != 1)
        return std::nullopt;
    return CataloguePart{std::move(read.catalogue->organisations.front()), std::move(read.catalogue->activities)};
}

std::string new_activity_id(const std::string& association, const std::string& title, const std::vector<std::string>& taken)
{
    std::string slug;
    for (std::size_t i = 0; i < title.size(); ++i) {
        const auto c = static_cast<unsigned char>(title[i]);
        char out = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out = static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z')
            out = static_cast<char>(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < title.size()) {
            // å ä Å Ä → a, ö Ö → o, é É → e: the Swedish letters a title is likely to hold.
            const auto next = static_cast<unsigned char>(title[++i]);
            out = next == 0xA5 || next == 0xA4 || next == 0x85 || next == 0x84 ? 'a'
                  : next == 0xB6 || next == 0x96                            ? 'o'
                  : next == 0xA9 || next == 0x89                            ? 'e'
                                                                            : '-';
        } else {
            out = '-';
        }
        if (out == '-' && (slug.empty() || slug.back() == '-'))
            continue;
        slug += out;
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    std::string base = association + "-" + (slug.empty() ? std::string("activity") : slug);
    if (base.size() > 56)
        base.resize(56);
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    std::string id = base;
    for (int n = 2; std::find(taken.begin(), taken.end(), id) != taken.end(); ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

}  // namespace lotsen::hub::office
