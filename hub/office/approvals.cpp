// approvals.cpp — the region's side of the associations' forms: /approvals lists every pending
// change with what it changes (added, changed, removed activities, the profile: compare_parts, as
// `lotsen-hub publish` prints it), approves one (publishing the association's part through
// publish_file, as `publish --association` does) or rejects it with a reason, and sets which
// associations may publish without approval (/approvals/trust). Every decision is in the audit log.
#include "hub/office/office.hpp"

#include "core/base/file.hpp"
#include "core/base/text_checks.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/fleet.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/part_form.hpp"
#include "hub/office/web.hpp"
#include "hub/publish.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <set>
#include <tuple>

namespace lotsen::hub::office {

namespace {

constexpr std::size_t k_max_reason_bytes = 2000;
constexpr int k_recent_decisions = 20;

std::string activity_title(const std::vector<Activity>& activities, const std::string& id, const std::string& l)
{
    for (const Activity& activity : activities) {
        if (activity.id == id)
            return std::string(activity.title.get(l));
    }
    return id;
}

// What the region reads before approving a profile change: the association's new "we need" and
// "we offer" (catalogue format 1.5) when they differ from the published ones, since the kiosk shows
// them to visitors word for word.
std::string profile_texts_changed(const std::string& l, const Catalogue& published, const Organisation& changed)
{
    const Organisation* before = nullptr;
    for (const Organisation& organisation : published.organisations) {
        if (organisation.id == changed.id)
            before = &organisation;
    }
    std::string out;
    const auto text = [&](const LocalizedText& now, const LocalizedText* was, std::string_view key, std::string_view removed) {
        if (was != nullptr && *was == now)
            return;
        if (now.empty()) {
            if (was != nullptr && !was->empty())
                out += "<div><dt>" + t(l, removed) + "</dt><dd></dd></div>\n";
            return;
        }
        out += "<div><dt>" + t(l, key) + "</dt><dd>" + html(now.get(l)) + "</dd></div>\n";
    };
    text(changed.needs, before ? &before->needs : nullptr, "change_needs", "change_needs_removed");
    text(changed.offers, before ? &before->offers : nullptr, "change_offers", "change_offers_removed");
    return out.empty() ? out : "\n<dl class=\"texts\">\n" + out + "</dl>\n";
}

}  // namespace

// Publishes `part` as its association's part of the region catalogue, exactly as
// `lotsen-hub publish catalogue PART.json --association ID` would: the part is written as a file under
// DATA_DIR/office-parts/ and handed to publish_file, which validates, merges, numbers and signs.
Result<std::int64_t> Office::publish_part(const CataloguePart& part, std::string& changes)
{
    if (!m_setup.publisher)
        return Error{"this office has no publisher key ([office] publisher_key in office.toml, docs/updates.md), so it "
                     "cannot publish; the change is kept as it was"};
    if (m_setup.data_dir.empty())
        return Error{"this office has no data directory to publish into; the change is kept as it was"};
    const std::string directory = m_setup.data_dir + "/office-parts";
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST)
        return Error{directory + ": cannot be made: " + errno_text()};
    const std::string path = directory + "/" + part.organisation.id + ".json";
    // Pictures uploaded with the change go beside the part as files, as a spreadsheet's do (form_pictures.cpp).
    const CataloguePart placed = LOTSEN_TRY(with_picture_files(part, directory));
    const auto remove_pictures = [&] {
        std::string folder;
        const auto remove = [&](const std::optional<ImageRef>& image) {
            if (image && !image->file.empty()) {
                std::remove((directory + "/" + image->file).c_str());
                folder = directory + "/" + image->file.substr(0, image->file.find('/'));
            }
        };
        remove(placed.organisation.logo);
        for (const Activity& activity : placed.activities)
            remove(activity.image);
        if (!folder.empty())
            ::rmdir(folder.c_str());
    };
    if (auto written = write_file_atomically(path, part_to_json(placed)); !written) {
        remove_pictures();
        return written.error();
    }
    PublishOptions options;
    options.data_dir = m_setup.data_dir;
    options.association = part.organisation.id;
    options.now = m_setup.clock();
    auto published = publish_file(manifest::Kind::catalogue, path, *m_setup.publisher, options);
    std::remove(path.c_str());
    remove_pictures();
    if (!published)
        return published.error();
    changes = render_changes(published.value().changes);
    const auto& entry = published.value().manifest.entry(manifest::Kind::catalogue);
    const std::int64_t version = entry ? entry->version : 0;
    // The names the pages show, and the part the next change builds on, are the new catalogue's.
    if (auto catalogue = read_published_catalogue(m_setup.data_dir + "/published"))
        m_setup.catalogue = std::move(catalogue.value());
    else
        std::fprintf(stderr, "lotsen-hub office: published, but could not read it back: %s\n", catalogue.error().text().c_str());
    return version;
}

