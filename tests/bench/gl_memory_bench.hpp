// gl_memory_bench.hpp — memory on the render path a kiosk draws with: a real window on an X server
// (Xvfb) with SDL's OpenGL renderer on Mesa, beside the dummy driver and beside Chromium on the same
// display. Run only when asked (`lotsen-bench --only gl_memory`): the random inputs take minutes.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// Starts Xvfb and, on it, the real `lotsen` (PSS after start, beside the same start on the dummy
/// driver) and `lotsen-gl-memory` (the kiosk's loop driven through every screen and 3,000 random
/// inputs, PSS at each phase), then Chromium windowed on the same display; adds the gl_* figures
/// (docs/performance.md). Without Xvfb it adds `gl_memory_skipped` with the reason and succeeds.
Result<void> measure_gl_memory(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
