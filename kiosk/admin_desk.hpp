// admin_desk.hpp — what the admin screen may see and do: a read-only report built on demand from the
// outbox, the upload and update threads' snapshots and the screen's image textures, and the two
// commands staff have (sync now, check for updates). The admin screen sees this facade, never the threads' objects.
#pragma once

#include "kiosk/image_textures.hpp"

#include "core/outbox/outbox.hpp"
#include "core/update/updater.hpp"
#include "core/upload/uploader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::kiosk {

/// What kept a part of the kiosk from working, kept for admin and the log; empty strings when none.
struct KioskProblems {
    std::string import;          ///< catalogue import problems at start (the previous catalogue stays)
    std::string store;           ///< why the catalogue store could not be opened (the kiosk cannot start)
    std::string outbox;          ///< why the outbox could not be opened
    std::string upload;          ///< why uploading could not start
    std::string update;          ///< why updates could not start
    std::string restart_reason;  ///< why the kiosk restarts once nobody uses it (not a fault)
    /// Damaged files found at start, each set aside and replaced (docs/operations.md, "What the kiosk
    /// does when …"): one line each for staff, naming the file, what was wrong and where it is kept.
    std::vector<std::string> repaired;
    bool new_kiosk_key = false;  ///< kiosk.key was damaged and replaced: the new key needs enrolling
    /// A damaged outbox was recovered at start: every heartbeat reports it.
    std::optional<HeartbeatFacts::OutboxRecoveryFact> outbox_recovery;
    std::vector<std::string> config;  ///< the local config file did not load, or lacks sections (local_config.hpp)
    bool out_of_order = false;   ///< no configuration ever loaded: built-in defaults, the out-of-order notice
};

/// The catalogue's images, for admin and the heartbeat: what the updater keeps on disk, fetched,
/// evicted and refused, what the screen could not show, and its textures against their limits.
struct ImageReport {
    bool updates = false;             ///< an update thread fetches images (the disk figures are its)
    std::uint64_t kept = 0;           ///< images of the catalogue in DATA_DIR/images after the last check
    std::uint64_t kept_bytes = 0;     ///< bytes in DATA_DIR/images
    std::uint64_t fetched = 0;        ///< downloaded and verified since start
    std::uint64_t evicted = 0;        ///< removed from DATA_DIR/images to stay within the disk budget
    /// Refused by the updater (too large, wrong hash, not an image) and not shown by the screen (does
    /// not decode, over the texture budget), since start; the newest of all of them.
    std::uint64_t refused = 0;
    std::optional<UpdateRefusal> last_refusal;
    bool textures = false;            ///< images are drawn (a renderer is there)
    std::size_t texture_count = 0;
    std::size_t texture_bytes = 0;
    ImageTextureLimits texture_limits;
};

/// The image report from the updater's snapshot and the screen's textures (either may be null).
ImageReport image_report(const UpdaterStatus* update, const ImageTextures* textures);

/// One reading of everything admin shows.
struct AdminReport {
    bool outbox_open = false;
    std::optional<QueueCounts> queues;        ///< events waiting per class; nullopt when unreadable
    std::string queues_error;                 ///< why they could not be read
    std::vector<QuarantinedEvent> set_aside;  ///< the newest set-aside events (when there are any)
    std::optional<UploaderStatus> upload;     ///< nullopt: no upload thread ([upstream] url unset or failed)
    std::string upload_problem;               ///< why uploading could not start
    std::optional<UpdaterStatus> update;      ///< nullopt: no update thread
    std::string update_problem;               ///< why updates could not start
    std::string restart_reason;               ///< empty unless a restart is pending
    std::vector<std::string> config;          ///< what is wrong with the local config file (file, line, key)
    std::optional<std::int64_t> oldest_waiting_at;  ///< created_at of the oldest event still to send
    std::string kiosk_key;                    ///< this kiosk's public key (base64); empty if unreadable
    std::vector<std::string> repaired;        ///< KioskProblems::repaired
    bool new_kiosk_key = false;               ///< KioskProblems::new_kiosk_key
    ImageReport images;
};

/// The admin screen's view of the outbox and the threads, and its commands.
class AdminDesk {
public:
    AdminDesk() = default;
    /// Any pointer may be null: that part is off or could not start.
    AdminDesk(Outbox* outbox, Uploader* uploader, Updater* updater, const KioskProblems* problems,
              std::string_view kiosk_key, const ImageTextures* images = nullptr)
        : m_outbox(outbox), m_uploader(uploader), m_updater(updater), m_problems(problems), m_kiosk_key(kiosk_key),
          m_images(images)
    {
    }

    /// Reads the report; lists at most `set_aside_shown` of the newest set-aside events.
    AdminReport report(int set_aside_shown) const;

    /// True when there is a hub to sync with (the upload thread runs).
    bool can_sync() const { return m_uploader != nullptr; }
    /// Uploads what waits now instead of at the next flush.
    void sync_now();
    /// True when updates are on (the update thread runs).
    bool can_check_updates() const { return m_updater != nullptr; }
    /// Checks for published updates now instead of at the next interval.
    void check_updates_now();

private:
    Outbox* m_outbox = nullptr;
    Uploader* m_uploader = nullptr;
    Updater* m_updater = nullptr;
    const KioskProblems* m_problems = nullptr;
    std::string_view m_kiosk_key;
    const ImageTextures* m_images = nullptr;
};

}  // namespace lotsen::kiosk
