// outbox.hpp — the kiosk's durable outbox: what visitors send (anonymous check-ins, sealed contact
// requests) is written here before the visitor is told "sent", and the upload pipeline drains it.
//
// The log is its own SQLite file (data_dir/outbox.db), apart from the catalogue store: the catalogue
// can always be fetched again, what a visitor sent cannot. It runs in WAL mode with synchronous=FULL,
// so an event is on disk when record_*() returns, across kill -9 and power cuts.
//
// Privacy. A check-in carries no identifier of the visitor. A contact request is sealed with the hub's
// public key (libsodium sealed box) before anything touches disk; the kiosk cannot read it back. Error
// messages never repeat what the visitor typed (they may end up in a log file).
//
// Queue cap. The log holds at most OutboxOptions::max_queue_bytes of payload and max_queue_events
// events; after every insert, while over either, the oldest low-value events (heartbeats) are
// deleted. Check-ins, "I miss something" wishes and contact requests are never dropped, even over the cap: the cap protects
// the disk from chatter, never from what visitors sent.
//
// Quarantine. An event the hub will never accept (rejected, or too large on its own) is set aside
// with the reason, never deleted and never sent again, so it cannot block the queue; admin lists it.
//
// Disk full. A reserve file (OutboxOptions::reserve_path) is released when a check-in or contact
// request finds no room, so what a visitor sends is still stored; heartbeats never release it.
//
// Damage. open_recovering() sets a damaged file aside and reads back what still reads
// (outbox_recovery.cpp).
//
// One Outbox is one connection; use one per thread. Every write is one transaction.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/i18n/localized_text.hpp"
#include "core/base/result.hpp"
#include "core/sqlite/sqlite_db.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// "How did you hear of it?" on the check-in screen.
enum class HowHeard { kiosk, friend_or_family, healthcare, social_services, other };

/// The four-face mood scale on the check-in screen, saddest first.
enum class Mood { heavy, low, okay, good };

/// An anonymous check-in at an activity. Deliberately holds nothing that identifies the visitor.
struct CheckIn {
    std::string activity_id;
    std::optional<bool> first_visit = std::nullopt;  ///< "first time here?" unanswered = nullopt
    std::optional<HowHeard> how_heard = std::nullopt;
    std::optional<Mood> mood = std::nullopt;
    std::string organisation_id = {};  ///< who runs the activity (for the hub's counts); may be empty
};

/// A part of the day, as a visitor says when they would like something to happen.
enum class DayPart { morning, afternoon, evening };

/// "I miss something about …": an anonymous wish from a visitor whose list came up empty (or from
/// home). At least one of interest, weekday and day part; the language is optional. Like a check-in
/// it holds nothing that identifies the visitor.
struct MissedWish {
    std::string interest;                        ///< an interest id of the catalogue; empty = not said
    std::optional<int> weekday = std::nullopt;   ///< 0 = Monday … 6 = Sunday
    std::optional<DayPart> day_part = std::nullopt;
    LanguageCode language = {};                  ///< the language it should be in; empty = not said
    bool operator==(const MissedWish&) const = default;
};

/// How the visitor wants to be reached.
enum class ContactChannel { phone, email, meet_here };

/// A visitor's request to be contacted by an association: the least data that works.
struct ContactRequest {
    std::string organisation_id;
    std::string activity_id;  ///< the activity it is about; empty = the association in general
    std::string name;         ///< a first name or nickname, 1..60 bytes
    ContactChannel channel = ContactChannel::phone;
    std::string reach;        ///< phone number, e-mail address, or "meet me here at …" text
    LanguageCode preferred_language;
    bool consent = false;     ///< the visitor accepted the consent text; must be true
};

/// Whether the kiosk clock was synchronised (NTP) when an event was recorded; the hub corrects skew
/// of unsynchronised ones (a Pi has no battery clock).
enum class ClockSync { synchronised, unsynchronised };

/// What an event is. Values are stored: never renumber.
enum class EventKind { checkin = 1, contact_request = 2, heartbeat = 3, missed = 4 };

/// What a full queue may drop. Values are stored: never renumber. Check-ins and contact requests
/// are never dropped; low-value kinds (usage counts, …) will be dropped oldest-first.
enum class EventPriority { never_drop = 0, low_value = 1 };

/// The hub's X25519 public key (crypto_box_PUBLICKEYBYTES) that contact requests are sealed to.
using HubPublicKey = std::array<std::uint8_t, 32>;

