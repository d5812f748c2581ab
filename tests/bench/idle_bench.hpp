// idle_bench.hpp — the idle figures: the real kiosk, windowed on the demo catalogue, left untouched.
#pragma once

#include "tests/bench/report.hpp"
#include "core/base/result.hpp"

#include <atomic>
#include <string>

namespace lotsen::bench {

/// What every measurement of lotsen-bench gets from the command line.
struct BenchContext {
    std::string lotsen_path;         ///< the kiosk binary measured (by default the sibling of lotsen-bench)
    std::string source_dir;          ///< the source tree, for assets/demo/catalogue.json
    double seconds = 60.0;           ///< length of each measurement window
    double min_warmup_seconds = 3.0; ///< warm-up before measuring starts, at least
    std::string video_driver = "dummy";  ///< SDL_VIDEODRIVER for the windowed kiosk
    bool keystrokes = false;  ///< store: also print each keystroke's CPU time on stderr (--keystrokes)
    const std::atomic<bool>* interrupted = nullptr;  ///< set by SIGINT/SIGTERM of lotsen-bench itself
};

/// Runs `lotsen --size 800x480` on the demo catalogue with no input and adds the idle_* figures: CPU
/// and wakeups over the window after warm-up, resident and proportional memory at its end.
Result<void> measure_idle(const BenchContext& context, Report& report);

}  // namespace lotsen::bench
