// windowed.hpp — the kiosk on a real display: an SDL window and an event loop that sleeps.
#pragma once

#include "kiosk/app.hpp"
#include "kiosk/screen_rotation.hpp"
#include "core/release/release_manager.hpp"

#include <SDL_events.h>

#include <atomic>
#include <functional>

struct SDL_Renderer;

namespace lotsen::kiosk {

/// Turns one SDL event into kiosk input; true when it calls for a new frame. Window-close, quit and
/// every key are ignored (lockdown), so nothing a visitor can press leaves the kiosk. Touches on a
/// turned output are turned back into the upright picture by `rotation`.
bool handle_event(const SDL_Event& event, KioskApp& app, const ScreenRotation& rotation = {});

/// How the main loop takes part in software releases (kiosk/release_launcher.hpp, docs/updates.md).
struct ReleaseHooks {
    /// Called once when the kiosk is healthy: its store opened, its first frame is on screen and its
    /// hub answered (or no [upstream] url is set). Empty when no release is on trial.
    std::function<void()> on_healthy;
    /// The releases for the heartbeat; empty when there is no release manager.
    std::function<ReleaseManager::Report()> report;
};

/// What a test may watch of the running loop, to prove what a visitor sees without driving frames
/// itself (tests/ui/test_main_loop.cpp). Every member is optional; callbacks run on the loop's thread.
struct LoopWatch {
    /// After each frame is drawn, just before it is presented: the app and the renderer that drew it
    /// (SDL_RenderReadPixels reads what the screen is about to show).
    std::function<void(KioskApp&, SDL_Renderer*)> drawn;
    /// Each time the loop goes to sleep with no frame due: it draws again only on input or a timer.
    std::function<void()> asleep;
    /// Set: the loop ends as after SIGTERM.
    const std::atomic<bool>* stop = nullptr;
    /// The wall clock the loop shows and judges opening hours by (a test steps it); empty: the system's.
    /// Timers never read it: they run on the monotonic clock.
    std::function<UnixSeconds()> wall_clock;
};

/// Opens the (fullscreen) window and runs until SIGTERM/SIGINT; returns the process exit code.
int run_windowed(const KioskOptions& options, const ReleaseHooks& releases = {}, const LoopWatch& watch = {});

}  // namespace lotsen::kiosk
