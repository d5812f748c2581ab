// uploader.hpp — the kiosk's upload pipeline: a thread of its own drains the outbox to the hub in
// signed, gzip-compressed batches (docs/protocol.md), records a heartbeat every few minutes, and
// keeps a status snapshot for the admin screen.
//
// The decisions — what a reply means (classify_reply), how long to wait (backoff_delay), how a batch
// that is refused as a whole is split (split_batch), what a heartbeat says (heartbeat_json) — are
// pure functions here, tested without a network. Uploader is the plumbing around them: one
// HttpSession reused across requests (keep-alive), its own Outbox connection, and a Worker thread
// woken for "flush now" whose stop() aborts a request in flight.
//
// Delivery is at-least-once: an event leaves the outbox only when the hub has said accepted or
// duplicate, and the hub dedupes by the event's UUID. An event the hub will never take is
// quarantined with the reason, so it cannot block the queue. An event the hub deferred (a kind or
// member it does not know yet, a kind its operator holds) stays in the outbox and is passed over
// until UploaderOptions::deferred_retry has gone by; that is remembered in memory only, so after a
// restart it is simply offered again, and an older release reads the same outbox. Each request
// carries a fresh time nonce; the hub's signed time in the reply (docs/protocol.md, "The hub's signed
// time") is checked against that request and kept for the updater (HubTime).
#pragma once

#include "core/outbox/outbox.hpp"
#include "core/time/hub_time.hpp"
#include "core/wire/protocol.hpp"
#include "core/base/result.hpp"
#include "core/base/worker.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen {

// ---------------------------------------------------------------------------------------------
// Pure decisions.

/// What came back from one POST, as far as the decisions need it.
struct HttpReply {
    bool transport_ok = false;  ///< false: no HTTP reply at all (refused, reset, timed out, aborted)
    std::string transport_error;  ///< the HTTP session's message when !transport_ok
    long status = 0;             ///< HTTP status when transport_ok
    std::string body;            ///< reply body (bounded by the caller)
    std::string retry_after;     ///< the Retry-After header's value; empty when absent
};

/// What the uploader does about one reply (docs/protocol.md, "Replies").
struct ReplyAction {
    enum class Kind {
        deliver,        ///< 200: acknowledge accepted + duplicate, quarantine rejected, keep deferred
        split,          ///< 400, 413: send the halves; a lone event is quarantined with `reason`
        adopt_clock,    ///< 401 stale_timestamp: offset = server_time − own clock, retry at once (once)
        new_timestamp,  ///< 401 replay: retry at once with a later timestamp
        refused,        ///< 401 unknown_kiosk / bad_signature: keep everything, back off, tell admin
        busy,           ///< 429, 503: back off, and wait at least `retry_after_seconds`
        retry,          ///< 5xx, network errors, garbage: back off and retry, forever
    };
    Kind kind = Kind::retry;
    protocol::BatchReply reply;  ///< deliver
    std::string reason;          ///< what went wrong, for quarantine (split) and the status line
    std::int64_t server_time = 0;                     ///< adopt_clock
    std::optional<std::int64_t> retry_after_seconds;  ///< busy; at most k_max_retry_after_seconds
};

/// Retry-After values beyond this are not believed (docs/protocol.md, "Retrying").
inline constexpr std::int64_t k_max_retry_after_seconds = 3600;

/// Decides what to do about `reply`; `now` (Unix seconds) reads an HTTP-date Retry-After.
ReplyAction classify_reply(const HttpReply& reply, std::int64_t now);

/// Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^failures)].
std::chrono::milliseconds backoff_delay(int failures, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                        std::mt19937_64& rng);

/// The wait after a failure: the backoff, raised to at least the server's Retry-After when given.
std::chrono::milliseconds failure_delay(int failures, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                        std::optional<std::int64_t> retry_after_seconds, std::mt19937_64& rng);

/// How a batch of `size` events refused as a whole is sent instead: two halves, [0, size/2) and
/// [size/2, size); empty for a single event (which is quarantined instead).
std::vector<std::pair<std::size_t, std::size_t>> split_batch(std::size_t size);

