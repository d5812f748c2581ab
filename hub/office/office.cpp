// office.cpp — routes, sessions, authorisation and the audit log of the web office (see office.hpp);
// the HTML of each page is built here too, every dynamic text through html() (web.hpp).
#include "hub/office/office.hpp"

#include "hub/fleet.hpp"
#include "hub/inbox.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_style.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <map>

namespace lotsen::hub::office {

namespace {

constexpr std::size_t k_max_note_chars = 500;

// Every page: nothing from elsewhere, no script at all, no framing, no referrer (an invitation's
// token is in its URL), nothing cached (pages hold personal data).
const std::vector<std::pair<std::string, std::string>>& security_headers()
{
    static const std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Security-Policy",
         "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
         "base-uri 'none'"},
        {"X-Frame-Options", "DENY"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    };
    return headers;
}

std::size_t utf8_chars(std::string_view text)
{
    std::size_t chars = 0;
    for (const char c : text)
        chars += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    return chars;
}



std::string outcome_key(Outcome outcome)
{
    return std::string("outcome_") + outcome_name(outcome);
}

std::string channel_text(const std::string& language, const std::string& channel)
{
    if (channel == "phone" || channel == "email" || channel == "meet_here")
        return t(language, "channel_" + channel);
    return html(channel);
}

// The outcome form of a request; `note` and `selected` refill it after a problem.
std::string form_for_outcome(const std::string& l, const std::string& csrf, const OfficeRequest& one, const std::string& note,
                             const std::string& selected)
{
    const std::string chosen = !selected.empty() ? selected : one.outcome ? outcome_name(*one.outcome) : "";
    std::string out = "<form method=\"post\" action=\"/requests/" + html(percent_encode(one.event_id)) + "\">\n"
                      "<input type=\"hidden\" name=\"csrf\" value=\"" + html(csrf) + "\">\n<fieldset>\n<legend>"
                      + t(l, "outcome_legend") + "</legend>\n";
    for (const Outcome outcome : {Outcome::contacted, Outcome::met, Outcome::could_not_reach, Outcome::declined}) {
        const std::string name = outcome_name(outcome);
        out += "<div class=\"choice\"><input type=\"radio\" id=\"outcome-" + name + "\" name=\"outcome\" value=\"" + name
               + "\"" + (chosen == name ? " checked" : "") + " required><label for=\"outcome-" + name + "\">"
               + t(l, outcome_key(outcome)) + "</label></div>\n";
    }
    out += "</fieldset>\n<label for=\"note\">" + t(l, "note") + "</label>\n<p class=\"muted hint\" id=\"note-help\">"
           + t(l, "note_privacy") + "</p>\n<textarea id=\"note\" name=\"note\" maxlength=\"500\" rows=\"3\" "
           "aria-describedby=\"note-help\">" + html(note.empty() ? one.outcome_note : note) + "</textarea>\n<button type=\"submit\">"
           + t(l, "outcome_button") + "</button>\n</form>\n";
    return out;
}

}  // namespace

