// startup_bench.cpp — see startup_bench.hpp. "First frame" is the moment the kiosk tells systemd it
// is ready, which it does right after its first SDL_RenderPresent (kiosk/windowed.cpp): the same
// signal the service manager waits for, so what is measured is what a Pi's boot waits for. The
// clock starts before posix_spawn, so process start and dynamic linking count too. The kiosk runs
// windowed under SDL's dummy video driver with its software renderer, as in the idle figures.
#include "tests/bench/startup_bench.hpp"

#include "tests/common/notify_socket.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "tests/bench/process.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/common/test_images.hpp"
#include "core/base/file.hpp"
#include "tests/common/files.hpp"

#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;
using testing::NotifySocket;
constexpr auto k_settle = std::chrono::seconds(2);
constexpr auto k_ready_timeout = std::chrono::seconds(60);

struct StartFigures {
    double first_frame_ms = 0.0;
    double rss_mib = 0.0;
    double pss_mib = 0.0;
};

std::string read_log(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    return text.size() > 600 ? text.substr(text.size() - 600) : text;
}

// One start of the kiosk; `catalogue` non-empty imports it first.
Result<StartFigures> start_once(const BenchContext& context, const std::string& dir, const std::string& data_dir,
                                const std::string& size, const std::string& catalogue)
{
    NotifySocket notify(dir + "/notify");
    if (!notify.bound())
        return Error{"cannot bind a notification socket in " + dir};
    std::vector<std::string> argv = {context.lotsen_path, "--data-dir", data_dir, "--size", size};
    if (!catalogue.empty()) {
        argv.push_back("--catalogue");
        argv.push_back(catalogue);
    }
    const std::string log = dir + "/lotsen.log";
    const Clock::time_point start = Clock::now();
    auto spawned = ChildProcess::spawn(
        argv, {{"SDL_VIDEODRIVER", context.video_driver}, {"NOTIFY_SOCKET", notify.path()}, {"LOTSEN_NO_LAUNCH", "1"}}, log);
    if (!spawned)
        return spawned.error();
    ChildProcess kiosk = std::move(spawned).value();
    const auto ready = notify.wait_ready(start + k_ready_timeout, [&] { return kiosk.poll_exit().has_value(); });
    if (!ready)
        return Error{"lotsen never said READY=1 (size " + size + "): " + read_log(log)};
    StartFigures figures;
    figures.first_frame_ms = std::chrono::duration<double, std::milli>(*ready - start).count();
    std::this_thread::sleep_for(k_settle);
    auto memory = sample_memory(kiosk.pid());
    if (!memory)
        return memory.error();
    figures.rss_mib = memory.value().rss_kib / 1024.0;
    figures.pss_mib = memory.value().pss_kib / 1024.0;
    (void)kiosk.terminate(std::chrono::seconds(5));
    return figures;
}

// With `images`, every activity names a picture of its own (a 320 x 240 PNG) beside the catalogue.
Result<std::string> write_catalogue(const std::string& dir, int activities, bool images = false)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = std::max(40, activities / 25);  // 200 for 5,000, as chromium_bench.cpp uses
    Catalogue catalogue = generate_synthetic_catalogue(spec);
    const std::string path = dir + "/catalogue-" + std::to_string(activities) + (images ? "-images" : "") + ".json";
    if (images) {
        std::filesystem::create_directories(dir + "/images");
        for (std::size_t i = 0; i < catalogue.activities.size(); ++i) {
            const std::string name = "images/a" + std::to_string(i) + ".png";
            std::ofstream picture(dir + "/" + name, std::ios::binary);
            picture << lotsen::testing::make_png(320, 240, static_cast<std::uint8_t>(i * 7), static_cast<std::uint8_t>(i * 13),
                                                 static_cast<std::uint8_t>(i * 29), static_cast<std::uint8_t>(i / 256));
            catalogue.activities[i].image = ImageRef{name, {}, 0, 0, 0, {}};
        }
    }
    std::ofstream out(path, std::ios::binary);
    out << catalogue_to_json(catalogue, false);
    if (!out)
        return Error{"cannot write " + path};
    return path;
}

}  // namespace

Result<void> measure_startup(const BenchContext& context, Report& report)
{
    lotsen::testing::TempDir temp("lotsen-bench");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-XXXXXX: " + errno_text()};
    const std::string dir = temp.str();
    auto five = write_catalogue(dir, 5'000);
    if (!five)
        return five.error();
    auto ten = write_catalogue(dir, 10'000);
    if (!ten)
        return ten.error();
    auto pictured = write_catalogue(dir, 5'000, true);
    if (!pictured)
        return pictured.error();
    const struct {
        const char* name;
        std::string path;
    } catalogues[] = {{"demo", context.source_dir + "/assets/demo/catalogue.json"},
                      {"5k", five.value()},
                      {"10k", ten.value()},
                      {"5k_images", pictured.value()}};

    for (const auto& catalogue : catalogues) {
        const std::string data_dir = dir + "/data-" + catalogue.name;
        // The import start: what a kiosk's first boot with a new catalogue costs.
        auto imported = start_once(context, dir, data_dir, "800x480", catalogue.path);
        if (!imported)
            return imported.error();
        if (std::string(catalogue.name) == "5k")
            report.add_figure("first_frame_import_ms_5k", imported.value().first_frame_ms, 0,
                              "start to first frame, importing 5,000 activities first (ms)");
        for (const char* size : {"800x480", "1920x1080"}) {
            auto figures = start_once(context, dir, data_dir, size, "");
            if (!figures)
                return figures.error();
            const std::string suffix = std::string(catalogue.name) + (std::string(size) == "800x480" ? "" : "_1920x1080");
            const std::string what = std::string(catalogue.name) + " catalogue at " + size;
            const bool budgeted = std::string(catalogue.name) == "5k" && std::string(size) == "800x480";
            report.add_figure("first_frame_ms_" + suffix, figures.value().first_frame_ms, 0,
                              "start to first frame, " + what + " (ms)",
                              budgeted ? std::optional<Budget>(Budget{"first_frame_budget_ms", 150.0}) : std::nullopt);
            report.add_figure("rss_mib_" + suffix, figures.value().rss_mib, 1, "resident memory (RSS), " + what + " (MiB)",
                              budgeted ? std::optional<Budget>(Budget{"rss_budget_mib", 40.0}) : std::nullopt);
            report.add_figure("pss_mib_" + suffix, figures.value().pss_mib, 1, "proportional memory (PSS), " + what + " (MiB)");
        }
    }
    return success();
}

}  // namespace lotsen::bench
