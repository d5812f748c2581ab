// main.cpp — the `lotsen` command line: parses options, then runs the kiosk in a window or renders
// the headless tour.
#include "kiosk/app.hpp"
#include "core/settings/config.hpp"
#include "kiosk/headless.hpp"
#include "core/wire/protocol.hpp"
#include "core/release/release_manager.hpp"
#include "core/update/updater.hpp"
#include "kiosk/windowed.hpp"

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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* k_usage = R"(Usage: lotsen [OPTIONS]

Lotsen — a touchscreen kiosk that helps visitors find an activity in association life.

Options:
  --config FILE      kiosk configuration (TOML); defaults are used without it
  --data-dir DIR     where the kiosk keeps its database (default: $XDG_STATE_HOME/lotsen or
                     ~/.local/state/lotsen)
  --catalogue FILE   import this catalogue (JSON, or CSV by extension) at start; a file with
                     problems is reported and the previous catalogue stays
  --assets-dir DIR   string tables and other assets (default: )" LOTSEN_DEFAULT_ASSETS_DIR R"()
  --size WxH         window size, e.g. 800x480 (windowed: also turns fullscreen off)
  --headless         render without a display (needs --tour)
  --tour DIR         with --headless: write a PNG of every screen in every language into DIR
  --lang L           with --tour: only this language (may be repeated)
  --kiosk-key        print this kiosk's public key (base64; for lotsen-hub enroll) and exit,
                     creating the key pair in the data directory if there is none
  --version          print the version and exit
  --help             print this help and exit
)";

struct CommandLine {
    std::optional<std::string> config_path;
    std::optional<std::string> data_dir;
    std::optional<std::string> catalogue;
    std::string assets_dir = LOTSEN_DEFAULT_ASSETS_DIR;
    bool assets_dir_given = false;
    std::optional<std::pair<int, int>> size;
    bool headless = false;
    bool kiosk_key = false;
    std::optional<std::string> tour_dir;
    std::vector<std::string> languages;
};

std::string default_data_dir()
{
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
        return std::string(state) + "/lotsen";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/state/lotsen";
    return "lotsen-data";
}

int fail(const std::string& message)
{
    std::fprintf(stderr, "lotsen: %s\n", message.c_str());
    return 2;
}

// ---- The release launcher (docs/updates.md, "Software releases") -------------------------------
// systemd always starts the packaged program. Before anything else it asks the ReleaseManager which
// release is current — rolling back a release on trial that already started without proving its
// health — and, when that is an installed release, becomes it with execv (same arguments, plus the
// release's own assets), so a release brings its own code. LOTSEN_NO_LAUNCH=1 turns this off.

// Set for the program the launcher starts, so it does not launch again; holds the release version.
constexpr const char* k_launched_env = "LOTSEN_LAUNCHED_RELEASE";

struct Launched {
    std::unique_ptr<lotsen::ReleaseManager> releases;  ///< null: releases could not be opened
    std::optional<std::int64_t> version;               ///< the release this process is; nullopt = packaged
    bool trial = false;                                ///< it must prove its health (confirm_healthy)
};

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
int health_check_seconds(const CommandLine& cli, const std::string& data_dir)
{
    lotsen::KioskConfig config;
    if (cli.config_path) {
        auto loaded = lotsen::load_kiosk_config(*cli.config_path);
        if (!loaded)
            return config.health_check_seconds;
        config = std::move(loaded).value();
    }
    auto overlaid = lotsen::load_with_config_overlay(config, data_dir);
    return overlaid ? overlaid.value().health_check_seconds : config.health_check_seconds;
}

// Returns what this process is; does not return when it execs a release.
Launched launch_release(const CommandLine& cli, const std::string& data_dir, char** argv)
{
    Launched launched;
    lotsen::ReleaseOptions release_options;
    release_options.health_check_seconds = health_check_seconds(cli, data_dir);
    auto opened = lotsen::ReleaseManager::open(data_dir, release_options);
    if (!opened) {
        std::fprintf(stderr, "lotsen: releases: %s; running this program, without software updates\n",
                     opened.error().text().c_str());
        return launched;
    }
    launched.releases = std::move(opened).value();
    lotsen::ReleaseManager& releases = *launched.releases;
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
        auto decided = releases.on_start(now);
        if (!decided) {
            std::fprintf(stderr, "lotsen: releases: %s; running this program\n", decided.error().text().c_str());
            return launched;
        }
        const lotsen::LaunchDecision& decision = decided.value();
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
        if (!cli.assets_dir_given && std::filesystem::is_directory(decision.release_dir + "/share/lotsen")) {
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
        const std::string why = std::strerror(errno);
        ::alarm(0);
        ::unsetenv(k_launched_env);
        std::fprintf(stderr, "lotsen: cannot start release %s: %s\n", label.c_str(), why.c_str());
        if (auto recorded = releases.record_failure(*decision.version, "the launcher could not run it: " + why, now); !recorded)
            std::fprintf(stderr, "lotsen: releases: %s\n", recorded.error().text().c_str());
    }
    return launched;
}

}  // namespace

