// windowed.cpp — the interactive main loop. It sleeps until input arrives or the next timer (the
// minute clock) is due — in SDL_WaitEventTimeout on X11 and Wayland, in poll(2) on the input devices
// elsewhere (kiosk/input_wait.hpp) — and renders only then or while something animates, so
// an untouched kiosk uses next to no CPU. Every timer runs on the monotonic clock; the wall clock only
// says what is shown, so a clock stepped by NTP or by hand neither freezes nor races the loop.
//
// Lockdown: window-close, Alt+F4 and every key a visitor can produce are ignored. Only admin mode's
// exit, or a signal from the operating system (systemd stopping the service, Ctrl+C in a developer's
// terminal), ends it.
#include "kiosk/windowed.hpp"

#include "kiosk/input_wait.hpp"

#include "core/platform/service_notify.hpp"

#include <SDL.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace lotsen::kiosk {

namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int)
{
    g_stop_requested.store(true);
}

double monotonic_seconds()
{
    return static_cast<double>(SDL_GetPerformanceCounter()) / static_cast<double>(SDL_GetPerformanceFrequency());
}

// A wall clock that moved this much more or less than the monotonic one between two looks was stepped
// (NTP's first sync on a Pi without a battery clock, or a person): the screen's clock and the
// opening hours are then drawn again at once.
constexpr std::int64_t k_wall_step_seconds = 2;

// SDL 2.26 truly sleeps in SDL_WaitEventTimeout only on video drivers that can wait for input
// (X11, Wayland). On the others (KMS/DRM on a bare Pi, dummy) it would wake every millisecond to look;
// there the loop sleeps in the kernel itself (kiosk/input_wait.hpp).
bool driver_blocks_in_wait(const char* driver)
{
    const std::string_view name = driver ? driver : "";
    return name == "x11" || name == "wayland";
}

// The next event, waiting up to `timeout_ms` for one: in SDL where it can block, else in `input_wait`
// (looking at SDL's queue first, so nothing already there waits; with 0 it only looks, and hands
// over what other threads pushed).
bool wait_for_event(SDL_Event& event, int timeout_ms, InputWait* input_wait)
{
    if (!input_wait)
        return SDL_WaitEventTimeout(&event, timeout_ms) != 0;
    if (SDL_PollEvent(&event))
        return true;
    input_wait->wait(timeout_ms);
    return SDL_PollEvent(&event) != 0;
}

// The hub counts as reachable once it has answered at all: an accepted upload (the uploader sends a
// heartbeat at start), or a refusal of this kiosk, which is the hub talking too. Without an [upstream]
// url there is nothing to reach.
bool upstream_answered(KioskApp& app)
{
    if (!app.config().upload.url)
        return true;
    const Uploader* uploader = app.uploader();
    if (!uploader)
        return false;
    const UploaderStatus status = uploader->status();
    return status.answered_since_start || status.kiosk_refused;  // not a send before this start (persisted)
}

// Copies the upright picture drawn into `upright` onto the output, turned as `rotation` says: a
// rectangle of the picture's size centred on the output and turned about its centre fills it.
void present_turned(SDL_Renderer* renderer, SDL_Texture* upright, const ScreenRotation& rotation, int width, int height)
{
    SDL_SetRenderTarget(renderer, nullptr);
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 0xFF);
    SDL_RenderClear(renderer);
    const int w = rotation.logical_width();
    const int h = rotation.logical_height();
    const SDL_Rect placed{(width - w) / 2, (height - h) / 2, w, h};
    SDL_RenderCopyEx(renderer, upright, nullptr, &placed, rotation.degrees(), nullptr, SDL_FLIP_NONE);
}

void report_releases(KioskApp& app, const ReleaseHooks& releases)
{
    if (!releases.report || !app.uploader())
        return;
    app.report_releases(releases.report());
}

}  // namespace

bool handle_event(const SDL_Event& event, KioskApp& app, const ScreenRotation& rotation)
{
    auto pointer = [&](PointerEvent::Kind kind, int x, int y) {
        const ScreenPoint at = rotation.to_logical({static_cast<float>(x), static_cast<float>(y)});
        app.push_pointer({kind, at.x, at.y});
    };
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
        if (event.button.button != SDL_BUTTON_LEFT)
            return false;
        pointer(PointerEvent::Kind::press, event.button.x, event.button.y);
        return true;
    case SDL_MOUSEBUTTONUP:
        if (event.button.button != SDL_BUTTON_LEFT)
            return false;
        pointer(PointerEvent::Kind::release, event.button.x, event.button.y);
        return true;
    case SDL_MOUSEMOTION:
        pointer(PointerEvent::Kind::move, event.motion.x, event.motion.y);
        return true;
    case SDL_MOUSEWHEEL:
        app.push_wheel(static_cast<float>(event.wheel.y));
        return true;
    case SDL_WINDOWEVENT:
        return event.window.event == SDL_WINDOWEVENT_EXPOSED || event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED;
    case SDL_QUIT:
        std::fprintf(stderr, "lotsen: window close request ignored (kiosk lockdown)\n");
        return false;
    default:
        // Keys, text input and touch events (SDL also delivers touches as mouse events) are ignored.
        return false;
    }
}

