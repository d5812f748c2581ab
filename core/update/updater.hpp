// updater.hpp — the kiosk's update client (docs/updates.md, "On the kiosk"): a thread of its own
// polls the hub's signed manifest with a conditional GET, verifies it with the fleet's publisher key
// and against what the kiosk has already accepted (expiry, replay, rollback), downloads each newer
// file with resume (HTTP Range) into DATA_DIR/updates/partial/, checks its size and SHA-256, and
// moves it to DATA_DIR/updates/ready/. Releases it hands to the ReleaseManager itself; catalogues
// and configs it hands to the UI thread (take_ready()), which applies them when no visitor is using
// the kiosk and then says accepted() or refused().
//
// The decisions — what to do with a partial file and a reply (plan_download, resume_action), the
// state file's format, the config overlay rules, what a config change needs — are plain functions
// here, tested without a network. Updater is the plumbing: one libcurl easy handle reused across
// requests, a condition variable to wake it for "check now", stop() that aborts a request in
// flight, and a status snapshot for the admin screen. Nothing here touches ImGui.
//
// Everything from upstream is untrusted: a manifest is used only after its signature verified, a
// file only after its size and hash matched the signed entry, and a refusal never changes what the
// kiosk runs — the previous good state stays. A file refused for what it is (RememberedRefusal) is
// remembered in the state file and never downloaded again, also after a restart.
#pragma once

#include "core/settings/config.hpp"
#include "core/wire/manifest.hpp"
#include "core/catalogue/model.hpp"
#include "core/wire/protocol.hpp"
#include "core/base/result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace lotsen {

class ReleaseManager;
class Store;

// ---------------------------------------------------------------------------------------------
// Files and state.

/// Where the updater keeps its files under a data directory.
struct UpdatePaths {
    std::string root;            ///< DATA_DIR/updates
    std::string state;           ///< DATA_DIR/updates/state.json
    std::string partial;         ///< DATA_DIR/updates/partial: downloads in progress (resumed from here)
    std::string ready;           ///< DATA_DIR/updates/ready: verified files waiting to be applied
    std::string config_overlay;  ///< DATA_DIR/updates/config.toml: the accepted published config
};

/// The paths for `data_dir`.
UpdatePaths update_paths(const std::string& data_dir);

/// A file the kiosk refused for what it is — a catalogue that does not parse, a config that does not
/// fit, an entry larger than the kiosk takes, bytes that twice did not match the signed hash — kept in
/// the state file so that exactly this entry is never downloaded again, also after a restart. Another
/// version, or the same version with another SHA-256, is tried.
struct RememberedRefusal {
    manifest::Kind kind = manifest::Kind::catalogue;
    std::int64_t version = 0;
    protocol::Sha256 sha256{};
    std::int64_t at = 0;  ///< Unix seconds
    std::string reason;   ///< at most k_max_remembered_reason_bytes: admin and the heartbeat show it after a restart
    bool operator==(const RememberedRefusal&) const = default;
};

/// The state file keeps at most this many refusals (the oldest go first) …
inline constexpr std::size_t k_max_remembered_refusals = 16;
/// … each reason cut to this many bytes (a catalogue's problem list can be long; the state file is bounded).
inline constexpr std::size_t k_max_remembered_reason_bytes = 1024;

/// What the kiosk remembers about updates across restarts (DATA_DIR/updates/state.json).
struct UpdateState {
    manifest::Seen seen;        ///< highest manifest sequence accepted, and the version accepted per kind
    std::string etag;           ///< ETag of `manifest`, sent as If-None-Match
    std::string manifest;       ///< the last verified manifest file as fetched (verified again when used)
    std::string catalogue_name; ///< labels of the accepted versions, for admin
    std::string config_name;
    std::string release_name;
    std::vector<RememberedRefusal> refused;  ///< entries never downloaded again, oldest first
    bool operator==(const UpdateState&) const = default;
};

/// The state file's JSON.
std::string encode_update_state(const UpdateState& state);
/// Parses a state file strictly; `source` names it in errors.
Result<UpdateState> decode_update_state(std::string_view text, std::string_view source);
/// Reads the state file; a missing file is the empty state, a damaged one an error (never "empty":
/// that would let an old manifest in again).
Result<UpdateState> load_update_state(const std::string& path);
/// Writes the state file atomically (write_file_atomically).
Result<void> save_update_state(const std::string& path, const UpdateState& state);

/// Reads the accepted published config (DATA_DIR/updates/config.toml) as an overlay on the local
/// config. No file: `local` as it is. A file that no longer parses: an error (the caller keeps `local`).
Result<KioskConfig> load_with_config_overlay(const KioskConfig& local, const std::string& data_dir);

