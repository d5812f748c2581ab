// hub_store.cpp — the hub's SQLite schema, its migrations, and every query the hub runs. The SQLite
// wrappers (opening, statements that finalize themselves, transactions that roll back unless
// committed) are core's sqlite_db.hpp, shared with the kiosk's store and outbox.
#include "hub/hub_store.hpp"

#include "core/base/text_checks.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace lotsen::hub {

namespace {

using sqlite::Statement;
using sqlite::Transaction;

// What every SQLite error message of the hub store starts with.
constexpr std::string_view k_subject = "hub store";

// ---------------------------------------------------------------------------------------------
// Schema. Each migration runs in its own transaction together with the user_version bump, so a
// failure leaves the file exactly at the version before it.

constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE kiosks (
    public_key TEXT PRIMARY KEY NOT NULL,   -- Ed25519, canonical base64
    site TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    enrolled_at INTEGER NOT NULL,
    revoked_at INTEGER,                     -- set: treated as unknown
    last_seen_at INTEGER,                   -- hub clock, last stored batch
    last_heartbeat TEXT,                    -- newest heartbeat's data object (JSON)
    last_heartbeat_at INTEGER,              -- its corrected creation time
    clock_skew_seconds INTEGER              -- hub clock - kiosk clock (received_at - sent_at)
) WITHOUT ROWID;

CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,           -- UUID from the kiosk: the dedupe key
    kiosk TEXT NOT NULL,
    kind TEXT NOT NULL,                     -- checkin, contact_request, heartbeat
    created_at INTEGER NOT NULL,            -- as sent, kiosk clock
    created_at_corrected INTEGER NOT NULL,  -- skew-corrected when the kiosk clock was not synchronised
    clock_synchronised INTEGER NOT NULL,
    received_at INTEGER NOT NULL,           -- hub clock
    organisation_id TEXT,
    activity_id TEXT,
    first_visit INTEGER,                    -- NULL: question skipped
    how_heard TEXT,
    mood TEXT,
    data TEXT                               -- heartbeats: the data object
) WITHOUT ROWID;
CREATE INDEX events_by_kind_time ON events(kind, created_at_corrected);

CREATE TABLE contact_requests (
    event_id TEXT PRIMARY KEY NOT NULL,     -- = events.id
    kiosk TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    receipt_code TEXT NOT NULL,
    sealed BLOB NOT NULL,                   -- crypto_box_seal to the hub key; only the inbox opens it
    received_at INTEGER NOT NULL,
    handled_at INTEGER
) WITHOUT ROWID;
CREATE INDEX contact_requests_by_receipt ON contact_requests(receipt_code);

CREATE TABLE seen_signatures (
    signature TEXT PRIMARY KEY NOT NULL,    -- base64 of the request signature
    kiosk TEXT NOT NULL,
    request_timestamp INTEGER NOT NULL,
    seen_at INTEGER NOT NULL                -- hub clock; pruned after twice the timestamp window
) WITHOUT ROWID;
CREATE INDEX seen_signatures_by_time ON seen_signatures(seen_at);
)sql";

// The e-mail notices sent per request (hub/mail/notices.cpp), and when a request's personal data was
// erased (hub/retention.cpp). A notice row is written 'sending' before the message goes out and
// 'sent' after, so a notice that went out is never sent again, even after a crash.
constexpr const char* k_schema_v2 = R"sql(
CREATE TABLE sent_notices (
    event_id TEXT NOT NULL,                 -- = contact_requests.event_id
    kind TEXT NOT NULL,                     -- arrival, reminder, escalation
    state TEXT NOT NULL,                    -- sending, sent
    sent_at INTEGER NOT NULL,               -- hub clock
    PRIMARY KEY (event_id, kind)
) WITHOUT ROWID;
ALTER TABLE contact_requests ADD COLUMN erased_at INTEGER;  -- set: sealed was overwritten (retention)
)sql";

