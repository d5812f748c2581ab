// idle_bench.cpp — idle CPU, wakeups and memory of the real kiosk. The kiosk runs windowed under an
// SDL video driver that needs no display (dummy by default), so its own main loop — not the headless
// renderer — is what is measured. Warm-up waits until start-up work (catalogue import, font atlas,
// first frames) is over: at least --warmup seconds, then until a whole second passes nearly idle.
#include "tests/bench/idle_bench.hpp"

#include "tests/bench/process.hpp"
#include "core/base/file.hpp"
#include "tests/common/files.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr double k_idle_cpu_budget_pct = 0.05;      // docs/performance.md, the budgets
constexpr double k_idle_wakeups_budget_per_s = 2.0;
constexpr double k_settled_cpu_fraction = 0.10;      // a warm-up second below this counts as settled
constexpr double k_max_warmup_seconds = 30.0;        // measure anyway after this, warm-up reported
constexpr auto k_stop_grace = std::chrono::seconds(5);  // the loop notices a stop within about 1 s

double seconds_between(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

/// The last lines the kiosk wrote, to explain why it ended.
std::string log_tail(const std::string& log_path)
{
    std::ifstream file(log_path);
    std::ostringstream text;
    text << file.rdbuf();
    std::string log = text.str();
    constexpr std::size_t k_max = 800;
    if (log.size() > k_max)
        log = "..." + log.substr(log.size() - k_max);
    while (!log.empty() && log.back() == '\n')
        log.pop_back();
    return log.empty() ? "it wrote nothing" : "its output: " + log;
}

Error died_early(ChildProcess& kiosk, const std::string& when, const std::string& log_path)
{
    return Error{"lotsen " + describe_wait_status(*kiosk.poll_exit()) + " " + when + "; " + log_tail(log_path)};
}

/// Sleeps until `until`, waking four times a second to notice a kiosk that ended or an interrupt.
Result<void> watch_until(const BenchContext& context, ChildProcess& kiosk, Clock::time_point until,
                         const std::string& when, const std::string& log_path)
{
    while (Clock::now() < until) {
        if (kiosk.poll_exit())
            return died_early(kiosk, when, log_path);
        if (context.interrupted && context.interrupted->load())
            return Error{"interrupted " + when};
        std::this_thread::sleep_until(std::min(until, Clock::now() + std::chrono::milliseconds(250)));
    }
    if (kiosk.poll_exit())
        return died_early(kiosk, when, log_path);
    return success();
}

Result<void> measure_running_kiosk(const BenchContext& context, ChildProcess& kiosk, const std::string& log_path,
                                   Report& report)
{
    // Warm-up: at least the minimum, then until one whole second used little CPU.
    const Clock::time_point started = Clock::now();
    LOTSEN_TRY(watch_until(context, kiosk, started + std::chrono::duration_cast<Clock::duration>(
                                                         std::chrono::duration<double>(context.min_warmup_seconds)),
                           "during warm-up", log_path));
    for (;;) {
        auto before = sample_cpu(kiosk.pid());
        if (!before)
            return before.error();
        const Clock::time_point second_start = Clock::now();
        LOTSEN_TRY(watch_until(context, kiosk, second_start + std::chrono::seconds(1), "during warm-up", log_path));
        auto after = sample_cpu(kiosk.pid());
        if (!after)
            return after.error();
        const double fraction = (after.value().cpu_seconds - before.value().cpu_seconds) /
                                seconds_between(second_start, Clock::now());
        if (fraction <= k_settled_cpu_fraction || seconds_between(started, Clock::now()) >= k_max_warmup_seconds)
            break;
    }
    const double warmup_seconds = seconds_between(started, Clock::now());

    std::fprintf(stderr, "lotsen-bench: idle: warmed up in %.1f s, measuring %.0f s without input...\n",
                 warmup_seconds, context.seconds);
    auto first = sample_cpu(kiosk.pid());
    if (!first)
        return first.error();
    const Clock::time_point window_start = Clock::now();
    LOTSEN_TRY(watch_until(context, kiosk, window_start + std::chrono::duration_cast<Clock::duration>(
                                                              std::chrono::duration<double>(context.seconds)),
                           "during the measurement", log_path));
    auto last = sample_cpu(kiosk.pid());
    if (!last)
        return last.error();
    const double window_seconds = seconds_between(window_start, Clock::now());
    auto memory = sample_memory(kiosk.pid());
    if (!memory)
        return memory.error();

    const double cpu_pct = 100.0 * (last.value().cpu_seconds - first.value().cpu_seconds) / window_seconds;
    const double wakeups_per_s =
        static_cast<double>(last.value().voluntary_switches - first.value().voluntary_switches) / window_seconds;
    report.add_figure("idle_seconds", window_seconds, 1, "idle: measured for, s");
    report.add_figure("idle_warmup_s", warmup_seconds, 1, "idle: warm-up before, s");
    report.add_figure("idle_cpu_pct", cpu_pct, 3, "idle CPU, % of one core",
                      Budget{"idle_cpu_budget_pct", k_idle_cpu_budget_pct});
    report.add_figure("idle_wakeups_per_s", wakeups_per_s, 1, "idle wakeups, per s",
                      Budget{"idle_wakeups_budget_per_s", k_idle_wakeups_budget_per_s});
    report.add_figure("idle_rss_mib", memory.value().rss_kib / 1024.0, 1, "idle resident memory (RSS), MiB");
    report.add_figure("idle_pss_mib", memory.value().pss_kib / 1024.0, 1, "idle proportional memory (PSS), MiB");
    return success();
}

}  // namespace

Result<void> measure_idle(const BenchContext& context, Report& report)
{
    const std::string catalogue = context.source_dir + "/assets/demo/catalogue.json";
    if (!std::filesystem::is_regular_file(catalogue))
        return Error{"the demo catalogue is missing: " + catalogue};
    lotsen::testing::TempDir temp("lotsen-bench");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-XXXXXX: " + errno_text()};
    const std::string data_dir = temp.str() + "/data";
    const std::string log_path = temp.str() + "/lotsen.log";
    report.add_text("idle_video_driver", context.video_driver);

    auto spawned = ChildProcess::spawn(
        {context.lotsen_path, "--data-dir", data_dir, "--catalogue", catalogue, "--size", "800x480"},
        {{"SDL_VIDEODRIVER", context.video_driver}}, log_path);
    if (!spawned)
        return spawned.error();
    ChildProcess kiosk = std::move(spawned).value();
    std::fprintf(stderr, "lotsen-bench: idle: started lotsen (pid %d) windowed, SDL_VIDEODRIVER=%s\n",
                 static_cast<int>(kiosk.pid()), context.video_driver.c_str());

    const auto measured = measure_running_kiosk(context, kiosk, log_path, report);
    if (kiosk.poll_exit() && !measured)
        return measured;  // it already ended; measured says how
    // The kiosk ends on SIGTERM (systemd's stop) with status 0; anything else is a failure too.
    auto stopped = kiosk.terminate(k_stop_grace);
    if (!measured)
        return measured;
    if (!stopped)
        return Error{"lotsen: " + stopped.error().text() + "; " + log_tail(log_path)};
    if (!WIFEXITED(stopped.value()) || WEXITSTATUS(stopped.value()) != 0)
        return Error{"lotsen " + describe_wait_status(stopped.value()) + " on SIGTERM instead of exiting cleanly; " +
                     log_tail(log_path)};
    return success();
}

}  // namespace lotsen::bench
