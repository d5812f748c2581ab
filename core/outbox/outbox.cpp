// outbox.cpp — the outbox: schema and migrations, validation, check-in spacing, sealing of
// contact requests, and the peek/acknowledge pair the upload pipeline drains it with.
//
// Layout. One row per event in `events`, keyed by a local sequence number (upload order) and
// carrying its UUID (the hub's dedupe key), kind, priority class, creation time, whether the clock
// was synchronised, and an opaque payload: JSON for a check-in, a sealed box for a contact request.
// `meta` holds the time of the last check-in, so the spacing between check-ins survives a restart
// and also the upload pipeline deleting the check-in it was measured from.
//
// Schema 2 adds a contact request's organisation in the clear (the hub routes and counts by it), the
// payload's size (so the queue cap is summed from an index, not from the blobs), and the quarantine
// columns. Pending = not quarantined.
//
// The SQLite wrappers (a statement handle that finalizes itself, a transaction that rolls back unless
// committed) are sqlite_db.hpp's, shared with the store.
#include "core/outbox/outbox.hpp"

#include "core/sqlite/sqlite_db.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <utility>

namespace lotsen {

static_assert(std::tuple_size_v<HubPublicKey> == crypto_box_PUBLICKEYBYTES);

namespace {

using Json = nlohmann::json;

// Field limits a visitor's input must keep (docs: journey 4 asks for the least data that works).
constexpr std::size_t k_max_name_bytes = 60;
constexpr std::size_t k_min_phone_digits = 6;
constexpr std::size_t k_max_phone_digits = 15;  // E.164
constexpr std::size_t k_max_phone_bytes = 30;   // digits plus spaces, + and -
constexpr std::size_t k_max_email_bytes = 254;  // RFC 5321 path limit
constexpr std::size_t k_max_meet_here_bytes = 200;

// Receipt codes: 30 symbols, none of which can be mistaken for another when read aloud or copied
// by hand (no 0/O, no 1/I/L; no U, as in Crockford's base 32). 6 symbols ≈ 7·10^8 codes.
constexpr std::string_view k_receipt_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int k_receipt_symbols = 6;

// ---------------------------------------------------------------------------------------------
// Schema. Each migration runs in its own transaction together with the user_version bump, so a
// failure leaves the file exactly at the version before it.

constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE meta (
    name TEXT PRIMARY KEY NOT NULL,
    value
) WITHOUT ROWID;

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,            -- local insertion order = upload order
    id TEXT NOT NULL UNIQUE,            -- UUID v4, the hub dedupes by it
    kind INTEGER NOT NULL,              -- EventKind
    priority INTEGER NOT NULL,          -- EventPriority: 0 never drop, 1 low value
    created_at INTEGER NOT NULL,        -- Unix seconds by the kiosk clock
    clock_synchronised INTEGER NOT NULL,
    payload BLOB NOT NULL,              -- check-in: JSON; contact request: crypto_box_seal output
    receipt_code TEXT                   -- contact requests: the code the visitor was shown
);
)sql";

using sqlite::Migration;

// Never edit a migration that has shipped; add the next one.
constexpr const char* k_schema_v2 = R"sql(
ALTER TABLE events ADD COLUMN organisation_id TEXT;       -- contact requests: routing, in the clear
ALTER TABLE events ADD COLUMN payload_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE events SET payload_bytes = length(payload);
ALTER TABLE events ADD COLUMN quarantined_at INTEGER;     -- set: never sent again
ALTER TABLE events ADD COLUMN quarantine_reason TEXT;
-- Covers the per-class counts and the cap's byte total without reading a payload.
CREATE INDEX events_by_class ON events(priority, quarantined_at, payload_bytes);
)sql";

const std::array<Migration, 2> k_migrations{{
    {"events and meta", k_schema_v1},
    {"organisation, payload size, quarantine", k_schema_v2},
}};

// ---------------------------------------------------------------------------------------------
// SQLite (sqlite_db.hpp).

using sqlite::Statement;
using sqlite::Transaction;

// What every SQLite error message of the log starts with.
constexpr std::string_view k_subject = "event log";