// The web office (hub/office/, `lotsen-hub office`): its people, their invitations and sessions, the
// audit log, and what became of each contact request. Its queries live in hub/office/office_store.cpp.
// Tokens are kept only as hashes: a copy of hub.db lets nobody log in or use an invitation.
constexpr const char* k_schema_v3 = R"sql(
CREATE TABLE office_users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('region', 'association')),
    organisation_id TEXT,                   -- association users: the one association they act for
    password_hash TEXT,                     -- Argon2id (crypto_pwhash_str); NULL until the invitation is used
    language TEXT,                          -- 'sv' or 'en' chosen by the user; NULL: Accept-Language
    created_at INTEGER NOT NULL,
    disabled_at INTEGER,                    -- set: cannot log in, sessions and invitations void
    CHECK ((role = 'association') = (organisation_id IS NOT NULL))
);

CREATE TABLE office_invitations (
    token_hash TEXT PRIMARY KEY NOT NULL,   -- BLAKE2b of the token in the link (hex); never the token
    user_id INTEGER NOT NULL REFERENCES office_users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) WITHOUT ROWID;

CREATE TABLE office_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,   -- BLAKE2b of the cookie's token (hex); never the token
    user_id INTEGER NOT NULL REFERENCES office_users(id),
    csrf_token TEXT NOT NULL,               -- every form of the session carries it
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL           -- idle longer than [office] session_idle_minutes: void
) WITHOUT ROWID;
CREATE INDEX office_sessions_by_user ON office_sessions(user_id);

CREATE TABLE office_audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES office_users(id),  -- NULL: not logged in (a failed login, an invitation)
    action TEXT NOT NULL,                   -- login, login_failed, open_request, set_outcome, …
    organisation_id TEXT,
    request_id TEXT,                        -- contact_requests.event_id
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX office_audit_by_request ON office_audit(request_id);

CREATE TABLE contact_outcomes (
    event_id TEXT PRIMARY KEY NOT NULL,     -- contact_requests.event_id; setting it closes the request
    outcome TEXT NOT NULL CHECK (outcome IN ('contacted', 'met', 'could_not_reach', 'declined')),
    note TEXT NOT NULL DEFAULT '',          -- the contact person's short note: personal data, erased with the request
    at INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES office_users(id)
) WITHOUT ROWID;
)sql";

// The office's e-mail alerts about kiosks that fell silent and came back (hub/office/fleet_alerts.cpp),
// each sent once per silence: claimed 'sending' before the message goes out and marked 'sent' after,
// like sent_notices.
constexpr const char* k_schema_v4 = R"sql(
CREATE TABLE kiosk_alerts (
    public_key TEXT NOT NULL,               -- kiosks.public_key
    kind TEXT NOT NULL CHECK (kind IN ('silent', 'back')),
    silent_since INTEGER NOT NULL,          -- the silence: the kiosk's last_seen_at (or enrolled_at) when it began
    state TEXT NOT NULL,                    -- sending, sent
    sent_at INTEGER NOT NULL,               -- hub clock
    PRIMARY KEY (public_key, kind, silent_since)
) WITHOUT ROWID;
)sql";

// Changes associations make to their catalogue part in the office's forms (hub/office/change_store.*):
// each waits as one pending change per association for the region's approval, unless the region
// trusts the association to publish directly; decided and directly published changes stay as history.
constexpr const char* k_schema_v5 = R"sql(
CREATE TABLE catalogue_changes (
    id INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    part TEXT NOT NULL,                     -- the association's whole part after the change, catalogue JSON
    summary TEXT NOT NULL DEFAULT '',       -- what was done, one line per edit ("activity x: changed")
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'published')),
    revision INTEGER NOT NULL DEFAULT 1,    -- raised by every edit while pending: an approval names the one it saw
    submitted_by INTEGER NOT NULL REFERENCES office_users(id),
    submitted_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES office_users(id),
    decided_at INTEGER,
    reason TEXT NOT NULL DEFAULT '',        -- a rejection's reason
    catalogue_version INTEGER               -- the catalogue version that published it
);
CREATE UNIQUE INDEX catalogue_changes_one_pending ON catalogue_changes(organisation_id) WHERE state = 'pending';

