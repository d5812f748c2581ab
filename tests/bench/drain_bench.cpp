// drain_bench.cpp — see drain_bench.hpp. Everything is the shipped code path: the outbox with
// synchronous=FULL, the Uploader with its gzip and signatures, and the hub as its own process, so the
// figures include every fsync on both sides. Only the uploader's waits are shortened (flush at
// once, no heartbeats): the figure is the pipeline's throughput, not its patience.
#include "tests/bench/drain_bench.hpp"

#include "core/time/civil_time.hpp"
#include "core/outbox/outbox.hpp"
#include "tests/bench/process.hpp"
#include "core/wire/protocol.hpp"
#include "core/upload/uploader.hpp"

#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace lotsen::bench {

namespace {

constexpr int k_events = 10'000;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Drained {
    double append_seconds = 0.0;
    double drain_seconds = 0.0;
};

// One outbox of k_events check-ins drained to a fresh hub in batches of `batch_events`.
Result<Drained> fill_and_drain(const BenchContext& context, const std::string& hub_program, const fs::path& root,
                               std::size_t batch_events)
{
    const fs::path hub_dir = root / "hub";
    const fs::path kiosk_dir = root / "kiosk";
    fs::create_directories(hub_dir);
    fs::create_directories(kiosk_dir);

    // A hub is made only by `init` (the other commands refuse a directory without hub.db).
    if (auto made = run_and_capture({hub_program, "init", "--data-dir", hub_dir.string()}); !made)
        return Error{"lotsen-hub init: " + made.error().text()};
    auto keys = protocol::load_or_create_key_pair((kiosk_dir / "kiosk.key").string());
    if (!keys)
        return keys.error();
    auto enrolled = run_and_capture({hub_program, "enroll", "--data-dir", hub_dir.string(), "--site", "Bench",
                                     protocol::to_base64(keys.value().public_key)});
    if (!enrolled)
        return Error{"lotsen-hub enroll: " + enrolled.error().text()};
    const fs::path log_path = root / "hub.log";
    auto hub = ChildProcess::spawn({hub_program, "serve", "--data-dir", hub_dir.string(), "--listen", "127.0.0.1:0"}, {},
                                   log_path.string());
    if (!hub)
        return hub.error();
    auto port = wait_for_hub_port(log_path.string(), hub.value());
    if (!port)
        return port.error();

    OutboxOptions log_options;
    log_options.min_checkin_gap_seconds = 0;
    const std::string outbox_path = (kiosk_dir / "outbox.db").string();
    auto log = Outbox::open(outbox_path, log_options);
    if (!log)
        return log.error();
    Drained drained;
    const auto append_start = Clock::now();
    const UnixSeconds now = unix_now();
    for (int i = 0; i < k_events; ++i) {
        CheckIn checkin;
        checkin.activity_id = "aktivitet-" + std::to_string(i % 500);
        checkin.organisation_id = "forening-" + std::to_string(i % 40);
        checkin.first_visit = i % 3 == 0;
        checkin.mood = static_cast<Mood>(i % 4);
        if (auto recorded = log.value()->record_checkin(checkin, now, ClockSync::synchronised); !recorded)
            return recorded.error();
    }
    drained.append_seconds = seconds_since(append_start);

    UploaderOptions options;
    options.url = "http://127.0.0.1:" + std::to_string(port.value());
    options.outbox_path = outbox_path;
    options.data_dir = kiosk_dir.string();
    options.batch_events = batch_events;
    options.flush_events = 1;
    options.flush_interval = std::chrono::milliseconds(10);
    options.heartbeat_interval = std::chrono::milliseconds(0);
    auto uploader = Uploader::create(options, keys.value());
    if (!uploader)
        return uploader.error();
    const auto drain_start = Clock::now();
    uploader.value()->start();
    // Waited for in slices, so that Ctrl+C (or SIGTERM) of lotsen-bench ends a long drain too.
    bool idle = false;
    while (!idle && seconds_since(drain_start) < 600.0
           && !(context.interrupted != nullptr && context.interrupted->load()))
        idle = uploader.value()->wait_until_idle(std::chrono::seconds(1));
    drained.drain_seconds = seconds_since(drain_start);
    const UploaderStatus status = uploader.value()->status();
    uploader.value()->stop();
    (void)hub.value().terminate(std::chrono::seconds(5));
    if (!idle)
        return Error{"the outbox did not drain (interrupted, or not within 10 minutes): " + status.last_error};
    auto left = log.value()->pending_count();
    if (!left || left.value() != 0)
        return Error{"events were left in the outbox after draining"};
    return drained;
}

}  // namespace

Result<void> measure_drain(const BenchContext& context, Report& report)
{
    if (sodium_init() < 0)
        return Error{"libsodium cannot start"};
    const std::string hub_program = (fs::path(context.lotsen_path).parent_path() / "lotsen-hub").string();
    if (::access(hub_program.c_str(), X_OK) != 0)
        return Error{"lotsen-hub not found at " + hub_program};
    const fs::path root = fs::temp_directory_path() / ("lotsen-bench-drain-" + std::to_string(::getpid()));
    fs::remove_all(root);

    auto batched = fill_and_drain(context, hub_program, root / "batched", 500);
    if (!batched) {
        fs::remove_all(root);
        return batched.error();
    }
    auto single = fill_and_drain(context, hub_program, root / "single", 1);
    fs::remove_all(root);
    if (!single)
        return single.error();

    report.add_figure("outbox_appends_per_s", k_events / batched.value().append_seconds, 0,
                      "outbox: durable appends per second (synchronous=FULL)");
    report.add_figure("drain_10k_s", batched.value().drain_seconds, 3, "drain 10,000 events to the hub, batches of 500 (s)",
                      Budget{"drain_10k_budget_s", 0.5});
    report.add_figure("drain_10k_single_s", single.value().drain_seconds, 3, "drain 10,000 events, one per request (s)");
    report.add_figure("drain_speedup_vs_single", single.value().drain_seconds / batched.value().drain_seconds, 1,
                      "batched drain speed-up over one event per request (x)", Budget{"drain_speedup_budget", 50.0, true});
    return success();
}

}  // namespace lotsen::bench
