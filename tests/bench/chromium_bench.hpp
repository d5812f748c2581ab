// chromium_bench.hpp — the usual alternative, side by side: a headless Chromium showing the same
// 5,000 activities as an HTML list, measured by tests/bench/chromium_bench.py the way the kiosk is.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// When Debian's chromium and python3 are installed: runs chromium_bench.py on the 5,000-activity
/// synthetic catalogue (the one the start-up figures use) and adds chromium_pss_mib,
/// chromium_first_paint_ms and, when the kiosk's figures were measured in this run, the ratios
/// chromium_pss_ratio and chromium_first_paint_ratio. Without Chromium it adds nothing and succeeds.
Result<void> measure_chromium(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