CREATE TABLE association_trust (
    organisation_id TEXT PRIMARY KEY NOT NULL,
    trusted INTEGER NOT NULL,               -- 1: the association's changes are published without approval
    set_by INTEGER NOT NULL REFERENCES office_users(id),
    set_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Visitors' "I miss something" wishes ("missed" events, batch format 1.1), one row per stored event,
// counted by hub/wishes.cpp with k >= 5. The kiosk is kept so a wish is counted at its site (kiosks.site);
// nothing else about the visitor exists to keep.
constexpr const char* k_schema_v6 = R"sql(
CREATE TABLE wishes (
    event_id TEXT PRIMARY KEY NOT NULL,     -- = events.id
    kiosk TEXT NOT NULL,                    -- kiosks.public_key: the site it was said at
    created_at_corrected INTEGER NOT NULL,
    interest TEXT,                          -- catalogue interest id; NULL: not said
    weekday TEXT,                           -- mon … sun; NULL: not said
    day_part TEXT,                          -- morning, afternoon, evening; NULL: not said
    language TEXT                           -- language code; NULL: not said
) WITHOUT ROWID;
CREATE INDEX wishes_by_time ON wishes(created_at_corrected);
)sql";

// Freshness (hub/freshness.hpp): an association user's "still correct" on a listing, which the next
// publication carries into the listing's last_checked; and the e-mails asking an association to
// re-check a listing, or telling it the listing is no longer published, each sent once per listing
// and last-checked date (claimed 'sending' before the message goes out, 'sent' after).
constexpr const char* k_schema_v7 = R"sql(
CREATE TABLE listing_checks (
    id INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,          -- the association whose listing it is
    activity_id TEXT NOT NULL,
    checked_on TEXT NOT NULL,               -- YYYY-MM-DD, the local date in Sweden
    at INTEGER NOT NULL,                    -- hub clock
    user_id INTEGER REFERENCES office_users(id)
);
CREATE INDEX listing_checks_by_activity ON listing_checks(organisation_id, activity_id, checked_on);

CREATE TABLE freshness_mails (
    organisation_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('remind', 'withheld')),
    last_checked TEXT NOT NULL,             -- the period: the listing's last-checked date when it was due
    state TEXT NOT NULL,                    -- sending, sent
    sent_at INTEGER NOT NULL,               -- hub clock
    PRIMARY KEY (organisation_id, activity_id, kind, last_checked)
) WITHOUT ROWID;
)sql";

// Pictures uploaded in the office's forms (hub/office/picture_store.*): an association's logo or an
// activity's image, kept with the association's pending change until the region decides and
// publishing copies it to published/files/<sha256>.<ext>. One row per association and picture; rows
// no pending change names are deleted a day after their last upload (docs/office.md, "Pictures").
constexpr const char* k_schema_v8 = R"sql(
CREATE TABLE change_pictures (
    id INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,                   -- lowercase hex of the bytes
    type TEXT NOT NULL CHECK (type IN ('png', 'jpeg')),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL,                    -- at most 2 MiB (the catalogue's image limit)
    uploaded_by INTEGER REFERENCES office_users(id),
    uploaded_at INTEGER NOT NULL,           -- the last upload of these bytes by this association
    UNIQUE (organisation_id, sha256)
);
)sql";

using sqlite::Migration;

const std::array<Migration, 8> k_migrations{{
    {"kiosks, events, contact requests, seen signatures", k_schema_v1},
    {"sent notices, erased contact requests", k_schema_v2},
    {"the office: users, invitations, sessions, audit log, contact outcomes", k_schema_v3},
    {"kiosk alerts", k_schema_v4},
    {"catalogue changes from the office's forms, association trust", k_schema_v5},
    {"visitors' wishes", k_schema_v6},
    {"listing checks and freshness e-mails", k_schema_v7},
    {"pictures uploaded with a pending catalogue change", k_schema_v8},
}};

// Every connection overwrites what it deletes with zeros: the sealed boxes must not survive in
// freed cells or free pages once retention has erased them, whichever connection moved them last.
Result<void> prepare_connection(sqlite3* db)
{
    return sqlite::exec(db, k_subject, "PRAGMA secure_delete = ON", "turning secure_delete on");
}

