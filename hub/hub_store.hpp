// hub_store.hpp — the hub's database (DATA_DIR/hub.db): enrolled kiosks and what the fleet view
// knows of them, every event the kiosks delivered (deduplicated by its UUID), the sealed contact
// requests waiting for the inbox, visitors' wishes (counted by hub/wishes.cpp), and the signatures of recent requests so a replay is refused.
// Retention, the e-mail notices and the web office (users, sessions, audit log, outcomes) keep
// their queries in their own files (connection()).
// Every connection runs with secure_delete on (hub/retention.hpp says why).
//
// The file runs in WAL mode with synchronous=NORMAL: unlike the kiosk's outbox, a hub that loses its
// last commits in a power cut gets them again, because a kiosk deletes an event only after the hub's
// reply and simply resends it (the hub dedupes). A batch is stored in ONE transaction: all of it or
// nothing.
//
// One HubStore is one SQLite connection; use it from one thread at a time (the server guards it).
#pragma once

#include "core/time/civil_time.hpp"
#include "core/base/result.hpp"
#include "core/sqlite/sqlite_db.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::hub {

/// An enrolled kiosk and what the hub last heard from it.
struct KioskRecord {
    std::string public_key;  ///< Ed25519 public key, canonical base64 (the primary key)
    std::string site;        ///< where it stands, e.g. "Halmstad stadsbibliotek"
    std::string name;        ///< optional label within the site
    UnixSeconds enrolled_at = 0;
    std::optional<UnixSeconds> revoked_at;         ///< set: requests from it are refused as unknown
    std::optional<UnixSeconds> last_seen_at;       ///< hub clock, last accepted batch
    std::optional<std::string> last_heartbeat;     ///< the newest heartbeat's data object (JSON text)
    std::optional<UnixSeconds> last_heartbeat_at;  ///< its corrected creation time
    std::optional<std::int64_t> clock_skew_seconds;  ///< hub clock − kiosk clock at the last batch
};

/// What a visitor misses ("missed" events): each member empty when not said.
struct WishFields {
    std::string interest;  ///< catalogue interest id
    std::string weekday;   ///< mon … sun
    std::string day_part;  ///< morning, afternoon, evening
    std::string language;  ///< language code
};

/// One event ready to be stored, already checked by ingest.
struct EventToStore {
    std::string id;                    ///< UUID, the dedupe key
    std::string kind;                  ///< "checkin", "contact_request", "heartbeat", "missed"
    UnixSeconds created_at = 0;        ///< as the kiosk sent it
    UnixSeconds created_at_corrected = 0;
    bool clock_synchronised = false;
    std::string organisation_id;       ///< empty = absent
    std::string activity_id;           ///< check-ins; empty = absent
    std::optional<bool> first_visit;   ///< check-ins
    std::string how_heard;             ///< check-ins; empty = skipped
    std::string mood;                  ///< check-ins; empty = skipped
    std::string data;                  ///< heartbeats and wishes: the data object (JSON text)
    WishFields wish;                   ///< wishes ("missed")
    std::string receipt_code;          ///< contact requests
    std::vector<std::uint8_t> sealed;  ///< contact requests: crypto_box_seal output
};

/// One authenticated request's batch, to be stored in one transaction.
struct BatchToStore {
    std::string kiosk;              ///< canonical base64 key of an enrolled kiosk
    std::string signature;          ///< base64 of the request signature (replay key)
    UnixSeconds request_timestamp = 0;
    UnixSeconds received_at = 0;    ///< hub clock
    UnixSeconds sent_at = 0;        ///< kiosk clock (uncorrected)
    std::vector<EventToStore> events;
};

/// What store_batch() did with a batch.
struct StoreOutcome {
    bool replay = false;                 ///< the signature was seen before: nothing was stored
    std::vector<std::string> accepted;   ///< stored now
    std::vector<std::string> duplicate;  ///< stored by an earlier request (or earlier in this batch)
};

