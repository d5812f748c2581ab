// association_pages.cpp — an association's own pages in the office: its profile (/profile) and its
// activities (/activities, /activities/new, /activities/<id>/edit, /activities/<id>/remove). A form
// is read as spreadsheet cells by the spreadsheet's reader (part_form.hpp), problems stand under
// their fields, "Preview" shows how the kiosk will read it, and "Send" hands the association's whole
// part to the region for approval — or publishes it at once when the region trusts the association
// (Office::submit_part, approvals.cpp). Only the signed-in user's own association is ever read or
// written: another association's activity ids are answered 404 as if they did not exist.
#include "hub/office/office.hpp"

#include "hub/office/form_pictures.hpp"

#include "core/catalogue/schedule.hpp"
#include "core/time/civil_time.hpp"
#include "hub/fleet.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/part_form.hpp"
#include "hub/office/web.hpp"

#include <algorithm>
#include <map>

namespace lotsen::hub::office {

namespace {

// What a form shows next to each field, and what stands above it.
struct Problems {
    std::map<std::string, std::vector<std::string>> by_field;
    std::vector<std::string> general;
};

Problems sort_problems(const std::vector<FieldProblem>& problems, const std::vector<std::string>& fields)
{
    Problems out;
    for (const FieldProblem& problem : problems) {
        if (!problem.field.empty() && std::find(fields.begin(), fields.end(), problem.field) != fields.end())
            out.by_field[problem.field].push_back(problem.reason);
        else
            out.general.push_back(problem.field.empty() ? problem.reason : problem.field + ": " + problem.reason);
    }
    return out;
}

std::string cell(const FormCells& cells, const std::string& name)
{
    const auto it = cells.find(name);
    return it == cells.end() ? std::string() : it->second;
}

enum class Input { text, textarea, number, date, email, tel, url };

// One field: label, hint, its problems (role alert-free: the summary above announces them), input.
std::string field(const std::string& l, const std::string& name, const std::string& label_html, const FormCells& cells,
                  const Problems& problems, Input input, std::string_view hint_key = {})
{
    const std::string id = "f-" + name;
    std::string described;
    std::string out = "<div class=\"field\"><label for=\"" + html(id) + "\">" + label_html + "</label>\n";
    if (!hint_key.empty()) {
        out += "<p class=\"muted hint\" id=\"" + html(id) + "-hint\">" + t(l, hint_key) + "</p>\n";
        described = id + "-hint";
    }
    const auto found = problems.by_field.find(name);
    if (found != problems.by_field.end()) {
        for (std::size_t i = 0; i < found->second.size(); ++i) {
            const std::string error_id = id + "-error" + std::to_string(i);
            out += "<p class=\"field-error\" id=\"" + html(error_id) + "\">" + html(found->second[i]) + "</p>\n";
            described += (described.empty() ? "" : " ") + error_id;
        }
    }
    const std::string common = "id=\"" + html(id) + "\" name=\"" + html(name) + "\"" +
                               (described.empty() ? "" : " aria-describedby=\"" + html(described) + "\"") +
                               (found != problems.by_field.end() ? " aria-invalid=\"true\"" : "");
    const std::string value = cell(cells, name);
    if (input == Input::textarea) {
        out += "<textarea " + common + " rows=\"4\">" + html(value) + "</textarea>\n";
    } else {
        static constexpr std::string_view types[] = {"text", "text", "number", "date", "email", "tel", "url"};
        out += "<input " + common + " type=\"" + std::string(types[static_cast<int>(input)]) + "\" value=\"" + html(value) + "\">\n";
    }
    return out + "</div>\n";
}

// A text in every form language: Swedish and English open, the others folded away.
std::string language_fields(const std::string& l, const std::string& prefix, std::string_view label_key, const FormCells& cells,
                            const Problems& problems, Input input, std::string_view hint_key = {})
{
    std::string out;
    std::string more;
    bool more_has_problem = false;
    for (const std::string& language : form_text_languages()) {
        const std::string label = t(l, label_key) + " <span class=\"muted\">(" + html(language_name(l, language)) + ")</span>";
        const std::string one = field(l, prefix + language, label, cells, problems, input, language == "sv" ? hint_key : "");
        if (language == "sv" || language == "en") {
            out += one;
        } else {
            more += one;
            more_has_problem = more_has_problem || problems.by_field.count(prefix + language) != 0;
        }
    }
    return out + "<details" + (more_has_problem ? " open" : "") + "><summary>" + t(l, label_key) + ": " +
           t(l, "form_more_languages") + "</summary>\n" + more + "</details>\n";
}

// A group of checkboxes whose ids make one list cell ("music | crafts").
std::string checkbox_group(const std::string& l, const std::string& name, std::string_view legend_key,
                           const std::vector<std::pair<std::string, std::string>>& choices, const FormCells& cells,
                           const Problems& problems)
{
    const std::string current = "| " + cell(cells, name) + " |";
    std::string out = "<fieldset id=\"f-" + html(name) + "\"><legend>" + t(l, legend_key) + "</legend>\n";
    if (const auto found = problems.by_field.find(name); found != problems.by_field.end()) {
        for (const std::string& reason : found->second)
            out += "<p class=\"field-error\">" + html(reason) + "</p>\n";
    }
    for (const auto& [id, label] : choices) {
        const std::string input_id = "f-" + name + "-" + id;
        const bool checked = current.find("| " + id + " |") != std::string::npos;
        out += "<div class=\"choice\"><input type=\"checkbox\" id=\"" + html(input_id) + "\" name=\"" + html(name + "." + id) +
               "\" value=\"1\"" + (checked ? " checked" : "") + "><label for=\"" + html(input_id) + "\">" + html(label) +
               "</label></div>\n";
    }
    return out + "</fieldset>\n";
}

std::string checkbox(const std::string& l, const std::string& name, std::string_view label_key, bool checked)
{
    return "<div class=\"choice\"><input type=\"checkbox\" id=\"f-" + html(name) + "\" name=\"" + html(name) +
           "\" value=\"ja\"" + (checked ? " checked" : "") + "><label for=\"f-" + html(name) + "\">" + t(l, label_key) +
           "</label></div>\n";
}

bool yes(const std::string& value)
{
    return value == "ja" || value == "yes" || value == "1" || value == "true";
}

std::vector<std::pair<std::string, std::string>> interest_choices(const std::string& l)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const Interest& interest : default_interests())
        out.emplace_back(interest.id, std::string(interest.label.get(l)));
    return out;
}