std::string WebResponse::header(const std::string& name) const
{
    for (const auto& [key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

Office::Office(std::unique_ptr<HubStore> store, OfficeSetup setup)
    : m_store(std::move(store))
    , m_office_store(*m_store)
    , m_change_store(*m_store)
    , m_picture_store(*m_store)
    , m_setup(std::move(setup))
    , m_throttle(m_setup.throttle)
{
    if (!m_setup.clock) {
        m_setup.clock = [] {
            return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
}

Office::~Office()
{
    sodium_memzero(m_setup.seal_keys.secret_key.data(), m_setup.seal_keys.secret_key.size());
    if (m_setup.publisher)
        sodium_memzero(m_setup.publisher->secret_key.data(), m_setup.publisher->secret_key.size());
}

void Office::audit(const AuditEntry& entry)
{
    // The log line is part of the action: if it cannot be written, say so loudly on the console.
    if (auto written = m_office_store.audit(entry); !written)
        std::fprintf(stderr, "lotsen-hub office: AUDIT LOG NOT WRITTEN (%s): %s\n", entry.action.c_str(),
                     written.error().text().c_str());
}

std::string Office::organisation_name(const std::string& id, const std::string& language) const
{
    if (m_setup.catalogue) {
        if (const Organisation* organisation = m_setup.catalogue->find_organisation(id))
            return std::string(organisation->name.get(language));
    }
    return id;
}

std::string Office::activity_name(const std::string& id, const std::string& language) const
{
    if (id.empty())
        return std::string(text(language, "about_general"));
    if (m_setup.catalogue) {
        for (const Activity& activity : m_setup.catalogue->activities) {
            if (activity.id == id)
                return std::string(activity.title.get(language));
        }
    }
    return id;
}

// ---------------------------------------------------------------------------------------------
// Page frame


WebResponse Office::not_found(const std::string& language, const Context* context)
{
    Frame frame{language, std::string(text(language, "not_found_title")), context ? &context->user : nullptr,
                context ? context->csrf : std::string()};
    return html_response(404, page(frame, "<h1>" + t(language, "not_found_title") + "</h1>\n<p>" + t(language, "not_found")
                                              + "</p>\n<p><a href=\"/\">" + t(language, "back_to_inbox") + "</a></p>\n"));
}

WebResponse Office::forbidden(const std::string& language, const Context* context)
{
    Frame frame{language, std::string(text(language, "forbidden_title")), context ? &context->user : nullptr,
                context ? context->csrf : std::string()};
    return html_response(403, page(frame, "<h1>" + t(language, "forbidden_title") + "</h1>\n<p>" + t(language, "forbidden")
                                              + "</p>\n"));
}

WebResponse Office::failure(const std::string& language, const std::string& what)
{
    std::fprintf(stderr, "lotsen-hub office: %s\n", what.c_str());
    Frame frame{language, std::string(text(language, "error_title")), nullptr, {}};
    return html_response(500, page(frame, "<h1>" + t(language, "error_title") + "</h1>\n<p>" + t(language, "error") + "</p>\n"));
}

// ---------------------------------------------------------------------------------------------
// Requests in

WebResponse Office::handle(const WebRequest& request)
{
    std::unique_lock lock(m_mutex);
    WebResponse response = route(request, lock);
    for (const auto& header : security_headers())
        response.headers.push_back(header);
    if (request.method == "HEAD")
        response.body.clear();
    return response;
}

std::optional<Office::Context> Office::session_context(const WebRequest& request, const std::string& language_fallback)
{
    const auto token = cookie_value(request.cookie, k_session_cookie);
    if (!token || token->empty())
        return std::nullopt;
    const std::string hash = token_hash(*token);
    const UnixSeconds now = m_setup.clock();
    const auto session = m_office_store.find_session(hash, now - m_setup.settings.session_idle_minutes * 60);
    if (!session || !session.value())
        return std::nullopt;
    const auto user = m_office_store.find_user(session.value()->user_id);
    if (!user || !user.value() || user.value()->disabled_at)
        return std::nullopt;
    if (auto touched = m_office_store.touch_session(hash, now); !touched)
        std::fprintf(stderr, "lotsen-hub office: %s\n", touched.error().text().c_str());  // the page still works
    Context context{*user.value(), hash, session.value()->csrf_token, ""};
    context.language = context.user.language.empty() ? language_fallback : context.user.language;
    return context;
}

WebResponse Office::route(const WebRequest& request, std::unique_lock<std::mutex>& lock)
{
    const std::string browser_language = language_from_header(request.accept_language, m_setup.settings.default_language);
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    const std::string& path = request.path;

    if (get && path == "/office.css") {
        WebResponse response;
        response.content_type = "text/css; charset=utf-8";
        response.body = office_stylesheet();
        return response;
    }
    if (path == "/login" && (get || post)) {
        if (post)
            return login(request, lock, browser_language);
        if (session_context(request, browser_language))
            return redirect("/inbox");
        return login_page(request, browser_language, "", false, "");
    }
    if (path.rfind("/invite/", 0) == 0 && (get || post))
        return invitation(request, lock, browser_language, path.substr(8));

    std::optional<Context> context = session_context(request, browser_language);
    if (!context) {
        if (get && (path == "/" || path == "/inbox" || path.rfind("/requests/", 0) == 0 || path == "/fleet" || path == "/stats"
                    || path == "/audit" || path == "/profile" || path == "/activities" || path == "/approvals"
                    || path == "/wishes" || path == "/freshness"))
            return redirect("/login");
        if (post)
            return forbidden(browser_language, nullptr);
        return not_found(browser_language, nullptr);
    }
    const std::string& language = context->language;
    // A form with a file field comes as multipart/form-data (multipart.hpp); one that cannot be read is refused.
    const PostedForm posted = post ? read_posted_form(request.content_type, request.body, request.body_cut_short) : PostedForm{};
    if (post && !posted.problem.empty()) {
        return html_response(400, page(Frame{context->language, "400", &context->user, context->csrf},
                                       "<h1>400</h1>\n<p>" + html(posted.problem) + "</p>\n"));
    }
    const auto& fields = posted.fields;
    if (post) {
        const auto csrf = fields.find("csrf");
        if (csrf == fields.end() || !same_secret(csrf->second, context->csrf)) {
            audit({m_setup.clock(), context->user.id, "csrf_refused", context->user.organisation_id, "",
                   request.method + " " + path.substr(0, 80)});
            return forbidden(language, &*context);
        }
    }
    if (get && path == "/")
        return redirect("/inbox");
    if (post && path == "/logout") {
        // Not "signed out" unless the session is gone on the server.
        if (auto ended = m_office_store.delete_session(context->session_hash); !ended)
            return failure(language, ended.error().text());
        audit({m_setup.clock(), context->user.id, "logout", context->user.organisation_id, "", ""});
        WebResponse response = redirect("/login?out=1");
        response.headers.emplace_back("Set-Cookie", set_cookie(k_session_cookie, "", m_setup.settings.secure_cookies, 0));
        return response;
    }
    if (post && path == "/language") {
        const auto chosen = fields.find("language");
        if (chosen != fields.end() && (chosen->second == "sv" || chosen->second == "en")) {
            if (auto set = m_office_store.set_user_language(context->user.id, chosen->second); !set)
                return failure(language, set.error().text());
        }
        return redirect("/inbox");
    }
    if (get && path == "/inbox")
        return inbox(*context, request);
    // What visitors miss: the region sees every wish, an association those of its interests.
    if (get && path == "/wishes")
        return wishes_page(*context, request);
    // The listings' freshness (freshness_page.cpp): POST /freshness/<activity id>/checked.
    if (get && path == "/freshness")
        return freshness_page(*context, request);
    if (post && path.rfind("/freshness/", 0) == 0 && path.size() > 19 && path.ends_with("/checked"))
        return mark_checked(*context, request, path.substr(11, path.size() - 19));
    // The region's pages: for anyone else they do not exist.
    if (context->user.role == Role::region) {
        if (get && path == "/fleet")
            return fleet_page(*context, request);
        if (post && path == "/fleet/enrol")
            return enrol_kiosk(*context, request);
        if (post && path == "/fleet/revoke")
            return revoke_kiosk(*context, request);
        if (get && path == "/stats")
            return stats_page(*context, request);
        if (get && path == "/stats.csv")
            return stats_csv(*context, request);
        if (get && path == "/audit")
            return audit_page(*context, request);
    }
    // Pictures kept with a pending change, or published (form_pictures.cpp): only to those who may see that change.
    if (get && path.rfind("/pictures/", 0) == 0)
        return picture_file(*context, path.substr(10));
    // The catalogue's upkeep: an association's own forms, the region's approvals (association_pages.cpp,
    // approvals.cpp). For anyone else these pages do not exist.
    if (context->user.role == Role::association) {
        if (path == "/profile" && (get || post))
            return profile_page(*context, request);
        if (get && path == "/activities")
            return activities_page(*context, request);
        if (path == "/activities/new" && (get || post))
            return activity_form(*context, request, "");
        if (path.rfind("/activities/", 0) == 0) {
            const std::string rest = path.substr(12);
            const std::size_t slash = rest.find('/');
            const std::string id = rest.substr(0, slash);
            const std::string what = slash == std::string::npos ? "" : rest.substr(slash);
            if (what == "/edit" && (get || post))
                return activity_form(*context, request, id);
            if (what == "/remove" && post)
                return remove_activity(*context, id);
        }
    }
    if (context->user.role == Role::region) {
        if (get && path == "/approvals")
            return approvals_page(*context, request);
        if (post && path == "/approvals/trust")
            return set_trust(*context, request);
        if (post && path.rfind("/approvals/", 0) == 0)
            return decide_change(*context, request, path.substr(11));
    }
    if (path.rfind("/requests/", 0) == 0) {
        const std::string id = path.substr(10);
        if (get)
            return request_page(*context, request, id);
        if (post)
            return set_outcome(*context, request, id);
    }
    return not_found(language, &*context);
}

// ---------------------------------------------------------------------------------------------
// Login and invitations

namespace {

// The form cookie's value, or a new one to be set with the page.
std::string form_token(const WebRequest& request, WebResponse& response, bool secure)
{
    if (const auto token = cookie_value(request.cookie, k_form_cookie); token && token->size() == 43)
        return *token;
    const std::string token = random_token();
    response.headers.emplace_back("Set-Cookie", set_cookie(k_form_cookie, token, secure));
    return token;
}

bool form_token_matches(const WebRequest& request, const std::map<std::string, std::string>& fields)
{
    const auto cookie = cookie_value(request.cookie, k_form_cookie);
    const auto field = fields.find("csrf");
    return cookie && field != fields.end() && same_secret(*cookie, field->second);
}

}  // namespace

WebResponse Office::login_page(const WebRequest& request, const std::string& language, const std::string& message_key,
                               bool error, const std::string& email)
{
    WebResponse response;
    response.status = error ? 401 : 200;
    const std::string csrf = form_token(request, response, m_setup.settings.secure_cookies);
    const auto query = parse_form(request.query);
    std::string key = message_key;
    if (key.empty() && query.count("out"))
        key = "logged_out";
    if (key.empty() && query.count("set"))
        key = "password_set";
    const std::string& l = language;
    std::string main = "<h1>" + t(l, "login_title") + "</h1>\n";
    if (!key.empty())
        main += notice(l, key, error);
    main += "<form method=\"post\" action=\"/login\">\n<input type=\"hidden\" name=\"csrf\" value=\"" + html(csrf) + "\">\n"
            "<label for=\"email\">" + t(l, "email") + "</label>\n"
            "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"" + html(email) + "\">\n"
            "<label for=\"password\">" + t(l, "password") + "</label>\n"
            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n"
            "<button type=\"submit\">" + t(l, "login_button") + "</button>\n</form>\n";
    response.body = page(Frame{l, std::string(text(l, "login_title")), nullptr, {}}, main);
    return response;
}

WebResponse Office::login(const WebRequest& request, std::unique_lock<std::mutex>& lock, const std::string& language)
{
    const auto fields = parse_form(request.body);
    if (!form_token_matches(request, fields))
        return forbidden(language, nullptr);
    const std::string email = fields.count("email") ? fields.at("email").substr(0, 320) : std::string();
    const std::string password = fields.count("password") ? fields.at("password") : std::string();
    const UnixSeconds now = m_setup.clock();
    if (m_throttle.wait_seconds(email, request.client, now) > 0) {
        audit({now, std::nullopt, "login_throttled", "", "", "account " + email + " from " + request.client});
        WebResponse response = login_page(request, language, "login_throttled", true, email);
        response.status = 429;
        return response;
    }
    const auto found = m_office_store.find_user_by_email(email);
    if (!found)
        return failure(language, found.error().text());
    std::optional<OfficeUser> user = found.value();
    const bool usable = user && !user->disabled_at && user->password_hash;
    // The password check runs without the store's lock: Argon2id takes a while, and other users'
    // pages need not wait for it.
    lock.unlock();
    const bool verified = password.size() <= k_max_password_bytes
                          && verify_password(password, usable ? &*user->password_hash : nullptr) && usable;
    lock.lock();
    if (!verified) {
        m_throttle.record_failure(email, request.client, now);
        audit({now, user ? std::optional<std::int64_t>(user->id) : std::nullopt, "login_failed",
               user ? user->organisation_id : std::string(), "", "from " + request.client});
        return login_page(request, language, "login_failed", true, email);
    }
    m_throttle.record_success(email);
    // Whatever session cookie the browser brought is dropped: the session is always a new one.
    if (const auto old = cookie_value(request.cookie, k_session_cookie); old && !old->empty()) {
        if (auto ended = m_office_store.delete_session(token_hash(*old)); !ended)
            return failure(language, ended.error().text());
    }
    const std::string token = random_token();
    if (auto added = m_office_store.add_session(token_hash(token), user->id, random_token(), now); !added)
        return failure(language, added.error().text());
    audit({now, user->id, "login", user->organisation_id, "", "from " + request.client});
    WebResponse response = redirect("/inbox");
    response.headers.emplace_back("Set-Cookie", set_cookie(k_session_cookie, token, m_setup.settings.secure_cookies));
    return response;
}

WebResponse Office::invitation(const WebRequest& request, std::unique_lock<std::mutex>& lock, const std::string& language,
                               const std::string& token)
{
    const std::string& l = language;
    const std::string hash = token_hash(token);
    const UnixSeconds now = m_setup.clock();
    const auto found = m_office_store.find_invitation(hash);
    if (!found)
        return failure(l, found.error().text());
    const auto& invitation = found.value();
    const bool valid = invitation && !invitation->used_at && invitation->expires_at > now;
    std::optional<OfficeUser> user;
    if (valid) {
        auto looked_up = m_office_store.find_user(invitation->user_id);
        if (!looked_up)
            return failure(l, looked_up.error().text());
        user = looked_up.value();
    }
    const Frame frame{l, std::string(text(l, "invite_title")), nullptr, {}};
    if (!valid || !user) {
        return html_response(404, page(frame, "<h1>" + t(l, "invite_title") + "</h1>\n" + notice(l, "invite_invalid", true)));
    }
    std::string problem;
    if (request.method == "POST") {
        const auto fields = parse_form(request.body);
        if (!form_token_matches(request, fields))
            return forbidden(l, nullptr);
        const std::string password = fields.count("password") ? fields.at("password") : std::string();
        const std::string repeated = fields.count("password2") ? fields.at("password2") : std::string();
        switch (check_new_password(password)) {
        case PasswordProblem::too_short: problem = "password_too_short"; break;
        case PasswordProblem::too_long: problem = "password_too_long"; break;
        case PasswordProblem::not_text: problem = "password_not_text"; break;
        case PasswordProblem::none:
            if (password != repeated)
                problem = "password_mismatch";
            break;
        }
        if (problem.empty()) {
            lock.unlock();
            auto hashed = hash_password(password);
            lock.lock();
            if (!hashed)
                return failure(l, hashed.error().text());
            auto used = m_office_store.use_invitation(hash, hashed.value(), m_setup.clock());
            if (!used)
                return failure(l, used.error().text());
            if (!used.value())
                return html_response(404, page(frame, "<h1>" + t(l, "invite_title") + "</h1>\n" + notice(l, "invite_invalid", true)));
            audit({now, user->id, "password_set", user->organisation_id, "", "by invitation"});
            return redirect("/login?set=1");
        }
    }
    WebResponse response;
    response.status = problem.empty() ? 200 : 400;
    const std::string csrf = form_token(request, response, m_setup.settings.secure_cookies);
    std::string main = "<h1>" + t(l, "invite_title") + "</h1>\n<p>" + t(l, "invite_intro") + " <strong>" + html(user->email)
                       + "</strong> (" + html(user->display_name) + ").</p>\n";
    if (!problem.empty())
        main += notice(l, problem, true);
    main += "<form method=\"post\" action=\"/invite/" + html(percent_encode(token)) + "\">\n"
            "<input type=\"hidden\" name=\"csrf\" value=\"" + html(csrf) + "\">\n"
            "<input type=\"text\" name=\"username\" autocomplete=\"username\" value=\"" + html(user->email)
            + "\" hidden>\n"
            "<label for=\"password\">" + t(l, "new_password") + "</label>\n"
            "<p class=\"muted hint\" id=\"rules\">" + t(l, "password_rules") + "</p>\n"
            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" "
            "aria-describedby=\"rules\" required>\n"
            "<label for=\"password2\">" + t(l, "repeat_password") + "</label>\n"
            "<input id=\"password2\" name=\"password2\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required>\n"
            "<button type=\"submit\">" + t(l, "invite_button") + "</button>\n</form>\n";
    response.body = page(frame, main);
    return response;
}

// ---------------------------------------------------------------------------------------------
// The inbox and one request

WebResponse Office::inbox(const Context& context, const WebRequest& /*request*/)
{
    const std::string& l = context.language;
    const bool region = context.user.role == Role::region;
    const auto listed = m_office_store.requests(region ? std::nullopt : std::optional<std::string>(context.user.organisation_id));
    if (!listed)
        return failure(l, listed.error().text());
    std::string main;
    if (region) {
        main += "<h1>" + t(l, "inbox_all") + "</h1>\n<p class=\"muted\">" + t(l, "inbox_region_note") + "</p>\n";
    } else {
        main += "<h1>" + t(l, "inbox_for") + " " + html(organisation_name(context.user.organisation_id, l)) + "</h1>\n";
    }
    // Per association (only one for an association user), newest first within it.
    std::map<std::string, std::vector<const OfficeRequest*>> by_association;
    for (const OfficeRequest& one : listed.value())
        by_association[one.organisation_id].push_back(&one);
    if (by_association.empty())
        main += "<p>" + t(l, "inbox_empty") + "</p>\n";
    for (const auto& [organisation, requests] : by_association) {
        std::size_t open = 0;
        for (const OfficeRequest* one : requests)
            open += one->handled_at ? 0 : 1;
        if (region) {
            main += "<h2>" + html(organisation_name(organisation, l)) + " <span class=\"muted\">(" + std::to_string(open) + " "
                    + t(l, "open_count") + ")</span></h2>\n";
        }
        main += "<ul class=\"requests\">\n";
        for (const OfficeRequest* one : requests) {
            std::string status = one->outcome ? t(l, outcome_key(*one->outcome))
                                              : "<span class=\"status-open\">" + t(l, "status_open") + "</span>";
            main += "<li><a class=\"title\" href=\"/requests/" + html(percent_encode(one->event_id)) + "\">" + t(l, "receipt")
                    + " <span class=\"code\">" + html(one->receipt_code) + "</span></a>\n<dl>"
                    "<div><dt>" + t(l, "asked") + "</dt><dd>" + html(format_local_time(one->created_at_corrected)) + "</dd></div>"
                    "<div><dt>" + t(l, "site") + "</dt><dd>" + html(one->site.empty() ? std::string(text(l, "unknown")) : one->site)
                    + "</dd></div>"
                    "<div><dt>" + t(l, "status") + "</dt><dd>" + status + "</dd></div></dl></li>\n";
        }
        main += "</ul>\n";
    }
    return html_response(200, page(Frame{l, std::string(text(l, "inbox_title")), &context.user, context.csrf}, main));
}

WebResponse Office::request_page(const Context& context, const WebRequest& request, const std::string& event_id)
{
    const std::string& l = context.language;
    const auto found = m_office_store.request(event_id);
    if (!found)
        return failure(l, found.error().text());
    // Another association's request answers exactly as a request that does not exist.
    if (!found.value() || (context.user.role == Role::association && found.value()->organisation_id != context.user.organisation_id))
        return not_found(l, &context);
    const OfficeRequest& one = *found.value();
    ContactRequestRecord record;
    record.event_id = one.event_id;
    record.kiosk = one.kiosk;
    record.organisation_id = one.organisation_id;
    record.receipt_code = one.receipt_code;
    record.sealed = one.sealed;
    record.created_at_corrected = one.created_at_corrected;
    record.received_at = one.received_at;
    record.handled_at = one.handled_at;
    OpenedRequest opened;
    // An erased request (retention) has nothing left to open: say so, not that it is damaged.
    const Result<void> open = one.erased_at ? Result<void>(Error{"erased"}) : open_request(record, m_setup.seal_keys, opened);
    audit({m_setup.clock(), context.user.id, "open_request", one.organisation_id, one.event_id,
           one.erased_at ? std::string("personal data erased") : open ? std::string() : "did not open: " + open.error().text()});

    const auto query = parse_form(request.query);
    std::string main = "<p><a href=\"/inbox\">" + t(l, "back_to_inbox") + "</a></p>\n<h1>" + t(l, "request_title")
                       + " <span class=\"code\">" + html(one.receipt_code) + "</span></h1>\n";
    if (query.count("saved"))
        main += notice(l, "outcome_saved", false);
    main += "<dl class=\"facts\">\n";
    auto fact = [&](std::string_view key, const std::string& value_html) {
        main += "<div><dt>" + t(l, key) + "</dt><dd>" + value_html + "</dd></div>\n";
    };
    if (open) {
        fact("name", html(opened.name));
        fact("reach", channel_text(l, opened.channel) + ": " + html(opened.reach));
        fact("preferred_language", html(opened.preferred_language.empty() ? std::string(text(l, "unknown"))
                                                                         : language_name(l, opened.preferred_language)));
        fact("about", html(activity_name(opened.activity_id, l)));
    } else if (one.erased_at) {
        main += "</dl>\n<p class=\"notice\">" + t(l, "erased") + " " + html(format_local_time(*one.erased_at))
                + ".</p>\n<dl class=\"facts\">\n";
    } else {
        main += "</dl>\n<p class=\"notice error\" role=\"alert\">" + t(l, "cannot_open") + " " + html(open.error().text())
                + "</p>\n<dl class=\"facts\">\n";
    }
    fact("association", html(organisation_name(one.organisation_id, l)));
    fact("asked", html(format_local_time(one.created_at_corrected)) + " <span class=\"muted\">(" + t(l, "asked_note")
                      + ")</span>");
    fact("received", html(format_local_time(one.received_at)));
    fact("site", html(one.site.empty() ? std::string(text(l, "unknown")) : one.site));
    if (!one.kiosk_software.empty())
        fact("kiosk_software", html(one.kiosk_software));
    main += "</dl>\n";

    main += "<h2 id=\"outcome\">" + t(l, "outcome_title") + "</h2>\n";
    if (one.outcome) {
        main += "<p>" + t(l, "outcome_current") + ": <strong>" + t(l, outcome_key(*one.outcome)) + "</strong> "
                + html(format_local_time(*one.outcome_at)) + " " + t(l, "outcome_by") + " " + html(one.outcome_by) + "</p>\n";
        if (!one.outcome_note.empty())
            main += "<p class=\"muted\">" + html(one.outcome_note) + "</p>\n";
    }
    main += form_for_outcome(l, context.csrf, one, std::string(), std::string());
    return html_response(200, page(Frame{l, std::string(text(l, "request_title")), &context.user, context.csrf}, main));
}

WebResponse Office::set_outcome(const Context& context, const WebRequest& request, const std::string& event_id)
{
    const std::string& l = context.language;
    const auto found = m_office_store.request(event_id);
    if (!found)
        return failure(l, found.error().text());
    if (!found.value() || (context.user.role == Role::association && found.value()->organisation_id != context.user.organisation_id))
        return not_found(l, &context);
    const auto fields = parse_form(request.body);
    Outcome chosen = Outcome::contacted;
    bool chosen_known = false;
    if (const auto field = fields.find("outcome"); field != fields.end()) {
        if (const auto parsed = parse_outcome(field->second)) {
            chosen = *parsed;
            chosen_known = true;
        }
    }
    const std::string chosen_name = chosen_known ? outcome_name(chosen) : "";
    const std::string note = fields.count("note") ? fields.at("note") : std::string();
    std::string problem;
    if (!chosen_known)
        problem = "outcome_missing";
    else if (utf8_chars(note) > k_max_note_chars)
        problem = "note_too_long";
    if (!problem.empty()) {
        std::string main = "<p><a href=\"/requests/" + html(percent_encode(event_id)) + "\">" + t(l, "request_title") + " "
                           + html(found.value()->receipt_code) + "</a></p>\n<h1>" + t(l, "outcome_title") + "</h1>\n"
                           + notice(l, problem, true) + form_for_outcome(l, context.csrf, *found.value(), note, chosen_name);
        return html_response(400, page(Frame{l, std::string(text(l, "outcome_title")), &context.user, context.csrf}, main));
    }
    const UnixSeconds now = m_setup.clock();
    auto stored = m_office_store.set_outcome(event_id, chosen, note, context.user.id, now);
    if (!stored)
        return failure(l, stored.error().text());
    audit({now, context.user.id, "set_outcome", found.value()->organisation_id, event_id, outcome_name(chosen)});
    return redirect("/requests/" + percent_encode(event_id) + "?saved=1");
}

}  // namespace lotsen::hub::office