constexpr sqlite::DatabaseSetup k_setup{
    // FULL: the hub answers "accepted" only after the commit is on disk. Kiosks delete events as soon
    // as that answer arrives, so with NORMAL a power cut after the reply lost them for good.
    .synchronous = sqlite::Synchronous::full,
    .journal_size_limit = -1,
    .foreign_keys = true,
    .prepare = prepare_connection,
    .noun = "database",
    .repeat_subject = sqlite::RepeatSubject::yes,
};

std::optional<std::int64_t> optional_int(const Statement& stmt, int column)
{
    if (stmt.is_null(column))
        return std::nullopt;
    return stmt.int64(column);
}

std::optional<std::string> optional_text(const Statement& stmt, int column)
{
    if (stmt.is_null(column))
        return std::nullopt;
    return std::string(stmt.text(column));
}

// Binds text, or NULL when empty (absent members are NULL, not "").
void bind_text_or_null(Statement& stmt, int index, const std::string& text)
{
    if (text.empty())
        stmt.bind_null(index);
    else
        stmt.bind(index, text);
}

constexpr const char* k_kiosk_columns =
    "public_key, site, name, enrolled_at, revoked_at, last_seen_at, last_heartbeat, last_heartbeat_at, "
    "clock_skew_seconds";

KioskRecord read_kiosk(const Statement& stmt)
{
    KioskRecord kiosk;
    kiosk.public_key = std::string(stmt.text(0));
    kiosk.site = std::string(stmt.text(1));
    kiosk.name = std::string(stmt.text(2));
    kiosk.enrolled_at = stmt.int64(3);
    kiosk.revoked_at = optional_int(stmt, 4);
    kiosk.last_seen_at = optional_int(stmt, 5);
    kiosk.last_heartbeat = optional_text(stmt, 6);
    kiosk.last_heartbeat_at = optional_int(stmt, 7);
    kiosk.clock_skew_seconds = optional_int(stmt, 8);
    return kiosk;
}

Result<std::int64_t> count_rows(sqlite3* db, const char* sql, const char* table)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, sql, std::string("counting ") + table));
    const bool row = LOTSEN_TRY(stmt.step(std::string("counting ") + table));
    return row ? stmt.int64(0) : 0;
}

}  // namespace

HubStore::HubStore(sqlite::Database db) : m_db(std::move(db)) {}

HubStore::~HubStore() = default;

int HubStore::current_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

int HubStore::schema_version() const
{
    return sqlite::user_version(m_db.handle());
}

Result<std::unique_ptr<HubStore>> HubStore::open(const std::string& path)
{
    // `serve` and an operator's `inbox --handle` may write at the same moment: open_database's busy
    // timeout lets one wait for the other.
    auto db = LOTSEN_TRY(sqlite::open_database(path, k_subject, k_setup, k_migrations));
    return std::unique_ptr<HubStore>(new HubStore(std::move(db)));
}

// ---------------------------------------------------------------------------------------------
// Kiosks

Result<void> HubStore::enroll_kiosk(const std::string& public_key, const std::string& site, const std::string& name,
                                    UnixSeconds now)
{
    auto transaction = LOTSEN_TRY(
        Transaction::begin(m_db.handle(), k_subject, sqlite::Locking::immediate, "starting to enroll a kiosk"));
    {
        auto existing = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                                      "SELECT site, revoked_at FROM kiosks WHERE public_key = ?1",
                                                      "looking the kiosk up"));
        existing.bind(1, public_key);
        const bool found = LOTSEN_TRY(existing.step("looking the kiosk up"));
        if (found && existing.is_null(1)) {
            return Error{"kiosk " + public_key + " is already enrolled at site " + in_quotes(existing.text(0))
                         + "; revoke it first to enroll it again"};
        }
    }
    auto upsert = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "INSERT INTO kiosks(public_key, site, name, enrolled_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(public_key) DO UPDATE SET site = excluded.site, name = excluded.name, "
        "enrolled_at = excluded.enrolled_at, revoked_at = NULL",
        "preparing to enroll a kiosk"));
    upsert.bind(1, public_key);
    upsert.bind(2, site);
    upsert.bind(3, name);
    upsert.bind(4, now);
    LOTSEN_TRY(upsert.run("enrolling kiosk " + public_key));
    return transaction.commit("committing the enrolment");
}

