// outbox.cpp — the outbox's file: schema and migrations, storing events (check-in spacing, the queue
// cap), and the peek/acknowledge pair the upload pipeline drains it with. What goes inside an event
// (validation, the check-in JSON, sealing) is event_payload.cpp's.
//
// Layout. One row per event in `events`, keyed by a local sequence number (upload order) and
// carrying its UUID (the hub's dedupe key), kind, priority class, creation time, whether the clock
// was synchronised, and an opaque payload: JSON for a check-in, a wish ("missed") and a heartbeat,
// a sealed box for a contact request. A wish is kind 4, added without a schema change: the kind
// column was always an integer.
// `meta` holds the time of the last check-in, so the spacing between check-ins survives a restart
// and also the upload pipeline deleting the check-in it was measured from.
//
// Schema 2 adds a contact request's organisation in the clear (the hub routes and counts by it), the
// payload's size (so the queue cap is summed from an index, not from the blobs), and the quarantine
// columns. Pending = not quarantined.
//
// The SQLite wrappers (opening, a statement handle that finalizes itself, a transaction that rolls
// back unless committed) are sqlite_db.hpp's, shared with the store and the hub store.
#include "core/outbox/outbox.hpp"
#include "core/base/json_parse.hpp"
#include "core/base/file.hpp"

#include "core/base/text_checks.hpp"
#include "core/outbox/event_payload.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace lotsen {

namespace {

using Json = nlohmann::json;

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

constexpr sqlite::DatabaseSetup k_setup{
    // FULL, unlike the catalogue store's NORMAL: a visitor is told "sent" when the commit returns, so
    // the commit must survive a power cut, not only a crash of the program.
    .synchronous = sqlite::Synchronous::full,
    .journal_size_limit = 1 << 20,
    .foreign_keys = false,
    .prepare = nullptr,
    .noun = "log",
    .repeat_subject = sqlite::RepeatSubject::yes,
};

// ---------------------------------------------------------------------------------------------
// SQLite (sqlite_db.hpp).

using sqlite::Statement;
using sqlite::Transaction;

// What every error message of the log starts with.
constexpr std::string_view k_subject = "event log";

// IMMEDIATE: every transaction here writes, and taking the write lock up front means a check-in's
// "read the last time, then insert" cannot interleave with another connection's.
Result<Transaction> begin_transaction(sqlite3* db, std::string_view operation)
{
    return Transaction::begin(db, k_subject, sqlite::Locking::immediate, operation);
}

// ---------------------------------------------------------------------------------------------
// meta

constexpr const char* k_meta_last_checkin = "last_checkin_at";
constexpr const char* k_meta_last_wish = "last_wish_at";

Result<std::optional<std::int64_t>> read_meta_int(sqlite3* db, const char* name)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT value FROM meta WHERE name = ?1", "reading meta"));
    stmt.bind(1, std::string_view(name));
    const bool row = LOTSEN_TRY(stmt.step("reading meta " + in_quotes(name)));
    if (!row || stmt.is_null(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{stmt.int64(0)};
}

Result<void> write_meta_int(sqlite3* db, const char* name, std::int64_t value)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, "INSERT OR REPLACE INTO meta(name, value) VALUES (?1, ?2)",
                                              "writing meta"));
    stmt.bind(1, std::string_view(name));
    stmt.bind(2, value);
    return stmt.run("writing meta " + in_quotes(name));
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
    auto insert = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                                "INSERT INTO events(id, kind, priority, created_at, clock_synchronised,"
                                                " payload, receipt_code, organisation_id, payload_bytes) "
                                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                                "preparing to store an event"));
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
    auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT 1 FROM events WHERE receipt_code = ?1",
                                              "checking a receipt code"));
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string code = make_receipt_code();
        stmt.bind(1, code);
        if (!LOTSEN_TRY(stmt.step("checking a receipt code")))
            return code;
        stmt.reset();
    }
    return Error{"no unused receipt code found in 16 attempts", std::string(k_subject)};
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
    std::string clean(utf8_prefix(reason, k_max_reason_bytes));
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

// Below this much free space an outbox that does not open is taken to lack room (for its -shm).
constexpr std::uint64_t k_low_disk_bytes = 1 << 20;