WebResponse Office::approvals_page(const Context& context, const WebRequest& request, int status, const std::string& problem)
{
    const std::string& l = context.language;
    const auto pending = m_change_store.pending_changes();
    const auto trust = m_change_store.trust_list();
    const auto recent = m_change_store.recent_decisions(k_recent_decisions);
    const auto users = m_office_store.list_users();
    if (!pending || !trust || !recent || !users)
        return failure(l, !pending ? pending.error().text() : !trust ? trust.error().text()
                                                        : !recent ? recent.error().text() : users.error().text());
    std::map<std::int64_t, const OfficeUser*> by_id;
    for (const OfficeUser& user : users.value())
        by_id[user.id] = &user;
    const auto who = [&](std::int64_t id) {
        const auto it = by_id.find(id);
        return it == by_id.end() ? "#" + std::to_string(id) : it->second->display_name + " <" + it->second->email + ">";
    };

    std::string main = "<h1>" + t(l, "approvals_title") + "</h1>\n<p class=\"muted\">" + t(l, "approvals_intro") + "</p>\n";
    const auto query = parse_form(request.query);
    for (const char* key : {"approved", "rejected", "trust_saved"}) {
        if (query.count(key))
            main += notice(l, std::string("done_") + key, false);
    }
    if (!problem.empty())
        main += "<div class=\"notice error\" role=\"alert\"><p>" + html(problem) + "</p></div>\n";
    if (!m_setup.publisher)
        main += "<p class=\"notice error\">" + t(l, "approvals_no_key") + "</p>\n";
    if (pending.value().empty())
        main += "<p>" + t(l, "approvals_none") + "</p>\n";
    const Catalogue published = m_setup.catalogue.value_or(Catalogue{});
    for (const CatalogueChange& change : pending.value()) {
        const std::string n = std::to_string(change.id);
        main += "<section aria-labelledby=\"change-" + n + "\"><h2 id=\"change-" + n + "\">" +
                html(organisation_name(change.organisation_id, l)) + " <span class=\"muted\">(" + t(l, "change_number") + " " + n +
                ")</span></h2>\n<p>" + t(l, "change_sent_by") + " " + html(who(change.submitted_by)) + ", " +
                html(format_local_time(change.submitted_at)) + "</p>\n";
        const std::optional<CataloguePart> part = part_from_json(change.part);
        if (!part) {
            main += "<p class=\"notice error\">" + t(l, "change_unreadable") + "</p>\n</section>\n";
            continue;
        }
        const Catalogue after = replace_part(published, *part, published.version + 1);
        main += "<ul>\n";
        for (const AssociationChange& what : compare_parts(published, after)) {
            if (what.association != change.organisation_id)
                continue;
            if (what.kind == AssociationChange::Kind::added)
                main += "<li>" + t(l, "change_new_association") + "</li>\n";
            if (what.profile_changed)
                main += "<li>" + t(l, "change_profile") + profile_texts_changed(l, published, part->organisation) + "</li>\n";
            for (const auto& [ids, key, from] : {std::tuple{&what.added, "change_added", &after.activities},
                                                std::tuple{&what.changed, "change_changed", &after.activities},
                                                std::tuple{&what.removed, "change_removed", &published.activities}}) {
                for (const std::string& id : *ids)
                    main += "<li>" + t(l, key) + ": " + html(activity_title(*from, id, l)) + " <span class=\"muted code\">" +
                            html(id) + "</span></li>\n";
            }
            if (what.kind == AssociationChange::Kind::untouched)
                main += "<li>" + t(l, "change_nothing") + "</li>\n";
        }
        main += "</ul>\n" + picture_changes(l, published, after, change.organisation_id) + "<details><summary>" +
                t(l, "change_log") + "</summary><ul>\n";
        std::size_t start = 0;
        while (start <= change.summary.size()) {
            const std::size_t end = std::min(change.summary.find('\n', start), change.summary.size());
            main += "<li>" + html(change.summary.substr(start, end - start)) + "</li>\n";
            start = end + 1;
        }
        main += "</ul></details>\n<form method=\"post\" action=\"/approvals/" + n + "/approve\">\n"
                "<input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) + "\">\n<input type=\"hidden\" name=\"revision\" "
                "value=\"" + std::to_string(change.revision) + "\">\n<button type=\"submit\">" + t(l, "approve_button") +
                "</button>\n</form>\n<form method=\"post\" action=\"/approvals/" + n + "/reject\">\n"
                "<input type=\"hidden\" name=\"csrf\" value=\"" + html(context.csrf) + "\">\n<input type=\"hidden\" name=\"revision\" "
                "value=\"" + std::to_string(change.revision) + "\">\n<label for=\"reason-" + n + "\">" + t(l, "reject_reason") +
                "</label>\n<textarea id=\"reason-" + n + "\" name=\"reason\" rows=\"2\" maxlength=\"2000\"></textarea>\n"
                "<button type=\"submit\">" + t(l, "reject_button") + "</button>\n</form>\n</section>\n";
    }

    // Trust: every association the catalogue or a change names.
    std::set<std::string> associations;
    for (const Organisation& organisation : published.organisations)
        associations.insert(organisation.id);
    for (const CatalogueChange& change : pending.value())
        associations.insert(change.organisation_id);
    for (const auto& [id, trusted] : trust.value())
        associations.insert(id);
    // A list rather than a table: at 320 px each association's button stays in view.
    main += "<h2 id=\"trust\">" + t(l, "trust_title") + "</h2>\n<p class=\"muted\">" + t(l, "trust_intro") + "</p>\n"
            "<ul class=\"requests\">\n";
    for (const std::string& id : associations) {
        const auto it = trust.value().find(id);
        const bool trusted = it != trust.value().end() && it->second;
        main += "<li><span class=\"title\">" + html(organisation_name(id, l)) + "</span> <span class=\"muted\">" + t(l, "trust_state") +
                ": " + t(l, trusted ? "trust_direct" : "trust_approval") +
                "</span>\n<form method=\"post\" action=\"/approvals/trust\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" "
                "value=\"" + html(context.csrf) + "\"><input type=\"hidden\" name=\"association\" value=\"" + html(id) +
                "\"><input type=\"hidden\" name=\"trusted\" value=\"" + (trusted ? "0" : "1") + "\"><button type=\"submit\">" +
                t(l, trusted ? "trust_revoke" : "trust_grant") + "<span class=\"skip\"> " + html(organisation_name(id, l)) +
                "</span></button></form></li>\n";
    }
    main += "</ul>\n";

    main += "<h2>" + t(l, "decisions_title") + "</h2>\n";
    if (recent.value().empty())
        main += "<p>" + t(l, "decisions_none") + "</p>\n";
    main += "<ul>\n";
    for (const CatalogueChange& change : recent.value()) {
        main += "<li>" + html(format_local_time(change.decided_at.value_or(change.submitted_at))) + ": " +
                html(organisation_name(change.organisation_id, l)) + " – " + t(l, std::string("state_") + change_state_name(change.state)) +
                (change.decided_by ? " " + t(l, "outcome_by") + " " + html(who(*change.decided_by)) : std::string()) +
                (change.catalogue_version ? ", " + t(l, "catalogue_version") + " " + std::to_string(*change.catalogue_version)
                                          : std::string()) +
                (change.reason.empty() ? std::string() : ": " + html(change.reason)) + "</li>\n";
    }
    main += "</ul>\n";
    return html_response(status, page(Frame{l, std::string(text(l, "approvals_title")), &context.user, context.csrf}, main, true));
}

