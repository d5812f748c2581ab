// release_launcher.cpp — see release_launcher.hpp. systemd always starts the packaged program; this
// runs before anything else and, when an installed release is current, becomes it (same arguments,
// plus the release's own assets), so a release brings its own code. LOTSEN_NO_LAUNCH=1 turns it off.
#include "kiosk/release_launcher.hpp"

#include "core/base/file.hpp"
#include "core/settings/config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace lotsen::kiosk {

namespace {

// Set for the program the launcher starts, so it does not launch again; holds the release version.
constexpr const char* k_launched_env = "LOTSEN_LAUNCHED_RELEASE";

// A trial's deadline is an alarm set before execv: it survives the exec, so even a release whose code
// never gets as far as checking its deadline (a hang before the first frame, a script) is ended.
extern "C" void on_health_deadline(int)
{
    static const char message[] = "lotsen: this release did not prove its health within [updates] "
                                  "health_check_seconds; exiting so that the previous release comes back\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(3);
}

void arm_health_deadline(std::int64_t deadline)
{
    std::signal(SIGALRM, on_health_deadline);
    const std::int64_t left = deadline - static_cast<std::int64_t>(std::time(nullptr));
    ::alarm(static_cast<unsigned>(std::max<std::int64_t>(left, 1)));
}

std::string real_path(const std::string& path)
{
    char buffer[PATH_MAX];
    return ::realpath(path.c_str(), buffer) ? std::string(buffer) : std::string();
}

// The trial time from the config, best effort: a config this (older) launcher cannot read is the
// release's to report, not a reason to stop launching it.
int health_check_seconds(const LaunchOptions& options, const std::string& data_dir)
{
    KioskConfig config;
    if (options.config_path) {
        auto loaded = load_kiosk_config(*options.config_path);
        if (!loaded)
            return config.health_check_seconds;
        config = std::move(loaded).value();
    }
    auto overlaid = load_with_config_overlay(config, data_dir);
    return overlaid ? overlaid.value().health_check_seconds : config.health_check_seconds;
}

}  // namespace

Launched launch_release(const LaunchOptions& options, const std::string& data_dir, char** argv)
{
    Launched launched;
    ReleaseOptions release_options;
    release_options.health_check_seconds = health_check_seconds(options, data_dir);
    auto opened = ReleaseManager::open(data_dir, release_options);
    if (!opened) {
        std::fprintf(stderr, "lotsen: releases: %s; running this program, without software updates\n",
                     opened.error().text().c_str());
        return launched;
    }
    launched.releases = std::move(opened).value();
    ReleaseManager& releases = *launched.releases;
    if (const char* marker = std::getenv(k_launched_env)) {
        // Started by the launcher, which has made the start-up check and set any deadline alarm.
        launched.version = std::strtoll(marker, nullptr, 10);
        ::unsetenv(k_launched_env);
        const auto trial = releases.trial();
        launched.trial = trial && trial->version == launched.version;
        if (launched.trial)
            std::signal(SIGALRM, on_health_deadline);  // the alarm runs on; say why when it rings
        releases.set_running(launched.version);
        return launched;
    }
    const std::string self = real_path("/proc/self/exe");
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto now = static_cast<std::int64_t>(std::time(nullptr));
        auto decided = releases.on_start(release_clock_now());
        if (!decided) {
            std::fprintf(stderr, "lotsen: releases: %s; running this program\n", decided.error().text().c_str());
            return launched;
        }
        const LaunchDecision& decision = decided.value();
        if (!decision.rolled_back.empty())
            std::fprintf(stderr, "lotsen: rolled back: %s; it is never tried again\n", decision.rolled_back.c_str());
        if (!decision.version)
            return launched;  // no release is current: the packaged program, this one
        const std::string label = std::to_string(*decision.version) + " " + decision.name;
        if (decision.trial)
            std::fprintf(stderr, "lotsen: release %s is on trial: it has %d s to prove its health\n", label.c_str(),
                         release_options.health_check_seconds);
        if (real_path(decision.program) == self) {  // started as the release itself (e.g. releases/current/bin/lotsen)
            launched.version = decision.version;
            launched.trial = decision.trial;
            if (decision.trial)
                arm_health_deadline(decision.deadline);
            releases.set_running(launched.version);
            return launched;
        }
        std::vector<std::string> args;
        args.push_back(decision.program);
        for (char** arg = argv + 1; *arg; ++arg)
            args.emplace_back(*arg);
        if (!options.assets_dir_given && std::filesystem::is_directory(decision.release_dir + "/share/lotsen")) {
            args.emplace_back("--assets-dir");
            args.push_back(decision.release_dir + "/share/lotsen");
        }
        std::vector<char*> c_args;
        for (std::string& arg : args)
            c_args.push_back(arg.data());
        c_args.push_back(nullptr);
        ::setenv(k_launched_env, std::to_string(*decision.version).c_str(), 1);
        if (decision.trial)
            arm_health_deadline(decision.deadline);
        std::fprintf(stderr, "lotsen: starting release %s (%s)\n", label.c_str(), decision.program.c_str());
        std::fflush(nullptr);
        ::execv(decision.program.c_str(), c_args.data());
        // Only on failure: the release cannot run here (wrong architecture, damaged file). Mark it
        // failed, go back to the previous one, and decide again.
        const std::string why = errno_text();
        ::alarm(0);
        ::unsetenv(k_launched_env);
        std::fprintf(stderr, "lotsen: cannot start release %s: %s\n", label.c_str(), why.c_str());
        if (auto recorded = releases.record_failure(*decision.version, "the launcher could not run it: " + why, now); !recorded)
            std::fprintf(stderr, "lotsen: releases: %s\n", recorded.error().text().c_str());
    }
    return launched;
}

ReleaseHooks release_hooks(const Launched& launched)
{
    ReleaseHooks hooks;
    if (!launched.releases)
        return hooks;
    ReleaseManager* releases = launched.releases.get();
    hooks.report = [releases] { return releases->report(); };
    if (launched.trial) {
        const std::int64_t version = *launched.version;
        hooks.on_healthy = [releases, version] {
            auto confirmed = releases->confirm_healthy(version, release_clock_now());
            if (!confirmed) {
                std::fprintf(stderr, "lotsen: %s\n", confirmed.error().text().c_str());
                return;  // the deadline alarm ends this process
            }
            ::alarm(0);
            std::fprintf(stderr, "lotsen: release %lld proved its health; its trial is over\n",
                         static_cast<long long>(version));
        };
    }
    return hooks;
}

}  // namespace lotsen::kiosk
