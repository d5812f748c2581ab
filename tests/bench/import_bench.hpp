// import_bench.hpp — what importing a catalogue costs the real kiosk: a first start on 50,000
// activities (the file `lotsen-hub generate 50000` writes), and a live update of 5,000 activities
// applied from the real hub while the kiosk runs.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// Starts `lotsen --catalogue` on the file `lotsen-hub generate 50000` writes and reads, at its first
/// frame, its peak RSS (VmHWM) and CPU time, with the wall time to that frame: import_peak_rss_mib_50k,
/// import_cpu_ms_50k, import_ms_50k (and the file's size, import_file_mb_50k).
Result<void> measure_import(const BenchContext& context, Report& report);

/// Starts a kiosk on 5,000 activities against `lotsen-hub serve`, which has published another 5,000;
/// once the kiosk has applied that update live (its update state says so) and settled two seconds,
/// reads its memory: rss_mib_after_update_5k, pss_mib_after_update_5k.
Result<void> measure_update(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