/// What a heartbeat reports (docs/protocol.md, heartbeat.data).
struct HeartbeatFacts {
    std::string software_version;
    std::int64_t catalogue_version = 0;
    std::int64_t uptime_s = 0;
    QueueCounts queue;
    std::uint64_t disk_free_bytes = 0;
    std::optional<std::int64_t> last_sync_at;  ///< absent before the first successful upload (kept across restarts)
    std::optional<std::pair<std::int64_t, std::string>> update_refusal;  ///< newest refusal of an update: when, why
    std::vector<std::string> releases_installed;  ///< "version name" of each unpacked release (ReleaseManager::Report)
    std::string release_running;                  ///< the release running; "" = the packaged program
    std::vector<std::string> releases_failed;     ///< releases that failed their health check
    std::int64_t events_deferred = 0;  ///< queue.deferred: events the hub deferred, kept until it takes them
    /// A damaged outbox found at start (Outbox::open_recovering): when, events read back, where the
    /// damaged file is kept. No count of lost events: it cannot be known.
    struct OutboxRecoveryFact {
        std::int64_t at = 0;
        std::int64_t recovered = 0;
        std::string kept_aside;
        bool operator==(const OutboxRecoveryFact&) const = default;
    };
    std::optional<OutboxRecoveryFact> outbox_recovery;
    /// Catalogue images refused since start (by the updater: too large, wrong hash, not an image; by
    /// the screen: does not decode): how many, and the newest one's time and reason (naming the file).
    struct ImageRefusalsFact {
        std::uint64_t count = 0;
        std::int64_t at = 0;
        std::string reason;
        bool operator==(const ImageRefusalsFact&) const = default;
    };
    std::optional<ImageRefusalsFact> image_refusals;  ///< absent while there are none
    std::optional<std::int64_t> oldest_waiting_at;  ///< created_at of the oldest event still to send; none: nullopt
    std::int64_t now = 0;              ///< Unix seconds the heartbeat is made; oldest_waiting_at's age is from it
};

/// DATA_DIR/last-send.json: when the last upload was accepted, kept across restarts.
std::string last_success_path(const std::string& data_dir);
/// The time kept there; nullopt when there is none or it cannot be read.
std::optional<std::int64_t> read_last_success(const std::string& data_dir);

/// The heartbeat's JSON object.
std::string heartbeat_json(const HeartbeatFacts& facts);

/// Free bytes for an unprivileged user on the file system holding `path` (statvfs); nullopt when
/// it cannot be read.
std::optional<std::uint64_t> disk_free_bytes(const std::string& path);

/// The events URL for a hub base URL ("https://hub.example.se" → ".../v1/events"); a trailing
/// slash is allowed.
std::string events_url(std::string_view base_url);

// ---------------------------------------------------------------------------------------------
// The pipeline.

/// How the uploader behaves. Defaults are the shipped ones; tests shrink the times.
struct UploaderOptions {
    std::string url;                 ///< hub base URL, e.g. "https://hub.example.se"
    std::string outbox_path;         ///< the outbox the uploader opens its own connection to
    std::string data_dir;            ///< for the heartbeat's free disk space
    OutboxOptions log_options;     ///< queue cap for heartbeats it records (no hub key needed)
    std::size_t batch_events = 500;              ///< most events per request
    std::size_t batch_bytes = 256 << 10;         ///< most payload bytes per request (uncompressed)
    std::size_t flush_events = 50;               ///< this many pending events start an upload at once
    std::chrono::milliseconds flush_interval = std::chrono::seconds(60);      ///< upload at least this often
    std::chrono::milliseconds heartbeat_interval = std::chrono::minutes(5);   ///< 0 = no heartbeats
    std::chrono::milliseconds backoff_base = std::chrono::seconds(1);
    std::chrono::milliseconds backoff_cap = std::chrono::minutes(5);
    std::chrono::milliseconds deferred_retry = std::chrono::hours(1);  ///< a deferred event is not offered again sooner
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
    std::chrono::milliseconds request_timeout = std::chrono::seconds(60);  ///< a whole request
    long low_speed_bytes_per_second = 100;  ///< below this for low_speed_time: the request is abandoned
    std::chrono::seconds low_speed_time = std::chrono::seconds(20);
    bool gzip = true;                ///< Content-Encoding: gzip request bodies
    /// The hub's time key ([upstream] hub_time_key): a reply's X-Lotsen-Time that verifies with it for
    /// the request just sent goes into `hub_time`; one that does not is refused and logged. Unset: no
    /// time is taken from the hub.
    std::optional<protocol::SigningPublicKey> hub_time_key;
    std::shared_ptr<HubTime> hub_time;  ///< shared with the updater; null = not kept
};

