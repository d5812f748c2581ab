// office.hpp — the web office's behaviour without the socket: one HTTP request in, one response out.
// It owns who may see what (a session's user; an association user only their association's
// requests, every other id answered 404 as if it did not exist), sessions and their CSRF tokens,
// the login throttle, the audit log, and the pages (their HTML is built in office.cpp).
// The region's pages (fleet, follow-up statistics, audit log) are in region_pages.cpp.
// office_server.hpp puts it on libmicrohttpd; the tests drive it directly and through a real browser.
//
// Logins and invitations: a form cookie (random, HttpOnly, SameSite=Strict) whose value the form
// repeats guards the pages before a session exists; a login always starts a NEW session token, so a
// session id planted in a browser beforehand is never the one that gets logged in.
#pragma once

#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"
#include "core/wire/protocol.hpp"
#include "hub/catalogue_parts.hpp"
#include "hub/hub_store.hpp"
#include "hub/keys.hpp"
#include "hub/office/change_store.hpp"
#include "hub/office/login_throttle.hpp"
#include "hub/office/multipart.hpp"
#include "hub/office/office_settings.hpp"
#include "hub/office/office_store.hpp"
#include "hub/office/part_form.hpp"
#include "hub/office/picture_store.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::hub::office {

/// Cookie names.
inline constexpr const char* k_session_cookie = "lotsen_session";
inline constexpr const char* k_form_cookie = "lotsen_form";

/// One request as the office needs it.
struct WebRequest {
    std::string method;           ///< GET, HEAD or POST
    std::string path;             ///< percent-decoded, without the query
    std::string query;            ///< after '?', as sent
    std::string cookie;           ///< the Cookie header
    std::string accept_language;  ///< the Accept-Language header
    std::string body;             ///< POST: the form, application/x-www-form-urlencoded or multipart/form-data
    std::string content_type;     ///< the Content-Type header ("" reads the body url-encoded)
    bool body_cut_short = false;  ///< a multipart body larger than the server takes: its first bytes only
    std::string client;           ///< the client's address (web.hpp's client_address)
};

/// One response.
struct WebResponse {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< Set-Cookie, Location, …

    /// The value of the first header called `name`, or "".
    std::string header(const std::string& name) const;
};

/// What the office runs with.
struct OfficeSetup {
    OfficeSettings settings;
    SealKeyPair seal_keys;                 ///< opens the sealed contact requests
    std::optional<Catalogue> catalogue;    ///< names of associations and activities; ids without it
    std::function<UnixSeconds()> clock;    ///< the wall clock unless a test sets one
    ThrottleLimits throttle;
    /// Publishing an approved (or trusted) change of an association's part: the hub's data directory
    /// (DATA_DIR/published; its published/sources/ holds the listings /freshness shows) and the fleet's
    /// publisher key ([office] publisher_key). Without the key the forms still collect changes, but
    /// approving one says the office cannot publish.
    std::string data_dir;
    std::optional<protocol::SigningKeyPair> publisher;
};

/// The office.
class Office {
public:
    Office(std::unique_ptr<HubStore> store, OfficeSetup setup);
    ~Office();
    Office(const Office&) = delete;
    Office& operator=(const Office&) = delete;

    /// Answers one request; safe from several threads (the store is used by one at a time, and a
    /// password check never holds it).
    WebResponse handle(const WebRequest& request);

    /// The office's store (tests and `user` commands read what the office wrote).
    OfficeStore& store() { return m_office_store; }

private:
    struct Context;
    WebResponse route(const WebRequest& request, std::unique_lock<std::mutex>& lock);
    std::optional<Context> session_context(const WebRequest& request, const std::string& language_fallback);
    WebResponse login_page(const WebRequest& request, const std::string& language, const std::string& message_key,
                           bool error, const std::string& email);
    WebResponse login(const WebRequest& request, std::unique_lock<std::mutex>& lock, const std::string& language);
    WebResponse invitation(const WebRequest& request, std::unique_lock<std::mutex>& lock, const std::string& language,
                           const std::string& token);
    WebResponse inbox(const Context& context, const WebRequest& request);
    WebResponse request_page(const Context& context, const WebRequest& request, const std::string& event_id);
    WebResponse set_outcome(const Context& context, const WebRequest& request, const std::string& event_id);
    // The region's pages (region_pages.cpp).
    WebResponse fleet_page(const Context& context, const WebRequest& request);
    WebResponse enrol_kiosk(const Context& context, const WebRequest& request);
    WebResponse revoke_kiosk(const Context& context, const WebRequest& request);
    WebResponse stats_page(const Context& context, const WebRequest& request);
    WebResponse stats_csv(const Context& context, const WebRequest& request);
    WebResponse audit_page(const Context& context, const WebRequest& request);
    // What visitors miss (wishes_page.cpp): the region's and every association user's.
    WebResponse wishes_page(const Context& context, const WebRequest& request);
    // The listings' freshness: "checked N days ago" and "still correct" (freshness_page.cpp).
    WebResponse freshness_page(const Context& context, const WebRequest& request);
    WebResponse mark_checked(const Context& context, const WebRequest& request, const std::string& activity_id);
    WebResponse fleet_with_form(const Context& context, int status, const std::string& done_key, const std::string& problem,
                                const std::string& site, const std::string& name, const std::string& key);
    // An association's own profile and activities (association_pages.cpp) and the region's approvals
    // and trust (approvals.cpp).
    WebResponse profile_page(const Context& context, const WebRequest& request);
    WebResponse activities_page(const Context& context, const WebRequest& request);
    WebResponse activity_form(const Context& context, const WebRequest& request, const std::string& activity_id);
    WebResponse remove_activity(const Context& context, const std::string& activity_id);
    WebResponse approvals_page(const Context& context, const WebRequest& request, int status = 200,
                               const std::string& problem = {});
    WebResponse decide_change(const Context& context, const WebRequest& request, const std::string& rest);
    WebResponse set_trust(const Context& context, const WebRequest& request);
    Result<CataloguePart> draft_part(const std::string& organisation_id);
    CataloguePart published_part(const std::string& organisation_id) const;
    Result<std::string> submit_part(const Context& context, const CataloguePart& part, const std::string& summary);
    Result<std::int64_t> publish_part(const CataloguePart& part, std::string& changes);
    // Pictures in the forms (form_pictures.cpp): an upload checked and kept with the change, the
    // kept bytes written beside a part for publish_file, pictures served back to those who may see
    // them, and unused ones cleaned away.
    Result<std::optional<ImageRef>> posted_picture(const Context& context, const PostedForm& form, const std::string& field,
                                                   const std::optional<ImageRef>& current, std::vector<FieldProblem>& problems);
    WebResponse picture_file(const Context& context, const std::string& name);
    Result<CataloguePart> with_picture_files(const CataloguePart& part, const std::string& directory);
    std::string picture_changes(const std::string& language, const Catalogue& before, const Catalogue& after,
                                const std::string& association) const;
    void prune_pictures();
    WebResponse not_found(const std::string& language, const Context* context);
    WebResponse forbidden(const std::string& language, const Context* context);
    WebResponse failure(const std::string& language, const std::string& what);
    void audit(const AuditEntry& entry);
    std::string organisation_name(const std::string& id, const std::string& language) const;
    std::string activity_name(const std::string& id, const std::string& language) const;

    std::unique_ptr<HubStore> m_store;
    OfficeStore m_office_store;
    ChangeStore m_change_store;
    PictureStore m_picture_store;
    OfficeSetup m_setup;
    LoginThrottle m_throttle;
    std::mutex m_mutex;  ///< the store: one request at a time
};

}  // namespace lotsen::hub::office