// Makes the reserve file when it is missing or short. Best effort: on a disk without room it is made
// at a later open; blocks are really allocated (posix_fallocate), not a sparse file.
void make_reserve(const OutboxOptions& options)
{
    if (options.reserve_path.empty() || options.reserve_bytes <= 0)
        return;
    struct stat info {};
    if (::stat(options.reserve_path.c_str(), &info) == 0 && info.st_size >= options.reserve_bytes)
        return;
    const int fd = ::open(options.reserve_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return;
    const bool made = ::posix_fallocate(fd, 0, static_cast<off_t>(options.reserve_bytes)) == 0 && ::fsync(fd) == 0;
    ::close(fd);
    if (!made)
        ::unlink(options.reserve_path.c_str());  // a part of a reserve would only be counted as one
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Outbox

Outbox::Outbox(sqlite::Database db, OutboxOptions options) : m_db(std::move(db)), m_options(std::move(options)) {}

Outbox::~Outbox() = default;

int Outbox::current_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, OutboxOptions options)
{
    // Idempotent and thread-safe; needed before randombytes_* and crypto_box_seal.
    if (sodium_init() < 0)
        return Error{"opening " + in_quotes(path) + ": libsodium could not be initialised", std::string(k_subject)};
    auto opened = sqlite::open_database(path, k_subject, k_setup, k_migrations);
    // On a full disk the -shm file cannot get its blocks: the reserve is there for exactly this.
    bool released = false;
    if (!opened && !options.reserve_path.empty() && free_disk_bytes(parent_of(path)).value_or(0) < k_low_disk_bytes &&
        ::unlink(options.reserve_path.c_str()) == 0) {
        released = true;
        opened = sqlite::open_database(path, k_subject, k_setup, k_migrations);
    }
    auto db = LOTSEN_TRY(std::move(opened));
    if (!released)
        make_reserve(options);
    std::unique_ptr<Outbox> outbox(new Outbox(std::move(db), std::move(options)));
    outbox->m_reserve_released = released;
    return outbox;
}

int Outbox::schema_version() const
{
    return sqlite::user_version(m_db.handle());
}

template <typename Write>
auto Outbox::with_reserve(Write&& write) -> decltype(write())
{
    auto first = write();
    // SQLite says SQLITE_FULL (13) when a write finds no room (ENOSPC).
    if (first || m_options.reserve_path.empty() ||
        first.error().message.find("(SQLite code 13)") == std::string::npos)
        return first;
    if (::unlink(m_options.reserve_path.c_str()) != 0)
        return first;  // no reserve left to give
    m_reserve_released = true;
    return write();
}

Result<CheckInOutcome> Outbox::record_checkin(const CheckIn& checkin, UnixSeconds now, ClockSync clock)
{
    return with_reserve([&] { return store_checkin(checkin, now, clock); });
}

Result<ContactReceipt> Outbox::record_contact_request(const ContactRequest& request, UnixSeconds now, ClockSync clock)
{
    return with_reserve([&] { return store_contact_request(request, now, clock); });
}

Result<WishOutcome> Outbox::record_missed(const MissedWish& wish, UnixSeconds now, ClockSync clock)
{
    return with_reserve([&] { return store_missed(wish, now, clock); });
}

Result<CheckInOutcome> Outbox::store_checkin(const CheckIn& checkin, UnixSeconds now, ClockSync clock)
{
    LOTSEN_TRY(validate_checkin(checkin));
    auto transaction = LOTSEN_TRY(begin_transaction(m_db.handle(), "starting to store a check-in"));

    // Kept in meta, not taken from `events`: the upload pipeline deletes delivered check-ins, and the
    // spacing must hold across that too. Measured in both directions: when the clock is corrected
    // backwards, a check-in "before" the last one is still a new visitor once the gap is kept, and the
    // kiosk must not refuse check-ins until the clock catches up.
    const std::optional<std::int64_t> last = LOTSEN_TRY(read_meta_int(m_db.handle(), k_meta_last_checkin));
    if (last && m_options.min_checkin_gap_seconds > 0) {
        const std::int64_t distance = now >= *last ? now - *last : *last - now;
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
    LOTSEN_TRY(insert_event(m_db.handle(), event));
    LOTSEN_TRY(write_meta_int(m_db.handle(), k_meta_last_checkin, now));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.commit("committing check-in " + event.id));
    return CheckInOutcome{CheckInOutcome::Status::recorded, std::move(event.id)};
}

Result<WishOutcome> Outbox::store_missed(const MissedWish& wish, UnixSeconds now, ClockSync clock)
{
    LOTSEN_TRY(validate_missed_wish(wish));
    auto transaction = LOTSEN_TRY(begin_transaction(m_db.handle(), "starting to store a wish"));
    // Spaced like check-ins (see store_checkin), and for the same reason: one visitor must count once.
    const std::optional<std::int64_t> last = LOTSEN_TRY(read_meta_int(m_db.handle(), k_meta_last_wish));
    if (last && m_options.min_wish_gap_seconds > 0) {
        const std::int64_t distance = now >= *last ? now - *last : *last - now;
        if (distance < m_options.min_wish_gap_seconds)
            return WishOutcome{WishOutcome::Status::too_soon, {}};
    }
    const std::vector<std::uint8_t> payload = missed_payload(wish);
    NewEvent event;
    event.id = make_uuid_v4();
    event.kind = EventKind::missed;
    event.priority = EventPriority::never_drop;
    event.created_at = now;
    event.clock = clock;
    event.payload = &payload;
    LOTSEN_TRY(insert_event(m_db.handle(), event));
    LOTSEN_TRY(write_meta_int(m_db.handle(), k_meta_last_wish, now));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.commit("committing wish " + event.id));
    return WishOutcome{WishOutcome::Status::recorded, std::move(event.id)};
}