// IMMEDIATE: every transaction here writes, and taking the write lock up front means a check-in's
// "read the last time, then insert" cannot interleave with another connection's.
Result<Transaction> begin_transaction(sqlite3* db, std::string_view operation)
{
    return Transaction::begin(db, k_subject, sqlite::Locking::immediate, operation);
}

std::string in_quotes(std::string_view text)
{
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    quoted += text;
    quoted += '\'';
    return quoted;
}

// ---------------------------------------------------------------------------------------------
// Validation.

bool has_control_character(std::string_view text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            return true;
    }
    return false;
}

bool is_blank(std::string_view text)
{
    for (char c : text) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

// What the visitor typed into a free-text field must be UTF-8 without control characters; the
// message names the field only.
Result<void> check_free_text(std::string_view text, std::string_view field)
{
    if (find_invalid_utf8(text) != std::string_view::npos)
        return Error{"contact request: " + std::string(field) + " is not valid UTF-8; nothing was stored"};
    if (has_control_character(text))
        return Error{"contact request: " + std::string(field) + " contains a control character; nothing was stored"};
    return success();
}

Result<void> check_phone(std::string_view phone)
{
    std::size_t digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '+') {
            if (digits != 0)
                return Error{"contact request: phone number has a '+' after its first digit; '+' may only "
                             "start the number; nothing was stored"};
        } else if (c != ' ' && c != '-') {
            return Error{"contact request: phone number may only hold digits, spaces, '+' and '-'; "
                         "nothing was stored"};
        }
    }
    if (digits < k_min_phone_digits || digits > k_max_phone_digits || phone.size() > k_max_phone_bytes) {
        return Error{"contact request: phone number has " + std::to_string(digits) + " digits; it needs "
                     + std::to_string(k_min_phone_digits) + " to " + std::to_string(k_max_phone_digits)
                     + "; nothing was stored"};
    }
    return success();
}

// A shape check, not a deliverability check: one '@' with something before it, and a domain of at
// least two non-empty dot-separated labels, without spaces.
Result<void> check_email(std::string_view email)
{
    const Error bad{"contact request: e-mail address does not look like name@example.se; nothing was stored"};
    if (email.size() > k_max_email_bytes)
        return Error{"contact request: e-mail address is " + std::to_string(email.size())
                     + " bytes long; at most " + std::to_string(k_max_email_bytes) + " are allowed; nothing was stored"};
    LOTSEN_TRY(check_free_text(email, "e-mail address"));
    const std::size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return bad;
    if (email.find(' ') != std::string_view::npos)
        return bad;
    const std::string_view domain = email.substr(at + 1);
    if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos
        || domain.find("..") != std::string_view::npos)
        return bad;
    return success();
}

std::string_view channel_name(ContactChannel channel)
{
    switch (channel) {
    case ContactChannel::phone: return "phone";
    case ContactChannel::email: return "email";
    case ContactChannel::meet_here: return "meet_here";
    }
    return {};
}

std::string_view how_heard_name(HowHeard how)
{
    switch (how) {
    case HowHeard::kiosk: return "kiosk";
    case HowHeard::friend_or_family: return "friend_or_family";
    case HowHeard::healthcare: return "healthcare";
    case HowHeard::social_services: return "social_services";
    case HowHeard::other: return "other";
    }
    return {};
}

