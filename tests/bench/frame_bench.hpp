// frame_bench.hpp — frame times of the real kiosk code (KioskApp + the software renderer the
// headless tour uses), while a finger scrolls a long list and while nothing moves.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// A 5,000-activity synthetic catalogue at 800×480 and 1920×1080: the "today" list scrolled by
/// drags and flings (every frame of the drag and of the kinetic decay timed), then frames with
/// nothing changing; adds frame_p50/p99_ms_<size> (scrolling) and frame_idle_p99_ms_<size>.
Result<void> measure_frames(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