/// How the event log behaves.
struct OutboxOptions {
    /// Queue cap, in payload bytes of all stored events; low-value events go oldest-first beyond it.
    std::int64_t max_queue_bytes = std::int64_t{32} << 20;
    /// Queue cap, in events; low-value events go oldest-first beyond it.
    std::int64_t max_queue_events = 200'000;
    /// Contact requests are sealed to this key; without one they are refused.
    std::optional<HubPublicKey> hub_public_key = std::nullopt;
    /// A check-in this close (in seconds, either direction) to the previous one on this kiosk is not
    /// recorded: one visitor tapping "check in" repeatedly must not inflate the counts.
    std::int64_t min_checkin_gap_seconds = 30;
    /// Likewise for "I miss something" wishes: one visitor tapping "send" five times must not lift a
    /// wish over the hub's k >= 5 threshold on their own.
    std::int64_t min_wish_gap_seconds = 30;
    /// A file of reserve_bytes kept beside the log (made at open when missing and there is room),
    /// released when a check-in or contact request finds the disk full, so that what a visitor
    /// sends is still stored; empty = no reserve. It is made again at the next open with room.
    std::string reserve_path = {};
    std::int64_t reserve_bytes = std::int64_t{2} << 20;
};

/// What record_checkin() did.
struct CheckInOutcome {
    enum class Status { recorded, too_soon };
    Status status = Status::recorded;
    std::string event_id;  ///< UUID of the stored event; empty when too_soon
};

/// What record_missed() did.
struct WishOutcome {
    enum class Status { recorded, too_soon };
    Status status = Status::recorded;
    std::string event_id;  ///< UUID of the stored event; empty when too_soon
};

/// Proof for the visitor that a contact request was stored.
struct ContactReceipt {
    std::string event_id;  ///< UUID of the stored event
    std::string code;      ///< e.g. "K7P-4QX": shown to the visitor, stored in the clear for the hub
};

/// One stored event, as the upload pipeline sends it.
struct StoredEvent {
    std::int64_t seq = 0;       ///< local insertion order
    std::string id;             ///< UUID v4, the hub's dedupe key
    EventKind kind = EventKind::checkin;
    EventPriority priority = EventPriority::never_drop;
    UnixSeconds created_at = 0;
    bool clock_synchronised = false;
    std::vector<std::uint8_t> payload;  ///< check-in, heartbeat: JSON object; contact request: sealed box
    std::string receipt_code;           ///< contact requests only
    std::string organisation_id;        ///< contact requests: the association it is for (in the clear)
};

/// An event set aside because the hub will never accept it (admin lists these).
struct QuarantinedEvent {
    std::string id;           ///< UUID of the event
    EventKind kind = EventKind::checkin;
    std::string reason;       ///< what the hub (or the kiosk) said was wrong with it
    UnixSeconds quarantined_at = 0;
};

/// How many events wait, per priority class, and how many are quarantined.
struct QueueCounts {
    std::int64_t never_drop = 0;   ///< pending check-ins and contact requests
    std::int64_t low_value = 0;    ///< pending heartbeats (dropped first when over the cap)
    std::int64_t quarantined = 0;  ///< set aside, never sent again
    bool operator==(const QueueCounts&) const = default;
};

/// What Outbox::open_recovering() did with a damaged log. The number of events lost cannot be known
/// (a damaged page may have held any number), so none is claimed.
struct OutboxRecovery {
    std::string kept_aside;      ///< where the damaged file (and its -wal) now is: never deleted
    std::string damage;          ///< what was wrong with it
    std::int64_t recovered = 0;  ///< events read back from it into the new log
    std::string read_problem;    ///< why some of it could not be read; empty when it read to the end
};

/// Checks a check-in; the error names the field that is wrong.
Result<void> validate_checkin(const CheckIn& checkin);

/// Checks a wish: at least one of interest, weekday and day part, each well-formed.
Result<void> validate_missed_wish(const MissedWish& wish);

/// Checks a contact request; the error names the field that is wrong but never repeats its value.
Result<void> validate_contact_request(const ContactRequest& request);

/// A random UUID v4 in its 36-character lowercase form (randomness from libsodium).
std::string make_uuid_v4();

/// A random receipt code "XXX-XXX" over an alphabet without look-alikes (no 0/O, 1/I/L, U).
std::string make_receipt_code();

/// The durable outbox.
class Outbox {
public:
    /// Opens (creating if needed) the log at `path` and migrates it. A log written by a newer program
    /// is refused and left untouched. ":memory:" gives a private log for tests.
    static Result<std::unique_ptr<Outbox>> open(const std::string& path, OutboxOptions options);

