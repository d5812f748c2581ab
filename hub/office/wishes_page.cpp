// wishes_page.cpp — GET /wishes: "what visitors ask for, where". The wishes visitors left at the
// kiosks ("I miss something about …"), counted per site over one completed calendar month (as /stats,
// months.hpp: no two published tables overlap) with the statistics' k >= 5 suppression
// (hub/wishes.hpp): one table each for interests, weekdays, parts of the day and languages. The
// region sees every wish; an association user sees the wishes that name one of the interests its own
// activities have in the published catalogue (what it could answer), every table counted over those
// wishes only — a wish naming no interest concerns no one association.
// Every text from the database or the catalogue goes through html().
#include "hub/office/office.hpp"

#include "hub/office/months.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"
#include "hub/wishes.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace lotsen::hub::office {

namespace {

// A column's value as people read it: the interest's catalogue label, the weekday, the part of the
// day, the language's name; "total" is every value.
std::string column_label(const std::string& l, const std::string& table, const std::string& value, const Catalogue* catalogue)
{
    if (value == "total")
        return std::string(text(l, "wishes_any"));
    if (table == "wishes_interest") {
        if (catalogue != nullptr) {
            for (const Interest& interest : catalogue->interests.empty() ? default_interests() : catalogue->interests) {
                if (interest.id == value) {
                    const std::string label(interest.label.get(l));
                    return label.empty() ? value : label;
                }
            }
        }
        return value;
    }
    if (table == "wishes_weekday" || table == "wishes_day_part") {
        const std::string key = (table == "wishes_weekday" ? "wishes_wd_" : "wishes_dp_") + value;
        const std::string_view word = text(l, key);
        return word == key ? value : std::string(word);
    }
    return language_name(l, value);
}

std::string wishes_table_html(const std::string& l, const StatsTable& table, const Catalogue* catalogue)
{
    std::string out = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"caption-" + html(table.id)
                      + "\"><table>\n<caption id=\"caption-" + html(table.id) + "\">" + t(l, "table_" + table.id)
                      + "</caption>\n<thead><tr><th scope=\"col\">" + t(l, "wishes_site") + "</th>";
    for (const std::string& column : table.columns)
        out += "<th scope=\"col\">" + html(column_label(l, table.id, column, catalogue)) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const StatsRow& row : table.rows) {
        const std::string label = row.key == "*" ? std::string(text(l, "wishes_all_sites")) : row.label;
        out += "<tr><th scope=\"row\">" + html(label) + "</th>";
        for (const std::string& shown : row.shown)
            out += "<td>" + html(shown) + "</td>";
        out += "</tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
    return out;
}

}  // namespace

WebResponse Office::wishes_page(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto query = parse_form(request.query);
    const std::vector<Month> months = offered_months(m_setup.clock());
    Month month = months.front();
    bool refused = false;
    if (const auto it = query.find("month"); it != query.end()) {
        const auto asked = parse_month(it->second);
        if (asked && std::find(months.begin(), months.end(), *asked) != months.end())
            month = *asked;
        else
            refused = true;
    }
    const Catalogue* catalogue = m_setup.catalogue ? &*m_setup.catalogue : nullptr;
    WishQuery wishes;
    wishes.from = stockholm::start_of_day(month.first_day());
    wishes.to = stockholm::start_of_day(month.last_day().plus_days(1));
    wishes.catalogue = catalogue;

    std::string main = "<h1>" + t(l, "wishes_title") + " " + html(month.text()) + "</h1>\n";
    if (refused)
        main += notice(l, "wishes_period_refused", true);
    main += "<p class=\"muted\">" + t(l, "wishes_intro") + "</p>\n";
    bool nothing_to_count = false;
    if (context.user.role == Role::association) {
        const std::set<std::string> interests = catalogue != nullptr
                                                    ? association_interests(*catalogue, context.user.organisation_id)
                                                    : std::set<std::string>{};
        wishes.interests = interests;
        if (interests.empty()) {
            nothing_to_count = true;
            main += "<p>" + t(l, "wishes_no_interests") + "</p>\n";
        } else {
            main += "<p>" + t(l, "wishes_yours") + " ";
            bool first = true;
            for (const std::string& interest : interests) {
                main += (first ? "" : ", ") + html(column_label(l, "wishes_interest", interest, catalogue));
                first = false;
            }
            main += ".</p>\n";
        }
    } else {
        main += "<p>" + t(l, "wishes_region") + "</p>\n";
    }
    main += "<form method=\"get\" action=\"/wishes\" class=\"filters\"><div><label for=\"month\">" + t(l, "stats_month")
            + "</label><select id=\"month\" name=\"month\">";
    for (const Month& offered : months) {
        main += "<option value=\"" + html(offered.text()) + "\"" + (offered == month ? " selected" : "") + ">"
                + html(offered.text()) + "</option>";
    }
    main += "</select></div><div><button type=\"submit\">" + t(l, "stats_show") + "</button></div></form>\n";
    if (!nothing_to_count) {
        const auto tables = compute_wishes(*m_store, wishes);
        if (!tables)
            return failure(l, tables.error().text());
        for (const StatsTable& table : tables.value()) {
            main += "<section aria-labelledby=\"h-" + html(table.id) + "\">\n<h2 id=\"h-" + html(table.id) + "\">"
                    + t(l, "table_" + table.id) + "</h2>\n" + wishes_table_html(l, table, catalogue) + "</section>\n";
        }
    }
    return html_response(refused ? 400 : 200,
                         page(Frame{l, std::string(text(l, "wishes_title")), &context.user, context.csrf}, main, true));
}

}  // namespace lotsen::hub::office
