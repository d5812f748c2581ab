// office_store.cpp — the office's SQL (see office_store.hpp; the schema is hub_store.cpp's migration 3).
#include "hub/office/office_store.hpp"

#include "core/sqlite/sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace lotsen::hub::office {

namespace {

using sqlite::Statement;
using sqlite::Transaction;

constexpr std::string_view k_subject = "office store";

constexpr const char* k_user_columns =
    "id, email, display_name, role, organisation_id, password_hash, language, created_at, disabled_at";

OfficeUser read_user(const Statement& s)
{
    OfficeUser user;
    user.id = s.int64(0);
    user.email = std::string(s.text(1));
    user.display_name = std::string(s.text(2));
    user.role = s.text(3) == "region" ? Role::region : Role::association;
    user.organisation_id = s.is_null(4) ? std::string() : std::string(s.text(4));
    if (!s.is_null(5))
        user.password_hash = std::string(s.text(5));
    user.language = s.is_null(6) ? std::string() : std::string(s.text(6));
    user.created_at = s.int64(7);
    if (!s.is_null(8))
        user.disabled_at = s.int64(8);
    return user;
}

// The kiosk's software version from its newest heartbeat (JSON text), or "".
std::string software_from_heartbeat(std::string_view heartbeat)
{
    const nlohmann::json beat = nlohmann::json::parse(heartbeat, nullptr, false);
    if (!beat.is_object())
        return {};
    const auto it = beat.find("software_version");
    return it != beat.end() && it->is_string() ? it->get<std::string>().substr(0, 64) : std::string();
}

constexpr const char* k_request_select =
    "SELECT c.event_id, c.organisation_id, c.receipt_code, c.sealed, c.kiosk, COALESCE(k.site, ''), "
    "k.last_heartbeat, COALESCE(e.created_at_corrected, c.received_at), c.received_at, c.handled_at, "
    "o.outcome, o.note, o.at, u.display_name, c.erased_at "
    "FROM contact_requests c LEFT JOIN events e ON e.id = c.event_id "
    "LEFT JOIN kiosks k ON k.public_key = c.kiosk "
    "LEFT JOIN contact_outcomes o ON o.event_id = c.event_id "
    "LEFT JOIN office_users u ON u.id = o.user_id ";

OfficeRequest read_request(const Statement& s)
{
    OfficeRequest r;
    r.event_id = std::string(s.text(0));
    r.organisation_id = std::string(s.text(1));
    r.receipt_code = std::string(s.text(2));
    r.sealed = s.blob(3);
    r.kiosk = std::string(s.text(4));
    r.site = std::string(s.text(5));
    if (!s.is_null(6))
        r.kiosk_software = software_from_heartbeat(s.text(6));
    r.created_at_corrected = s.int64(7);
    r.received_at = s.int64(8);
    if (!s.is_null(9))
        r.handled_at = s.int64(9);
    if (!s.is_null(10)) {
        r.outcome = parse_outcome(s.text(10));
        r.outcome_note = std::string(s.text(11));
        r.outcome_at = s.int64(12);
        r.outcome_by = s.is_null(13) ? std::string() : std::string(s.text(13));
    }
    if (!s.is_null(14))
        r.erased_at = s.int64(14);
    return r;
}

}  // namespace

const char* role_name(Role role)
{
    return role == Role::region ? "region" : "association";
}

const char* outcome_name(Outcome outcome)
{
    switch (outcome) {
    case Outcome::contacted: return "contacted";
    case Outcome::met: return "met";
    case Outcome::could_not_reach: return "could_not_reach";
    case Outcome::declined: return "declined";
    }
    return "contacted";
}

