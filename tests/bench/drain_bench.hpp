// drain_bench.hpp — the outbox figures: durable appends per second, and how long 10,000 queued
// events take to reach the real hub on loopback, batched and one event per request.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// Starts `lotsen-hub serve` (beside the kiosk binary) on a loopback port, fills an outbox with
/// 10,000 check-ins and drains it with the real Uploader twice — batches of 500, then one event per
/// request — and adds outbox_appends_per_s, drain_10k_s, drain_10k_single_s, drain_speedup_vs_single.
Result<void> measure_drain(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
