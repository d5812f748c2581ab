// updater.hpp — the kiosk's update client (docs/updates.md, "On the kiosk"): a thread of its own
// polls the hub's signed manifest with a conditional GET, verifies it with the fleet's publisher key
// and against what the kiosk has already accepted (expiry — by the local clock when it is
// synchronised, else by the hub's signed time —, replay, rollback), downloads each newer
// file with resume (HTTP Range) into DATA_DIR/updates/partial/, checks its size and SHA-256, and
// moves it to DATA_DIR/updates/ready/. Releases it hands to the ReleaseManager itself; catalogues
// and configs it hands to the UI thread (take_ready()), which applies them when no visitor is using
// the kiosk and then says accepted() or refused().
//
// The decisions — what to do with a partial file and a reply (plan_download, resume_action), the
// state file's format, the config overlay rules, what a config change needs — are plain functions
// in update_state.hpp, download.hpp and apply_update.hpp, tested without a network. Updater is the
// plumbing: one HttpSession reused across requests, a Worker thread woken for "check now" whose
// stop() aborts a request in flight, and a status snapshot for the admin screen. Nothing here
// touches ImGui.
//
// Everything from upstream is untrusted: a manifest is used only after its signature verified, a
// file only after its size and hash matched the signed entry, and a refusal never changes what the
// kiosk runs — the previous good state stays. Per kind it takes the newest entry whose file format it
// reads (entry_choice.hpp). A file refused for what it is (RememberedRefusal) is remembered in the
// state file and not downloaded again, also after a restart — until the kiosk's software changes.
// After the entries, it fetches the images the applied catalogue references (set_wanted_images)
// with the same resume and verification, into an ImageFolder kept within its disk budget.
#pragma once

#include "core/base/result.hpp"
#include "core/base/worker.hpp"
#include "core/catalogue/model.hpp"
#include "core/image/image_cache.hpp"
#include "core/settings/config.hpp"
#include "core/time/hub_time.hpp"
#include "core/update/apply_update.hpp"
#include "core/update/download.hpp"
#include "core/update/entry_choice.hpp"
#include "core/update/update_state.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lotsen {

class ReleaseManager;

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
    std::function<std::int64_t()> clock;        ///< the local wall clock, Unix seconds; unset = the system clock
    /// Whether the local wall clock is synchronised (NTP); unset = system_clock_synchronised() (adjtimex).
    std::function<bool()> clock_synchronised;
    /// The hub's signed time the uploader keeps (HubTime); judges expiry when the local clock is not
    /// synchronised. Null = none.
    std::shared_ptr<const HubTime> hub_time;
    ReleaseManager* releases = nullptr;         ///< installs releases; null = release entries are left alone
    /// This kiosk's software version, stored with each remembered refusal: refusals made by another
    /// version are forgotten at create(), so an upgraded kiosk tries those files again.
    std::string software_version = LOTSEN_VERSION;
    /// Free bytes on the disk holding a path; unset = statvfs. Tests give a full disk here.
    std::function<std::optional<std::uint64_t>(const std::string&)> free_bytes;
    /// What a download must leave free beyond itself (check_room_for_download).
    std::uint64_t keep_free_bytes = k_download_keep_free_bytes;
    /// Disk for the catalogue's images in DATA_DIR/images ([updates] image_budget_mb).
    std::uint64_t image_budget_bytes = std::uint64_t{64} << 20;
};

/// Which clock judges a manifest's expiry (docs/updates.md, "Which clock judges expiry").
struct ExpiryClock {
    enum class Source {
        local_synchronised,    ///< the local wall clock, synchronised: it is trusted
        hub_signed,            ///< the local clock is not synchronised: the hub's signed time, carried on by the boot clock
        local_unsynchronised,  ///< not synchronised and no signed time from the hub yet: the local clock, as before
    };
    Source source = Source::local_synchronised;
    std::int64_t now = 0;    ///< Unix seconds by that clock
    std::string description; ///< for the journal: which clock, and how far the local one is off
};

