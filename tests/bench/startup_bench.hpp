// startup_bench.hpp — start to first frame and memory of the real kiosk with catalogues of
// increasing size, at a small and a large screen.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// For the demo catalogue and synthetic ones of 5,000, 10,000 and 50,000 activities, at 800×480 and
/// 1920×1080: imports the catalogue once, starts `lotsen` once at each size unmeasured (it keeps its
/// font atlas for later starts, as a kiosk's every start but its first finds it), then starts it on
/// the filled store and times the start to its first frame (the READY=1 it sends systemd after
/// presenting it, caught on a notification socket of our own) and the CPU time its threads had used
/// by then, then reads RSS and PSS two seconds later. Adds first_frame_ms_<n>,
/// first_frame_cpu_ms_<n>, rss_mib_<n>, pss_mib_<n> (800×480; n = demo, 5k, 10k, 50k, and 5k_images:
/// 5,000 activities each with a picture of its own) and the same with a _1920x1080 suffix, and
/// first_frame_import_ms_5k (a start that imports the catalogue first).
Result<void> measure_startup(const BenchContext& context, Report& report);

/// The Pi-class profile (`lotsen-bench --pi-class`): the same start to first frame, 5,000 and 50,000
/// activities at 800×480, with the kiosk in a cgroup whose CPU bandwidth is a quarter of one core in
/// short periods (cpu.max "2500 10000"; cgroup v1's cpu.cfs_quota_us where the cpu controller is
/// bound there), three starts each, medians: pi_first_frame_ms_<n>, pi_first_frame_cpu_ms_<n>. Adds
/// pi_class_skipped with the reason, and nothing else, where no cgroup can be made (not root, no
/// cgroup file system, no cpu controller).
Result<void> measure_pi_class_startup(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
