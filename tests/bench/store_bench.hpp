// store_bench.hpp — the catalogue store's figures: importing 10,000 activities, and search as you
// type over them, measured in-process on core's Store (the same code the kiosk's screens call).
#pragma once

#include "tests/bench/idle_bench.hpp"
#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

namespace lotsen::bench {

/// Generates a 10,000-activity synthetic catalogue, imports it into a fresh on-disk store (parse +
/// replace_catalogue, as the kiosk does) and types realistic queries one keystroke at a time; adds
/// import_ms_10k, search_p50_ms_10k, search_p99_ms_10k and search_keystrokes.
Result<void> measure_store(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