/// What the admin screen shows; a copy taken under the uploader's lock.
struct UploaderStatus {
    bool running = false;
    std::optional<std::int64_t> last_success_at;  ///< Unix seconds of the last accepted upload, also before this start
    bool answered_since_start = false;            ///< an upload was accepted since this uploader started
    std::optional<std::int64_t> last_attempt_at;
    std::string last_error;        ///< empty after a success
    int consecutive_failures = 0;
    std::uint64_t events_sent = 0;         ///< acknowledged (accepted or duplicate) since start
    std::uint64_t events_quarantined = 0;  ///< set aside by this uploader since start
    std::uint64_t events_deferred = 0;     ///< deferred by the hub and waiting out deferred_retry now (kept)
    bool kiosk_refused = false;    ///< the hub said unknown_kiosk or bad_signature (until a success)
    std::optional<QueueCounts> queue;   ///< as of the uploader's last look
    std::int64_t clock_offset = 0; ///< seconds added to the kiosk clock in X-Lotsen-Timestamp
    std::uint64_t requests = 0;    ///< POSTs made since start
    std::optional<std::int64_t> hub_time;  ///< the hub's signed time of the last reply that carried a good one
    std::uint64_t hub_times_refused = 0;   ///< signed times refused since start (bad signature, another request)
    std::string hub_time_problem;          ///< why the last one was refused; empty after a good one
};

/// The upload thread. Construct with create(), then start(); stop() (or the destructor) ends it.
class Uploader {
public:
    /// Checks the options and initialises libcurl; does not open the outbox or start a thread.
    static Result<std::unique_ptr<Uploader>> create(UploaderOptions options, protocol::SigningKeyPair keys);
    ~Uploader();
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;

    /// Starts the thread (once).
    void start();
    /// Ends the thread, aborting a request in flight; returns within about a second. Idempotent.
    void stop();

    /// Uploads now: wakes the thread, and skips a backoff wait (not a hub's Retry-After).
    void flush_now();
    /// Tells the uploader an event was recorded; at flush_events pending it uploads at once.
    void note_recorded();
    /// The catalogue version heartbeats report (the owner knows it; thread-safe).
    void set_catalogue_version(std::int64_t version);
    /// The newest refusal of an update (Unix seconds, reason) that heartbeats report (thread-safe).
    void set_update_refusal(std::int64_t at, std::string reason);
    /// The damaged outbox found at start, which heartbeats report from now on (thread-safe).
    void set_outbox_recovery(HeartbeatFacts::OutboxRecoveryFact recovery);
    /// The catalogue images refused so far, which heartbeats report from now on (thread-safe).
    void set_image_refusals(HeartbeatFacts::ImageRefusalsFact refusals);
    /// The installed, running and failed releases that heartbeats report (thread-safe).
    void set_releases(std::vector<std::string> installed, std::string running, std::vector<std::string> failed);

    /// A snapshot of the state, for the UI.
    UploaderStatus status() const;

    /// Flushes, then waits until an upload pass that began after this call finds nothing pending
    /// (quarantined events, and deferred ones waiting out their retry, do not count): true then,
    /// false after `timeout` or when stopped.
    bool wait_until_idle(std::chrono::milliseconds timeout);

private:
    /// Keeps `at` in last-send.json (durably); a failure is shown as the last error.
    void save_last_success(std::int64_t at);
    class Session;

    Uploader(UploaderOptions options, protocol::SigningKeyPair keys);
    void run();

    UploaderOptions m_options;
    protocol::SigningKeyPair m_keys;
    std::string m_events_url;
    std::chrono::steady_clock::time_point m_started;

    mutable std::mutex m_mutex;
    bool m_flush_requested = false;
    std::uint64_t m_flush_generation = 0;  ///< bumped by flush requests
    std::uint64_t m_idle_generation = 0;   ///< the generation a pass found the queue empty at
    std::size_t m_recorded_since_pass = 0;
    std::int64_t m_catalogue_version = 0;
    std::optional<std::pair<std::int64_t, std::string>> m_update_refusal;
    std::optional<HeartbeatFacts::OutboxRecoveryFact> m_outbox_recovery;
    std::optional<HeartbeatFacts::ImageRefusalsFact> m_image_refusals;
    std::vector<std::string> m_releases_installed;
    std::string m_release_running;
    std::vector<std::string> m_releases_failed;
    UploaderStatus m_status;

    Worker m_worker{m_mutex};  ///< the upload thread; last, so it is stopped before the state it uses goes
};

}  // namespace lotsen
