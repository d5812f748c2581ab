// release_manager.hpp — the kiosk's installed software releases (docs/updates.md): releases/<version>/
// unpacked bundles under the data directory, a `current` link switched atomically, a trial of each
// new release that must prove its health in time or be rolled back, and a list of failed versions
// that are never tried again.
//
// The state file (DATA_DIR/releases/state.json, replaced atomically) is the truth; the `current` link
// mirrors it for people and tools, and is repaired from it at every start. Every operation takes an
// exclusive lock on DATA_DIR/releases/lock and re-reads the state, so the launcher, the kiosk it
// starts and its update thread never work from a stale copy.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lotsen {

/// How releases are tried and kept.
struct ReleaseOptions {
    int health_check_seconds = 120;  ///< a new release must call confirm_healthy this soon after its start
    std::size_t keep_releases = 3;   ///< unpacked releases kept (current, previous and the newest others)
};

/// A moment by two clocks. The wall clock dates what people read; a trial's deadline is judged by the
/// boot's own clock (CLOCK_BOOTTIME: counts suspend, never stepped by NTP or a person, starts again at
/// each boot) while the boot is the same one, so a clock step during a trial neither ends a healthy
/// release nor lengthens a hung one's (docs/updates.md, "Trial deadlines and clock steps").
struct ReleaseClock {
    std::int64_t wall = 0;        ///< Unix seconds
    std::string boot_id;          ///< the kernel's boot id; empty = unknown, the wall clock decides
    std::int64_t since_boot = 0;  ///< CLOCK_BOOTTIME seconds of that boot
};

/// The system's clocks now (/proc/sys/kernel/random/boot_id and CLOCK_BOOTTIME).
ReleaseClock release_clock_now();

/// What the launcher should run, decided by ReleaseManager::on_start.
struct LaunchDecision {
    std::optional<std::int64_t> version;  ///< nullopt: no release is current, run the packaged program
    std::string name;                     ///< the release's name ("0.2.0"); empty for the packaged one
    std::string release_dir;              ///< DATA_DIR/releases/<version>; empty for the packaged one
    std::string program;                  ///< release_dir + "/bin/lotsen"; empty for the packaged one
    bool trial = false;                   ///< this start is the trial of a new release
    std::int64_t deadline = 0;            ///< trial: Unix seconds by which it must confirm_healthy
    std::string rolled_back;              ///< non-empty: what was rolled back and why, for the log
};

/// A trial in progress.
struct ReleaseTrial {
    std::int64_t version = 0;
    std::int64_t deadline = 0;  ///< Unix seconds; 0 before its first start
};

/// The releases of one kiosk.
class ReleaseManager final {
public:
    /// Opens (creating if needed) DATA_DIR/releases and its state.
    static Result<std::unique_ptr<ReleaseManager>> open(const std::string& data_dir);
    /// The same, with non-default options.
    static Result<std::unique_ptr<ReleaseManager>> open(const std::string& data_dir, ReleaseOptions options);
    ~ReleaseManager();
    ReleaseManager(const ReleaseManager&) = delete;
    ReleaseManager& operator=(const ReleaseManager&) = delete;

    /// True when `version` was tried and failed its health check: it is never installed again.
    bool has_failed(std::int64_t version) const;

    /// Unpacks a verified bundle into releases/<version>/ and switches `current` to it as a trial;
    /// the caller then restarts the kiosk (systemd starts the new version through the launcher).
    /// Refuses a failed version, a bundle whose RELEASE names another release than `name` (when
    /// `name` is not empty), and a new install while another release is still on trial.
    Result<void> install_and_switch(const std::string& bundle_path, std::int64_t version, const std::string& name);
    /// The same at Unix time `now` (tests).
    Result<void> install_and_switch(const std::string& bundle_path, std::int64_t version, const std::string& name,
                                    std::int64_t now);

    /// The start-up check, made by the launcher before it runs anything: a release on trial that
    /// already started once without confirming its health (it crashed, hung, was killed at its
    /// deadline, or the device lost power) is rolled back — `current` goes back to the previous release
    /// (or to the packaged program) and the version joins the failed list. Otherwise a trial's start is
    /// counted and its deadline set. Also rolls back a current release whose program is missing.
    Result<LaunchDecision> on_start(const ReleaseClock& now);
    /// The same with only a wall clock (the deadline is then judged by it alone).
    Result<LaunchDecision> on_start(std::int64_t now) { return on_start(ReleaseClock{now, {}, 0}); }

    /// Ends the trial of `version` (the running kiosk calls it once its store opened, its first frame
    /// was shown and its hub answered, or none is configured) and deletes releases beyond
    /// keep_releases. Nothing to do when `version` is not on trial; refused after the trial's deadline,
    /// judged by the boot clock when `now` is of the boot that started the trial, else by the wall clock.
    Result<void> confirm_healthy(std::int64_t version, const ReleaseClock& now);
    /// The same with only a wall clock.
    Result<void> confirm_healthy(std::int64_t version, std::int64_t now)
    {
        return confirm_healthy(version, ReleaseClock{now, {}, 0});
    }

    /// Marks `version` failed for `reason` (the launcher could not run it); if it is current,
    /// `current` goes back to the previous release.
    Result<void> record_failure(std::int64_t version, const std::string& reason, std::int64_t now);

    /// The trial in progress, if any.
    std::optional<ReleaseTrial> trial() const;

    /// Which release this process runs (nullopt: the packaged program), for report().
    void set_running(std::optional<std::int64_t> version) { m_running = version; }

    /// DATA_DIR/releases.
    const std::string& releases_dir() const { return m_dir; }

    /// What the heartbeat reports.
    struct Report {
        std::vector<std::string> installed;  ///< "version name" of each unpacked release
        std::string running;                 ///< the release this process runs ("" = the packaged one)
        std::vector<std::string> failed;     ///< versions that failed their health check
    };
    Report report() const;

private:
    struct State;
    class Lock;

    ReleaseManager(std::string dir, ReleaseOptions options);
    Result<State> load() const;
    Result<void> save(const State& state) const;
    Result<void> point_current_at(const std::optional<std::int64_t>& version) const;
    void roll_back(State& state, const std::string& reason, std::int64_t now) const;
    void prune(State& state) const;
    std::string release_dir(std::int64_t version) const;

    std::string m_dir;
    ReleaseOptions m_options;
    std::optional<std::int64_t> m_running;
};

}  // namespace lotsen
