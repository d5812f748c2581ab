// release_launcher.hpp — the release launcher (docs/updates.md, "Software releases"): before the kiosk
// starts, becomes the current installed release with execv, arming a trial's health deadline as an
// alarm that survives the exec; and the hooks by which the main loop ends a trial.
#pragma once

#include "core/release/release_manager.hpp"
#include "kiosk/windowed.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace lotsen::kiosk {

/// What the launcher needs to know of the command line.
struct LaunchOptions {
    std::optional<std::string> config_path;  ///< --config; its [updates] health_check_seconds is read
    bool assets_dir_given = false;           ///< --assets-dir was given: a release's own assets are not added
};

/// What this process is after launch_release().
struct Launched {
    std::unique_ptr<ReleaseManager> releases;  ///< null: releases could not be opened
    std::optional<std::int64_t> version;       ///< the release this process is; nullopt = packaged
    bool trial = false;                        ///< it must prove its health (confirm_healthy)
};

/// Asks the ReleaseManager which release is current (rolling back a trial that started without
/// proving its health) and execs it with the same arguments; returns what this process is. Does not
/// return when it execs a release.
Launched launch_release(const LaunchOptions& options, const std::string& data_dir, char** argv);

/// The main loop's part in releases: the heartbeat's report and, for a release on trial, the
/// confirmation of its health that also disarms the deadline alarm. Empty without releases.
ReleaseHooks release_hooks(const Launched& launched);

}  // namespace lotsen::kiosk
