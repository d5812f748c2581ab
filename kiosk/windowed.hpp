// windowed.hpp — the kiosk on a real display: an SDL window and an event loop that sleeps.
#pragma once

#include "app.hpp"

#include <SDL_events.h>

namespace lotsen::kiosk {

/// Turns one SDL event into kiosk input; true when it calls for a new frame. Window-close, quit and
/// every key are ignored (lockdown), so nothing a visitor can press leaves the kiosk.
bool handle_event(const SDL_Event& event, KioskApp& app);

/// Opens the (fullscreen) window and runs until SIGTERM/SIGINT; returns the process exit code.
int run_windowed(const KioskOptions& options);

}  // namespace lotsen::kiosk