    /// A log opened by open_recovering(), and what was done to get there.
    struct Opened {
        std::unique_ptr<Outbox> outbox;
        std::optional<OutboxRecovery> recovery;  ///< set when the file was damaged
    };
    /// Like open(), but a damaged file (empty, not a database, failing PRAGMA quick_check) is not
    /// the end: it is set aside (keep_aside(), never deleted), a new log is made at `path`, and every
    /// event that still reads from the damaged copy is stored in it again with its id, time and
    /// quarantine, so the hub's dedupe still holds. Reading uses SQLite itself on a scratch copy
    /// (with the 16-byte header restored when only that was hit; an empty file is rebuilt from the
    /// commits in its -wal): rows are read in order and an unreadable stretch is skipped in growing
    /// steps. A file that cannot be checked (permissions, I/O) is left alone and opened as open() does.
    static Result<Opened> open_recovering(const std::string& path, OutboxOptions options);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    /// Schema version this code writes (the number of migrations).
    static int current_schema_version();
    /// Schema version of the opened log; -1 when it cannot be read.
    int schema_version() const;

    /// True when contact requests can be recorded (a hub key is configured).
    bool accepts_contact_requests() const { return m_options.hub_public_key.has_value(); }

    /// Validates and stores an anonymous check-in, unless the previous check-in on this kiosk is
    /// closer than min_checkin_gap_seconds (then nothing is stored and the outcome says too_soon).
    /// Returns after the commit is durable.
    Result<CheckInOutcome> record_checkin(const CheckIn& checkin, UnixSeconds now, ClockSync clock);

    /// Validates and stores an anonymous "I miss something" wish (never dropped, like a check-in),
    /// unless the previous wish on this kiosk is closer than min_wish_gap_seconds (then nothing is
    /// stored and the outcome says too_soon). Returns after the commit is durable.
    Result<WishOutcome> record_missed(const MissedWish& wish, UnixSeconds now, ClockSync clock);

    /// Validates, seals and stores a contact request; the plaintext never reaches the disk and is
    /// wiped from memory after sealing. Returns after the commit is durable.
    Result<ContactReceipt> record_contact_request(const ContactRequest& request, UnixSeconds now, ClockSync clock);

    /// Stores a heartbeat (a JSON object, at most 16 KiB) as a low-value event; over the queue cap
    /// the oldest low-value events are dropped. Returns the event id after the commit is durable.
    Result<std::string> record_heartbeat(std::string json_object, UnixSeconds now, ClockSync clock);

    /// Number of events not yet acknowledged by the hub (quarantined ones excluded).
    Result<std::int64_t> pending_count();

    /// The oldest `limit` unacknowledged events, oldest first (quarantined ones excluded).
    Result<std::vector<StoredEvent>> oldest_pending(int limit);
    /// created_at of the oldest event still to send (not set aside); nullopt when none waits.
    Result<std::optional<std::int64_t>> oldest_waiting_at();

    /// Pending events after sequence number `after_seq`, in order, at most `max_events` of them and
    /// at most `max_bytes` of payload together — but always the first one, so a large event still
    /// moves. Reads only what it returns: memory stays bounded however long the queue is.
    Result<std::vector<StoredEvent>> next_batch(std::int64_t after_seq, std::size_t max_events, std::size_t max_bytes);

    /// Deletes the events the hub acknowledged (unknown ids are ignored: an ack may repeat).
    Result<void> acknowledge(const std::vector<std::string>& event_ids);

    /// Sets an event aside with the reason (trimmed to 500 bytes); it is never sent again. Unknown
    /// or already quarantined ids are ignored.
    Result<void> quarantine(const std::string& event_id, std::string_view reason, UnixSeconds now);

    /// The `limit` most recently quarantined events, newest first.
    Result<std::vector<QuarantinedEvent>> quarantined(int limit);

    /// Pending events per priority class, and quarantined events.
    Result<QueueCounts> counts();

    /// PRAGMA integrity_check; ok when the file is sound.
    Result<void> check_integrity();

    /// True once this log released its reserve file to store a visitor's event on a full disk.
    bool reserve_released() const { return m_reserve_released; }

private:
    Outbox(sqlite::Database db, OutboxOptions options);
    /// Reads every event that still reads from the damaged copy at `damaged` into this log.
    OutboxRecovery read_back(const std::string& damaged);
    /// read_back's reading: every row of `source`'s events in one transaction of this log.
    void copy_events(sqlite3* source, OutboxRecovery& result);
    Result<CheckInOutcome> store_checkin(const CheckIn& checkin, UnixSeconds now, ClockSync clock);
    Result<ContactReceipt> store_contact_request(const ContactRequest& request, UnixSeconds now, ClockSync clock);
    Result<WishOutcome> store_missed(const MissedWish& wish, UnixSeconds now, ClockSync clock);
    /// Runs `write`; when it failed because the disk is full and the reserve is there, releases the
    /// reserve and runs it once more.
    template <typename Write>
    auto with_reserve(Write&& write) -> decltype(write());
    /// Deletes the oldest low-value events while the log is over its cap (inside the caller's
    /// transaction).
    Result<void> enforce_cap();

    sqlite::Database m_db;
    OutboxOptions m_options;
    bool m_reserve_released = false;
};

}  // namespace lotsen