WebResponse Office::decide_change(const Context& context, const WebRequest& request, const std::string& rest)
{
    const std::string& l = context.language;
    const std::size_t slash = rest.find('/');
    const std::string number = rest.substr(0, slash);
    const std::string what = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if ((what != "approve" && what != "reject") || number.empty() || number.size() > 18 ||
        number.find_first_not_of("0123456789") != std::string::npos)
        return not_found(l, &context);
    const std::int64_t id = std::stoll(number);
    const auto found = m_change_store.change(id);
    if (!found)
        return failure(l, found.error().text());
    if (!found.value())
        return not_found(l, &context);
    const CatalogueChange& change = *found.value();
    const auto fields = parse_form(request.body);
    const std::string revision = fields.count("revision") ? fields.at("revision") : "";
    if (change.state != ChangeState::pending || revision != std::to_string(change.revision))
        return approvals_page(context, request, 409, std::string(text(l, "change_moved_on")));
    const UnixSeconds now = m_setup.clock();
    if (what == "reject") {
        const std::string reason = fields.count("reason") ? fields.at("reason") : "";
        if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > k_max_reason_bytes)
            return approvals_page(context, request, 400, std::string(text(l, "reject_needs_reason")));
        auto decided = m_change_store.decide(id, change.revision, ChangeState::rejected, context.user.id, now, reason, std::nullopt);
        if (!decided)
            return failure(l, decided.error().text());
        if (!decided.value())
            return approvals_page(context, request, 409, std::string(text(l, "change_moved_on")));
        audit({now, context.user.id, "reject_change", change.organisation_id, "", "change " + number + ": " + reason});
        prune_pictures();  // the rejected change's pictures go a day after their upload
        return redirect("/approvals?rejected=" + number);
    }
    const std::optional<CataloguePart> part = part_from_json(change.part);
    if (!part)
        return approvals_page(context, request, 500, std::string(text(l, "change_unreadable")));
    std::string changes;
    auto version = publish_part(*part, changes);
    if (!version) {
        audit({now, context.user.id, "approve_failed", change.organisation_id, "", "change " + number + ": " + version.error().text()});
        return approvals_page(context, request, 500, version.error().text());
    }
    auto decided = m_change_store.decide(id, change.revision, ChangeState::approved, context.user.id, now, "", version.value());
    if (!decided)
        return failure(l, decided.error().text());
    audit({now, context.user.id, "approve_change", change.organisation_id, "",
           "change " + number + ", catalogue version " + std::to_string(version.value()) + ": " + changes});
    prune_pictures();  // published: its pictures are in published/files/ now
    return redirect("/approvals?approved=" + number);
}

WebResponse Office::set_trust(const Context& context, const WebRequest& request)
{
    const std::string& l = context.language;
    const auto fields = parse_form(request.body);
    const std::string association = fields.count("association") ? fields.at("association") : "";
    const std::string trusted = fields.count("trusted") ? fields.at("trusted") : "";
    if (!is_catalogue_id(association) || (trusted != "0" && trusted != "1"))
        return approvals_page(context, request, 400, std::string(text(l, "trust_bad")));
    const UnixSeconds now = m_setup.clock();
    if (auto set = m_change_store.set_trusted(association, trusted == "1", context.user.id, now); !set)
        return failure(l, set.error().text());
    audit({now, context.user.id, "set_trust", association, "",
           trusted == "1" ? "publishes without approval" : "changes wait for approval"});
    return redirect("/approvals?trust_saved=1");
}

}  // namespace lotsen::hub::office