Result<ContactReceipt> Outbox::store_contact_request(const ContactRequest& request, UnixSeconds now, ClockSync clock)
{
    if (!m_options.hub_public_key) {
        return Error{"contact request: contact requests need [upstream] hub_public_key in the configuration "
                     "to seal them with; nothing was stored"};
    }
    LOTSEN_TRY(validate_contact_request(request));

    auto transaction = LOTSEN_TRY(begin_transaction(m_db.handle(), "starting to store a contact request"));
    std::string code = LOTSEN_TRY(fresh_receipt_code(m_db.handle()));
    ContactReceipt receipt{make_uuid_v4(), std::move(code)};
    const std::vector<std::uint8_t> sealed = LOTSEN_TRY(
        seal_contact_request(request, *m_options.hub_public_key, receipt.event_id, receipt.code, now));

    NewEvent event;
    event.id = receipt.event_id;
    event.kind = EventKind::contact_request;
    event.priority = EventPriority::never_drop;
    event.created_at = now;
    event.clock = clock;
    event.payload = &sealed;
    event.receipt_code = receipt.code;
    event.organisation_id = request.organisation_id;
    LOTSEN_TRY(insert_event(m_db.handle(), event));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.commit("committing contact request " + event.id));
    return receipt;
}

Result<std::string> Outbox::record_heartbeat(std::string json_object, UnixSeconds now, ClockSync clock)
{
    if (json_object.size() > k_max_heartbeat_bytes) {
        return Error{"heartbeat: " + std::to_string(json_object.size()) + " bytes, more than the "
                     + std::to_string(k_max_heartbeat_bytes) + " allowed; nothing was stored"};
    }
    // The hub decodes it as an object; anything else would only be rejected there.
    const Result<Json> parsed = parse_json(json_object);
    if (!parsed)
        return Error{"heartbeat: not a JSON object (" + parsed.error().text() + "); nothing was stored"};
    if (!parsed.value().is_object())
        return Error{"heartbeat: not a JSON object; nothing was stored"};

    auto transaction = LOTSEN_TRY(begin_transaction(m_db.handle(), "starting to store a heartbeat"));
    const std::vector<std::uint8_t> payload(json_object.begin(), json_object.end());
    NewEvent event;
    event.id = make_uuid_v4();
    event.kind = EventKind::heartbeat;
    event.priority = EventPriority::low_value;
    event.created_at = now;
    event.clock = clock;
    event.payload = &payload;
    LOTSEN_TRY(insert_event(m_db.handle(), event));
    LOTSEN_TRY(enforce_cap());
    LOTSEN_TRY(transaction.commit("committing heartbeat " + event.id));
    return std::move(event.id);
}

Result<void> Outbox::enforce_cap()
{
    std::int64_t events = 0;
    std::int64_t bytes = 0;
    {
        auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                                  "SELECT count(*), total(payload_bytes) FROM events",
                                                  "measuring the queue"));
        LOTSEN_TRY(stmt.step("measuring the queue"));
        events = stmt.int64(0);
        bytes = static_cast<std::int64_t>(stmt.real(1));
    }
    if (events <= m_options.max_queue_events && bytes <= m_options.max_queue_bytes)
        return success();

    // Walk the low-value events oldest first until enough are counted, then delete up to there in
    // one statement. Never-drop events stay even when that leaves the log over its cap.
    std::optional<std::int64_t> last_dropped;
    {
        auto stmt = LOTSEN_TRY(Statement::prepare(
            m_db.handle(), k_subject, "SELECT seq, payload_bytes FROM events WHERE priority = ?1 ORDER BY seq",
            "finding low-value events to drop"));
        stmt.bind(1, static_cast<std::int64_t>(EventPriority::low_value));
        while (events > m_options.max_queue_events || bytes > m_options.max_queue_bytes) {
            if (!LOTSEN_TRY(stmt.step("finding low-value events to drop")))
                break;
            last_dropped = stmt.int64(0);
            bytes -= stmt.int64(1);
            --events;
        }
    }
    if (!last_dropped)
        return success();
    auto drop = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "DELETE FROM events WHERE priority = ?1 AND seq <= ?2",
                                              "dropping low-value events over the queue cap"));
    drop.bind(1, static_cast<std::int64_t>(EventPriority::low_value));
    drop.bind(2, *last_dropped);
    return drop.run("dropping low-value events over the queue cap");
}

