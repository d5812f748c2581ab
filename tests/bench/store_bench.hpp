// store_bench.hpp — the catalogue store's figures: importing 10,000 activities, and search as you
// type over them, measured in-process on core's Store (the same code the kiosk's screens call).
#pragma once

#include "idle_bench.hpp"
#include "report.hpp"
#include "result.hpp"

namespace lotsen::bench {

/// Generates a 10,000-activity synthetic catalogue, imports it into a fresh on-disk store (parse +
/// replace_catalogue, as the kiosk does) and types realistic queries one keystroke at a time; adds
/// import_ms_10k, search_p50_ms_10k, search_p99_ms_10k and search_keystrokes.
Result<void> measure_store(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