std::optional<Outcome> parse_outcome(std::string_view name)
{
    for (const Outcome outcome : {Outcome::contacted, Outcome::met, Outcome::could_not_reach, Outcome::declined}) {
        if (name == outcome_name(outcome))
            return outcome;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Users

Result<std::int64_t> OfficeStore::add_user(const NewUser& user, UnixSeconds now)
{
    sqlite3* db = m_hub.connection();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to add a user"));
    if (LOTSEN_TRY(find_user_by_email(user.email)))
        return Error{"a user with the e-mail address " + user.email + " exists already (see `lotsen-hub user list`)"};
    {
        auto s = LOTSEN_TRY(Statement::prepare(
            db, k_subject,
            "INSERT INTO office_users(email, display_name, role, organisation_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            "preparing to add a user"));
        s.bind(1, user.email);
        s.bind(2, user.display_name);
        s.bind(3, role_name(user.role));
        if (user.role == Role::association)
            s.bind(4, user.organisation_id);
        else
            s.bind_null(4);
        s.bind(5, now);
        LOTSEN_TRY(s.run("adding user " + user.email));
    }
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    LOTSEN_TRY(transaction.commit("committing the new user"));
    return id;
}

Result<std::optional<OfficeUser>> OfficeStore::find_user_by_email(const std::string& email)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           (std::string("SELECT ") + k_user_columns + " FROM office_users WHERE email = ?1").c_str(),
                                           "looking a user up"));
    s.bind(1, email);
    if (!LOTSEN_TRY(s.step("looking a user up")))
        return std::optional<OfficeUser>();
    return std::optional<OfficeUser>(read_user(s));
}

Result<std::optional<OfficeUser>> OfficeStore::find_user(std::int64_t id)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           (std::string("SELECT ") + k_user_columns + " FROM office_users WHERE id = ?1").c_str(),
                                           "looking a user up"));
    s.bind(1, id);
    if (!LOTSEN_TRY(s.step("looking a user up")))
        return std::optional<OfficeUser>();
    return std::optional<OfficeUser>(read_user(s));
}

Result<std::vector<OfficeUser>> OfficeStore::list_users()
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        (std::string("SELECT ") + k_user_columns + " FROM office_users ORDER BY role DESC, organisation_id, email").c_str(),
        "listing users"));
    std::vector<OfficeUser> users;
    while (LOTSEN_TRY(s.step("listing users")))
        users.push_back(read_user(s));
    return users;
}

Result<bool> OfficeStore::disable_user(const std::string& email, UnixSeconds now)
{
    sqlite3* db = m_hub.connection();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to disable a user"));
    const auto user = LOTSEN_TRY(find_user_by_email(email));
    if (!user || user->disabled_at)
        return false;
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "UPDATE office_users SET disabled_at = ?2 WHERE id = ?1",
                                               "preparing to disable a user"));
        s.bind(1, user->id);
        s.bind(2, now);
        LOTSEN_TRY(s.run("disabling user " + email));
    }
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "DELETE FROM office_sessions WHERE user_id = ?1",
                                               "preparing to end a user's sessions"));
        s.bind(1, user->id);
        LOTSEN_TRY(s.run("ending the sessions of " + email));
    }
    {
        auto s = LOTSEN_TRY(Statement::prepare(
            db, k_subject, "UPDATE office_invitations SET expires_at = MIN(expires_at, ?2) WHERE user_id = ?1 AND used_at IS NULL",
            "preparing to void a user's invitations"));
        s.bind(1, user->id);
        s.bind(2, now);
        LOTSEN_TRY(s.run("voiding the invitations of " + email));
    }
    LOTSEN_TRY(transaction.commit("committing the disabling"));
    return true;
}

Result<void> OfficeStore::set_user_language(std::int64_t user_id, const std::string& language)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject, "UPDATE office_users SET language = ?2 WHERE id = ?1",
                                           "preparing to set a user's language"));
    s.bind(1, user_id);
    if (language.empty())
        s.bind_null(2);
    else
        s.bind(2, language);
    return s.run("setting a user's language");
}

// ---------------------------------------------------------------------------------------------
// Invitations

Result<void> OfficeStore::add_invitation(const std::string& token_hash, std::int64_t user_id, UnixSeconds now,
                                         UnixSeconds expires_at)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "INSERT INTO office_invitations(token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        "preparing to store an invitation"));
    s.bind(1, token_hash);
    s.bind(2, user_id);
    s.bind(3, now);
    s.bind(4, expires_at);
    return s.run("storing an invitation");
}

Result<std::optional<InvitationRow>> OfficeStore::find_invitation(const std::string& token_hash)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "SELECT i.user_id, i.expires_at, i.used_at FROM office_invitations i JOIN office_users u ON u.id = i.user_id "
        "WHERE i.token_hash = ?1 AND u.disabled_at IS NULL",
        "looking an invitation up"));
    s.bind(1, token_hash);
    if (!LOTSEN_TRY(s.step("looking an invitation up")))
        return std::optional<InvitationRow>();
    InvitationRow row;
    row.user_id = s.int64(0);
    row.expires_at = s.int64(1);
    if (!s.is_null(2))
        row.used_at = s.int64(2);
    return std::optional<InvitationRow>(row);
}