/// A sealed contact request as stored (the inbox opens `sealed`).
struct ContactRequestRecord {
    std::string event_id;
    std::string kiosk;
    std::string organisation_id;
    std::string receipt_code;
    std::vector<std::uint8_t> sealed;
    UnixSeconds created_at_corrected = 0;
    UnixSeconds received_at = 0;
    std::optional<UnixSeconds> handled_at;
    std::optional<UnixSeconds> erased_at;  ///< set: retention overwrote `sealed` (now empty)
};

/// The statistics' view of one check-in (no kiosk, no id).
struct CheckInRow {
    std::string organisation_id;  ///< empty = absent
    std::string activity_id;
    UnixSeconds created_at_corrected = 0;
    std::optional<bool> first_visit;
    std::string how_heard;  ///< empty = skipped
    std::string mood;       ///< empty = skipped
};

/// The statistics' view of one contact request: routing and timing only, never the sealed box.
struct ContactTimingRow {
    std::string organisation_id;
    UnixSeconds received_at = 0;
    std::optional<UnixSeconds> handled_at;
};

/// Rows per table (tests, and the "nothing was stored" promise).
struct RowCounts {
    std::int64_t kiosks = 0;
    std::int64_t events = 0;
    std::int64_t contact_requests = 0;
    std::int64_t seen_signatures = 0;
};

/// The hub's database.
class HubStore {
public:
    /// Opens (creating if needed) the database at `path` and migrates it. A database written by a newer
    /// program is refused and left untouched. ":memory:" gives a private one for tests.
    static Result<std::unique_ptr<HubStore>> open(const std::string& path);
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    /// Schema version this code writes (the number of migrations).
    static int current_schema_version();
    /// Schema version of the opened database; -1 when it cannot be read.
    int schema_version() const;

    /// Enrolls a kiosk (canonical base64 key). Enrolling a revoked key enrolls it again; an active one
    /// is refused with a message naming its site.
    Result<void> enroll_kiosk(const std::string& public_key, const std::string& site, const std::string& name,
                              UnixSeconds now);
    /// Revokes an enrolled kiosk; false when no active kiosk has that key.
    Result<bool> revoke_kiosk(const std::string& public_key, UnixSeconds now);
    /// The active (not revoked) kiosk with this key, if any.
    Result<std::optional<KioskRecord>> find_active_kiosk(const std::string& public_key);
    /// Every kiosk ever enrolled, revoked ones too, by site and name.
    Result<std::vector<KioskRecord>> list_kiosks();

    /// True when a request with this signature was stored within the replay window.
    Result<bool> signature_seen(const std::string& signature);
    /// Stores a batch in one transaction: the signature (a repeat makes it a replay and nothing is
    /// stored), every new event, the kiosk's last-seen time, clock skew and newest heartbeat; also
    /// forgets signatures older than `signature_retention_seconds`.
    Result<StoreOutcome> store_batch(const BatchToStore& batch, std::int64_t signature_retention_seconds);

    /// Contact requests, oldest first; only one association's when `organisation_id` is set.
    Result<std::vector<ContactRequestRecord>> contact_requests(const std::optional<std::string>& organisation_id);
    /// Event ids of contact requests whose event id or receipt code (case-insensitive) is `key`.
    Result<std::vector<std::string>> find_contact_requests(const std::string& key);
    /// Marks a contact request handled at `now`; false when it does not exist or was handled already.
    Result<bool> mark_handled(const std::string& event_id, UnixSeconds now);

    /// Check-ins whose corrected time lies in [from, to).
    Result<std::vector<CheckInRow>> checkins(UnixSeconds from, UnixSeconds to);
    /// Contact requests received in [from, to), timing only.
    Result<std::vector<ContactTimingRow>> contact_timings(UnixSeconds from, UnixSeconds to);

    /// Rows per table.
    Result<RowCounts> row_counts();
    /// PRAGMA integrity_check; ok when the file is sound.
    Result<void> check_integrity();

    /// The connection, for the hub modules that keep their own tables' queries beside their logic
    /// (hub/retention.cpp, hub/mail/notices.cpp, hub/office/office_store.cpp, hub/office/fleet_alerts.cpp,
    /// hub/stats.cpp). Same thread rule as the store.
    sqlite3* connection() const { return m_db.handle(); }

private:
    explicit HubStore(sqlite::Database db);

    sqlite::Database m_db;
};

}  // namespace lotsen::hub