std::vector<std::pair<std::string, std::string>> accessibility_choices(const std::string& l)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& feature : known_accessibility_features())
        out.emplace_back(feature, std::string(text(l, "access_" + feature)));
    return out;
}

// The cells a posted form holds: text fields as typed, checkbox groups joined into one list cell.
FormCells posted_cells(const std::map<std::string, std::string>& fields, const std::vector<std::string>& columns,
                       const FormCells& kept)
{
    FormCells cells = kept;  // columns the form does not show (audience, ages) stay as they were
    for (const std::string& column : columns) {
        if (const auto it = fields.find(column); it != fields.end())
            cells[column] = it->second;
    }
    for (const char* group : {"interests", "accessibility"}) {
        if (std::find(columns.begin(), columns.end(), group) == columns.end())
            continue;
        std::string joined;
        const std::string prefix = std::string(group) + ".";
        for (const auto& [name, value] : fields) {
            if (name.rfind(prefix, 0) == 0 && !value.empty())
                joined += (joined.empty() ? "" : " | ") + name.substr(prefix.size());
        }
        cells[group] = joined;
    }
    for (const char* flag : {"drop_in", "accepts_contact_requests"}) {
        if (std::find(columns.begin(), columns.end(), flag) != columns.end())
            cells[flag] = fields.count(flag) ? "ja" : "nej";
    }
    return cells;
}

