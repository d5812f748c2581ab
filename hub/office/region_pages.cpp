// region_pages.cpp — the region's own pages in the office (region staff only; anyone else gets the
// same 404 as a page that does not exist):
//   /fleet     every active kiosk as `lotsen-hub fleet` describes it (hub/fleet.hpp), silent ones
//              first; enrol a kiosk by pasting its key, revoke one after a confirm step (both audited)
//   /stats     the follow-up statistics of one completed calendar month (hub/stats.hpp: the same
//              counting and k >= 5 suppression as `lotsen-hub stats`), each table with SVG plots
//              drawn here (svg_plot.hpp) and a CSV download that is byte for byte the command's
//   /audit     the audit log with filters by user, association and action
// Every text from the database or a kiosk goes through html().
#include "hub/office/office.hpp"

#include "hub/fleet.hpp"
#include "hub/office/months.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/svg_plot.hpp"
#include "hub/office/web.hpp"
#include "hub/stats.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

namespace lotsen::hub::office {

namespace {

constexpr int k_fleet_heartbeat_minutes = 5;  ///< as `lotsen-hub fleet` by default: silent after 3 missed
constexpr int k_audit_limit = 500;

std::string hidden_csrf(const std::string& csrf)
{
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + html(csrf) + "\">\n";
}

std::string optional_number(const std::optional<std::int64_t>& value)
{
    return value ? std::to_string(*value) : std::string("?");
}

// Column headers and fixed row names of the statistics, translated where the office has a text.
std::string stats_word(const std::string& language, const std::string& word)
{
    static const std::map<std::string, std::string> keys{
        {"total", "stats_total"},         {"first visit", "stats_first_visit"}, {"been before", "stats_been_before"},
        {"not answered", "stats_not_answered"}, {"share of first visits", "stats_share_first"},
        {"check-ins", "stats_checkins"}, {"handled", "stats_handled"},       {"open", "stats_open"},
        {"received", "stats_received"},  {"median reply time", "stats_median"}, {"requests", "stats_requests"},
        {"contacted", "outcome_contacted"}, {"met", "outcome_met"},         {"could_not_reach", "outcome_could_not_reach"},
        {"declined", "outcome_declined"}, {"handled, no outcome", "stats_no_outcome"},
        {"within 1 day", "stats_within_1"}, {"1-3 days", "stats_1_3"},    {"3-7 days", "stats_3_7"},
        {"over 7 days", "stats_over_7"},  {"kiosk", "heard_kiosk"},         {"friend_or_family", "heard_friend_or_family"},
        {"healthcare", "heard_healthcare"}, {"social_services", "heard_social_services"}, {"other", "heard_other"},
        {"heavy", "mood_heavy"},          {"low", "mood_low"},              {"okay", "mood_okay"},
        {"good", "mood_good"},
    };
    const auto it = keys.find(word);
    return it == keys.end() ? word : std::string(text(language, it->second));
}

std::string row_label(const std::string& language, const StatsRow& row)
{
    if (row.key == "*")
        return std::string(text(language, "stats_all"));
    return stats_word(language, row.label);
}

std::string stats_table_html(const std::string& l, const StatsTable& table)
{
    std::string out = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"caption-" + html(table.id)
                      + "\"><table>\n<caption id=\"caption-" + html(table.id) + "\">" + t(l, "table_" + table.id)
                      + "</caption>\n<thead><tr><th scope=\"col\">" + t(l, "stats_row") + "</th>";
    for (const std::string& column : table.columns)
        out += "<th scope=\"col\">" + html(stats_word(l, column)) + "</th>";
    for (const std::string& column : table.extra_columns)
        out += "<th scope=\"col\">" + html(stats_word(l, column)) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const StatsRow& row : table.rows) {
        out += std::string("<tr><th scope=\"row\"") + (row.sub ? " class=\"sub\"" : "") + ">" + html(row_label(l, row)) + "</th>";
        for (const std::string& shown : row.shown)
            out += "<td>" + html(shown) + "</td>";
        for (const std::string& extra : row.extra)
            out += "<td>" + html(extra) + "</td>";
        out += "</tr>\n";
    }
    if (table.rows.empty())
        out += "<tr><td colspan=\"2\">" + t(l, "stats_nothing") + "</td></tr>\n";
    out += "</tbody>\n</table></div>\n";
    return out;
}

// Bars of one row's cells (columns from `first` to before `last`), or of one column over rows.
std::vector<PlotBar> row_bars(const std::string& l, const StatsTable& table, const StatsRow& row, std::size_t first,
                              std::size_t last)
{
    std::vector<PlotBar> bars;
    for (std::size_t i = first; i < last && i < row.shown.size(); ++i)
        bars.push_back(PlotBar{stats_word(l, table.columns[i]), row.values[i], row.shown[i]});
    return bars;
}

std::vector<PlotBar> column_bars(const std::string& l, const StatsTable& table, std::size_t column, bool with_all)
{
    std::vector<PlotBar> bars;
    for (const StatsRow& row : table.rows) {
        if (row.sub || (row.key == "*" && !with_all) || column >= row.shown.size())
            continue;
        bars.push_back(PlotBar{row_label(l, row), row.values[column], row.shown[column]});
    }
    return bars;
}

const StatsRow* row_of(const StatsTable& table, const std::string& key)
{
    for (const StatsRow& row : table.rows) {
        if (row.key == key)
            return &row;
    }
    return nullptr;
}

std::string plot(const std::string& l, const std::string& id, const std::string& title_key, const std::vector<PlotBar>& bars)
{
    if (bars.empty())
        return {};
    return "<figure>\n<figcaption>" + t(l, title_key) + "</figcaption>\n"
           + bar_chart_svg(id, std::string(text(l, title_key)), std::string(text(l, "plot_desc")), bars) + "</figure>\n";
}

// The plots of one table, drawn from its published cells only.
std::string plots_of(const std::string& l, const StatsTable& table)
{
    std::string out;
    const std::size_t total = table.columns.empty() ? 0 : table.columns.size() - 1;
    if (table.id == "checkins_per_week" || table.id == "checkins_per_site") {
        const bool weekly = table.id == "checkins_per_week";
        if (const StatsRow* all = row_of(table, "*"); all && weekly)
            out += plot(l, "plot-weeks", "plot_weeks", row_bars(l, table, *all, 0, total));
        out += plot(l, weekly ? "plot-associations" : "plot-sites", weekly ? "plot_associations" : "plot_sites",
                    column_bars(l, table, total, false));
        // One plot per association or site, per week, folded away (no script needed to open one).
        int index = 0;
        for (const StatsRow& row : table.rows) {
            if (row.sub || row.key == "*")
                continue;
            out += "<details><summary>" + t(l, "plot_per_week_of") + " " + html(row_label(l, row)) + "</summary>\n"
                   + bar_chart_svg((weekly ? "plot-a-" : "plot-s-") + std::to_string(index++), row_label(l, row),
                                   std::string(text(l, "plot_desc")), row_bars(l, table, row, 0, total))
                   + "</details>\n";
        }
    } else if (table.id == "first_visits") {
        if (const StatsRow* all = row_of(table, "*"))
            out += plot(l, "plot-first", "plot_first", row_bars(l, table, *all, 0, total));
    } else if (table.id == "how_heard" || table.id == "mood" || table.id == "reply_times") {
        std::vector<PlotBar> bars = column_bars(l, table, 0, false);
        out += plot(l, "plot-" + table.id, "plot_" + table.id, bars);
    } else if (table.id == "contact_requests") {
        out += plot(l, "plot-requests", "plot_requests", column_bars(l, table, 2, false));
    } else if (table.id == "contact_outcomes") {
        if (const StatsRow* all = row_of(table, "*"))
            out += plot(l, "plot-outcomes", "plot_outcomes", row_bars(l, table, *all, 0, total));
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Fleet

WebResponse Office::fleet_page(const Context& context, const WebRequest& request)
{
    const auto query = parse_form(request.query);
    return fleet_with_form(context, 200, query.count("enrolled") ? "fleet_enrolled" : query.count("revoked") ? "fleet_revoked" : "",
                           "", "", "", "");
}

WebResponse Office::fleet_with_form(const Context& context, int status, const std::string& done_key,
                                    const std::string& problem, const std::string& site, const std::string& name,
                                    const std::string& key)
{
    const std::string& l = context.language;
    const auto kiosks = m_store->list_kiosks();
    if (!kiosks)
        return failure(l, kiosks.error().text());
    const UnixSeconds now = m_setup.clock();
    const std::vector<FleetKiosk> fleet = describe_fleet(kiosks.value(), now, k_fleet_heartbeat_minutes);
    const auto silent = std::count_if(fleet.begin(), fleet.end(), [](const FleetKiosk& kiosk) { return kiosk.silent; });
    std::string main = "<h1>" + t(l, "fleet_title") + "</h1>\n<p>" + std::to_string(fleet.size()) + " " + t(l, "fleet_kiosks")
                       + ", " + std::to_string(silent) + " " + t(l, "fleet_silent_count") + ". <span class=\"muted\">"
                       + t(l, "fleet_silent_rule") + "</span></p>\n";
    if (!done_key.empty())
        main += notice(l, done_key, false);
    main += "<p><a href=\"#enrol\">" + t(l, "fleet_enrol_title") + "</a></p>\n";
    if (fleet.empty())
        main += "<p>" + t(l, "fleet_empty") + "</p>\n";
    main += "<ul class=\"kiosks\">\n";
    for (const FleetKiosk& kiosk : fleet) {
        main += std::string("<li") + (kiosk.silent ? " class=\"silent\"" : "") + ">\n<h2>" + html(kiosk.site)
                + (kiosk.name.empty() ? "" : " / " + html(kiosk.name)) + "</h2>\n";
        if (kiosk.silent)
            main += "<p class=\"warn\">" + t(l, "fleet_silent") + "</p>\n";
        main += "<dl>\n";
        auto fact = [&](std::string_view label, const std::string& value_html) {
            main += "<div><dt>" + t(l, label) + "</dt><dd>" + value_html + "</dd></div>\n";
        };
        fact("fleet_key", "<span class=\"code\">" + html(kiosk.public_key.substr(0, 8)) + "…</span>");
        fact("fleet_last_seen", kiosk.last_seen_at ? html(format_local_time(*kiosk.last_seen_at)) + " ("
                                                          + html(fleet_duration_text(now - *kiosk.last_seen_at)) + " "
                                                          + t(l, "fleet_ago") + ")"
                                                    : t(l, "fleet_never"));
        if (kiosk.clock_skew_seconds && *kiosk.clock_skew_seconds != 0) {
            const std::int64_t skew = *kiosk.clock_skew_seconds;
            fact("fleet_clock", html(fleet_duration_text(skew < 0 ? -skew : skew)) + " "
                                    + t(l, skew < 0 ? "fleet_ahead" : "fleet_behind"));
        }
        if (!kiosk.has_heartbeat) {
            fact("fleet_heartbeat", t(l, "fleet_no_heartbeat"));
        } else if (!kiosk.heartbeat_readable) {
            fact("fleet_heartbeat", t(l, "fleet_unreadable"));
        } else {
            fact("fleet_heartbeat", kiosk.heartbeat_at ? html(format_local_time(*kiosk.heartbeat_at)) : std::string("?"));
            fact("fleet_versions", t(l, "fleet_software") + " " + html(kiosk.software) + ", " + t(l, "fleet_catalogue") + " "
                                       + html(optional_number(kiosk.catalogue_version)));
            fact("fleet_queues", "never_drop " + html(optional_number(kiosk.queue_never_drop)) + ", low_value "
                                     + html(optional_number(kiosk.queue_low_value)) + "; " + t(l, "fleet_quarantined") + " "
                                     + html(optional_number(kiosk.quarantined))
                                     + (kiosk.queue_deferred && *kiosk.queue_deferred > 0
                                            ? "; " + t(l, "fleet_deferred") + " " + std::to_string(*kiosk.queue_deferred)
                                            : std::string()));
            fact("fleet_uptime", kiosk.uptime_s ? html(fleet_duration_text(*kiosk.uptime_s)) : std::string("?"));
            fact("fleet_disk", kiosk.disk_free_bytes ? html(fleet_bytes_text(static_cast<double>(*kiosk.disk_free_bytes)))
                                                     : std::string("?"));
            fact("fleet_last_sync", kiosk.last_sync_at ? html(format_local_time(*kiosk.last_sync_at)) : t(l, "fleet_never"));
            if (kiosk.has_releases) {
                auto joined = [&](const std::vector<std::string>& items) {
                    std::string out;
                    for (const std::string& item : items)
                        out += (out.empty() ? "" : ", ") + html(item);
                    return out.empty() ? t(l, "fleet_none") : out;
                };
                fact("fleet_releases", t(l, "fleet_running") + " "
                                           + (kiosk.running_release.empty() ? t(l, "fleet_packaged") : html(kiosk.running_release))
                                           + "; " + t(l, "fleet_installed") + " " + joined(kiosk.installed_releases) + "; "
                                           + t(l, "fleet_failed") + " " + joined(kiosk.failed_releases));
            }
            if (kiosk.update_refusal) {
                fact("fleet_update_refused",
                     "<span class=\"warn\">"
                         + (kiosk.update_refusal->at ? html(format_local_time(*kiosk.update_refusal->at)) : std::string("?"))
                         + "</span>: " + html(kiosk.update_refusal->reason));
            }
            if (kiosk.image_refusals) {
                fact("fleet_images_refused",
                     "<span class=\"warn\">" + html(optional_number(kiosk.image_refusals->count)) + "</span>, "
                         + t(l, "fleet_last") + " "
                         + (kiosk.image_refusals->at ? html(format_local_time(*kiosk.image_refusals->at)) : std::string("?"))
                         + ": " + html(kiosk.image_refusals->reason));
            }
        }
        main += "</dl>\n<form method=\"post\" action=\"/fleet/revoke\" class=\"inline\">" + hidden_csrf(context.csrf)
                + "<input type=\"hidden\" name=\"key\" value=\"" + html(kiosk.public_key) + "\"><button type=\"submit\">"
                + t(l, "fleet_revoke") + "</button></form>\n</li>\n";
    }
    main += "</ul>\n<h2 id=\"enrol\">" + t(l, "fleet_enrol_title") + "</h2>\n<p class=\"muted\">" + t(l, "fleet_enrol_help")
            + "</p>\n";
    if (!problem.empty())
        main += "<p class=\"notice error\" role=\"alert\">" + html(problem) + "</p>\n";
    main += "<form method=\"post\" action=\"/fleet/enrol\">\n" + hidden_csrf(context.csrf) + "<label for=\"site\">"
            + t(l, "fleet_site") + "</label>\n<input id=\"site\" name=\"site\" type=\"text\" maxlength=\"120\" required value=\""
            + html(site) + "\">\n<label for=\"kiosk-name\">" + t(l, "fleet_name") + "</label>\n"
            "<input id=\"kiosk-name\" name=\"name\" type=\"text\" maxlength=\"120\" value=\"" + html(name) + "\">\n"
            "<label for=\"key\">" + t(l, "fleet_key_field") + "</label>\n<p class=\"muted hint\" id=\"key-help\">"
            + t(l, "fleet_key_help") + "</p>\n<input id=\"key\" name=\"key\" type=\"text\" required autocomplete=\"off\" "
            "spellcheck=\"false\" aria-describedby=\"key-help\" value=\"" + html(key) + "\">\n<button type=\"submit\">"
            + t(l, "fleet_enrol_button") + "</button>\n</form>\n";
    return html_response(status, page(Frame{l, std::string(text(l, "fleet_title")), &context.user, context.csrf}, main));
}

WebResponse Office::enrol_kiosk(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto fields = parse_form(request.body);
    auto field = [&](const char* name) {
        const auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    };
    std::string site = field("site");
    std::string name = field("name");
    const std::string typed = field("key");
    // Spaces and line breaks around a pasted key are the clipboard's, not the key's.
    const auto first = typed.find_first_not_of(" \t\r\n");
    const std::string key_text = first == std::string::npos ? std::string() : typed.substr(first, typed.find_last_not_of(" \t\r\n") - first + 1);
    const UnixSeconds now = m_setup.clock();
    if (site.empty() || site.size() > 120 || name.size() > 120)
        return fleet_with_form(context, 400, "", std::string(text(l, "fleet_site_needed")), site, name, typed);
    const auto key = canonical_kiosk_key(key_text);
    if (!key) {
        audit({now, context.user.id, "enrol_refused", "", "", "bad key: " + key.error().text()});
        return fleet_with_form(context, 400, "", std::string(text(l, "fleet_bad_key")) + " " + key.error().text(), site, name, typed);
    }
    if (auto enrolled = m_store->enroll_kiosk(key.value(), site, name, now); !enrolled) {
        audit({now, context.user.id, "enrol_refused", "", "", key.value() + ": " + enrolled.error().text()});
        return fleet_with_form(context, 400, "", enrolled.error().text(), site, name, typed);
    }
    audit({now, context.user.id, "enrol_kiosk", "", "", key.value() + " at " + site + (name.empty() ? "" : " / " + name)});
    return redirect("/fleet?enrolled=1");
}

WebResponse Office::revoke_kiosk(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto fields = parse_form(request.body);
    const std::string typed = fields.count("key") ? fields.at("key") : std::string();
    const auto key = canonical_kiosk_key(typed);
    const auto kiosks = m_store->list_kiosks();
    if (!kiosks)
        return failure(l, kiosks.error().text());
    const KioskRecord* kiosk = nullptr;
    for (const KioskRecord& one : kiosks.value()) {
        if (key && one.public_key == key.value() && !one.revoked_at)
            kiosk = &one;
    }
    if (kiosk == nullptr)
        return not_found(l, &context);
    const UnixSeconds now = m_setup.clock();
    if (!fields.count("confirm")) {
        // The confirm step: what will happen, and a second button.
        std::string main = "<h1>" + t(l, "fleet_revoke_title") + "</h1>\n<p>" + t(l, "fleet_revoke_question") + "</p>\n"
                           "<dl class=\"facts\"><div><dt>" + t(l, "fleet_site") + "</dt><dd>" + html(kiosk->site)
                           + (kiosk->name.empty() ? "" : " / " + html(kiosk->name)) + "</dd></div><div><dt>" + t(l, "fleet_key")
                           + "</dt><dd class=\"key\">" + html(kiosk->public_key) + "</dd></div></dl>\n<p>"
                           + t(l, "fleet_revoke_effect") + "</p>\n<form method=\"post\" action=\"/fleet/revoke\">"
                           + hidden_csrf(context.csrf) + "<input type=\"hidden\" name=\"key\" value=\"" + html(kiosk->public_key)
                           + "\"><input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\" id=\"confirm-revoke\">"
                           + t(l, "fleet_revoke_confirm") + "</button></form>\n<p><a href=\"/fleet\">" + t(l, "fleet_cancel")
                           + "</a></p>\n";
        return html_response(200, page(Frame{l, std::string(text(l, "fleet_revoke_title")), &context.user, context.csrf}, main));
    }
    auto revoked = m_store->revoke_kiosk(kiosk->public_key, now);
    if (!revoked)
        return failure(l, revoked.error().text());
    audit({now, context.user.id, "revoke_kiosk", "", "", kiosk->public_key + " at " + kiosk->site});
    return redirect("/fleet?revoked=1");
}

// ---------------------------------------------------------------------------------------------
// Follow-up statistics

WebResponse Office::stats_page(const Context& context, const WebRequest& request)
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
    StatsOptions options;
    options.from = month.first_day();
    options.to = month.last_day();
    options.catalogue = m_setup.catalogue ? &*m_setup.catalogue : nullptr;
    const auto report = compute_stats(*m_store, options);
    if (!report)
        return failure(l, report.error().text());
    std::string main = "<h1>" + t(l, "stats_title") + " " + html(month.text()) + "</h1>\n";
    if (refused)
        main += notice(l, "stats_month_refused", true);
    main += "<p class=\"muted\">" + t(l, "stats_intro") + "</p>\n<form method=\"get\" action=\"/stats\" class=\"filters\">"
            "<div><label for=\"month\">" + t(l, "stats_month") + "</label><select id=\"month\" name=\"month\">";
    for (const Month& offered : months) {
        main += "<option value=\"" + html(offered.text()) + "\"" + (offered == month ? " selected" : "") + ">"
                + html(offered.text()) + "</option>";
    }
    const std::string month_query = "month=" + percent_encode(month.text());
    main += "</select></div><div><button type=\"submit\">" + t(l, "stats_show") + "</button></div></form>\n<p><a href=\"/stats.csv?"
            + html(month_query) + "\" download>" + t(l, "stats_csv_all") + "</a></p>\n";
    for (const StatsTable& table : report.value().tables) {
        main += "<section aria-labelledby=\"h-" + html(table.id) + "\">\n<h2 id=\"h-" + html(table.id) + "\">"
                + t(l, "table_" + table.id) + "</h2>\n" + plots_of(l, table) + stats_table_html(l, table) + "<p><a href=\"/stats.csv?"
                + html(month_query + "&table=" + percent_encode(table.id)) + "\" download>" + t(l, "stats_csv_one") + "</a></p>\n"
                "</section>\n";
    }
    return html_response(refused ? 400 : 200,
                         page(Frame{l, std::string(text(l, "stats_title")), &context.user, context.csrf}, main, true));
}

WebResponse Office::stats_csv(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto query = parse_form(request.query);
    const std::vector<Month> months = offered_months(m_setup.clock());
    const auto asked = query.count("month") ? parse_month(query.at("month")) : std::nullopt;
    if (!asked || std::find(months.begin(), months.end(), *asked) == months.end())
        return not_found(l, &context);
    StatsOptions options;
    options.from = asked->first_day();
    options.to = asked->last_day();
    options.csv = true;
    options.table = query.count("table") ? query.at("table") : std::string();
    options.catalogue = m_setup.catalogue ? &*m_setup.catalogue : nullptr;
    const auto& ids = stats_table_ids();
    if (!options.table.empty() && std::find(ids.begin(), ids.end(), options.table) == ids.end())
        return not_found(l, &context);
    const auto report = render_stats(*m_store, options);
    if (!report)
        return failure(l, report.error().text());
    WebResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = report.value();
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"lotsen-stats-" + asked->text()
                                                             + (options.table.empty() ? "" : "-" + options.table) + ".csv\"");
    return response;
}

// ---------------------------------------------------------------------------------------------
// Audit log

WebResponse Office::audit_page(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto query = parse_form(request.query);
    AuditFilter filter;
    if (const auto it = query.find("user"); it != query.end() && !it->second.empty()) {
        try {
            filter.user_id = std::stoll(it->second);
        } catch (const std::exception&) {
            filter.user_id = -1;  // matches nobody
        }
    }
    filter.organisation_id = query.count("association") ? query.at("association") : std::string();
    filter.action = query.count("action") ? query.at("action") : std::string();
    const auto users = m_office_store.list_users();
    if (!users)
        return failure(l, users.error().text());
    const auto choices = m_office_store.audit_choices();
    if (!choices)
        return failure(l, choices.error().text());
    const auto entries = m_office_store.audit_log(filter, k_audit_limit);
    if (!entries)
        return failure(l, entries.error().text());
    std::map<std::int64_t, const OfficeUser*> by_id;
    for (const OfficeUser& user : users.value())
        by_id[user.id] = &user;

    std::string main = "<h1>" + t(l, "audit_title") + "</h1>\n<p class=\"muted\">" + t(l, "audit_intro") + "</p>\n"
                       "<form method=\"get\" action=\"/audit\" class=\"filters\">\n<div><label for=\"filter-user\">"
                       + t(l, "audit_user") + "</label><select id=\"filter-user\" name=\"user\"><option value=\"\">"
                       + t(l, "audit_any") + "</option>";
    for (const OfficeUser& user : users.value()) {
        main += "<option value=\"" + std::to_string(user.id) + "\"" + (filter.user_id == user.id ? " selected" : "") + ">"
                + html(user.display_name + " <" + user.email + ">") + "</option>";
    }
    main += "</select></div>\n<div><label for=\"filter-association\">" + t(l, "audit_association")
            + "</label><select id=\"filter-association\" name=\"association\"><option value=\"\">" + t(l, "audit_any")
            + "</option>";
    for (const std::string& organisation : choices.value().second) {
        main += "<option value=\"" + html(organisation) + "\"" + (filter.organisation_id == organisation ? " selected" : "")
                + ">" + html(organisation_name(organisation, l)) + "</option>";
    }
    main += "</select></div>\n<div><label for=\"filter-action\">" + t(l, "audit_action")
            + "</label><select id=\"filter-action\" name=\"action\"><option value=\"\">" + t(l, "audit_any") + "</option>";
    for (const std::string& action : choices.value().first) {
        main += "<option value=\"" + html(action) + "\"" + (filter.action == action ? " selected" : "") + ">" + html(action)
                + "</option>";
    }
    main += "</select></div>\n<div><button type=\"submit\">" + t(l, "audit_filter") + "</button></div>\n</form>\n<p>"
            + t(l, "audit_lines") + " " + std::to_string(entries.value().size())
            + (entries.value().size() == static_cast<std::size_t>(k_audit_limit) ? " " + t(l, "audit_newest") : std::string())
            + "</p>\n<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"audit-caption\"><table class=\"audit\">\n"
              "<caption id=\"audit-caption\">" + t(l, "audit_title") + "</caption>\n<thead><tr><th scope=\"col\">" + t(l, "audit_when")
            + "</th><th scope=\"col\">" + t(l, "audit_user") + "</th><th scope=\"col\">" + t(l, "audit_action")
            + "</th><th scope=\"col\">" + t(l, "audit_association") + "</th><th scope=\"col\">" + t(l, "audit_request")
            + "</th><th scope=\"col\">" + t(l, "audit_detail") + "</th></tr></thead>\n<tbody>\n";
    for (const AuditEntry& entry : entries.value()) {
        std::string who = "–";
        if (entry.user_id) {
            const auto it = by_id.find(*entry.user_id);
            who = it != by_id.end() ? it->second->display_name + " <" + it->second->email + ">" : "#" + std::to_string(*entry.user_id);
        }
        main += "<tr><td>" + html(format_local_time(entry.at)) + "</td><td>" + html(who) + "</td><td>" + html(entry.action)
                + "</td><td>" + html(entry.organisation_id) + "</td><td class=\"code\">" + html(entry.request_id.substr(0, 8))
                + "</td><td>" + html(entry.detail) + "</td></tr>\n";
    }
    main += "</tbody>\n</table></div>\n";
    return html_response(200, page(Frame{l, std::string(text(l, "audit_title")), &context.user, context.csrf}, main, true));
}

}  // namespace lotsen::hub::office
