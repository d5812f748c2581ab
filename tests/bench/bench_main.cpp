// bench_main.cpp — the `lotsen-bench` command line: runs the measurements of the performance
// budgets against the real `lotsen` next to it and prints one JSON object of figures (stdout), with
// --table also a readable table (stderr). A later figure is one more entry in k_measurements.
#include "tests/bench/chromium_bench.hpp"
#include "tests/bench/drain_bench.hpp"
#include "tests/bench/frame_bench.hpp"
#include "tests/bench/gl_memory_bench.hpp"
#include "tests/bench/hub_bench.hpp"
#include "tests/bench/idle_bench.hpp"
#include "tests/bench/import_bench.hpp"
#include "tests/bench/startup_bench.hpp"
#include "tests/bench/store_bench.hpp"
#include "tests/bench/process.hpp"
#include "tests/bench/report.hpp"

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using lotsen::bench::BenchContext;
using lotsen::bench::Report;

constexpr const char* k_usage = R"(Usage: lotsen-bench [OPTIONS]

Measures the kiosk against its performance budgets (docs/performance.md) and prints one JSON object of figures
on stdout (keys: docs/performance.md). Runs the real `lotsen` found next to this program.

Options:
  --seconds N         length of each measurement window (default 60)
  --warmup N          wait at least N seconds after start before measuring (default 3; then until
                      the kiosk is idle, at most 30 s)
  --video-driver D    SDL_VIDEODRIVER for the windowed kiosk (default dummy: no display needed;
                      x11 under xvfb-run measures SDL's blocking wait instead)
  --lotsen PATH       the kiosk binary to measure (default: lotsen in this program's directory)
  --only NAMES        run only these measurements, comma-separated (startup, chromium, idle, frames, store, import,
                      update, drain, hub; default all of these; gl_memory, which takes minutes and needs Xvfb,
                      only when named)
  --table             also print a readable table, with budgets, on stderr
  --keystrokes        with store: also print each keystroke's search on stderr (the query, its hits,
                      its CPU time in each measured round, after the import and reopened), to see
                      which keys make the p99
  --pi-class          instead of the measurements: start-up (5,000 and 50,000 activities) with the kiosk
                      in a cgroup limited to a quarter of one core, a stand-in for a Raspberry Pi 4's
                      start (needs root and a cgroup cpu controller; otherwise says why and skips)
  --help              print this help and exit

Exit status: 0 measured, 1 a measurement failed (the JSON carries "error"), 2 bad usage.
)";

struct Measurement {
    const char* name;
    lotsen::Result<void> (*run)(const BenchContext&, Report&);
    bool only_when_named = false;  ///< not part of a run without --only
};

// Each measurement adds its own keys; they run in this order and stop at the first failure.
constexpr Measurement k_measurements[] = {
    {"startup", lotsen::bench::measure_startup},
    {"chromium", lotsen::bench::measure_chromium},
    {"idle", lotsen::bench::measure_idle},
    {"frames", lotsen::bench::measure_frames},
    {"store", lotsen::bench::measure_store},
    {"import", lotsen::bench::measure_import},
    {"update", lotsen::bench::measure_update},
    {"drain", lotsen::bench::measure_drain},
    {"hub", lotsen::bench::measure_hub},
    {"gl_memory", lotsen::bench::measure_gl_memory, true},
};

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int)
{
    g_interrupted.store(true);
}

int usage_error(const std::string& message)
{
    std::fprintf(stderr, "lotsen-bench: %s (see --help)\n", message.c_str());
    return 2;
}

bool parse_seconds(std::string_view text, double& out)
{
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !(value >= 0.0) || value > 86400.0)
        return false;
    out = value;
    return true;
}

std::string cpu_model()
{
    // x86 says "model name"; ARM boards (the Raspberry Pi) say "Model" or "Hardware".
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string fallback;
    for (std::string line; std::getline(cpuinfo, line);) {
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        if (name == "model name")
            return value;
        if ((name == "Model" || name == "Hardware") && fallback.empty())
            fallback = value;
    }
    return fallback.empty() ? "unknown" : fallback;
}

// The CPU time of one thread doing the same fixed work in every run and on every build, ms: an
// integer hash chain through a 256 KiB table (the caches as well as the ALU). On a shared virtual
// machine one fixed loop took 686 to 989 ms of CPU time in three runs within a minute: the host's
// other tenants and clocks change what a CPU second does, and CPU-time figures move with it.
// Measured at the start and at the end of a run, it says how fast the machine was meanwhile.
double fixed_work_cpu_ms()
{
    constexpr std::size_t k_slots = 64 * 1024;  // 256 KiB of std::uint32_t
    std::vector<std::uint32_t> table(k_slots);
    for (std::size_t i = 0; i < k_slots; ++i)
        table[i] = static_cast<std::uint32_t>(i * 2654435761u);
    timespec start{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 40'000'000; ++i) {
        state ^= state >> 31;
        state *= 0xBF58476D1CE4E5B9ull;
        const std::size_t slot = static_cast<std::size_t>(state >> 48) % k_slots;
        state += table[slot];
        table[slot] = static_cast<std::uint32_t>(state);
    }
    timespec end{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
    volatile std::uint64_t sink = state;  // the loop's result is used, so it is not optimised away
    (void)sink;
    return static_cast<double>(end.tv_sec - start.tv_sec) * 1e3 + static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e6;
}

void add_fixed_work(lotsen::bench::Report& report, const char* when)
{
    report.add_figure(std::string("fixed_work_cpu_ms_") + when, fixed_work_cpu_ms(), 0,
                      std::string("the same fixed work every run, CPU time at the ") + when
                          + " of this run (ms): the machine's speed, not the kiosk's");
}

}  // namespace

