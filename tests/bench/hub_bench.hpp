// hub_bench.hpp — the hub's ingest figures: many simulated kiosks posting signed, gzip-compressed
// batches to `lotsen-hub serve` on loopback at once.
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// Enrolls 64 kiosks, then 8 client threads post batches of 20 check-ins for them (each thread on
/// its own kept-alive connection) for 10 s; adds hub_requests_per_s, hub_events_per_s, hub_p50_ms
/// and hub_p99_ms (request latency as a kiosk sees it).
Result<void> measure_hub(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