// ---------------------------------------------------------------------------------------------
// Pure decisions.

/// What to do with a partial download of `have` bytes of an entry of `size` bytes, before asking.
struct DownloadPlan {
    bool discard = false;    ///< the partial file cannot be this entry's (longer than it): delete it
    bool complete = false;   ///< it has exactly `size` bytes: verify it without asking the hub
    std::uint64_t from = 0;  ///< else ask from this byte (0: the whole file, no Range header)
    bool operator==(const DownloadPlan&) const = default;
};
DownloadPlan plan_download(std::uint64_t have, std::uint64_t size);

/// What a reply to a file request means for the partial file.
enum class ResumeAction {
    append,      ///< 206 from the byte asked for: append to the partial file
    restart,     ///< 200: the whole file comes; write it from zero
    start_over,  ///< 416, or a 206 from another byte: delete the partial file and ask from zero
    fail,        ///< anything else: keep the partial file, try again at the next check
};

/// Decides about a reply with HTTP `status` to a request from byte `requested_from` (0 = no Range);
/// `range_start` is the first byte of a 206's Content-Range (nullopt when absent or unreadable).
ResumeAction resume_action(long status, std::uint64_t requested_from, std::optional<std::uint64_t> range_start);

/// The first byte of a Content-Range header value ("bytes 100-199/200" → 100); nullopt otherwise.
std::optional<std::uint64_t> parse_content_range_start(std::string_view value);

/// Largest file the kiosk downloads of each kind, whatever a manifest says (the disk is small).
std::uint64_t max_download_bytes(manifest::Kind kind);

/// True when moving from config `before` to `after` needs a restart ([screen] or the languages);
/// everything else is applied live.
bool config_needs_restart(const KioskConfig& before, const KioskConfig& after);

// ---------------------------------------------------------------------------------------------
// Applying on the UI thread (the parts without ImGui, so tests apply the same way the kiosk does).

/// A downloaded file whose size and SHA-256 matched its signed entry, waiting in ready/.
struct ReadyUpdate {
    manifest::Kind kind = manifest::Kind::catalogue;
    manifest::Entry entry;
    std::string path;  ///< DATA_DIR/updates/ready/<file>
};

/// Parses a ready catalogue with the checks of `lotsen --catalogue`, under the entry's version (the
/// one the fleet counts by). A catalogue with problems is refused, with every problem.
Result<Catalogue> read_catalogue_update(const ReadyUpdate& update);

/// Replaces the store's catalogue with `catalogue` (read from `update`) in one transaction; when that
/// fails the store keeps the catalogue it had.
Result<void> store_catalogue_update(Store& store, const Catalogue& catalogue, const ReadyUpdate& update, std::int64_t now);

/// read_catalogue_update, then store_catalogue_update.
Result<void> apply_catalogue_update(Store& store, const ReadyUpdate& update, std::int64_t now);

/// A ready config read over the local config, and whether it needs a restart.
struct ConfigUpdate {
    KioskConfig config;  ///< local + the published overlay
    std::string text;    ///< the published file, to store as DATA_DIR/updates/config.toml
    bool needs_restart = false;
};

/// Reads a ready config as an overlay on `local` and compares it with `running`; refused with the
/// parser's message (file, line, key) when it does not parse or validate.
Result<ConfigUpdate> read_config_update(const KioskConfig& local, const KioskConfig& running, const ReadyUpdate& update);

// ---------------------------------------------------------------------------------------------
// The thread.

/// How the updater behaves. Defaults are the shipped ones; tests shrink the times.
struct UpdaterOptions {
    std::string url;                            ///< hub base URL
    std::string data_dir;                       ///< holds updates/
    protocol::SigningPublicKey publisher_key{}; ///< the fleet's Ed25519 publisher key
    std::chrono::milliseconds interval = std::chrono::minutes(15);     ///< check this often
    std::chrono::milliseconds retry_base = std::chrono::seconds(30);   ///< after a failed check: base · 2^n, at most interval
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
    std::chrono::milliseconds manifest_timeout = std::chrono::seconds(60);  ///< a whole manifest request
    long low_speed_bytes_per_second = 100;      ///< a download slower than this for low_speed_time is dropped (and resumed later)
    std::chrono::seconds low_speed_time = std::chrono::seconds(30);
    std::function<std::int64_t()> clock;        ///< Unix seconds for expiry; unset = the system clock
    ReleaseManager* releases = nullptr;         ///< installs releases; null = release entries are left alone
};

/// A refusal of something from upstream, for admin and the heartbeat.
struct UpdateRefusal {
    std::int64_t at = 0;  ///< Unix seconds
    std::string reason;
    bool operator==(const UpdateRefusal&) const = default;
};

