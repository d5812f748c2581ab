// frame_bench.cpp — see frame_bench.hpp. One frame is KioskApp's whole frame (input, layout, text
// through core's text layout, draw lists) plus the software renderer filling the surface — what
// `lotsen --headless` does, in-process. On a kiosk the GPU (under cage) does the filling, so these
// are upper bounds for the CPU side. The simulated clock advances 1/60 s per frame.
//
// The kiosk's own CPU per frame (issue 21's frame budget) is measured apart: the same strokes again
// with drawing switched off in front of SDL's rasterizer (tests/common/draw_interposer.hpp, the
// soak's switch: draws and clears are checked and dropped), each frame timed on this thread's CPU
// clock, so neither the rasterizer nor the machine's other load counts.
#include "tests/bench/frame_bench.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "tests/bench/process.hpp"
#include "core/time/civil_time.hpp"
#include "core/settings/config.hpp"
#include "kiosk/headless.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/common/draw_interposer.hpp"

#include <time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;
using kiosk::HeadlessKiosk;
using kiosk::PointerEvent;

struct FrameTimes {
    std::vector<double> scrolling;
    std::vector<double> idle;
    std::vector<double> scrolling_cpu;  ///< thread CPU per frame, drawing switched off
};

// This thread's CPU time so far, ms.
double thread_cpu_ms()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Turns drawing off for its lifetime.
struct DrawingOff {
    DrawingOff() { testing::set_rasterize(false); }
    ~DrawingOff() { testing::set_rasterize(true); }
    DrawingOff(const DrawingOff&) = delete;
    DrawingOff& operator=(const DrawingOff&) = delete;
};

Result<FrameTimes> measure_size(const BenchContext& context, const Catalogue& catalogue, const fs::path& dir, int width,
                                int height)
{
    auto config = load_kiosk_config(context.source_dir + "/config/lotsen.toml");
    if (!config)
        return config.error();
    kiosk::KioskOptions options;
    options.config = config.value();
    options.config.upload.url.reset();
    options.data_dir = (dir / (std::to_string(width) + "x" + std::to_string(height))).string();
    options.assets_dir = context.source_dir + "/assets";
    options.voice_output = ReadAloud::Output::capture;
    fs::create_directories(options.data_dir);
    auto created = HeadlessKiosk::create(options, width, height);
    if (!created)
        return created.error();
    HeadlessKiosk& kiosk = *created.value();
    // A weekday noon: the list of today is long.
    const UnixSeconds now = stockholm::to_utc(LocalDateTime{Date{2026, 11, 25}, TimeOfDay{12 * 60}});
    LOTSEN_TRY(kiosk.app().store().replace_catalogue(catalogue, now));
    auto open_today = [&]() -> Result<void> {
        kiosk.app().home();
        kiosk.settle(now);
        if (!kiosk.tap("##today", now))
            return Error{"no \"today\" choice on the home screen"};
        return success();
    };
    LOTSEN_TRY(open_today());

    FrameTimes times;
    auto timed_frame = [&](std::vector<double>& into) {
        const auto start = Clock::now();
        kiosk.frame(now);
        into.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    };
    auto cpu_timed_frame = [&](std::vector<double>& into) {
        const double start = thread_cpu_ms();
        kiosk.frame(now);
        into.push_back(thread_cpu_ms() - start);
    };
    const float x = static_cast<float>(width) / 2.0f;
    const float top = static_cast<float>(height) * 0.3f;
    const float bottom = static_cast<float>(height) * 0.8f;
    auto scroll = [&](auto&& time_frame, std::vector<double>& into) {
        for (int stroke = 0; stroke < 8; ++stroke) {
            // Up the list (content moves up) most of the time, back down every third stroke.
            const bool down = stroke % 3 == 2;
            const float from = down ? top : bottom;
            const float to = down ? bottom : top;
            kiosk.app().push_pointer({PointerEvent::Kind::press, x, from});
            time_frame(into);
            constexpr int k_steps = 20;
            for (int i = 1; i <= k_steps; ++i) {
                kiosk.app().push_pointer(
                    {PointerEvent::Kind::move, x, from + (to - from) * static_cast<float>(i) / k_steps});
                time_frame(into);
            }
            kiosk.app().push_pointer({PointerEvent::Kind::release, x, to});
            // The fling: frames while the list glides to a stop.
            for (int i = 0; i < 240 && kiosk.app().wants_frame(); ++i)
                time_frame(into);
        }
    };
    scroll(timed_frame, times.scrolling);
    kiosk.settle(now);
    for (int i = 0; i < 200; ++i)
        timed_frame(times.idle);
    // The same strokes from the top of the list, the rasterizer left out.
    {
        const DrawingOff off;
        LOTSEN_TRY(open_today());
        scroll(cpu_timed_frame, times.scrolling_cpu);
    }
    return times;
}

}  // namespace

Result<void> measure_frames(const BenchContext& context, Report& report)
{
    SyntheticSpec spec;
    spec.activities = 5'000;
    spec.first_day = Date{2026, 8, 1};
    spec.last_day = Date{2027, 6, 30};
    const Catalogue catalogue = generate_synthetic_catalogue(spec);
    const fs::path dir = fs::temp_directory_path() / ("lotsen-bench-frames-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    for (const auto& [width, height] : {std::pair{800, 480}, std::pair{1920, 1080}}) {
        auto times = measure_size(context, catalogue, dir, width, height);
        if (!times) {
            fs::remove_all(dir);
            return times.error();
        }
        const std::string size = std::to_string(width) + "x" + std::to_string(height);
        const std::string label = "frame time scrolling a 5,000-activity list at " + size;
        report.add_count("frame_scroll_frames_" + size, static_cast<std::int64_t>(times.value().scrolling.size()));
        report.add_figure("frame_p50_ms_" + size, percentile(times.value().scrolling, 0.50), 2, label + ", p50 (ms)");
        report.add_figure("frame_p99_ms_" + size, percentile(times.value().scrolling, 0.99), 2, label + ", p99 (ms)");
        report.add_figure("frame_idle_p99_ms_" + size, percentile(times.value().idle, 0.99), 2,
                          "frame time with nothing moving at " + size + ", p99 (ms)");
        const std::vector<double>& cpu = times.value().scrolling_cpu;
        const std::string cpu_label = "kiosk CPU per scrolling frame, rasterizer excluded, " + size;
        report.add_figure("frame_kiosk_cpu_p50_ms_" + size, percentile(cpu, 0.50), 2, cpu_label + ", p50 (ms)");
        std::optional<Budget> budget;
        if (width == 1920)
            budget = Budget{"frame_kiosk_cpu_budget_ms", 2.0};
        report.add_figure("frame_kiosk_cpu_p99_ms_" + size, percentile(cpu, 0.99), 2, cpu_label + ", p99 (ms)",
                          budget);
    }
    fs::remove_all(dir);
    return success();
}

}  // namespace lotsen::bench