int main(int argc, char** argv)
{
    BenchContext context;
    context.source_dir = LOTSEN_SOURCE_DIR;
    bool table = false;
    bool pi_class = false;  // --pi-class: the Pi-class start-up alone
    std::string lotsen_path;
    std::string only;  // ",idle,drain," when --only was given
    int only_known = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(k_usage, stdout);
            return 0;
        }
        if (arg == "--table") {
            table = true;
            continue;
        }
        if (arg == "--pi-class") {
            pi_class = true;
            continue;
        }
        if (arg == "--keystrokes") {
            context.keystrokes = true;
            continue;
        }
        const bool takes_value = arg == "--seconds" || arg == "--warmup" || arg == "--video-driver" || arg == "--lotsen"
                                 || arg == "--only";
        if (!takes_value)
            return usage_error("unknown option " + std::string(arg));
        if (i + 1 >= argc)
            return usage_error(std::string(arg) + " needs a value");
        const std::string_view value = argv[++i];
        if (arg == "--seconds") {
            if (!parse_seconds(value, context.seconds) || context.seconds <= 0.0)
                return usage_error("--seconds " + std::string(value) + ": not a number of seconds above 0");
        } else if (arg == "--warmup") {
            if (!parse_seconds(value, context.min_warmup_seconds))
                return usage_error("--warmup " + std::string(value) + ": not a number of seconds");
        } else if (arg == "--video-driver") {
            context.video_driver = value;
        } else if (arg == "--only") {
            only = "," + std::string(value) + ",";
            for (const auto& measurement : k_measurements)
                only_known += only.find("," + std::string(measurement.name) + ",") != std::string::npos ? 1 : 0;
            if (only_known == 0)
                return usage_error("--only " + std::string(value) + ": names no measurement");
        } else {
            lotsen_path = value;
        }
    }
    if (lotsen_path.empty()) {
        std::error_code error;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
        if (error) {
            std::fprintf(stderr, "lotsen-bench: cannot find my own directory (/proc/self/exe): %s\n",
                         error.message().c_str());
            return 1;
        }
        lotsen_path = (self.parent_path() / "lotsen").string();
    }
    if (pi_class && !only.empty())
        return usage_error("--pi-class measures start-up alone; it does not go with --only");
    context.lotsen_path = lotsen_path;
    context.interrupted = &g_interrupted;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);

    Report report;
    report.add_text("cpu_model", cpu_model());
    report.add_count("cores", sysconf(_SC_NPROCESSORS_ONLN));

    // `lotsen --version` proves the binary exists and starts before a minute is spent measuring it.
    if (access(lotsen_path.c_str(), X_OK) != 0) {
        report.set_error("lotsen not found or not executable at " + lotsen_path +
                         " (build it first: make build, or cmake --build build --target lotsen)");
    } else if (auto version = lotsen::bench::run_and_capture({lotsen_path, "--version"}); !version) {
        report.set_error("lotsen --version failed: " + version.error().text());
    } else {
        std::string text = version.value();  // "lotsen 0.1.0\n"
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        if (const std::size_t space = text.rfind(' '); space != std::string::npos)
            text = text.substr(space + 1);
        report.add_text("lotsen_version", text);
    }

    if (!report.failed())
        add_fixed_work(report, "start");
    if (pi_class && !report.failed()) {
        if (auto measured = lotsen::bench::measure_pi_class_startup(context, report); !measured)
            report.set_error("pi-class: " + measured.error().text());
    }
    for (const auto& measurement : k_measurements) {
        if (report.failed() || pi_class)
            break;
        if (only.empty() ? measurement.only_when_named
                         : only.find("," + std::string(measurement.name) + ",") == std::string::npos)
            continue;
        if (auto measured = measurement.run(context, report); !measured)
            report.set_error(std::string(measurement.name) + ": " + measured.error().text());
    }

    if (!report.failed())
        add_fixed_work(report, "end");
    std::printf("%s\n", report.to_json().c_str());
    if (table)
        report.print_table(stderr);
    if (report.failed()) {
        if (!table)
            std::fprintf(stderr, "lotsen-bench: %s\n", report.error().c_str());
        return 1;
    }
    return 0;
}