Result<bool> OfficeStore::use_invitation(const std::string& token_hash, const std::string& password_hash, UnixSeconds now)
{
    sqlite3* db = m_hub.connection();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to use an invitation"));
    const auto invitation = LOTSEN_TRY(find_invitation(token_hash));
    if (!invitation || invitation->used_at || invitation->expires_at <= now)
        return false;
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "UPDATE office_invitations SET used_at = ?2 WHERE token_hash = ?1",
                                               "preparing to mark an invitation used"));
        s.bind(1, token_hash);
        s.bind(2, now);
        LOTSEN_TRY(s.run("marking an invitation used"));
    }
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "UPDATE office_users SET password_hash = ?2 WHERE id = ?1",
                                               "preparing to set a password"));
        s.bind(1, invitation->user_id);
        s.bind(2, password_hash);
        LOTSEN_TRY(s.run("setting a password"));
    }
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "DELETE FROM office_sessions WHERE user_id = ?1",
                                               "preparing to end a user's sessions"));
        s.bind(1, invitation->user_id);
        LOTSEN_TRY(s.run("ending a user's sessions"));
    }
    LOTSEN_TRY(transaction.commit("committing the new password"));
    return true;
}

// ---------------------------------------------------------------------------------------------
// Sessions

Result<void> OfficeStore::add_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                                      UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "INSERT INTO office_sessions(token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        "preparing to store a session"));
    s.bind(1, token_hash);
    s.bind(2, user_id);
    s.bind(3, csrf_token);
    s.bind(4, now);
    return s.run("storing a session");
}

Result<std::optional<SessionRow>> OfficeStore::find_session(const std::string& token_hash, UnixSeconds idle_since)
{
    {
        // Idle sessions go for good, whoever's they are.
        auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                               "DELETE FROM office_sessions WHERE last_seen_at < ?1",
                                               "preparing to end idle sessions"));
        s.bind(1, idle_since);
        LOTSEN_TRY(s.run("ending idle sessions"));
    }
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at FROM office_sessions s "
        "JOIN office_users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND u.disabled_at IS NULL",
        "looking a session up"));
    s.bind(1, token_hash);
    if (!LOTSEN_TRY(s.step("looking a session up")))
        return std::optional<SessionRow>();
    SessionRow row;
    row.user_id = s.int64(0);
    row.csrf_token = std::string(s.text(1));
    row.created_at = s.int64(2);
    row.last_seen_at = s.int64(3);
    return std::optional<SessionRow>(row);
}

Result<void> OfficeStore::touch_session(const std::string& token_hash, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           "UPDATE office_sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
                                           "preparing to note a session's use"));
    s.bind(1, token_hash);
    s.bind(2, now);
    return s.run("noting a session's use");
}

Result<void> OfficeStore::delete_session(const std::string& token_hash)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject, "DELETE FROM office_sessions WHERE token_hash = ?1",
                                           "preparing to end a session"));
    s.bind(1, token_hash);
    return s.run("ending a session");
}

Result<std::int64_t> OfficeStore::session_count(std::int64_t user_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           "SELECT COUNT(*) FROM office_sessions WHERE user_id = ?1", "counting sessions"));
    s.bind(1, user_id);
    LOTSEN_TRY(s.step("counting sessions"));
    return s.int64(0);
}

// ---------------------------------------------------------------------------------------------
// Audit log

Result<void> OfficeStore::audit(const AuditEntry& entry)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "INSERT INTO office_audit(at, user_id, action, organisation_id, request_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        "preparing to write the audit log"));
    s.bind(1, entry.at);
    s.bind(2, entry.user_id);
    s.bind(3, entry.action);
    if (entry.organisation_id.empty())
        s.bind_null(4);
    else
        s.bind(4, entry.organisation_id);
    if (entry.request_id.empty())
        s.bind_null(5);
    else
        s.bind(5, entry.request_id);
    s.bind(6, entry.detail);
    return s.run("writing the audit log");
}

Result<std::vector<AuditEntry>> OfficeStore::audit_log(int limit)
{
    return audit_log(AuditFilter{}, limit);
}