Result<std::int64_t> Outbox::pending_count()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "SELECT count(*) FROM events WHERE quarantined_at IS NULL",
                                              "counting pending events"));
    LOTSEN_TRY(stmt.step("counting pending events"));
    return stmt.int64(0);
}

Result<std::optional<std::int64_t>> Outbox::oldest_waiting_at()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "SELECT min(created_at) FROM events WHERE quarantined_at IS NULL",
                                              "finding the oldest waiting event"));
    LOTSEN_TRY(stmt.step("finding the oldest waiting event"));
    if (stmt.is_null(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{stmt.int64(0)};
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
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "SELECT " LOTSEN_EVENT_COLUMNS " FROM events "
                                              "WHERE seq > ?1 AND quarantined_at IS NULL ORDER BY seq LIMIT ?2",
                                              "reading pending events"));
    stmt.bind(1, after_seq);
    stmt.bind(2, static_cast<std::int64_t>(std::min<std::size_t>(max_events, INT64_MAX)));
    std::size_t bytes = 0;
    while (LOTSEN_TRY(stmt.step("reading pending events"))) {
        // The size column is checked before the payload is copied, so a batch that is full costs
        // no read of the event that did not fit.
        const auto size = static_cast<std::size_t>(stmt.int64(9));
        if (!events.empty() && (size > max_bytes || bytes + size > max_bytes))
            break;
        bytes += size;
        events.push_back(read_event(stmt));
    }
    return events;
}

Result<void> Outbox::quarantine(const std::string& event_id, std::string_view reason, UnixSeconds now)
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "UPDATE events SET quarantined_at = ?2, quarantine_reason = ?3 "
                                              "WHERE id = ?1 AND quarantined_at IS NULL",
                                              "quarantining an event"));
    stmt.bind(1, event_id);
    stmt.bind(2, now);
    stmt.bind(3, clean_reason(reason));
    return stmt.run("quarantining event " + event_id);
}

Result<std::vector<QuarantinedEvent>> Outbox::quarantined(int limit)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                           "SELECT id, kind, quarantine_reason, quarantined_at FROM events "
                                           "WHERE quarantined_at IS NOT NULL "
                                           "ORDER BY quarantined_at DESC, seq DESC LIMIT ?1",
                                           "reading quarantined events"));
    s.bind(1, std::int64_t{limit < 0 ? 0 : limit});
    std::vector<QuarantinedEvent> events;
    while (LOTSEN_TRY(s.step("reading quarantined events"))) {
        events.push_back(QuarantinedEvent{std::string(s.text(0)), static_cast<EventKind>(s.int64(1)),
                                          std::string(s.text(2)), s.int64(3)});
    }
    return events;
}

Result<QueueCounts> Outbox::counts()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "SELECT priority, quarantined_at IS NOT NULL, count(*) FROM events "
                                              "GROUP BY 1, 2",
                                              "counting queued events"));
    QueueCounts counts;
    while (LOTSEN_TRY(stmt.step("counting queued events"))) {
        const std::int64_t n = stmt.int64(2);
        if (stmt.int64(1) != 0)
            counts.quarantined += n;
        else if (stmt.int64(0) == static_cast<std::int64_t>(EventPriority::low_value))
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
    auto transaction = LOTSEN_TRY(begin_transaction(m_db.handle(), "starting to remove acknowledged events"));
    {
        auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "DELETE FROM events WHERE id = ?1",
                                                  "removing acknowledged events"));
        for (const std::string& id : event_ids) {
            stmt.bind(1, id);
            LOTSEN_TRY(stmt.run("removing acknowledged event " + id));
        }
    }
    return transaction.commit("committing the removal of acknowledged events");
}

Result<void> Outbox::check_integrity()
{
    auto stmt =
        LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "PRAGMA integrity_check", "checking integrity"));
    std::string problems;
    while (LOTSEN_TRY(stmt.step("checking integrity"))) {
        if (stmt.text(0) != "ok") {  // a sound database answers a single "ok"
            problems += ' ';
            problems += stmt.text(0);
        }
    }
    if (problems.empty())
        return success();
    return Error{"integrity check failed:" + problems, std::string(k_subject)};
}

}  // namespace lotsen