std::string_view mood_name(Mood mood)
{
    switch (mood) {
    case Mood::heavy: return "heavy";
    case Mood::low: return "low";
    case Mood::okay: return "okay";
    case Mood::good: return "good";
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Payloads.

// The check-in as the hub receives it; unanswered questions are left out.
std::vector<std::uint8_t> checkin_payload(const CheckIn& checkin)
{
    Json json = {{"activity_id", checkin.activity_id}};
    if (!checkin.organisation_id.empty())
        json["organisation_id"] = checkin.organisation_id;
    if (checkin.first_visit)
        json["first_visit"] = *checkin.first_visit;
    if (checkin.how_heard)
        json["how_heard"] = how_heard_name(*checkin.how_heard);
    if (checkin.mood)
        json["mood"] = mood_name(*checkin.mood);
    const std::string text = json.dump();
    return {text.begin(), text.end()};
}

// Appends `text` as a JSON string. Input is validated UTF-8, so only '"', '\\' and control
// characters need escaping.
void append_json_string(std::string& out, std::string_view text)
{
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    out += '"';
}

// Wipes a string's bytes when it goes out of scope, whichever way the function is left.
class WipeOnExit {
public:
    explicit WipeOnExit(std::string& text) : m_text(text) {}
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;
    ~WipeOnExit() { sodium_memzero(m_text.data(), m_text.size()); }

private:
    std::string& m_text;
};

// The contact request's plaintext, written by hand into one buffer reserved up front: built with
// nlohmann, copies of the name and address would be left behind, unwiped, in freed temporaries and
// in the buffers a growing string abandons. The event id and receipt code are sealed too, so the
// hub can check that the clear-text columns belong to this box.
void write_contact_plaintext(std::string& out, const ContactRequest& request, std::string_view event_id,
                             std::string_view receipt_code, UnixSeconds created_at)
{
    out += "{\"format\":1,\"event_id\":";
    append_json_string(out, event_id);
    out += ",\"receipt_code\":";
    append_json_string(out, receipt_code);
    out += ",\"created_at\":";
    out += std::to_string(created_at);
    out += ",\"organisation_id\":";
    append_json_string(out, request.organisation_id);
    out += ",\"activity_id\":";
    append_json_string(out, request.activity_id);
    out += ",\"name\":";
    append_json_string(out, request.name);
    out += ",\"channel\":";
    append_json_string(out, channel_name(request.channel));
    out += ",\"reach\":";
    append_json_string(out, request.reach);
    out += ",\"preferred_language\":";
    append_json_string(out, request.preferred_language);
    out += ",\"consent\":true}";
}

// Room for the plaintext without reallocating: fixed text, plus every field escaped at worst
// (a control character becomes six bytes).
std::size_t contact_plaintext_capacity(const ContactRequest& request)
{
    constexpr std::size_t k_fixed = 512;  // keys, punctuation, UUID, code, timestamp, channel name
    return k_fixed + 6 * (request.organisation_id.size() + request.activity_id.size() + request.name.size()
                          + request.reach.size() + request.preferred_language.size());
}

// ---------------------------------------------------------------------------------------------
// meta

constexpr const char* k_meta_last_checkin = "last_checkin_at";

Result<std::optional<std::int64_t>> read_meta_int(sqlite3* db, const char* name)
{
    auto stmt = Statement::prepare(db, k_subject, "SELECT value FROM meta WHERE name = ?1", "reading meta");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, std::string_view(name));
    auto row = stmt.value().step("reading meta " + in_quotes(name));
    if (!row)
        return row.error();
    if (!row.value() || stmt.value().is_null(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{stmt.value().int64(0)};
}

Result<void> write_meta_int(sqlite3* db, const char* name, std::int64_t value)
{
    auto stmt = Statement::prepare(db, k_subject, "INSERT OR REPLACE INTO meta(name, value) VALUES (?1, ?2)",
                                   "writing meta");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, std::string_view(name));
    stmt.value().bind(2, value);
    return stmt.value().run("writing meta " + in_quotes(name));
}

struct NewEvent {
    std::string id;
    EventKind kind = EventKind::checkin;
    EventPriority priority = EventPriority::never_drop;
    UnixSeconds created_at = 0;
    ClockSync clock = ClockSync::unsynchronised;
    const std::vector<std::uint8_t>* payload = nullptr;
    std::string_view receipt_code;  ///< empty = none
    std::string_view organisation_id;  ///< empty = none (only contact requests carry it in a column)
};

Result<void> insert_event(sqlite3* db, const NewEvent& event)
{
    auto stmt = Statement::prepare(db, k_subject,
                                   "INSERT INTO events(id, kind, priority, created_at, clock_synchronised, payload, "
                                   "receipt_code, organisation_id, payload_bytes) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                   "preparing to store an event");
    if (!stmt)
        return stmt.error();
    Statement& insert = stmt.value();
    insert.bind(1, event.id);
    insert.bind(2, static_cast<std::int64_t>(event.kind));
    insert.bind(3, static_cast<std::int64_t>(event.priority));
    insert.bind(4, event.created_at);
    insert.bind(5, std::int64_t{event.clock == ClockSync::synchronised ? 1 : 0});
    insert.bind_blob(6, *event.payload);
    if (event.receipt_code.empty())
        insert.bind_null(7);
    else
        insert.bind(7, event.receipt_code);
    if (event.organisation_id.empty())
        insert.bind_null(8);
    else
        insert.bind(8, event.organisation_id);
    insert.bind(9, static_cast<std::int64_t>(event.payload->size()));
    return insert.run("storing event " + event.id);
}

// A receipt code no pending event has; a repeat is astronomically unlikely, but a visitor must never
// be given a code that matches someone else's request.
Result<std::string> fresh_receipt_code(sqlite3* db)
{
    auto stmt = Statement::prepare(db, k_subject, "SELECT 1 FROM events WHERE receipt_code = ?1",
                                   "checking a receipt code");
    if (!stmt)
        return stmt.error();
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string code = make_receipt_code();
        stmt.value().bind(1, code);
        auto row = stmt.value().step("checking a receipt code");
        if (!row)
            return row.error();
        if (!row.value())
            return code;
        stmt.value().reset();
    }
    return Error{"event log: no unused receipt code found in 16 attempts"};
}

// The columns every reader of whole events selects, in StoredEvent's order.
#define LOTSEN_EVENT_COLUMNS \
    "seq, id, kind, priority, created_at, clock_synchronised, payload, receipt_code, organisation_id, payload_bytes"

StoredEvent read_event(const Statement& s)
{
    StoredEvent event;
    event.seq = s.int64(0);
    event.id = std::string(s.text(1));
    event.kind = static_cast<EventKind>(s.int64(2));
    event.priority = static_cast<EventPriority>(s.int64(3));
    event.created_at = s.int64(4);
    event.clock_synchronised = s.int64(5) != 0;
    event.payload = s.blob(6);
    event.receipt_code = std::string(s.text(7));
    event.organisation_id = std::string(s.text(8));
    return event;
}

// A quarantine reason as stored and shown in admin: valid UTF-8 (cut before the first bad byte),
// no control characters, at most k_max_reason_bytes, cut on a character boundary.
constexpr std::size_t k_max_reason_bytes = 500;

std::string clean_reason(std::string_view reason)
{
    reason = reason.substr(0, std::min(reason.size(), find_invalid_utf8(reason)));
    std::size_t cut = std::min(reason.size(), k_max_reason_bytes);
    while (cut > 0 && cut < reason.size() && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80)
        --cut;
    std::string clean(reason.substr(0, cut));
    for (char& c : clean) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            c = ' ';
    }
    if (clean.empty())
        clean = "(no reason given)";
    return clean;
}

constexpr std::size_t k_max_heartbeat_bytes = 16 << 10;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Free functions.

Result<void> validate_checkin(const CheckIn& checkin)
{
    if (!is_catalogue_id(checkin.activity_id)) {
        return Error{"check-in: activity id " + quote_for_message(checkin.activity_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!checkin.organisation_id.empty() && !is_catalogue_id(checkin.organisation_id)) {
        return Error{"check-in: organisation id " + quote_for_message(checkin.organisation_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (checkin.how_heard && how_heard_name(*checkin.how_heard).empty())
        return Error{"check-in: how_heard has an unknown value; nothing was stored"};
    if (checkin.mood && mood_name(*checkin.mood).empty())
        return Error{"check-in: mood has an unknown value; nothing was stored"};
    return success();
}

Result<void> validate_contact_request(const ContactRequest& request)
{
    // Ids and the language come from the catalogue and the UI, not from the visitor: quoting them
    // helps find the bug. Everything the visitor typed is described, never repeated.
    if (!is_catalogue_id(request.organisation_id)) {
        return Error{"contact request: organisation id " + quote_for_message(request.organisation_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!request.activity_id.empty() && !is_catalogue_id(request.activity_id)) {
        return Error{"contact request: activity id " + quote_for_message(request.activity_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!is_language_code(request.preferred_language)) {
        return Error{"contact request: preferred language " + quote_for_message(request.preferred_language)
                     + " is not a language code such as \"sv\"; nothing was stored"};
    }
    if (!request.consent)
        return Error{"contact request: the visitor has not given consent; nothing was stored"};

    if (request.name.empty() || is_blank(request.name))
        return Error{"contact request: name is empty; a first name or nickname is needed; nothing was stored"};
    if (request.name.size() > k_max_name_bytes) {
        return Error{"contact request: name is " + std::to_string(request.name.size()) + " bytes long; at most "
                     + std::to_string(k_max_name_bytes) + " are allowed; nothing was stored"};
    }
    LOTSEN_TRY(check_free_text(request.name, "name"));

    switch (request.channel) {
    case ContactChannel::phone:
        return check_phone(request.reach);
    case ContactChannel::email:
        return check_email(request.reach);
    case ContactChannel::meet_here:
        if (request.reach.empty() || is_blank(request.reach))
            return Error{"contact request: \"meet me here\" text is empty; say when to meet; nothing was stored"};
        if (request.reach.size() > k_max_meet_here_bytes) {
            return Error{"contact request: \"meet me here\" text is " + std::to_string(request.reach.size())
                         + " bytes long; at most " + std::to_string(k_max_meet_here_bytes)
                         + " are allowed; nothing was stored"};
        }
        return check_free_text(request.reach, "\"meet me here\" text");
    }
    return Error{"contact request: the contact channel has an unknown value; nothing was stored"};
}

std::string make_uuid_v4()
{
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10 (RFC 4122)
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string uuid;
    uuid.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            uuid += '-';
        uuid += k_hex[bytes[i] >> 4];
        uuid += k_hex[bytes[i] & 0xF];
    }
    return uuid;
}

std::string make_receipt_code()
{
    std::string code;
    code.reserve(k_receipt_symbols + 1);
    for (int i = 0; i < k_receipt_symbols; ++i) {
        if (i == k_receipt_symbols / 2)
            code += '-';
        code += k_receipt_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_receipt_alphabet.size()))];
    }
    return code;
}

// ---------------------------------------------------------------------------------------------
// Outbox

Outbox::Outbox(sqlite3* db, OutboxOptions options) : m_db(db), m_options(std::move(options)) {}

Outbox::~Outbox()
{
    sqlite3_close(m_db);
}

int Outbox::current_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, OutboxOptions options)
{
    // Idempotent and thread-safe; needed before randombytes_* and crypto_box_seal.
    if (sodium_init() < 0)
        return Error{"event log: opening " + in_quotes(path) + ": libsodium could not be initialised"};
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    // The Outbox owns the handle from here on, even when opening failed (sqlite3_close needs it).
    std::unique_ptr<Outbox> log(new Outbox(db, std::move(options)));
    const std::string context = "event log: opening " + in_quotes(path) + ": ";
    if (rc != SQLITE_OK) {
        if (db == nullptr)
            return Error{context + "out of memory"};
        return Error{context + sqlite3_errmsg(db)};
    }
    if (auto configured = log->configure(); !configured)
        return Error{context + configured.error().text()};
    if (auto migrated = log->migrate(); !migrated)
        return Error{context + migrated.error().text()};
    return log;
}

Result<void> Outbox::configure()
{
    // The upload thread's connection may hold the write lock for a moment.
    sqlite3_busy_timeout(m_db, 5000);
    // The first statement that reads the file: a file that is not a database fails here.
    auto journal_mode = sqlite::switch_to_wal(m_db, k_subject);
    if (!journal_mode)
        return journal_mode.error();
    if (journal_mode.value() != "wal" && journal_mode.value() != "memory")
        return Error{"WAL mode could not be enabled (journal_mode is " + in_quotes(journal_mode.value()) + ")"};
    // FULL, unlike the catalogue store's NORMAL: a visitor is told "sent" when the commit returns, so
    // the commit must survive a power cut, not only a crash of the program.
    return sqlite::exec(m_db, k_subject, "PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 1048576;",
                        "configuring the connection");
}

int Outbox::schema_version() const
{
    return sqlite::user_version(m_db);
}

Result<void> Outbox::migrate()
{
    return sqlite::migrate(m_db, k_subject, k_migrations, "log");
}

Result<CheckInOutcome> Outbox::record_checkin(const CheckIn& checkin, UnixSeconds now, ClockSync clock)
{
    LOTSEN_TRY(validate_checkin(checkin));
    auto transaction = begin_transaction(m_db, "starting to store a check-in");
    if (!transaction)
        return transaction.error();

    // Kept in meta, not taken from `events`: the upload pipeline deletes delivered check-ins, and the
    // spacing must hold across that too. Measured in both directions: when the clock is corrected
    // backwards, a check-in "before" the last one is still a new visitor once the gap is kept, and the
    // kiosk must not refuse check-ins until the clock catches up.
    auto last = read_meta_int(m_db, k_meta_last_checkin);
    if (!last)
        return last.error();
    if (last.value() && m_options.min_checkin_gap_seconds > 0) {
        const std::int64_t distance = now >= *last.value() ? now - *last.value() : *last.value() - now;
        if (distance < m_options.min_checkin_gap_seconds)
            return CheckInOutcome{CheckInOutcome::Status::too_soon, {}};
    }

    const std::vector<std::uint8_t> payload = checkin_payload(checkin);
    NewEvent event;
    event.id = make_uuid_v4();
    event.kind = EventKind::checkin;
    event.priority = EventPriority::never_drop;
    event.created_at = now;
    event.clock = clock;
    event.payload = &payload;
    LOTSEN_TRY(insert_event(m_db, event));
    LOTSEN_TRY(write_meta_int(m_db, k_meta_last_checkin, now));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.value().commit("committing check-in " + event.id));
    return CheckInOutcome{CheckInOutcome::Status::recorded, std::move(event.id)};
}

Result<ContactReceipt> Outbox::record_contact_request(const ContactRequest& request, UnixSeconds now, ClockSync clock)
{
    if (!m_options.hub_public_key) {
        return Error{"contact request: contact requests need [upstream] hub_public_key in the configuration "
                     "to seal them with; nothing was stored"};
    }
    LOTSEN_TRY(validate_contact_request(request));

    auto transaction = begin_transaction(m_db, "starting to store a contact request");
    if (!transaction)
        return transaction.error();
    auto code = fresh_receipt_code(m_db);
    if (!code)
        return code.error();
    ContactReceipt receipt{make_uuid_v4(), std::move(code.value())};

    std::vector<std::uint8_t> sealed;
    {
        std::string plaintext;
        WipeOnExit wipe(plaintext);  // declared after `plaintext`, so it runs before the buffer is freed
        plaintext.reserve(contact_plaintext_capacity(request));
        [[maybe_unused]] const std::size_t capacity = plaintext.capacity();
        write_contact_plaintext(plaintext, request, receipt.event_id, receipt.code, now);
        assert(plaintext.capacity() == capacity);  // never reallocated: no unwiped copy was left behind

        sealed.resize(crypto_box_SEALBYTES + plaintext.size());
        const int rc = crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                                       plaintext.size(), m_options.hub_public_key->data());
        if (rc != 0) {
            return Error{"contact request: sealing failed: [upstream] hub_public_key is not a usable X25519 "
                         "public key; nothing was stored"};
        }
    }

    NewEvent event;
    event.id = receipt.event_id;
    event.kind = EventKind::contact_request;
    event.priority = EventPriority::never_drop;
    event.created_at = now;
    event.clock = clock;
    event.payload = &sealed;
    event.receipt_code = receipt.code;
    event.organisation_id = request.organisation_id;
    LOTSEN_TRY(insert_event(m_db, event));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.value().commit("committing contact request " + event.id));
    return receipt;
}

Result<std::string> Outbox::record_heartbeat(std::string json_object, UnixSeconds now, ClockSync clock)
{
    if (json_object.size() > k_max_heartbeat_bytes) {
        return Error{"heartbeat: " + std::to_string(json_object.size()) + " bytes, more than the "
                     + std::to_string(k_max_heartbeat_bytes) + " allowed; nothing was stored"};
    }
    // The hub decodes it as an object; anything else would only be rejected there.
    const Json parsed = Json::parse(json_object, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return Error{"heartbeat: not a JSON object; nothing was stored"};

    auto transaction = begin_transaction(m_db, "starting to store a heartbeat");
    if (!transaction)
        return transaction.error();
    const std::vector<std::uint8_t> payload(json_object.begin(), json_object.end());
    NewEvent event;
    event.id = make_uuid_v4();
    event.kind = EventKind::heartbeat;
    event.priority = EventPriority::low_value;
    event.created_at = now;
    event.clock = clock;
    event.payload = &payload;
    LOTSEN_TRY(insert_event(m_db, event));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.value().commit("committing heartbeat " + event.id));
    return std::move(event.id);
}

Result<void> Outbox::enforce_cap()
{
    std::int64_t events = 0;
    std::int64_t bytes = 0;
    {
        auto stmt = Statement::prepare(m_db, k_subject, "SELECT count(*), total(payload_bytes) FROM events",
                                       "measuring the queue");
        if (!stmt)
            return stmt.error();
        auto row = stmt.value().step("measuring the queue");
        if (!row)
            return row.error();
        events = stmt.value().int64(0);
        bytes = static_cast<std::int64_t>(stmt.value().real(1));
    }
    if (events <= m_options.max_queue_events && bytes <= m_options.max_queue_bytes)
        return success();

    // Walk the low-value events oldest first until enough are counted, then delete up to there in
    // one statement. Never-drop events stay even when that leaves the log over its cap.
    std::optional<std::int64_t> last_dropped;
    {
        auto stmt = Statement::prepare(m_db, k_subject,
                                       "SELECT seq, payload_bytes FROM events WHERE priority = ?1 ORDER BY seq",
                                       "finding low-value events to drop");
        if (!stmt)
            return stmt.error();
        stmt.value().bind(1, static_cast<std::int64_t>(EventPriority::low_value));
        while (events > m_options.max_queue_events || bytes > m_options.max_queue_bytes) {
            auto row = stmt.value().step("finding low-value events to drop");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            last_dropped = stmt.value().int64(0);
            bytes -= stmt.value().int64(1);
            --events;
        }
    }
    if (!last_dropped)
        return success();
    auto drop = Statement::prepare(m_db, k_subject, "DELETE FROM events WHERE priority = ?1 AND seq <= ?2",
                                   "dropping low-value events over the queue cap");
    if (!drop)
        return drop.error();
    drop.value().bind(1, static_cast<std::int64_t>(EventPriority::low_value));
    drop.value().bind(2, *last_dropped);
    return drop.value().run("dropping low-value events over the queue cap");
}

Result<std::int64_t> Outbox::pending_count()
{
    auto stmt = Statement::prepare(m_db, k_subject, "SELECT count(*) FROM events WHERE quarantined_at IS NULL",
                                   "counting pending events");
    if (!stmt)
        return stmt.error();
    auto row = stmt.value().step("counting pending events");
    if (!row)
        return row.error();
    return stmt.value().int64(0);
}

Result<std::vector<StoredEvent>> Outbox::oldest_pending(int limit)
{
    return next_batch(0, static_cast<std::size_t>(limit < 0 ? 0 : limit), SIZE_MAX);
}

Result<std::vector<StoredEvent>> Outbox::next_batch(std::int64_t after_seq, std::size_t max_events,
                                                      std::size_t max_bytes)
{
    std::vector<StoredEvent> events;
    if (max_events == 0)
        return events;
    auto stmt = Statement::prepare(m_db, k_subject,
                                   "SELECT " LOTSEN_EVENT_COLUMNS " FROM events "
                                   "WHERE seq > ?1 AND quarantined_at IS NULL ORDER BY seq LIMIT ?2",
                                   "reading pending events");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, after_seq);
    stmt.value().bind(2, static_cast<std::int64_t>(std::min<std::size_t>(max_events, INT64_MAX)));
    std::size_t bytes = 0;
    while (true) {
        auto row = stmt.value().step("reading pending events");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        // The size column is checked before the payload is copied, so a batch that is full costs
        // no read of the event that did not fit.
        const auto size = static_cast<std::size_t>(stmt.value().int64(9));
        if (!events.empty() && (size > max_bytes || bytes + size > max_bytes))
            break;
        bytes += size;
        events.push_back(read_event(stmt.value()));
    }
    return events;
}

Result<void> Outbox::quarantine(const std::string& event_id, std::string_view reason, UnixSeconds now)
{
    auto stmt = Statement::prepare(m_db, k_subject,
                                   "UPDATE events SET quarantined_at = ?2, quarantine_reason = ?3 "
                                   "WHERE id = ?1 AND quarantined_at IS NULL",
                                   "quarantining an event");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, event_id);
    stmt.value().bind(2, now);
    stmt.value().bind(3, clean_reason(reason));
    return stmt.value().run("quarantining event " + event_id);
}