Result<bool> HubStore::revoke_kiosk(const std::string& public_key, UnixSeconds now)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject, "UPDATE kiosks SET revoked_at = ?2 WHERE public_key = ?1 AND revoked_at IS NULL",
        "preparing to revoke a kiosk"));
    stmt.bind(1, public_key);
    stmt.bind(2, now);
    LOTSEN_TRY(stmt.run("revoking kiosk " + public_key));
    return sqlite3_changes(m_db.handle()) > 0;
}

Result<std::optional<KioskRecord>> HubStore::find_active_kiosk(const std::string& public_key)
{
    const std::string sql = std::string("SELECT ") + k_kiosk_columns
                            + " FROM kiosks WHERE public_key = ?1 AND revoked_at IS NULL";
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, sql.c_str(), "looking a kiosk up"));
    stmt.bind(1, public_key);
    if (!LOTSEN_TRY(stmt.step("looking a kiosk up")))
        return std::optional<KioskRecord>{};
    return std::optional<KioskRecord>{read_kiosk(stmt)};
}

Result<std::vector<KioskRecord>> HubStore::list_kiosks()
{
    const std::string sql = std::string("SELECT ") + k_kiosk_columns + " FROM kiosks ORDER BY site, name, public_key";
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, sql.c_str(), "listing kiosks"));
    std::vector<KioskRecord> kiosks;
    while (LOTSEN_TRY(stmt.step("listing kiosks")))
        kiosks.push_back(read_kiosk(stmt));
    return kiosks;
}

// ---------------------------------------------------------------------------------------------
// Batches

Result<bool> HubStore::signature_seen(const std::string& signature)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject, "SELECT 1 FROM seen_signatures WHERE signature = ?1", "checking for a replay"));
    stmt.bind(1, signature);
    return stmt.step("checking for a replay");
}