int main(int argc, char** argv)
{
    CommandLine cli;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(k_usage, stdout);
            return 0;
        }
        if (arg == "--version") {
            std::printf("lotsen %s\n", LOTSEN_VERSION);
            return 0;
        }
        if (arg == "--headless") {
            cli.headless = true;
            continue;
        }
        if (arg == "--kiosk-key") {
            cli.kiosk_key = true;
            continue;
        }
        const bool takes_value = arg == "--config" || arg == "--data-dir" || arg == "--catalogue" ||
                                 arg == "--assets-dir" || arg == "--tour" || arg == "--lang" || arg == "--size";
        if (!takes_value)
            return fail("unknown option " + std::string(arg) + " (see --help)");
        if (i + 1 >= argc)
            return fail(std::string(arg) + " needs a value (see --help)");
        const std::string value = argv[++i];
        if (arg == "--config")
            cli.config_path = value;
        else if (arg == "--data-dir")
            cli.data_dir = value;
        else if (arg == "--catalogue")
            cli.catalogue = value;
        else if (arg == "--assets-dir") {
            cli.assets_dir = value;
            cli.assets_dir_given = true;
        }
        else if (arg == "--tour")
            cli.tour_dir = value;
        else if (arg == "--lang")
            cli.languages.push_back(value);
        else {
            auto size = lotsen::parse_screen_size(value);
            if (!size)
                return fail(size.error().text());
            cli.size = size.value();
        }
    }

    // The launcher (above): not for --kiosk-key or the headless tour, which run as the program they
    // were started as and must not count as a release's start.
    Launched launched;
    if (!cli.kiosk_key && !cli.headless && !std::getenv("LOTSEN_NO_LAUNCH"))
        launched = launch_release(cli, cli.data_dir.value_or(default_data_dir()), argv);

    lotsen::kiosk::KioskOptions options;
    if (cli.config_path) {
        auto config = lotsen::load_kiosk_config(*cli.config_path);
        if (!config)
            return fail(config.error().text());
        options.config = config.value();
    }
    if (cli.size) {
        options.config.screen_width = cli.size->first;
        options.config.screen_height = cli.size->second;
        options.config.fullscreen = false;
    }
    options.data_dir = cli.data_dir.value_or(default_data_dir());
    // The region's published config (DATA_DIR/updates/config.toml) is read over the local file here,
    // so its [screen] sizes the window too; the app keeps the local one to read later ones over.
    options.local_config = options.config;
    if (auto overlaid = lotsen::load_with_config_overlay(options.config, options.data_dir)) {
        options.config = std::move(overlaid).value();
        if (cli.size) {
            options.config.screen_width = cli.size->first;  // the command line still wins
            options.config.screen_height = cli.size->second;
            options.config.fullscreen = false;
        }
    } else {
        std::fprintf(stderr, "lotsen: %s; the local configuration is used\n", overlaid.error().text().c_str());
    }

    if (cli.kiosk_key) {
        std::error_code ec;
        std::filesystem::create_directories(options.data_dir, ec);
        if (ec)
            return fail(options.data_dir + ": cannot create data directory: " + ec.message());
        auto keys = lotsen::protocol::load_or_create_key_pair(options.data_dir + "/kiosk.key");
        if (!keys)
            return fail(keys.error().text());
        std::printf("%s\n", lotsen::protocol::to_base64(keys.value().public_key).c_str());
        return 0;
    }
    options.catalogue_path = cli.catalogue;
    options.assets_dir = cli.assets_dir;

    if (cli.headless != cli.tour_dir.has_value())
        return fail("--headless and --tour DIR go together (see --help)");
    if (!cli.languages.empty() && !cli.tour_dir)
        return fail("--lang is for the headless tour (the kiosk starts in its default language)");
    for (const std::string& language : cli.languages) {
        if (std::find(options.config.languages.begin(), options.config.languages.end(), language) ==
            options.config.languages.end())
            return fail("--lang " + language + ": not one of this kiosk's languages (kiosk.languages in the config)");
    }

    if (cli.headless) {
        lotsen::kiosk::TourOptions tour;
        tour.out_dir = *cli.tour_dir;
        tour.languages = cli.languages;
        auto written = lotsen::kiosk::render_tour(options, tour);
        if (!written)
            return fail(written.error().text());
        for (const std::string& path : written.value())
            std::printf("%s\n", path.c_str());
        std::fprintf(stderr, "lotsen: headless tour: %zu PNG file(s) in %s\n", written.value().size(),
                     tour.out_dir.c_str());
        return 0;
    }
    // A release on trial confirms its health from the main loop; the heartbeat reports the releases.
    options.releases = launched.releases.get();
    lotsen::kiosk::ReleaseHooks release_hooks;
    if (launched.releases) {
        lotsen::ReleaseManager* releases = launched.releases.get();
        release_hooks.report = [releases] { return releases->report(); };
        if (launched.trial) {
            const std::int64_t version = *launched.version;
            release_hooks.on_healthy = [releases, version] {
                auto confirmed = releases->confirm_healthy(version, static_cast<std::int64_t>(std::time(nullptr)));
                if (!confirmed) {
                    std::fprintf(stderr, "lotsen: %s\n", confirmed.error().text().c_str());
                    return;  // the deadline alarm ends this process
                }
                ::alarm(0);
                std::fprintf(stderr, "lotsen: release %lld proved its health; its trial is over\n",
                             static_cast<long long>(version));
            };
        }
    }
    return lotsen::kiosk::run_windowed(options, release_hooks);
}
