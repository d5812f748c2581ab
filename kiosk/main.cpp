// main.cpp — the `lotsen` command line: parses options, lets the release launcher become the current
// release, then runs the kiosk in a window or renders the headless tour.
#include "kiosk/app.hpp"
#include "core/settings/config.hpp"
#include "core/sqlite/sqlite_db.hpp"
#include "kiosk/headless.hpp"
#include "core/wire/protocol.hpp"
#include "kiosk/release_launcher.hpp"
#include "kiosk/windowed.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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
  --larger-text      with --tour: draw every screen in larger text (the A+ toggle); files end
                     in -larger.png
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
    bool larger_text = false;
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

}  // namespace

int main(int argc, char** argv)
{
    // Nothing in the kiosk asks SQLite how much memory it holds; counting it cost a mutex per allocation.
    lotsen::sqlite::stop_counting_memory();
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
        if (arg == "--larger-text") {
            cli.larger_text = true;
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

    // The launcher (release_launcher.hpp): not for --kiosk-key or the headless tour, which run as the
    // program they were started as and must not count as a release's start.
    lotsen::kiosk::Launched launched;
    if (!cli.kiosk_key && !cli.headless && !std::getenv("LOTSEN_NO_LAUNCH"))
        launched = lotsen::kiosk::launch_release({cli.config_path, cli.assets_dir_given},
                                                 cli.data_dir.value_or(default_data_dir()), argv);

    lotsen::kiosk::KioskOptions options;
    options.data_dir = cli.data_dir.value_or(default_data_dir());
    options.font_cache_dir = options.data_dir + "/cache";
    if (cli.headless || cli.kiosk_key) {
        // Tools run by a person, who is told at once: a bad file is an error, as before.
        if (cli.config_path) {
            auto config = lotsen::load_kiosk_config(*cli.config_path);
            if (!config)
                return fail(config.error().text());
            options.config = config.value();
        }
    } else {
        // The kiosk under systemd (Restart=always) never exits for its own config: an exit would be a
        // crash loop. It starts on the last good copy, or out of order, and says why (local_config.hpp).
        lotsen::LocalConfig local = lotsen::load_local_config(cli.config_path, options.data_dir);
        for (const std::string& line : lotsen::describe_config_origin(local.origin))
            std::fprintf(stderr, "lotsen: %s\n", line.c_str());
        options.config = std::move(local.config);
        options.config_origin = std::move(local.origin);
    }
    if (cli.size) {
        options.config.screen_width = cli.size->first;
        options.config.screen_height = cli.size->second;
        options.config.fullscreen = false;
    }
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
    if (cli.larger_text && !cli.tour_dir)
        return fail("--larger-text is for the headless tour (visitors turn it on with A+)");
    for (const std::string& language : cli.languages) {
        if (std::find(options.config.languages.begin(), options.config.languages.end(), language) ==
            options.config.languages.end())
            return fail("--lang " + language + ": not one of this kiosk's languages (kiosk.languages in the config)");
    }

    if (cli.headless) {
        lotsen::kiosk::TourOptions tour;
        tour.out_dir = *cli.tour_dir;
        tour.languages = cli.languages;
        tour.larger_text = cli.larger_text;
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
    return lotsen::kiosk::run_windowed(options, lotsen::kiosk::release_hooks(launched));
}