Result<std::vector<AuditEntry>> OfficeStore::audit_log(const AuditFilter& filter, int limit)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "SELECT at, user_id, action, COALESCE(organisation_id, ''), COALESCE(request_id, ''), detail FROM office_audit "
        "WHERE (?2 IS NULL OR user_id = ?2) AND (?3 = '' OR organisation_id = ?3) AND (?4 = '' OR action = ?4) "
        "ORDER BY id DESC LIMIT ?1",
        "reading the audit log"));
    s.bind(1, limit);
    s.bind(2, filter.user_id);
    s.bind(3, filter.organisation_id);
    s.bind(4, filter.action);
    std::vector<AuditEntry> entries;
    while (LOTSEN_TRY(s.step("reading the audit log"))) {
        AuditEntry entry;
        entry.at = s.int64(0);
        if (!s.is_null(1))
            entry.user_id = s.int64(1);
        entry.action = std::string(s.text(2));
        entry.organisation_id = std::string(s.text(3));
        entry.request_id = std::string(s.text(4));
        entry.detail = std::string(s.text(5));
        entries.push_back(std::move(entry));
    }
    return entries;
}

Result<std::pair<std::vector<std::string>, std::vector<std::string>>> OfficeStore::audit_choices()
{
    std::pair<std::vector<std::string>, std::vector<std::string>> choices;
    for (const bool actions : {true, false}) {
        auto s = LOTSEN_TRY(Statement::prepare(
            m_hub.connection(), k_subject,
            actions ? "SELECT DISTINCT action FROM office_audit ORDER BY action"
                    : "SELECT DISTINCT organisation_id FROM office_audit WHERE organisation_id IS NOT NULL AND "
                      "organisation_id != '' ORDER BY organisation_id",
            "reading the audit log"));
        while (LOTSEN_TRY(s.step("reading the audit log")))
            (actions ? choices.first : choices.second).emplace_back(s.text(0));
    }
    return choices;
}

// ---------------------------------------------------------------------------------------------
// Requests and outcomes

Result<std::vector<OfficeRequest>> OfficeStore::requests(const std::optional<std::string>& organisation_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        (std::string(k_request_select)
         + "WHERE ?1 IS NULL OR c.organisation_id = ?1 ORDER BY c.received_at DESC, c.event_id")
            .c_str(),
        "listing contact requests"));
    s.bind(1, organisation_id);
    std::vector<OfficeRequest> requests;
    while (LOTSEN_TRY(s.step("listing contact requests")))
        requests.push_back(read_request(s));
    return requests;
}

Result<std::optional<OfficeRequest>> OfficeStore::request(const std::string& event_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           (std::string(k_request_select) + "WHERE c.event_id = ?1").c_str(),
                                           "looking a contact request up"));
    s.bind(1, event_id);
    if (!LOTSEN_TRY(s.step("looking a contact request up")))
        return std::optional<OfficeRequest>();
    return std::optional<OfficeRequest>(read_request(s));
}

Result<bool> OfficeStore::set_outcome(const std::string& event_id, Outcome outcome, const std::string& note,
                                      std::int64_t user_id, UnixSeconds now)
{
    sqlite3* db = m_hub.connection();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to set an outcome"));
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT 1 FROM contact_requests WHERE event_id = ?1",
                                               "looking a contact request up"));
        s.bind(1, event_id);
        if (!LOTSEN_TRY(s.step("looking a contact request up")))
            return false;
    }
    {
        auto s = LOTSEN_TRY(Statement::prepare(
            db, k_subject,
            "INSERT INTO contact_outcomes(event_id, outcome, note, at, user_id) VALUES (?1, ?2, ?3, ?4, ?5) "
            "ON CONFLICT(event_id) DO UPDATE SET outcome = excluded.outcome, note = excluded.note, at = excluded.at, "
            "user_id = excluded.user_id",
            "preparing to set an outcome"));
        s.bind(1, event_id);
        s.bind(2, outcome_name(outcome));
        s.bind(3, note);
        s.bind(4, now);
        s.bind(5, user_id);
        LOTSEN_TRY(s.run("setting the outcome of " + event_id));
    }
    {
        // The request is closed now: retention counts its days from handled_at (the first closing).
        auto s = LOTSEN_TRY(Statement::prepare(
            db, k_subject, "UPDATE contact_requests SET handled_at = ?2 WHERE event_id = ?1 AND handled_at IS NULL",
            "preparing to close a contact request"));
        s.bind(1, event_id);
        s.bind(2, now);
        LOTSEN_TRY(s.run("closing contact request " + event_id));
    }
    LOTSEN_TRY(transaction.commit("committing the outcome"));
    return true;
}

}  // namespace lotsen::hub::office