Result<StoreOutcome> HubStore::store_batch(const BatchToStore& batch, std::int64_t signature_retention_seconds)
{
    StoreOutcome outcome;
    // IMMEDIATE: the signature check and the inserts must not interleave with another writer's.
    auto transaction = LOTSEN_TRY(
        Transaction::begin(m_db.handle(), k_subject, sqlite::Locking::immediate, "starting to store a batch"));
    {
        // The signature first, inside the transaction: two copies of one request arriving together
        // cannot both be stored.
        auto seen = LOTSEN_TRY(Statement::prepare(
            m_db.handle(), k_subject,
            "INSERT INTO seen_signatures(signature, kiosk, request_timestamp, seen_at) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(signature) DO NOTHING",
            "preparing to record the request signature"));
        seen.bind(1, batch.signature);
        seen.bind(2, batch.kiosk);
        seen.bind(3, batch.request_timestamp);
        seen.bind(4, batch.received_at);
        LOTSEN_TRY(seen.run("recording the request signature"));
        if (sqlite3_changes(m_db.handle()) == 0) {
            outcome.replay = true;
            return outcome;  // the transaction rolls back: nothing stored
        }
    }

    auto insert = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "INSERT INTO events(id, kiosk, kind, created_at, created_at_corrected, clock_synchronised, received_at, "
        "organisation_id, activity_id, first_visit, how_heard, mood, data) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT(id) DO NOTHING",
        "preparing to store events"));
    auto contact = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "INSERT INTO contact_requests(event_id, kiosk, organisation_id, receipt_code, sealed, received_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        "preparing to store contact requests"));
    auto heartbeat = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "UPDATE kiosks SET last_heartbeat = ?2, last_heartbeat_at = ?3 WHERE public_key = ?1 "
        "AND (last_heartbeat_at IS NULL OR last_heartbeat_at <= ?3)",
        "preparing to update the kiosk's heartbeat"));
    auto wish = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "INSERT INTO wishes(event_id, kiosk, created_at_corrected, interest, weekday, day_part, language) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "preparing to store wishes"));

    for (const EventToStore& event : batch.events) {
        insert.bind(1, event.id);
        insert.bind(2, batch.kiosk);
        insert.bind(3, event.kind);
        insert.bind(4, event.created_at);
        insert.bind(5, event.created_at_corrected);
        insert.bind(6, event.clock_synchronised);
        insert.bind(7, batch.received_at);
        bind_text_or_null(insert, 8, event.organisation_id);
        bind_text_or_null(insert, 9, event.activity_id);
        insert.bind(10, event.first_visit);
        bind_text_or_null(insert, 11, event.how_heard);
        bind_text_or_null(insert, 12, event.mood);
        bind_text_or_null(insert, 13, event.data);
        LOTSEN_TRY(insert.run("storing event " + event.id));
        if (sqlite3_changes(m_db.handle()) == 0) {
            outcome.duplicate.push_back(event.id);
            continue;
        }
        if (event.kind == "contact_request") {
            contact.bind(1, event.id);
            contact.bind(2, batch.kiosk);
            contact.bind(3, event.organisation_id);
            contact.bind(4, event.receipt_code);
            contact.bind_blob(5, event.sealed);
            contact.bind(6, batch.received_at);
            LOTSEN_TRY(contact.run("storing contact request " + event.id));
        } else if (event.kind == "heartbeat") {
            heartbeat.bind(1, batch.kiosk);
            heartbeat.bind(2, event.data);
            heartbeat.bind(3, event.created_at_corrected);
            LOTSEN_TRY(heartbeat.run("updating the heartbeat of kiosk " + batch.kiosk));
        } else if (event.kind == "missed") {
            wish.bind(1, event.id);
            wish.bind(2, batch.kiosk);
            wish.bind(3, event.created_at_corrected);
            bind_text_or_null(wish, 4, event.wish.interest);
            bind_text_or_null(wish, 5, event.wish.weekday);
            bind_text_or_null(wish, 6, event.wish.day_part);
            bind_text_or_null(wish, 7, event.wish.language);
            LOTSEN_TRY(wish.run("storing wish " + event.id));
        }
        outcome.accepted.push_back(event.id);
    }

    {
        auto seen_kiosk = LOTSEN_TRY(Statement::prepare(
            m_db.handle(), k_subject,
            "UPDATE kiosks SET last_seen_at = ?2, clock_skew_seconds = ?3 WHERE public_key = ?1",
            "preparing to update the kiosk's last-seen time"));
        seen_kiosk.bind(1, batch.kiosk);
        seen_kiosk.bind(2, batch.received_at);
        seen_kiosk.bind(3, batch.received_at - batch.sent_at);
        LOTSEN_TRY(seen_kiosk.run("updating the last-seen time of kiosk " + batch.kiosk));
    }
    {
        // Pruned here, a row or so per request, instead of by a timer thread.
        auto prune = LOTSEN_TRY(Statement::prepare(
            m_db.handle(), k_subject, "DELETE FROM seen_signatures WHERE seen_at < ?1",
            "preparing to forget old signatures"));
        prune.bind(1, batch.received_at - signature_retention_seconds);
        LOTSEN_TRY(prune.run("forgetting old signatures"));
    }
    LOTSEN_TRY(transaction.commit("committing the batch"));
    return outcome;
}

// ---------------------------------------------------------------------------------------------
// Contact requests

Result<std::vector<ContactRequestRecord>> HubStore::contact_requests(const std::optional<std::string>& organisation_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "SELECT c.event_id, c.kiosk, c.organisation_id, c.receipt_code, c.sealed, "
        "COALESCE(e.created_at_corrected, c.received_at), c.received_at, c.handled_at, c.erased_at "
        "FROM contact_requests c LEFT JOIN events e ON e.id = c.event_id "
        "WHERE ?1 IS NULL OR c.organisation_id = ?1 ORDER BY c.organisation_id, c.received_at, c.event_id",
        "listing contact requests"));
    s.bind(1, organisation_id);
    std::vector<ContactRequestRecord> requests;
    while (LOTSEN_TRY(s.step("listing contact requests"))) {
        ContactRequestRecord request;
        request.event_id = std::string(s.text(0));
        request.kiosk = std::string(s.text(1));
        request.organisation_id = std::string(s.text(2));
        request.receipt_code = std::string(s.text(3));
        request.sealed = s.blob(4);
        request.created_at_corrected = s.int64(5);
        request.received_at = s.int64(6);
        request.handled_at = optional_int(s, 7);
        request.erased_at = optional_int(s, 8);
        requests.push_back(std::move(request));
    }
    return requests;
}

