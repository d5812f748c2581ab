// windowed.hpp — the kiosk on a real display: an SDL window and an event loop that sleeps.
#pragma once

#include "app.hpp"

namespace lotsen::kiosk {

/// Opens the (fullscreen) window and runs until SIGTERM/SIGINT; returns the process exit code.
int run_windowed(const KioskOptions& options);

}  // namespace lotsen::kiosk
