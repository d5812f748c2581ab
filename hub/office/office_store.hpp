// office_store.hpp — the office's queries on hub.db: users, invitations, sessions, the audit log and
// each contact request's outcome (the tables are migration 3 in hub/hub_store.cpp). It borrows the
// HubStore's connection, so it is used from one thread at a time like the HubStore itself.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::hub::office {

/// What an office user may see.
enum class Role { region, association };

/// "region" or "association".
const char* role_name(Role role);

/// An office user.
struct OfficeUser {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    Role role = Role::association;
    std::string organisation_id;  ///< association users only
    std::optional<std::string> password_hash;
    std::string language;  ///< "sv", "en" or "" (from the browser)
    UnixSeconds created_at = 0;
    std::optional<UnixSeconds> disabled_at;
};

/// A user to be added.
struct NewUser {
    std::string email;
    std::string display_name;
    Role role = Role::association;
    std::string organisation_id;
};

/// A live session as stored.
struct SessionRow {
    std::int64_t user_id = 0;
    std::string csrf_token;
    UnixSeconds created_at = 0;
    UnixSeconds last_seen_at = 0;
};

/// An invitation as stored.
struct InvitationRow {
    std::int64_t user_id = 0;
    UnixSeconds expires_at = 0;
    std::optional<UnixSeconds> used_at;
};

/// One line of the audit log.
struct AuditEntry {
    UnixSeconds at = 0;
    std::optional<std::int64_t> user_id;
    std::string action;
    std::string organisation_id;
    std::string request_id;
    std::string detail;
};

/// Which audit lines to read; empty members match every line.
struct AuditFilter {
    std::optional<std::int64_t> user_id;
    std::string organisation_id;
    std::string action;
};

/// What became of a contact request.
enum class Outcome { contacted, met, could_not_reach, declined };

/// "contacted", "met", "could_not_reach", "declined".
const char* outcome_name(Outcome outcome);
/// The outcome named so, if any.
std::optional<Outcome> parse_outcome(std::string_view name);

/// A contact request as the office lists it: routing, timing, where, and what became of it. The
/// sealed box comes along for the one page that opens it.
struct OfficeRequest {
    std::string event_id;
    std::string organisation_id;
    std::string receipt_code;
    std::vector<std::uint8_t> sealed;
    std::string kiosk;
    std::string site;           ///< the kiosk's site at enrolment
    std::string kiosk_software;  ///< from the kiosk's newest heartbeat (sent by the kiosk: escape it)
    UnixSeconds created_at_corrected = 0;
    UnixSeconds received_at = 0;
    std::optional<UnixSeconds> handled_at;
    std::optional<Outcome> outcome;
    std::string outcome_note;
    std::optional<UnixSeconds> outcome_at;
    std::string outcome_by;  ///< display name of who set it
    std::optional<UnixSeconds> erased_at;  ///< set: retention erased its personal data (hub/retention.hpp)
};

/// The office's queries.
class OfficeStore {
public:
    /// Over `hub`'s connection; `hub` must outlive it.
    explicit OfficeStore(HubStore& hub) : m_hub(hub) {}

    /// Adds a user; an e-mail address already in use (any case) is refused naming it.
    Result<std::int64_t> add_user(const NewUser& user, UnixSeconds now);
    /// The user with this e-mail address (any case).
    Result<std::optional<OfficeUser>> find_user_by_email(const std::string& email);
    /// The user with this id.
    Result<std::optional<OfficeUser>> find_user(std::int64_t id);
    /// Every user, by role and e-mail address.
    Result<std::vector<OfficeUser>> list_users();
    /// Disables the user and ends their sessions and open invitations; false when there is no such
    /// user or they were disabled already.
    Result<bool> disable_user(const std::string& email, UnixSeconds now);
    /// Sets the user's language ("sv", "en" or "" for the browser's).
    Result<void> set_user_language(std::int64_t user_id, const std::string& language);

    /// Stores an invitation under the hash of its token.
    Result<void> add_invitation(const std::string& token_hash, std::int64_t user_id, UnixSeconds now, UnixSeconds expires_at);
    /// The invitation with this token hash.
    Result<std::optional<InvitationRow>> find_invitation(const std::string& token_hash);
    /// In one transaction: marks the invitation used and sets the user's password hash; ends every
    /// session the user had. False when the invitation is unknown, used, expired or its user disabled.
    Result<bool> use_invitation(const std::string& token_hash, const std::string& password_hash, UnixSeconds now);

    /// Stores a new session.
    Result<void> add_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                             UnixSeconds now);
    /// The session with this token hash, if it was used since `idle_since` and its user is enabled;
    /// an idle one is deleted on the way.
    Result<std::optional<SessionRow>> find_session(const std::string& token_hash, UnixSeconds idle_since);
    /// Records that the session was used at `now`.
    Result<void> touch_session(const std::string& token_hash, UnixSeconds now);
    /// Ends the session.
    Result<void> delete_session(const std::string& token_hash);
    /// Live sessions (tests, and `user list`).
    Result<std::int64_t> session_count(std::int64_t user_id);

    /// Appends a line to the audit log.
    Result<void> audit(const AuditEntry& entry);
    /// The newest `limit` audit lines, newest first.
    Result<std::vector<AuditEntry>> audit_log(int limit);
    /// The newest `limit` audit lines that match `filter`, newest first.
    Result<std::vector<AuditEntry>> audit_log(const AuditFilter& filter, int limit);
    /// Every action and every association named in the audit log, sorted (the viewer's filters).
    Result<std::pair<std::vector<std::string>, std::vector<std::string>>> audit_choices();

    /// Contact requests with their site and outcome, newest first; one association's when set.
    Result<std::vector<OfficeRequest>> requests(const std::optional<std::string>& organisation_id);
    /// One contact request, if it exists.
    Result<std::optional<OfficeRequest>> request(const std::string& event_id);
    /// Records what became of a request, by `user_id`, and closes it: contact_requests.handled_at is
    /// set (if it was not already) in the same transaction, and retention (hub/retention.*) counts the
    /// days until the request's personal data is erased from that moment. Setting it again replaces
    /// the outcome and note; handled_at stays the first time. False when the request does not exist.
    Result<bool> set_outcome(const std::string& event_id, Outcome outcome, const std::string& note,
                             std::int64_t user_id, UnixSeconds now);

private:
    HubStore& m_hub;
};

}  // namespace lotsen::hub::office