Result<std::vector<std::string>> HubStore::find_contact_requests(const std::string& key)
{
    std::string upper = key;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    std::string lower = key;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto stmt = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "SELECT event_id FROM contact_requests WHERE event_id = ?1 OR receipt_code = ?2 ORDER BY received_at",
        "finding a contact request"));
    stmt.bind(1, lower);  // UUIDs travel in lowercase
    stmt.bind(2, upper);  // receipt codes in uppercase
    std::vector<std::string> ids;
    while (LOTSEN_TRY(stmt.step("finding a contact request")))
        ids.emplace_back(stmt.text(0));
    return ids;
}

Result<bool> HubStore::mark_handled(const std::string& event_id, UnixSeconds now)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "UPDATE contact_requests SET handled_at = ?2 WHERE event_id = ?1 AND handled_at IS NULL",
        "preparing to mark a contact request handled"));
    stmt.bind(1, event_id);
    stmt.bind(2, now);
    LOTSEN_TRY(stmt.run("marking contact request " + event_id + " handled"));
    return sqlite3_changes(m_db.handle()) > 0;
}

// ---------------------------------------------------------------------------------------------
// Statistics

Result<std::vector<CheckInRow>> HubStore::checkins(UnixSeconds from, UnixSeconds to)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "SELECT organisation_id, activity_id, created_at_corrected, first_visit, how_heard, mood "
        "FROM events WHERE kind = 'checkin' AND created_at_corrected >= ?1 AND created_at_corrected < ?2",
        "reading check-ins"));
    s.bind(1, from);
    s.bind(2, to);
    std::vector<CheckInRow> rows;
    while (LOTSEN_TRY(s.step("reading check-ins"))) {
        CheckInRow checkin;
        checkin.organisation_id = s.is_null(0) ? std::string() : std::string(s.text(0));
        checkin.activity_id = s.is_null(1) ? std::string() : std::string(s.text(1));
        checkin.created_at_corrected = s.int64(2);
        if (!s.is_null(3))
            checkin.first_visit = s.int64(3) != 0;
        checkin.how_heard = s.is_null(4) ? std::string() : std::string(s.text(4));
        checkin.mood = s.is_null(5) ? std::string() : std::string(s.text(5));
        rows.push_back(std::move(checkin));
    }
    return rows;
}

Result<std::vector<ContactTimingRow>> HubStore::contact_timings(UnixSeconds from, UnixSeconds to)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                           "SELECT organisation_id, received_at, handled_at FROM contact_requests "
                                           "WHERE received_at >= ?1 AND received_at < ?2",
                                           "reading contact request times"));
    s.bind(1, from);
    s.bind(2, to);
    std::vector<ContactTimingRow> rows;
    while (LOTSEN_TRY(s.step("reading contact request times")))
        rows.push_back(ContactTimingRow{std::string(s.text(0)), s.int64(1), optional_int(s, 2)});
    return rows;
}

Result<RowCounts> HubStore::row_counts()
{
    sqlite3* db = m_db.handle();
    RowCounts counts;
    counts.kiosks = LOTSEN_TRY(count_rows(db, "SELECT COUNT(*) FROM kiosks", "kiosks"));
    counts.events = LOTSEN_TRY(count_rows(db, "SELECT COUNT(*) FROM events", "events"));
    counts.contact_requests = LOTSEN_TRY(count_rows(db, "SELECT COUNT(*) FROM contact_requests", "contact requests"));
    counts.seen_signatures = LOTSEN_TRY(count_rows(db, "SELECT COUNT(*) FROM seen_signatures", "seen signatures"));
    return counts;
}

Result<void> HubStore::check_integrity()
{
    auto stmt =
        LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "PRAGMA integrity_check", "checking integrity"));
    const bool row = LOTSEN_TRY(stmt.step("checking integrity"));
    if (!row || stmt.text(0) != "ok") {
        return Error{"integrity check failed: " + (row ? std::string(stmt.text(0)) : std::string("no answer")),
                     std::string(k_subject)};
    }
    return success();
}

}  // namespace lotsen::hub
