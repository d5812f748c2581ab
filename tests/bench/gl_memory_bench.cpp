// gl_memory_bench.cpp — see gl_memory_bench.hpp. Everything runs on one Xvfb display of the kiosk's
// size, one after the other: the real kiosk started twice on the 5,000-activity catalogue (x11, then
// dummy: what the GL stack adds to a start), lotsen-gl-memory on x11 with the random inputs and on
// dummy with none (what it adds after every screen was drawn), then Chromium in a window.
#include "tests/bench/gl_memory_bench.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/bench/process.hpp"
#include "tests/common/files.hpp"
#include "tests/common/notify_socket.hpp"

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Environment = std::vector<std::pair<std::string, std::string>>;

constexpr const char* k_size = "800x480";
constexpr int k_inputs = 3000;
constexpr double k_growth_budget_mib = 1.0;

std::string read_text(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string tail(const std::string& text)
{
    return text.size() > 600 ? "..." + text.substr(text.size() - 600) : text;
}

/// A running Xvfb on the first free display from :90; stopped when this goes.
class XServer {
public:
    static Result<XServer> start(const std::string& log)
    {
        for (int display = 90; display < 190; ++display) {
            const std::string socket = "/tmp/.X11-unix/X" + std::to_string(display);
            if (std::filesystem::exists(socket) || std::filesystem::exists("/tmp/.X" + std::to_string(display) + "-lock"))
                continue;
            auto spawned = ChildProcess::spawn({"/usr/bin/Xvfb", ":" + std::to_string(display), "-screen", "0",
                                                std::string(k_size) + "x24", "-nolisten", "tcp"},
                                               {}, log);
            if (!spawned)
                return spawned.error();
            ChildProcess server = std::move(spawned).value();
            const Clock::time_point deadline = Clock::now() + std::chrono::seconds(10);
            while (Clock::now() < deadline && !server.poll_exit()) {
                if (std::filesystem::exists(socket))
                    return XServer(std::move(server), ":" + std::to_string(display));
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            return Error{"Xvfb :" + std::to_string(display) + " did not come up: " + tail(read_text(log))};
        }
        return Error{"no free X display between :90 and :189"};
    }
    const std::string& display() const { return m_display; }
    void stop() { (void)m_server.terminate(std::chrono::seconds(5)); }

private:
    XServer(ChildProcess server, std::string display) : m_server(std::move(server)), m_display(std::move(display)) {}
    ChildProcess m_server;
    std::string m_display;
};

// The real kiosk started on `data_dir` (importing `catalogue` first when given): its memory 2 s after
// its first frame, as the start-up figures read it.
Result<MemorySample> start_kiosk(const BenchContext& context, const std::string& dir, const std::string& data_dir,
                                 const Environment& environment, const std::string& catalogue)
{
    testing::NotifySocket notify(dir + "/notify");
    if (!notify.bound())
        return Error{"cannot bind a notification socket in " + dir};
    std::vector<std::string> argv = {context.lotsen_path, "--data-dir", data_dir, "--size", k_size};
    if (!catalogue.empty()) {
        argv.push_back("--catalogue");
        argv.push_back(catalogue);
    }
    Environment env = environment;
    env.emplace_back("NOTIFY_SOCKET", notify.path());
    env.emplace_back("LOTSEN_NO_LAUNCH", "1");
    const std::string log = dir + "/lotsen.log";
    auto spawned = ChildProcess::spawn(argv, env, log);
    if (!spawned)
        return spawned.error();
    ChildProcess kiosk = std::move(spawned).value();
    const auto ready = notify.wait_ready(Clock::now() + std::chrono::seconds(120),
                                         [&] { return kiosk.poll_exit().has_value(); });
    if (!ready)
        return Error{"lotsen never said READY=1: " + tail(read_text(log))};
    std::this_thread::sleep_for(std::chrono::seconds(2));
    auto memory = sample_memory(kiosk.pid());
    (void)kiosk.terminate(std::chrono::seconds(5));
    return memory;
}

// lotsen-gl-memory's JSON, run to its end.
Result<nlohmann::json> drive(const BenchContext& context, const std::string& driver, const std::string& dir,
                             const std::string& data_dir, const Environment& environment, int inputs)
{
    const std::string log = dir + "/gl-memory.log";
    auto spawned = ChildProcess::spawn({driver, "--data-dir", data_dir, "--assets-dir", context.source_dir + "/assets",
                                        "--size", k_size, "--inputs", std::to_string(inputs)},
                                       environment, log);
    if (!spawned)
        return spawned.error();
    ChildProcess child = std::move(spawned).value();
    const Clock::time_point deadline = Clock::now() + std::chrono::minutes(60);
    std::optional<int> status;
    while (!(status = child.poll_exit())) {
        if (Clock::now() > deadline)
            return Error{"lotsen-gl-memory did not finish within an hour: " + tail(read_text(log))};
        if (context.interrupted && context.interrupted->load())
            return Error{"interrupted while lotsen-gl-memory ran"};
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    const std::string output = read_text(log);
    if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0)
        return Error{"lotsen-gl-memory " + describe_wait_status(*status) + ": " + tail(output)};
    const std::size_t line = output.rfind("\n{");
    const std::string last = output.substr(line == std::string::npos ? 0 : line + 1);
    nlohmann::json json = nlohmann::json::parse(last.substr(0, last.find('\n')), nullptr, false);
    if (json.is_discarded() || !json.contains("readings"))
        return Error{"lotsen-gl-memory printed no readings: " + tail(output)};
    return json;
}

double mib(const nlohmann::json& readings, const std::string& phase, const char* field)
{
    for (const auto& reading : readings) {
        if (reading.value("phase", "") == phase)
            return reading.value(field, 0.0) / 1024.0;
    }
    return 0.0;
}

}  // namespace

Result<void> measure_gl_memory(const BenchContext& context, Report& report)
{
    const std::string driver = (std::filesystem::path(context.lotsen_path).parent_path() / "lotsen-gl-memory").string();
    std::string missing;
    if (::access("/usr/bin/Xvfb", X_OK) != 0)
        missing = "Xvfb is not installed (apt-get install xvfb)";
    else if (::access(driver.c_str(), X_OK) != 0)
        missing = driver + " is not built (cmake --build build --target lotsen-gl-memory)";
    if (!missing.empty()) {
        std::fprintf(stderr, "lotsen-bench: gl_memory: skipped: %s\n", missing.c_str());
        report.add_text("gl_memory_skipped", missing);
        return success();
    }
    testing::TempDir temp("lotsen-bench-gl");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-gl-XXXXXX: " + errno_text()};
    const std::string dir = temp.str();
    SyntheticSpec spec;  // the start-up figures' and Chromium's 5,000-activity catalogue
    spec.activities = 5'000;
    spec.organisations = 200;
    const std::string catalogue = dir + "/catalogue-5000.json";
    {
        std::ofstream out(catalogue, std::ios::binary);
        out << catalogue_to_json(generate_synthetic_catalogue(spec), false);
        if (!out)
            return Error{"cannot write " + catalogue};
    }
    auto server = XServer::start(dir + "/xvfb.log");
    if (!server)
        return server.error();
    const std::string display = server.value().display();
    const Environment gl = {{"DISPLAY", display}, {"SDL_VIDEODRIVER", "x11"}};
    const Environment dummy = {{"SDL_VIDEODRIVER", "dummy"}};
    const std::string data_dir = dir + "/data";

    auto measured = [&]() -> Result<void> {
        std::fprintf(stderr, "lotsen-bench: gl_memory: on Xvfb %s, %s, 5,000 activities\n", display.c_str(), k_size);
        LOTSEN_TRY(start_kiosk(context, dir, data_dir, gl, catalogue));  // the import, not measured
        const MemorySample on_gl = LOTSEN_TRY(start_kiosk(context, dir, data_dir, gl, ""));
        const MemorySample on_dummy = LOTSEN_TRY(start_kiosk(context, dir, data_dir, dummy, ""));
        report.add_figure("gl_pss_mib_5k", on_gl.pss_kib / 1024.0, 1,
                          "lotsen in an X window (SDL's OpenGL renderer on Mesa), 5,000 activities, PSS after start (MiB)");
        report.add_figure("gl_rss_mib_5k", on_gl.rss_kib / 1024.0, 1, "— the same, RSS (MiB)");
        report.add_figure("gl_dummy_pss_mib_5k", on_dummy.pss_kib / 1024.0, 1,
                          "— the same start on the dummy driver (software renderer), PSS (MiB)");
        report.add_figure("gl_stack_pss_mib", (on_gl.pss_kib - on_dummy.pss_kib) / 1024.0, 1,
                          "what the window and the GL stack add to a start, PSS (MiB)");

        std::fprintf(stderr, "lotsen-bench: gl_memory: every screen, then %d random inputs...\n", k_inputs);
        const nlohmann::json run = LOTSEN_TRY(drive(context, driver, dir, data_dir, gl, k_inputs));
        const nlohmann::json base = LOTSEN_TRY(drive(context, driver, dir, data_dir, dummy, 0));
        const nlohmann::json& readings = run["readings"];
        report.add_text("gl_renderer", run.value("renderer", "") + " / " + run.value("gl_renderer", ""));
        report.add_count("gl_inputs", run.value("inputs", 0));
        report.add_count("gl_screens_seen", run.value("screens_seen", 0));
        for (const char* phase : {"start", "first_pass", "after_inputs", "second_pass"}) {
            report.add_figure(std::string("gl_driver_pss_mib_") + phase, mib(readings, phase, "pss_kib"), 1,
                              std::string("lotsen-gl-memory on GL, PSS at ") + phase + " (MiB)");
            report.add_figure(std::string("gl_driver_heap_mib_") + phase, mib(readings, phase, "heap_in_use_kib"), 1,
                              std::string("— malloc's bytes in use at ") + phase + " (MiB)");
        }
        report.add_figure("gl_driver_pss_anon_mib_first_pass", mib(readings, "first_pass", "pss_anon_kib"), 1,
                          "— anonymous PSS at first_pass (MiB)");
        report.add_figure("gl_driver_pss_anon_mib_second_pass", mib(readings, "second_pass", "pss_anon_kib"), 1,
                          "— anonymous PSS at second_pass (MiB)");
        report.add_figure("gl_driver_pss_file_mib_second_pass", mib(readings, "second_pass", "pss_file_kib"), 1,
                          "— file-backed PSS at second_pass (MiB)");
        report.add_figure("gl_input_growth_mib", mib(readings, "after_inputs", "pss_kib") - mib(readings, "first_pass", "pss_kib"),
                          1, "PSS after the random inputs minus after the first pass (MiB)");
        report.add_figure("gl_growth_mib", mib(readings, "second_pass", "pss_kib") - mib(readings, "first_pass", "pss_kib"), 1,
                          "PSS growth from the first pass to the same pass after the inputs (MiB)",
                          Budget{"gl_growth_budget_mib", k_growth_budget_mib});
        // The same growth of the kiosk's own pages alone: a shared library's PSS moves when other
        // processes map or unmap it, anonymous memory only with what this process holds.
        report.add_figure("gl_anon_growth_mib",
                          mib(readings, "second_pass", "pss_anon_kib") - mib(readings, "first_pass", "pss_anon_kib"), 1,
                          "anonymous PSS growth from the first pass to the same pass after the inputs (MiB)");
        // RSS less anonymous pages: the files' pages (and X's shared memory) this process has touched,
        // which other processes' sharing does not move. A driver older than 2026-12-07 has no
        // anonymous_kib; no figure then rather than a wrong one.
        if (!readings.empty() && readings.front().contains("anonymous_kib")) {
            auto file_rss = [&](const char* phase) { return mib(readings, phase, "rss_kib") - mib(readings, phase, "anonymous_kib"); };
            report.add_figure("gl_file_rss_growth_mib", file_rss("second_pass") - file_rss("first_pass"), 1,
                              "RSS of file-backed pages, the same growth: pages of the program and its libraries first "
                              "touched after the first pass (MiB)");
        }
        report.add_figure("gl_dummy_driver_pss_mib_first_pass", mib(base["readings"], "first_pass", "pss_kib"), 1,
                          "lotsen-gl-memory on the dummy driver, PSS after the first pass (MiB)");
        for (const auto& [group, kib] : run["pss_by_group_kib"].items()) {
            report.add_figure("gl_pss_mib_" + group, kib.get<double>() / 1024.0, 1,
                              "— of the GL start's PSS: " + group + " (MiB)");
        }

        const std::string python = "/usr/bin/python3";
        if (::access("/usr/bin/chromium", X_OK) != 0 || ::access(python.c_str(), X_OK) != 0) {
            std::fprintf(stderr, "lotsen-bench: gl_memory: chromium not installed, no comparison\n");
            return success();
        }
        auto output = run_and_capture({python, context.source_dir + "/tests/bench/chromium_bench.py", "--catalogue",
                                       catalogue, "--chromium", "/usr/bin/chromium", "--size", k_size, "--display", display});
        if (!output)
            return Error{"chromium_bench.py --display: " + output.error().text()};
        std::string text = output.value();
        while (!text.empty() && text.back() == '\n')
            text.pop_back();
        const nlohmann::json json = nlohmann::json::parse(text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1),
                                                          nullptr, false);
        if (json.is_discarded() || !json.contains("chromium_pss_mib"))
            return Error{"chromium_bench.py --display printed no figures: " + tail(text)};
        const double chromium = json["chromium_pss_mib"].get<double>();
        report.add_count("chromium_gl_processes", json.value("chromium_processes", 0));
        report.add_text("chromium_gl_renderer", json.value("chromium_gl_renderer", ""));
        report.add_figure("chromium_gl_pss_mib", chromium, 1,
                          "Chromium in a window on the same display, the 5,000 activities: PSS of all its processes (MiB)");
        if (on_gl.pss_kib > 0)
            report.add_figure("chromium_gl_pss_ratio", chromium / (on_gl.pss_kib / 1024.0), 1,
                              "Chromium's PSS / the kiosk's on the same display (x)");
        return success();
    }();
    server.value().stop();
    return measured;
}

}  // namespace lotsen::bench
