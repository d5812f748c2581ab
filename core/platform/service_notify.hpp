// service_notify.hpp — tells systemd how a program run as a service is doing (sd_notify): that it is
// ready, that it is still alive (the unit's WatchdogSec=), and that it is stopping. Every call is a
// no-op outside systemd (no NOTIFY_SOCKET), so the same binary runs from a terminal, a test or the unit.
//
// The kiosk runs either as the unit's main process (KMS/DRM) or as the child of the `cage` compositor,
// which is then the main process. systemd names the main process in WATCHDOG_PID, and sd_watchdog_enabled()
// refuses every other process; here the compositor's direct child is accepted too, because the unit sets
// NotifyAccess=all so that systemd takes the kiosk's pings even though cage is the main process.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace lotsen::service_notify {

/// Tells systemd the service is up (READY=1); true when systemd was told, false outside systemd.
bool ready();

/// Feeds the unit's watchdog (WATCHDOG=1); a no-op returning false when NOTIFY_SOCKET or WATCHDOG_USEC is unset.
bool watchdog_ping();

/// How often to call watchdog_ping(): half of the unit's WatchdogSec=, or nothing when no watchdog is armed.
std::optional<std::chrono::milliseconds> watchdog_interval();

/// Tells systemd the service is shutting down on purpose (STOPPING=1), so a slow exit is not a hang.
bool stopping();

/// A one-line status for `systemctl status` (STATUS=…); newlines in `text` are replaced by spaces.
bool status(std::string_view text);

}  // namespace lotsen::service_notify