Result<std::vector<QuarantinedEvent>> Outbox::quarantined(int limit)
{
    auto stmt = Statement::prepare(m_db, k_subject,
                                   "SELECT id, kind, quarantine_reason, quarantined_at FROM events "
                                   "WHERE quarantined_at IS NOT NULL ORDER BY quarantined_at DESC, seq DESC LIMIT ?1",
                                   "reading quarantined events");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, std::int64_t{limit < 0 ? 0 : limit});
    std::vector<QuarantinedEvent> events;
    while (true) {
        auto row = stmt.value().step("reading quarantined events");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const Statement& s = stmt.value();
        events.push_back(QuarantinedEvent{std::string(s.text(0)), static_cast<EventKind>(s.int64(1)),
                                          std::string(s.text(2)), s.int64(3)});
    }
    return events;
}

Result<QueueCounts> Outbox::counts()
{
    auto stmt = Statement::prepare(m_db, k_subject,
                                   "SELECT priority, quarantined_at IS NOT NULL, count(*) FROM events "
                                   "GROUP BY 1, 2",
                                   "counting queued events");
    if (!stmt)
        return stmt.error();
    QueueCounts counts;
    while (true) {
        auto row = stmt.value().step("counting queued events");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const std::int64_t n = stmt.value().int64(2);
        if (stmt.value().int64(1) != 0)
            counts.quarantined += n;
        else if (stmt.value().int64(0) == static_cast<std::int64_t>(EventPriority::low_value))
            counts.low_value += n;
        else
            counts.never_drop += n;
    }
    return counts;
}

Result<void> Outbox::acknowledge(const std::vector<std::string>& event_ids)
{
    if (event_ids.empty())
        return success();
    auto transaction = begin_transaction(m_db, "starting to remove acknowledged events");
    if (!transaction)
        return transaction.error();
    {
        auto stmt = Statement::prepare(m_db, k_subject, "DELETE FROM events WHERE id = ?1",
                                       "removing acknowledged events");
        if (!stmt)
            return stmt.error();
        for (const std::string& id : event_ids) {
            stmt.value().bind(1, id);
            LOTSEN_TRY(stmt.value().run("removing acknowledged event " + id));
        }
    }
    return transaction.value().commit("committing the removal of acknowledged events");
}

Result<void> Outbox::check_integrity()
{
    auto stmt = Statement::prepare(m_db, k_subject, "PRAGMA integrity_check", "checking integrity");
    if (!stmt)
        return stmt.error();
    std::string problems;
    while (true) {
        auto row = stmt.value().step("checking integrity");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        if (stmt.value().text(0) != "ok") {  // a sound database answers a single "ok"
            problems += ' ';
            problems += stmt.value().text(0);
        }
    }
    if (problems.empty())
        return success();
    return Error{"event log: integrity check failed:" + problems};
}

}  // namespace lotsen
