// import_bench.cpp — see import_bench.hpp. Both figures come from the real kiosk as its own process,
// read from /proc: the 50k import is a first start with --catalogue on what `lotsen-hub generate
// 50000` writes (peak RSS is VmHWM at the first frame, which the import comes before; CPU time is the
// process's own, which the machine's load does not inflate the way it does wall time); the live
// update comes through the whole path a kiosk uses: `lotsen-hub publish` signs, `lotsen-hub serve`
// serves, the kiosk's updater downloads and verifies, and its UI thread applies it while it runs.
#include "tests/bench/import_bench.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/base/file.hpp"
#include "tests/bench/process.hpp"
#include "tests/common/files.hpp"
#include "tests/common/notify_socket.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;
using testing::NotifySocket;
constexpr auto k_settle = std::chrono::seconds(2);
constexpr auto k_ready_timeout = std::chrono::seconds(300);
constexpr auto k_update_timeout = std::chrono::seconds(120);

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string log_tail(const std::string& path)
{
    const std::string text = read_text(path);
    return text.size() > 600 ? text.substr(text.size() - 600) : text;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// A started kiosk that has said READY=1 (its first frame is on screen), with when it said so.
struct Started {
    ChildProcess kiosk;
    double first_frame_ms = 0.0;
};

Result<Started> start_kiosk(const BenchContext& context, NotifySocket& notify, std::vector<std::string> argv,
                            const std::string& log)
{
    argv.insert(argv.begin(), context.lotsen_path);
    const Clock::time_point start = Clock::now();
    auto spawned = ChildProcess::spawn(
        argv, {{"SDL_VIDEODRIVER", context.video_driver}, {"NOTIFY_SOCKET", notify.path()}, {"LOTSEN_NO_LAUNCH", "1"}}, log);
    if (!spawned)
        return spawned.error();
    Started started{std::move(spawned).value(), 0.0};
    const auto ready = notify.wait_ready(start + k_ready_timeout, [&] { return started.kiosk.poll_exit().has_value(); });
    if (!ready)
        return Error{"lotsen never said READY=1: " + log_tail(log)};
    started.first_frame_ms = std::chrono::duration<double, std::milli>(*ready - start).count();
    if (read_text(log).find("was not imported") != std::string::npos)
        return Error{"lotsen did not import the catalogue: " + log_tail(log)};
    return started;
}

Result<void> measure_large_import(const BenchContext& context, const std::string& hub, const fs::path& dir,
                                  Report& report)
{
    const fs::path file = dir / "catalogue-50000.json";
    if (auto generated = run_and_capture({hub, "generate", "50000", file.string()}); !generated)
        return Error{"lotsen-hub generate 50000: " + generated.error().text()};
    std::error_code error;
    const auto bytes = fs::file_size(file, error);
    NotifySocket notify((dir / "notify-import").string());
    if (!notify.bound())
        return Error{"cannot bind a notification socket in " + dir.string()};
    const std::string log = (dir / "import.log").string();
    auto started = start_kiosk(context, notify,
                               {"--data-dir", (dir / "data-50k").string(), "--size", "800x480", "--catalogue", file.string()},
                               log);
    if (!started)
        return started.error();
    auto cpu = sample_cpu(started.value().kiosk.pid());
    auto memory = sample_memory(started.value().kiosk.pid());
    (void)started.value().kiosk.terminate(std::chrono::seconds(5));
    if (!cpu)
        return cpu.error();
    if (!memory)
        return memory.error();
    report.add_figure("import_file_mb_50k", error ? 0.0 : static_cast<double>(bytes) / 1e6, 1,
                      "import 50,000 activities: the file lotsen-hub generate 50000 writes (MB)");
    report.add_figure("import_peak_rss_mib_50k", memory.value().peak_rss_kib / 1024.0, 1,
                      "import 50,000 activities at first start: peak resident memory, VmHWM (MiB)",
                      Budget{"import_peak_rss_budget_mib", 64.0});
    report.add_figure("import_cpu_ms_50k", cpu.value().cpu_seconds * 1000.0, 0,
                      "import 50,000 activities at first start: CPU time to the first frame (ms)",
                      Budget{"import_cpu_budget_ms", 10'000.0});
    report.add_figure("import_ms_50k", started.value().first_frame_ms, 0,
                      "import 50,000 activities at first start: wall time to the first frame (ms)");
    return success();
}

Result<std::string> write_catalogue(const fs::path& dir, int activities, std::uint64_t seed)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = std::max(40, activities / 25);
    spec.seed = seed;
    const std::string path = (dir / ("catalogue-" + std::to_string(activities) + "-" + std::to_string(seed) + ".json")).string();
    std::ofstream out(path, std::ios::binary);
    out << catalogue_to_json(generate_synthetic_catalogue(spec), false);
    if (!out)
        return Error{"cannot write " + path};
    return path;
}

// The catalogue version the kiosk's updater has recorded as applied (0 while none).
std::int64_t applied_catalogue_version(const fs::path& data_dir)
{
    const std::string text = read_text((data_dir / "updates" / "state.json").string());
    const nlohmann::json state = nlohmann::json::parse(text, nullptr, false);
    if (!state.is_object() || !state.contains("catalogue_version") || !state["catalogue_version"].is_number_integer())
        return 0;
    return state["catalogue_version"].get<std::int64_t>();
}

Result<void> measure_live_update(const BenchContext& context, const std::string& hub, const fs::path& dir,
                                 Report& report)
{
    const fs::path hub_dir = dir / "hub";
    const fs::path keys = dir / "keys";
    const fs::path data_dir = dir / "data-update";
    fs::create_directories(data_dir);
    if (auto made = run_and_capture({hub, "init", "--data-dir", hub_dir.string()}); !made)
        return Error{"lotsen-hub init: " + made.error().text()};
    if (auto made = run_and_capture({hub, "keygen", "--out-dir", keys.string()}); !made)
        return Error{"lotsen-hub keygen: " + made.error().text()};
    auto kiosk_key = run_and_capture({context.lotsen_path, "--kiosk-key", "--data-dir", data_dir.string()});
    if (!kiosk_key)
        return Error{"lotsen --kiosk-key: " + kiosk_key.error().text()};
    if (auto enrolled = run_and_capture({hub, "enroll", "--data-dir", hub_dir.string(), "--site", "Bench",
                                         trimmed(kiosk_key.value())});
        !enrolled)
        return Error{"lotsen-hub enroll: " + enrolled.error().text()};
    auto first = write_catalogue(dir, 5'000, 1);
    if (!first)
        return first.error();
    auto second = write_catalogue(dir, 5'000, 2);
    if (!second)
        return second.error();
    if (auto published = run_and_capture({hub, "publish", "catalogue", second.value(), "--data-dir", hub_dir.string(),
                                          "--key", (keys / "publisher.key").string()});
        !published)
        return Error{"lotsen-hub publish: " + published.error().text()};
    const std::string hub_log = (dir / "hub.log").string();
    auto server = ChildProcess::spawn({hub, "serve", "--data-dir", hub_dir.string(), "--listen", "127.0.0.1:0"}, {}, hub_log);
    if (!server)
        return server.error();
    auto port = wait_for_hub_port(hub_log, server.value());
    if (!port)
        return port.error();
    const fs::path config = dir / "update.toml";
    std::ofstream(config) << "[upstream]\nurl = \"http://127.0.0.1:" << port.value() << "\"\npublisher_public_key = \""
                          << trimmed(read_text((keys / "publisher.pub").string())) << "\"\n";

    // The kiosk starts on one catalogue of 5,000 (imported at start) and finds another published.
    NotifySocket notify((dir / "notify-update").string());
    if (!notify.bound())
        return Error{"cannot bind a notification socket in " + dir.string()};
    const std::string log = (dir / "update.log").string();
    auto started = start_kiosk(context, notify,
                               {"--config", config.string(), "--data-dir", data_dir.string(), "--size", "800x480",
                                "--catalogue", first.value()},
                               log);
    if (!started)
        return started.error();
    ChildProcess& kiosk = started.value().kiosk;
    const Clock::time_point deadline = Clock::now() + k_update_timeout;
    while (applied_catalogue_version(data_dir) == 0) {
        if (Clock::now() > deadline || kiosk.poll_exit() || (context.interrupted && context.interrupted->load()))
            return Error{"the kiosk did not apply the published catalogue within 2 minutes: " + log_tail(log)};
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(k_settle);
    auto memory = sample_memory(kiosk.pid());
    (void)kiosk.terminate(std::chrono::seconds(5));
    (void)server.value().terminate(std::chrono::seconds(5));
    if (!memory)
        return memory.error();
    report.add_figure("rss_mib_after_update_5k", memory.value().rss_kib / 1024.0, 1,
                      "resident memory (RSS) after a live update to another 5,000 activities, software renderer (MiB)",
                      Budget{"rss_after_update_budget_mib", 40.0});
    report.add_figure("pss_mib_after_update_5k", memory.value().pss_kib / 1024.0, 1,
                      "proportional memory (PSS) after the same live update (MiB)");
    return success();
}

std::string hub_program(const BenchContext& context)
{
    return (fs::path(context.lotsen_path).parent_path() / "lotsen-hub").string();
}

}  // namespace

Result<void> measure_import(const BenchContext& context, Report& report)
{
    lotsen::testing::TempDir temp("lotsen-bench-import");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-import-XXXXXX: " + errno_text()};
    return measure_large_import(context, hub_program(context), temp.path(), report);
}

Result<void> measure_update(const BenchContext& context, Report& report)
{
    lotsen::testing::TempDir temp("lotsen-bench-update");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-update-XXXXXX: " + errno_text()};
    return measure_live_update(context, hub_program(context), temp.path(), report);
}

}  // namespace lotsen::bench
