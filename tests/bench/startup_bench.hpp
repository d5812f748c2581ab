// startup_bench.hpp — start to first frame and memory of the real kiosk with catalogues of
// increasing size, at a small and a large screen.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// For the demo catalogue and synthetic ones of 5,000 and 10,000 activities, at 800×480 and
/// 1920×1080: imports the catalogue once, then starts `lotsen` on the filled store and times the
/// start to its first frame (the READY=1 it sends systemd after presenting it, caught on a
/// notification socket of our own), then reads RSS and PSS two seconds later. Adds
/// first_frame_ms_<n>, rss_mib_<n>, pss_mib_<n> (800×480; n = demo, 5k, 10k, and 5k_images: 5,000
/// activities each with a picture of its own) and the same with a
/// _1920x1080 suffix, and first_frame_import_ms_5k (a start that imports the catalogue first).
Result<void> measure_startup(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