int run_windowed(const KioskOptions& options, const ReleaseHooks& releases, const LoopWatch& watch)
{
    // Large blocks (a font atlas's pixels: 8 MiB at the larger-text size) are mapped and handed back
    // when freed. glibc's default raises this threshold after the first such block is freed, and the
    // next ones then stay in the heap once freed: about 10 MiB more PSS after every screen had been
    // drawn on the GL path (lotsen-bench --only gl_memory; docs/performance.md).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // SDL turns SIGINT/SIGTERM into SDL_QUIT, which lockdown ignores; handle the signals ourselves.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    // Only video (which brings events); no joystick or game controller subsystems.
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "lotsen: cannot start video: %s\n", SDL_GetError());
        return 1;
    }
    const KioskConfig& config = options.config;
    Uint32 window_flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (config.fullscreen)
        window_flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Window* window = SDL_CreateWindow("Lotsen", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          config.screen_width, config.screen_height, window_flags);
    if (!window) {
        std::fprintf(stderr, "lotsen: cannot open window: %s\n", SDL_GetError());
        SDL_Quit();
        return 1;
    }
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    const bool vsync = renderer != nullptr;
    if (!renderer)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        std::fprintf(stderr, "lotsen: cannot create renderer: %s\n", SDL_GetError());
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 1;
    }
    if (config.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    int width = 0;
    int height = 0;
    SDL_GetRendererOutputSize(renderer, &width, &height);
    std::unique_ptr<InputWait> input_wait;
    if (!driver_blocks_in_wait(SDL_GetCurrentVideoDriver())) {
        input_wait = InputWait::create();
        for (const std::string& problem : input_wait->problems())
            std::fprintf(stderr, "lotsen: while idle: %s\n", problem.c_str());
    }
    // One line for the journal: which of SDL's drivers drew, and at what size (docs/operations.md).
    SDL_RendererInfo renderer_info{};
    SDL_GetRendererInfo(renderer, &renderer_info);
    // A panel mounted the other way round: the kiosk draws upright into a texture of the panel's
    // size, which each frame is turned onto the output (present_turned), and touches are turned back.
    ScreenRotation rotation(config.screen_rotation, width, height);
    SDL_Texture* upright = nullptr;
    if (rotation.turned()) {
        upright = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                    rotation.logical_width(), rotation.logical_height());
        if (upright) {
            SDL_SetTextureBlendMode(upright, SDL_BLENDMODE_NONE);
        } else {
            std::fprintf(stderr, "lotsen: [screen] rotation = %d cannot be done by this renderer (%s); the picture is "
                                 "not turned\n", rotation.degrees(), SDL_GetError());
            rotation = ScreenRotation(0, width, height);
        }
    }
    std::fprintf(stderr, "lotsen: video driver %s, renderer %s, %d×%d%s%s\n", SDL_GetCurrentVideoDriver(),
                 renderer_info.name ? renderer_info.name : "?", width, height, vsync ? ", vsync" : "",
                 rotation.turned() ? (", turned " + std::to_string(rotation.degrees()) + "° clockwise").c_str() : "");

    int exit_code = 0;
    {
        auto created = KioskApp::create(options, renderer, rotation.logical_width(), rotation.logical_height());
        if (!created) {
            std::fprintf(stderr, "lotsen: %s\n", created.error().text().c_str());
            exit_code = 1;
        } else {
            KioskApp& app = *created.value();
            if (!app.import_problems().empty())
                std::fprintf(stderr, "lotsen: %s\n", app.import_problems().c_str());
            if (!app.outbox_problem().empty())
                std::fprintf(stderr, "lotsen: the outbox could not be opened, so check-ins and contact requests "
                                     "cannot be taken: %s\n", app.outbox_problem().c_str());
            const auto wall_now = [&] { return watch.wall_clock ? watch.wall_clock() : unix_now(); };
            bool due = true;
            Uint64 next_due_ticks = 0;  // SDL_GetTicks64 when the visible screen next needs redrawing unasked
            Uint64 last_frame_ticks = 0;
            // The wall clock minus the monotonic one, in seconds: a change is a step of the wall clock.
            auto wall_offset = [&] { return wall_now() - static_cast<std::int64_t>(SDL_GetTicks64() / 1000); };
            std::int64_t last_wall_offset = wall_offset();
            // systemd's watchdog (lotsen.service WatchdogSec=) is fed from this loop, so a hung loop
            // gets the kiosk restarted; the loop wakes at least once a second, well inside half of it.
            const auto watchdog_every = service_notify::watchdog_interval();
            Uint64 last_watchdog_ticks = SDL_GetTicks64();
            bool told_ready = false;
            // The first heartbeat already carries the releases (KioskApp hands them to the uploader
            // before it starts); they change when a trial ends, so they are reported again then.
            // A release on trial proves its health once, from this loop (docs/updates.md).
            bool health_told = !releases.on_healthy;
            auto tell_health = [&] {
                if (health_told || !upstream_answered(app))
                    return;
                health_told = true;
                releases.on_healthy();
                report_releases(app, releases);
            };
            auto stop_requested = [&] { return g_stop_requested.load() || (watch.stop && watch.stop->load()); };
            while (!stop_requested()) {
                // Sleep until input or the next timer; wake at least once a second to notice a stop.
                const Uint64 ticks = SDL_GetTicks64();
                const Uint64 wait_ms = std::min<Uint64>(next_due_ticks > ticks ? next_due_ticks - ticks : 0, 1000);
                const bool frame_wanted = due || app.wants_frame();
                const int timeout_ms = frame_wanted ? 0 : std::max(1, static_cast<int>(wait_ms));
                if (!frame_wanted) {
                    app.settled();
                    if (watch.asleep)
                        watch.asleep();
                }
                SDL_Event event;
                if (wait_for_event(event, timeout_ms, input_wait.get())) {
                    due = handle_event(event, app, rotation) || due;
                    while (SDL_PollEvent(&event))
                        due = handle_event(event, app, rotation) || due;
                }
                if (watchdog_every && SDL_GetTicks64() - last_watchdog_ticks >= static_cast<Uint64>(watchdog_every->count())) {
                    service_notify::watchdog_ping();
                    last_watchdog_ticks = SDL_GetTicks64();
                }
                if (told_ready)
                    tell_health();  // waits for the hub's first answer; the loop wakes at least each second
                due = due || SDL_GetTicks64() >= next_due_ticks;
                if (const std::int64_t offset = wall_offset(); std::abs(offset - last_wall_offset) > k_wall_step_seconds) {
                    std::fprintf(stderr, "lotsen: the wall clock was stepped by %+lld s; timers run on the monotonic "
                                         "clock and are unaffected, the screen is drawn again\n",
                                 static_cast<long long>(offset - last_wall_offset));
                    last_wall_offset = offset;
                    due = true;
                }
                if (!due && !app.wants_frame())
                    continue;
                if (!vsync) {
                    // Without vsync, pace animation to about 60 frames per second ourselves.
                    const Uint64 now_ticks = SDL_GetTicks64();
                    if (now_ticks - last_frame_ticks < 16)
                        SDL_Delay(static_cast<Uint32>(16 - (now_ticks - last_frame_ticks)));
                    last_frame_ticks = SDL_GetTicks64();
                }
                const UnixSeconds now = wall_now();
                const double time = monotonic_seconds();
                if (upright)
                    SDL_SetRenderTarget(renderer, upright);
                app.frame(now, time);
                if (upright)
                    present_turned(renderer, upright, rotation, width, height);
                if (watch.drawn)
                    watch.drawn(app, renderer);
                SDL_RenderPresent(renderer);
                if (!told_ready) {
                    tell_health();  // store open (create succeeded), first frame shown: healthy unless a hub must answer
                    // Type=notify: the service counts as started once the first frame is on screen.
                    service_notify::ready();
                    told_ready = true;
                    app.first_frame_shown();  // the upload and update threads (libcurl) from now on
                }
                if (app.exit_requested())
                    break;
                // Whole seconds, as before, so a minute clock wakes just after its minute turns.
                const double until_due = std::ceil(app.seconds_until_due(now, time));
                next_due_ticks = SDL_GetTicks64() + static_cast<Uint64>(std::min(until_due, 86400.0 * 365) * 1000.0);
                due = false;
            }
        }
    }
    service_notify::stopping();
    input_wait.reset();  // its SDL event filter goes before SDL does
    if (upright)
        SDL_DestroyTexture(upright);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return exit_code;
}

}  // namespace lotsen::kiosk
