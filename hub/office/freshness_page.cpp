// freshness_page.cpp — the office's /freshness: an association's listings, oldest check first, each
// with "checked N days ago", whether the kiosks show it, a "Still correct" button (POST
// /freshness/<activity id>/checked, with the session's form token) and a link to edit it. Region
// staff see one line per association, and any association's list (without the buttons: the check
// is the association's to make). The listings come from DATA_DIR/published/sources/ and the checks
// from hub.db (hub/freshness.hpp); a check reaches the kiosks with the next publication.
#include "hub/office/office.hpp"

#include "core/base/text_checks.hpp"
#include "core/catalogue/freshness.hpp"
#include "hub/freshness.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"

#include <algorithm>
#include <map>

namespace lotsen::hub::office {

namespace {

std::string replaced(std::string text, std::string_view placeholder, const std::string& value)
{
    for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
    return text;
}

// "Checked 12 days ago", escaped.
std::string checked_text(const std::string& l, const std::optional<Date>& checked, const Date& today)
{
    if (!checked)
        return t(l, "freshness_never");
    const std::int64_t days = days_since_checked(*checked, today);
    if (days == 0)
        return t(l, "freshness_checked_today");
    return replaced(t(l, days == 1 ? "freshness_checked_day" : "freshness_checked_days"), "{days}", std::to_string(days));
}

enum class State { shown, due, withheld, returning };

State state_of(const ListingFreshness& listing, const Date& today, int remind_days, int withhold_days)
{
    const bool stale = listing.last_checked && older_than(*listing.last_checked, today, withhold_days);
    if (listing.withheld)
        return stale ? State::withheld : State::returning;
    if (stale)
        return State::withheld;  // the next publication leaves it out
    if (listing.last_checked && older_than(*listing.last_checked, today, remind_days))
        return State::due;
    return State::shown;
}

std::string state_html(const std::string& l, State state)
{
    switch (state) {
    case State::shown: return t(l, "freshness_state_shown");
    case State::due: return "<span class=\"status-open\">" + t(l, "freshness_state_due") + "</span>";
    case State::withheld: return "<span class=\"warn\">" + t(l, "freshness_state_withheld") + "</span>";
    case State::returning: return t(l, "freshness_state_returning");
    }
    return {};
}

// Oldest check first; a listing without a date before any with one.
void oldest_first(std::vector<const ListingFreshness*>& listings)
{
    std::stable_sort(listings.begin(), listings.end(), [](const ListingFreshness* a, const ListingFreshness* b) {
        if (a->last_checked.has_value() != b->last_checked.has_value())
            return !a->last_checked.has_value();
        return a->last_checked && *a->last_checked < *b->last_checked;
    });
}

}  // namespace

WebResponse Office::freshness_page(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const bool region = context.user.role == Role::region;
    const auto checks = read_listing_checks(m_store->connection());
    if (!checks)
        return failure(l, checks.error().text());
    const ListingsOverview overview = read_listings(m_setup.data_dir, checks.value());
    const Date today = stockholm::to_local(m_setup.clock()).date;
    const int remind_days = m_setup.settings.remind_after_days;
    const int withhold_days = overview.withhold_after_days > 0 ? overview.withhold_after_days : k_default_withhold_after_days;
    const auto query = parse_form(request.query);

    // Whose list: an association user's own; region staff choose one, or see every association's line.
    std::string association = region ? "" : context.user.organisation_id;
    if (region) {
        if (const auto chosen = query.find("association"); chosen != query.end() && is_catalogue_id(chosen->second))
            association = chosen->second;
    }
    std::string main;
    if (region && association.empty()) {
        main += "<h1>" + t(l, "freshness_all") + "</h1>\n";
        main += "<p>" + replaced(replaced(t(l, "freshness_intro_region"), "{remind}", std::to_string(remind_days)), "{withhold}",
                                 std::to_string(withhold_days)) + "</p>\n";
        std::vector<std::string> order;
        std::map<std::string, std::vector<const ListingFreshness*>> by_association;
        for (const ListingFreshness& listing : overview.listings) {
            if (!by_association.contains(listing.association))
                order.push_back(listing.association);
            by_association[listing.association].push_back(&listing);
        }
        if (order.empty())
            main += "<p>" + t(l, "freshness_nothing") + "</p>\n";
        main += "<ul class=\"requests\">\n";
        for (const std::string& id : order) {
            std::vector<const ListingFreshness*>& listings = by_association[id];
            oldest_first(listings);
            std::size_t due = 0;
            std::size_t withheld = 0;
            for (const ListingFreshness* listing : listings) {
                const State state = state_of(*listing, today, remind_days, withhold_days);
                due += state == State::due ? 1 : 0;
                withheld += state == State::withheld ? 1 : 0;
            }
            main += "<li><a class=\"title\" href=\"/freshness?association=" + html(percent_encode(id)) + "\">"
                    + html(organisation_name(id, l)) + "</a>\n<dl>"
                    "<div><dt>" + t(l, "freshness_listings") + "</dt><dd>" + std::to_string(listings.size()) + "</dd></div>"
                    "<div><dt>" + t(l, "freshness_due_count") + "</dt><dd>" + std::to_string(due) + "</dd></div>"
                    "<div><dt>" + t(l, "freshness_withheld_count") + "</dt><dd>"
                    + (withheld > 0 ? "<span class=\"warn\">" + std::to_string(withheld) + "</span>" : std::string("0"))
                    + "</dd></div>"
                    "<div><dt>" + t(l, "freshness_oldest") + "</dt><dd>"
                    + checked_text(l, listings.front()->last_checked, today) + "</dd></div></dl></li>\n";
        }
        main += "</ul>\n";
        return html_response(200, page(Frame{l, std::string(text(l, "freshness_title")), &context.user, context.csrf}, main));
    }

    std::vector<const ListingFreshness*> listings;
    for (const ListingFreshness& listing : overview.listings) {
        if (listing.association == association)
            listings.push_back(&listing);
    }
    oldest_first(listings);
    if (region)
        main += "<p><a href=\"/freshness\">" + t(l, "freshness_back") + "</a></p>\n";
    main += "<h1>" + t(l, "freshness_title") + " – " + html(organisation_name(association, l)) + "</h1>\n";
    if (const auto checked = query.find("checked"); checked != query.end())
        main += notice(l, "freshness_saved", false);
    main += "<p>" + replaced(replaced(t(l, region ? "freshness_intro_region" : "freshness_intro"), "{remind}",
                                      std::to_string(remind_days)),
                             "{withhold}", std::to_string(withhold_days)) + "</p>\n";
    if (listings.empty())
        main += "<p>" + t(l, "freshness_nothing") + "</p>\n";
    main += "<ul class=\"requests\">\n";
    for (const ListingFreshness* listing : listings) {
        const std::string id = html(listing->activity);
        const std::string title = listing->title.empty() ? listing->activity : std::string(listing->title.get(l));
        main += "<li><span class=\"title\" id=\"listing-" + id + "\">" + html(title) + "</span>\n<dl>"
                "<div><dt>" + t(l, "freshness_last_checked") + "</dt><dd>"
                + (listing->last_checked ? html(listing->last_checked->to_string()) + " · " : std::string())
                + checked_text(l, listing->last_checked, today) + "</dd></div>"
                "<div><dt>" + t(l, "status") + "</dt><dd>"
                + state_html(l, state_of(*listing, today, remind_days, withhold_days)) + "</dd></div></dl>\n";
        if (!region) {
            main += "<form class=\"inline\" method=\"post\" action=\"/freshness/" + html(percent_encode(listing->activity))
                    + "/checked\"><input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) + "\">"
                    "<button type=\"submit\" aria-describedby=\"listing-" + id + "\">" + t(l, "freshness_still_correct")
                    + "</button></form>\n";
        }
        // The activity form is the forms' page (/activities/<id>/edit).
        main += "<p><a href=\"/activities/" + html(percent_encode(listing->activity)) + "/edit\" aria-describedby=\"listing-"
                + id + "\">" + t(l, "freshness_edit") + "</a></p></li>\n";
    }
    main += "</ul>\n";
    return html_response(200, page(Frame{l, std::string(text(l, "freshness_title")), &context.user, context.csrf}, main));
}

WebResponse Office::mark_checked(const Context& context, const WebRequest& /*request*/, const std::string& activity_id)
{
    const std::string& l = context.language;
    // Only the association itself says its listing is right; anyone else's id answers as a missing one.
    if (context.user.role != Role::association || !is_catalogue_id(activity_id))
        return not_found(l, &context);
    const auto checks = read_listing_checks(m_store->connection());
    if (!checks)
        return failure(l, checks.error().text());
    const ListingsOverview overview = read_listings(m_setup.data_dir, checks.value());
    const bool theirs = std::any_of(overview.listings.begin(), overview.listings.end(), [&](const ListingFreshness& listing) {
        return listing.association == context.user.organisation_id && listing.activity == activity_id;
    });
    if (!theirs)
        return not_found(l, &context);
    const UnixSeconds now = m_setup.clock();
    const Date today = stockholm::to_local(now).date;
    if (auto recorded = record_listing_check(m_store->connection(), context.user.organisation_id, activity_id, today, now,
                                             context.user.id);
        !recorded)
        return failure(l, recorded.error().text());
    audit({now, context.user.id, "listing_checked", context.user.organisation_id, "", activity_id + " " + today.to_string()});
    return redirect("/freshness?checked=" + percent_encode(activity_id) + "#listing-" + percent_encode(activity_id));
}

}  // namespace lotsen::hub::office
