// service_notify.cpp — sd_notify(3) through Debian's libsystemd. Nothing here may block or fail loudly:
// a kiosk outside systemd, or a notification socket that has gone away, must never stop the UI.
#include "core/platform/service_notify.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace lotsen::service_notify {

namespace {

bool under_systemd()
{
    const char* socket = std::getenv("NOTIFY_SOCKET");
    return socket != nullptr && *socket != '\0';
}

bool parse_unsigned(const char* text, std::uint64_t& out)
{
    if (text == nullptr || *text == '\0')
        return false;
    const char* end = text + std::char_traits<char>::length(text);
    const auto [stop, ec] = std::from_chars(text, end, out);
    return ec == std::errc{} && stop == end;
}

bool send(const char* message)
{
    if (!under_systemd())
        return false;
    // 0: keep NOTIFY_SOCKET in the environment; later pings need it.
    return sd_notify(0, message) > 0;
}

}  // namespace

bool ready()
{
    return send("READY=1");
}

bool watchdog_ping()
{
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (!under_systemd() || usec == nullptr || *usec == '\0')
        return false;
    return send("WATCHDOG=1");
}

std::optional<std::chrono::milliseconds> watchdog_interval()
{
    if (!under_systemd())
        return std::nullopt;  // nowhere to send the pings
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0) {
        // sd_watchdog_enabled() accepts only the process named in WATCHDOG_PID, the unit's main process.
        // Under a compositor (cage, docs/operations.md) the kiosk is its child: take the interval when our
        // parent is the one named.
        std::uint64_t watchdog_pid = 0;
        if (!parse_unsigned(std::getenv("WATCHDOG_PID"), watchdog_pid) ||
            watchdog_pid != static_cast<std::uint64_t>(getppid()) ||
            !parse_unsigned(std::getenv("WATCHDOG_USEC"), usec) || usec == 0)
            return std::nullopt;
    }
    // Half the timeout, as sd_watchdog_enabled(3) advises, so one late frame does not kill the kiosk.
    return std::chrono::milliseconds(std::max<std::uint64_t>(usec / 2000, 1));
}

bool stopping()
{
    return send("STOPPING=1");
}

bool status(std::string_view text)
{
    std::string message = "STATUS=";
    for (const char c : text)
        message += (c == '\n' || c == '\r') ? ' ' : c;
    return send(message.c_str());
}

}  // namespace lotsen::service_notify