/// The clock that judges expiry: the local one when synchronised, else the hub's signed time when
/// there is one, else the local one.
ExpiryClock choose_expiry_clock(std::int64_t local_now, bool local_synchronised, std::optional<std::int64_t> hub_now);

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
    std::uint64_t images_fetched = 0;           ///< catalogue images downloaded and verified since start
    std::uint64_t images_refused = 0;           ///< images refused since start (too large, wrong hash, not an image)
    std::optional<UpdateRefusal> last_image_refusal;  ///< the newest of them: when, and the file and why
    std::uint64_t images_kept = 0;              ///< images of the catalogue in DATA_DIR/images after the last check
    std::uint64_t images_evicted = 0;           ///< images removed to stay within the budget since start
    std::uint64_t image_bytes = 0;              ///< bytes in DATA_DIR/images after the last check
    std::string expiry_clock;                   ///< which clock judged the last manifest's expiry (ExpiryClock::description)
};

/// The update thread. Construct with create(), then start(); stop() (or the destructor) ends it.
class Updater {
public:
    /// Checks the options, creates DATA_DIR/updates and reads its state, forgetting (and writing back)
    /// refusals that another software version made; does not start a thread.
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

    /// The images the catalogue now in use references (the UI thread calls it after applying a
    /// catalogue, and at start). The update thread fetches those missing at once and at every check
    /// — each verified by size, SHA-256 and header — into DATA_DIR/images within the budget; an
    /// image refused is logged and not tried again in this run; the catalogue stays applied.
    void set_wanted_images(std::vector<ImageRef> images);

    /// Catalogues and configs downloaded and verified since the last call, each handed out once.
    std::vector<ReadyUpdate> take_ready();
    /// The UI thread applied `update`: its version is recorded as accepted (state file) and the
    /// ready file is removed.
    Result<void> accepted(const ReadyUpdate& update);
    /// The UI thread refused `update` for what the file is (it does not parse, or does not fit this
    /// kiosk): logged, kept as the last refusal, the file removed, and the entry (kind, version,
    /// SHA-256) remembered in the state file with this software version, so it is not downloaded
    /// again, also after a restart, until the software changes.
    void refused(const ReadyUpdate& update, const std::string& reason);
    /// The UI thread could not apply `update` for a reason of this kiosk's own (the store or the disk
    /// failed): logged and kept as the last refusal like refused(), the file removed, and this version
    /// not offered again until the kiosk restarts.
    void not_applied(const ReadyUpdate& update, const std::string& reason);

private:
    class Session;

    explicit Updater(UpdaterOptions options, UpdateState state);
    void run();
    std::int64_t now() const;
    /// The clock that judges a manifest's expiry now (choose_expiry_clock).
    ExpiryClock expiry_clock() const;
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
    std::uint64_t m_check_generation = 0;  ///< bumped by check requests
    std::uint64_t m_checked_generation = 0;  ///< the generation the last ended check began at
    UpdateState m_state;
    UpdaterStatus m_status;
    std::vector<ReadyUpdate> m_ready;    ///< not yet taken by the UI thread
    std::vector<ReadyUpdate> m_handed_over;  ///< taken by the UI thread, not yet accepted or refused
    std::set<std::pair<int, std::int64_t>> m_refused;      ///< (kind, version) not tried again until a restart
    std::set<std::string> m_mismatched;  ///< entries whose download did not match once (a second time is remembered)
    std::vector<ImageRef> m_wanted_images;  ///< referenced by the catalogue in use (set_wanted_images)
    bool m_wanted_images_known = false;  ///< set_wanted_images was called: until then the folder is left alone
    std::set<std::string> m_refused_images;  ///< SHA-256s refused in this run: not fetched again

    Worker m_worker{m_mutex};  ///< the update thread; last, so it is stopped before the state it uses goes
};

}  // namespace lotsen