/// What the admin screen shows; a copy taken under the updater's lock.
struct UpdaterStatus {
    bool running = false;
    std::optional<std::int64_t> last_check_at;  ///< when the last check ended, whatever its outcome
    std::optional<std::int64_t> manifest_sequence;  ///< of the manifest in force (0 = none yet)
    manifest::Seen accepted;                    ///< versions accepted per kind (sequence = manifest_sequence)
    std::string catalogue_name;
    std::string config_name;
    std::string release_name;
    std::string last_error;                     ///< network or disk trouble of the last check; empty after a good one
    std::optional<UpdateRefusal> last_refusal;  ///< the newest refusal
    std::uint64_t checks = 0;                   ///< checks ended since start
    std::uint64_t not_modified = 0;             ///< of them answered 304
    std::uint64_t downloads = 0;                ///< files downloaded and verified since start
    std::uint64_t resumed = 0;                  ///< of the file requests, those that continued a partial file
    bool restart_requested = false;             ///< a release was installed: restart when nobody is using the kiosk
};

/// The update thread. Construct with create(), then start(); stop() (or the destructor) ends it.
class Updater {
public:
    /// Checks the options, creates DATA_DIR/updates and reads its state; does not start a thread.
    static Result<std::unique_ptr<Updater>> create(UpdaterOptions options);
    ~Updater();
    Updater(const Updater&) = delete;
    Updater& operator=(const Updater&) = delete;

    /// Starts the thread (once); the first check is made at once.
    void start();
    /// Ends the thread, aborting a request in flight (a download stays resumable). Idempotent.
    void stop();
    /// Checks now (admin's "Check for updates").
    void check_now();
    /// check_now(), then waits until a check begun after this call has ended: true then, false after
    /// `timeout` or when stopped. For tests and tools.
    bool check_and_wait(std::chrono::milliseconds timeout);

    /// A snapshot of the state, for the UI.
    UpdaterStatus status() const;

    /// Catalogues and configs downloaded and verified since the last call, each handed out once.
    std::vector<ReadyUpdate> take_ready();
    /// The UI thread applied `update`: its version is recorded as accepted (state file) and the
    /// ready file is removed.
    Result<void> accepted(const ReadyUpdate& update);
    /// The UI thread refused `update` for what the file is (it does not parse, or does not fit this
    /// kiosk): logged, kept as the last refusal, the file removed, and the entry (kind, version,
    /// SHA-256) remembered in the state file, so it is never downloaded again, also after a restart.
    void refused(const ReadyUpdate& update, const std::string& reason);
    /// The UI thread could not apply `update` for a reason of this kiosk's own (the store or the disk
    /// failed): logged and kept as the last refusal like refused(), the file removed, and this version
    /// not offered again until the kiosk restarts.
    void not_applied(const ReadyUpdate& update, const std::string& reason);

private:
    struct Curl;
    class Session;

    explicit Updater(UpdaterOptions options, UpdateState state);
    void run();
    std::int64_t now() const;
    /// Records a refusal: stderr (the journal), status; returns its time (Unix seconds).
    std::int64_t refuse(const std::string& reason);
    /// refuse(), and remembers (kind, version, SHA-256) of `entry` in the state file (written at once).
    void refuse_for_good(manifest::Kind kind, const manifest::Entry& entry, const std::string& reason);
    /// Forgets `update` as handed over to the UI thread and removes its file.
    void drop_handed_over(const ReadyUpdate& update);
    /// Writes m_state to disk (serialised: the newest state always lands last).
    Result<void> persist();

    UpdaterOptions m_options;
    UpdatePaths m_paths;

    mutable std::mutex m_mutex;
    std::mutex m_persist_mutex;          ///< held while the state file is written, outside m_mutex
    std::condition_variable m_wake;      ///< the thread waits on it
    std::condition_variable m_progress;  ///< check_and_wait waits on it
    bool m_stop_requested = false;
    std::uint64_t m_check_generation = 0;  ///< bumped by check requests
    std::uint64_t m_checked_generation = 0;  ///< the generation the last ended check began at
    UpdateState m_state;
    UpdaterStatus m_status;
    std::vector<ReadyUpdate> m_ready;    ///< not yet taken by the UI thread
    std::vector<ReadyUpdate> m_handed_over;  ///< taken by the UI thread, not yet accepted or refused
    std::set<std::pair<int, std::int64_t>> m_refused;      ///< (kind, version) not tried again until a restart
    std::set<std::string> m_mismatched;  ///< entries whose download did not match once (a second time is remembered)
    std::atomic<bool> m_abort{false};    ///< read by curl's progress callback

    std::thread m_thread;
};

}  // namespace lotsen