std::string problem_summary(const std::string& l, const Problems& problems, std::size_t total)
{
    if (total == 0)
        return {};
    std::string out = "<div class=\"notice error\" role=\"alert\"><p>" + t(l, "form_has_problems") + " (" +
                      std::to_string(total) + ")</p>\n";
    if (!problems.general.empty()) {
        out += "<ul>\n";
        for (const std::string& reason : problems.general)
            out += "<li>" + html(reason) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</div>\n";
}

std::vector<std::string> reasons(const std::vector<FieldProblem>& problems)
{
    std::vector<std::string> out;
    for (const FieldProblem& problem : problems)
        out.push_back(problem.reason);
    return out;
}

std::string weekday_name(const std::string& l, int iso_weekday)
{
    return std::string(text(l, "weekday_" + std::to_string(std::clamp(iso_weekday, 1, 7))));
}

// How the kiosk's card and detail will read the activity, in the user's language.
std::string activity_preview(const std::string& l, const Activity& activity, const Organisation& organisation,
                             UnixSeconds now)
{
    std::string out = "<section class=\"preview\" aria-labelledby=\"preview-title\"><p class=\"muted\">" +
                      t(l, "preview_intro") + "</p>\n<h3 id=\"preview-title\">" + html(activity.title.get(l)) + "</h3>\n";
    out += "<p class=\"muted\">" + html(organisation.name.get(l)) + "</p>\n";
    if (activity.image)
        out += picture_img(*activity.image, std::string(text(l, "picture_alt_image"))) + "\n";
    if (!activity.description.empty())
        out += "<p>" + html(activity.description.get(l)) + "</p>\n";
    out += "<dl>\n";
    std::string when;
    for (const WeeklyRule& rule : activity.schedule.weekly) {
        when += (when.empty() ? "" : "; ") + weekday_name(l, rule.iso_weekday) +
                (rule.every_weeks == 2 ? " (" + std::string(text(l, "every_other_week")) + ")" : "") + " " +
                rule.start.to_string() + "–" + rule.end.to_string() + ", " + rule.valid_from.to_string() + " – " +
                rule.valid_until.to_string();
    }
    for (const SingleDate& date : activity.schedule.dates)
        when += (when.empty() ? "" : "; ") + date.date.to_string() + " " + date.start.to_string() + "–" + date.end.to_string();
    out += "<div><dt>" + t(l, "preview_when") + "</dt><dd>" + html(when) + "</dd></div>\n";
    // The next times, as the kiosk's schedule expands them (cancelled dates left out).
    const std::vector<Occurrence> next = expand(activity.schedule, now, now + 366 * 86400);
    std::string times;
    for (std::size_t i = 0; i < next.size() && i < 3; ++i) {
        const LocalDateTime& start = next[i].local_start;
        times += (times.empty() ? "" : "; ") + std::string(text(l, "day_" + std::to_string(start.date.iso_weekday()))) + " " +
                 start.date.to_string() + " " + start.time.to_string();
    }
    out += "<div><dt>" + t(l, "preview_next") + "</dt><dd>" +
           (times.empty() ? "<strong>" + t(l, "preview_no_times") + "</strong>" : html(times)) + "</dd></div>\n";
    std::string where = std::string(activity.place.name.get(l));
    for (const std::string& part : {activity.place.address, activity.place.town}) {
        if (!part.empty())
            where += (where.empty() ? "" : ", ") + part;
    }
    out += "<div><dt>" + t(l, "preview_where") + "</dt><dd>" + html(where) + "</dd></div>\n";
    if (!activity.place.how_to_find_us.empty())
        out += "<div><dt>" + t(l, "preview_find_us") + "</dt><dd>" + html(activity.place.how_to_find_us.get(l)) + "</dd></div>\n";
    std::string cost = activity.cost.free() ? std::string(text(l, "preview_free")) : std::to_string(activity.cost.sek) + " kr";
    if (!activity.cost.note.empty())
        cost += " – " + std::string(activity.cost.note.get(l));
    out += "<div><dt>" + t(l, "preview_cost") + "</dt><dd>" + html(cost) + "</dd></div>\n";
    if (!activity.languages.empty()) {
        std::string languages;
        for (const std::string& code : activity.languages)
            languages += (languages.empty() ? "" : ", ") + language_name(l, code);
        out += "<div><dt>" + t(l, "preview_languages") + "</dt><dd>" + html(languages) + "</dd></div>\n";
    }
    if (!activity.accessibility.empty()) {
        std::string features;
        for (const std::string& feature : activity.accessibility)
            features += (features.empty() ? "" : ", ") + std::string(text(l, "access_" + feature));
        out += "<div><dt>" + t(l, "preview_access") + "</dt><dd>" + html(features) + "</dd></div>\n";
    }
    std::string interests;
    for (const std::string& id : activity.interests) {
        for (const Interest& interest : default_interests()) {
            if (interest.id == id)
                interests += (interests.empty() ? "" : ", ") + std::string(interest.label.get(l));
        }
    }
    if (!interests.empty())
        out += "<div><dt>" + t(l, "f_interests") + "</dt><dd>" + html(interests) + "</dd></div>\n";
    out += "</dl>\n";
    if (activity.drop_in)
        out += "<p><strong>" + t(l, "preview_drop_in") + "</strong></p>\n";
    return out + "</section>\n";
}

std::string profile_preview(const std::string& l, const Organisation& organisation)
{
    std::string out = "<section class=\"preview\" aria-labelledby=\"preview-title\"><p class=\"muted\">" +
                      t(l, "preview_intro") + "</p>\n<h3 id=\"preview-title\">" + html(organisation.name.get(l)) + "</h3>\n";
    if (organisation.logo)
        out += picture_img(*organisation.logo, std::string(text(l, "picture_alt_logo"))) + "\n";
    if (!organisation.description.empty())
        out += "<p>" + html(organisation.description.get(l)) + "</p>\n";
    out += "<dl>\n";
    const auto fact = [&](std::string_view key, const std::string& value) {
        if (!value.empty())
            out += "<div><dt>" + t(l, key) + "</dt><dd>" + html(value) + "</dd></div>\n";
    };
    // As the kiosk shows them under the organiser: in the reader's language, else Swedish, else English.
    fact("f_org_needs", std::string(organisation.needs.get(l)));
    fact("f_org_offers", std::string(organisation.offers.get(l)));
    fact("f_phone", organisation.contact.phone);
    fact("f_email", organisation.contact.email);
    fact("f_web", organisation.contact.web);
    fact("f_municipality", organisation.municipality);
    if (organisation.reply_days > 0)
        fact("f_reply_days", std::to_string(organisation.reply_days));
    return out + "</dl>\n</section>\n";
}

std::string form_buttons(const std::string& l)
{
    return "<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\">" + t(l, "form_preview") +
           "</button><button type=\"submit\" name=\"action\" value=\"send\">" + t(l, "form_send") + "</button></div>\n";
}

std::vector<std::string> activity_ids(const CataloguePart& part, const Catalogue* published)
{
    std::vector<std::string> ids;
    for (const Activity& activity : part.activities)
        ids.push_back(activity.id);
    if (published != nullptr) {
        for (const Activity& activity : published->activities)
            ids.push_back(activity.id);
    }
    return ids;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The association's part: what it is now, and handing a change on

CataloguePart Office::published_part(const std::string& organisation_id) const
{
    if (m_setup.catalogue) {
        for (CataloguePart& part : split_into_parts(*m_setup.catalogue)) {
            if (part.organisation.id == organisation_id)
                return part;
        }
    }
    CataloguePart part;
    part.organisation.id = organisation_id;
    return part;
}

// The part the forms edit: the pending change when there is one (edits build on it), else what is published.
Result<CataloguePart> Office::draft_part(const std::string& organisation_id)
{
    const std::optional<CatalogueChange> pending = LOTSEN_TRY(m_change_store.pending(organisation_id));
    if (!pending)
        return published_part(organisation_id);
    std::optional<CataloguePart> part = part_from_json(pending->part);
    if (!part)
        return Error{"the pending change " + std::to_string(pending->id) + " of " + organisation_id + " does not read back"};
    return std::move(*part);
}

// A trusted association's change is published now; any other waits for the region. Returns the
// notice key for the page the user goes back to.
Result<std::string> Office::submit_part(const Context& context, const CataloguePart& part, const std::string& summary)
{
    const std::string& association = context.user.organisation_id;
    const UnixSeconds now = m_setup.clock();
    const std::string json = part_to_json(part);
    if (LOTSEN_TRY(m_change_store.trusted(association))) {
        std::string changes;
        const std::int64_t version = LOTSEN_TRY(publish_part(part, changes));
        // A change still pending from before the trust was part of this draft: it is published with it.
        if (const auto pending = LOTSEN_TRY(m_change_store.pending(association)))
            LOTSEN_TRY(m_change_store.decide(pending->id, pending->revision, ChangeState::approved, context.user.id, now,
                                             "published with a trusted change", version));
        const std::int64_t id = LOTSEN_TRY(m_change_store.record_published(association, json, summary, context.user.id, now, version));
        audit({now, context.user.id, "publish_direct", association, "",
               "change " + std::to_string(id) + ": " + summary + "; catalogue version " + std::to_string(version) + ": " + changes});
        prune_pictures();
        return std::string("sent_published");
    }
    const std::int64_t id = LOTSEN_TRY(m_change_store.save_pending(association, json, summary, context.user.id, now));
    audit({now, context.user.id, "submit_change", association, "", "change " + std::to_string(id) + ": " + summary});
    prune_pictures();  // a picture the change replaced is no longer named
    return std::string("sent_for_approval");
}

// ---------------------------------------------------------------------------------------------
// Pages

WebResponse Office::activities_page(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const std::string& association = context.user.organisation_id;
    auto part = draft_part(association);
    if (!part)
        return failure(l, part.error().text());
    const auto pending = m_change_store.pending(association);
    const auto decided = m_change_store.latest_decided(association);
    if (!pending || !decided)
        return failure(l, !pending ? pending.error().text() : decided.error().text());
    std::string main = "<h1>" + t(l, "activities_title") + "</h1>\n";
    const auto query = parse_form(request.query);
    for (const char* key : {"sent_for_approval", "sent_published", "removed_for_approval", "removed_published"}) {
        if (query.count("done") && query.at("done") == key)
            main += notice(l, key, false);
    }
    if (pending.value()) {
        main += "<p class=\"notice\">" + t(l, "change_pending") + " " + html(format_local_time(pending.value()->submitted_at)) +
                ".</p>\n";
    } else if (decided.value() && decided.value()->state == ChangeState::rejected) {
        main += "<div class=\"notice error\" role=\"alert\"><p>" + t(l, "change_rejected") + "</p><p>" +
                html(decided.value()->reason) + "</p></div>\n";
    }
    main += "<p><a href=\"/activities/new\">" + t(l, "activity_new") + "</a></p>\n";
    if (part.value().activities.empty())
        main += "<p>" + t(l, "activities_none") + "</p>\n";
    main += "<ul class=\"requests\">\n";
    for (const Activity& activity : part.value().activities) {
        const std::string id = html(percent_encode(activity.id));
        main += "<li><a class=\"title\" href=\"/activities/" + id + "/edit\">" + html(activity.title.get(l)) +
                "</a> <span class=\"muted code\">" + html(activity.id) + "</span>\n<form method=\"post\" action=\"/activities/" +
                id + "/remove\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) +
                "\"><button type=\"submit\">" + t(l, "activity_remove") + "<span class=\"skip\"> " +
                html(activity.title.get(l)) + "</span></button></form></li>\n";
    }
    main += "</ul>\n";
    return html_response(200, page(Frame{l, std::string(text(l, "activities_title")), &context.user, context.csrf}, main));
}

WebResponse Office::activity_form(const Context& context, const WebRequest& request, const std::string& activity_id)
{
    const std::string& l = context.language;
    const std::string& association = context.user.organisation_id;
    auto draft = draft_part(association);
    if (!draft)
        return failure(l, draft.error().text());
    CataloguePart part = std::move(draft.value());
    const bool is_new = activity_id.empty();
    auto existing = part.activities.end();
    if (!is_new) {
        // Only this association's own activities are found: another's id is answered as one that does not exist.
        existing = std::find_if(part.activities.begin(), part.activities.end(),
                                [&](const Activity& activity) { return activity.id == activity_id; });
        if (existing == part.activities.end())
            return not_found(l, &context);
    }
    FormCells cells = is_new ? FormCells{{"drop_in", "nej"}} : activity_cells(*existing, l);
    std::optional<ImageRef> image = is_new ? std::optional<ImageRef>() : existing->image;
    std::vector<FieldProblem> picture_problems;
    std::vector<FieldProblem> found;
    std::optional<Activity> checked;
    const bool post = request.method == "POST";
    std::string action;
    if (post) {
        const PostedForm form = read_posted_form(request.content_type, request.body, request.body_cut_short);
        const auto& fields = form.fields;
        action = fields.count("action") ? fields.at("action") : "preview";
        cells = posted_cells(fields, activity_form_columns(), cells);
        auto picture = posted_picture(context, form, "image", image, picture_problems);
        if (!picture)
            return failure(l, picture.error().text());
        image = picture.value();
        std::string id = activity_id;
        if (is_new) {
            std::string title = cell(cells, "title_sv");
            if (title.empty())
                title = cell(cells, "title_en");
            id = new_activity_id(association, title, activity_ids(part, m_setup.catalogue ? &*m_setup.catalogue : nullptr));
        }
        CheckedActivity read = check_activity(cells, part.organisation, id, image);
        found = std::move(read.problems);
        checked = std::move(read.activity);
        if (checked && action == "send" && picture_problems.empty()) {
            // Sending a listing is checking it: its last-checked date is the day it was sent, even when
            // the region approves it later (catalogue.md, "last_checked").
            checked->last_checked = stockholm::to_local(m_setup.clock()).date;
            CataloguePart changed = part;
            std::string summary;
            if (is_new) {
                changed.activities.push_back(*checked);
                summary = "activity " + checked->id + ": added";
            } else {
                changed.activities[static_cast<std::size_t>(existing - part.activities.begin())] = *checked;
                summary = "activity " + checked->id + ": changed";
            }
            found = check_part(changed);
            if (found.empty()) {
                auto sent = submit_part(context, changed, summary);
                if (!sent)
                    found.push_back(FieldProblem{"", sent.error().text()});
                else
                    return redirect("/activities?done=" + sent.value());
            }
        }
    }
    const Problems problems = sort_problems(found, activity_form_columns());
    const std::string title_key = is_new ? "activity_new" : "activity_edit";
    const std::string target = is_new ? "/activities/new" : "/activities/" + percent_encode(activity_id) + "/edit";
    std::string main = "<p><a href=\"/activities\">" + t(l, "back_to_activities") + "</a></p>\n<h1>" + t(l, title_key) + "</h1>\n" +
                       problem_summary(l, problems, found.size() + picture_problems.size());
    if (post && checked && found.empty() && picture_problems.empty())
        main += activity_preview(l, *checked, part.organisation, m_setup.clock());
    main += "<p class=\"muted\">" + t(l, "form_same_as_sheet") + "</p>\n<form method=\"post\" action=\"" + html(target) +
            "\" enctype=\"multipart/form-data\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) + "\">\n";
    main += "<h2>" + t(l, "form_what") + "</h2>\n" + language_fields(l, "title_", "f_title", cells, problems, Input::text) +
            language_fields(l, "description_", "f_description", cells, problems, Input::textarea) +
            checkbox_group(l, "interests", "f_interests", interest_choices(l), cells, problems);
    main += "<h2>" + t(l, "form_when") + "</h2>\n" + field(l, "weekly", t(l, "f_weekly"), cells, problems, Input::text, "f_weekly_hint") +
            field(l, "from", t(l, "f_from"), cells, problems, Input::text, "f_date_hint") +
            field(l, "until", t(l, "f_until"), cells, problems, Input::text, "f_date_hint") +
            field(l, "dates", t(l, "f_dates"), cells, problems, Input::text, "f_dates_hint") +
            field(l, "cancelled", t(l, "f_cancelled"), cells, problems, Input::text, "f_cancelled_hint");
    main += "<h2>" + t(l, "form_where") + "</h2>\n" + language_fields(l, "place_", "f_place", cells, problems, Input::text) +
            field(l, "address", t(l, "f_address"), cells, problems, Input::text) +
            field(l, "town", t(l, "f_town"), cells, problems, Input::text) +
            language_fields(l, "how_to_find_us_", "f_how_to_find_us", cells, problems, Input::textarea, "f_how_to_find_us_hint") +
            field(l, "lat", t(l, "f_lat"), cells, problems, Input::text, "f_coordinates_hint") +
            field(l, "lon", t(l, "f_lon"), cells, problems, Input::text);
    main += "<h2>" + t(l, "form_who") + "</h2>\n" + field(l, "cost_sek", t(l, "f_cost"), cells, problems, Input::text, "f_cost_hint") +
            language_fields(l, "cost_note_", "f_cost_note", cells, problems, Input::text) +
            field(l, "languages", t(l, "f_languages"), cells, problems, Input::text, "f_languages_hint") +
            checkbox_group(l, "accessibility", "f_accessibility", accessibility_choices(l), cells, problems) +
            checkbox(l, "drop_in", "f_drop_in", yes(cell(cells, "drop_in")));
    main += picture_field(l, "image", "f_image", "picture_alt_image", image, reasons(picture_problems));
    main += form_buttons(l) + "</form>\n";
    const int status = post && !(found.empty() && picture_problems.empty()) ? 400 : 200;
    return html_response(status, page(Frame{l, std::string(text(l, title_key)), &context.user, context.csrf}, main));
}

WebResponse Office::remove_activity(const Context& context, const std::string& activity_id)
{
    const std::string& l = context.language;
    auto draft = draft_part(context.user.organisation_id);
    if (!draft)
        return failure(l, draft.error().text());
    CataloguePart part = std::move(draft.value());
    const auto it = std::find_if(part.activities.begin(), part.activities.end(),
                                 [&](const Activity& activity) { return activity.id == activity_id; });
    if (it == part.activities.end())
        return not_found(l, &context);
    part.activities.erase(it);
    auto sent = submit_part(context, part, "activity " + activity_id + ": removed");
    if (!sent)
        return failure(l, sent.error().text());
    return redirect(std::string("/activities?done=") + (sent.value() == "sent_published" ? "removed_published" : "removed_for_approval"));
}

WebResponse Office::profile_page(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    auto draft = draft_part(context.user.organisation_id);
    if (!draft)
        return failure(l, draft.error().text());
    CataloguePart part = std::move(draft.value());
    FormCells cells = profile_cells(part.organisation);
    std::optional<ImageRef> logo = part.organisation.logo;
    std::vector<FieldProblem> picture_problems;
    std::vector<FieldProblem> found;
    std::optional<Organisation> checked;
    const bool post = request.method == "POST";
    if (post) {
        const PostedForm form = read_posted_form(request.content_type, request.body, request.body_cut_short);
        const auto& fields = form.fields;
        const std::string action = fields.count("action") ? fields.at("action") : "preview";
        cells = posted_cells(fields, profile_form_columns(), cells);
        auto picture = posted_picture(context, form, "logo", logo, picture_problems);
        if (!picture)
            return failure(l, picture.error().text());
        logo = picture.value();
        CheckedProfile read = check_profile(cells, part);
        found = std::move(read.problems);
        checked = std::move(read.organisation);
        if (checked)
            checked->logo = logo;
        if (checked && action == "send" && picture_problems.empty()) {
            CataloguePart changed = part;
            changed.organisation = *checked;
            found = check_part(changed);
            if (found.empty()) {
                auto sent = submit_part(context, changed, "profile: changed");
                if (!sent)
                    found.push_back(FieldProblem{"", sent.error().text()});
                else
                    return redirect("/profile?done=" + sent.value());
            }
        }
    }
    const Problems problems = sort_problems(found, profile_form_columns());
    std::string main = "<h1>" + t(l, "profile_title") + "</h1>\n";
    const auto query = parse_form(request.query);
    for (const char* key : {"sent_for_approval", "sent_published"}) {
        if (query.count("done") && query.at("done") == key)
            main += notice(l, key, false);
    }
    main += problem_summary(l, problems, found.size() + picture_problems.size());
    if (post && checked && found.empty() && picture_problems.empty())
        main += profile_preview(l, *checked);
    main += "<p class=\"muted\">" + t(l, "form_same_as_sheet") + "</p>\n<form method=\"post\" action=\"/profile\" "
            "enctype=\"multipart/form-data\" novalidate>\n"
            "<input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) + "\">\n" +
            language_fields(l, "organisation_name_", "f_org_name", cells, problems, Input::text) +
            language_fields(l, "organisation_description_", "f_org_description", cells, problems, Input::textarea,
                            "f_org_description_hint") +
            language_fields(l, "organisation_needs_", "f_org_needs", cells, problems, Input::textarea, "f_org_needs_hint") +
            language_fields(l, "organisation_offers_", "f_org_offers", cells, problems, Input::textarea,
                            "f_org_offers_hint") +
            "<h2>" + t(l, "form_contact") + "</h2>\n" +
            field(l, "organisation_phone", t(l, "f_phone"), cells, problems, Input::tel) +
            field(l, "organisation_email", t(l, "f_email"), cells, problems, Input::email) +
            field(l, "organisation_web", t(l, "f_web"), cells, problems, Input::url) +
            field(l, "municipality", t(l, "f_municipality"), cells, problems, Input::text) +
            field(l, "reply_days", t(l, "f_reply_days"), cells, problems, Input::text, "f_reply_days_hint") +
            checkbox(l, "accepts_contact_requests", "f_accepts", yes(cell(cells, "accepts_contact_requests"))) +
            picture_field(l, "logo", "f_logo", "picture_alt_logo", logo, reasons(picture_problems)) +
            form_buttons(l) + "</form>\n";
    const int status = post && !(found.empty() && picture_problems.empty()) ? 400 : 200;
    return html_response(status, page(Frame{l, std::string(text(l, "profile_title")), &context.user, context.csrf}, main));
}

}  // namespace lotsen::hub::office
