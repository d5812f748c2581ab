// hub_time.hpp — the last time the hub vouched for (docs/protocol.md, "The hub's signed time"): the
// uploader records the hub's signed clock from a reply it verified, with the boot clock at receipt;
// the updater asks for "now" by that clock (the hub's seconds plus the boot-clock time since), to
// judge a manifest's expiry when the kiosk's own wall clock is not synchronised. Thread-safe; kept in
// memory only (a restart asks the hub again with its first upload).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

namespace lotsen {

/// Milliseconds of CLOCK_BOOTTIME: monotonic, counting suspend too, untouched by a wall-clock step.
std::int64_t boottime_milliseconds();

class HubTime {
public:
    /// `boot_clock` returns milliseconds of a monotonic clock; unset = boottime_milliseconds().
    explicit HubTime(std::function<std::int64_t()> boot_clock = {});

    /// The hub said, in a reply whose signature verified for the request just sent, that it was
    /// `hub_seconds` (Unix seconds). Kept with the boot clock now.
    void record(std::int64_t hub_seconds);
    /// The hub's time now: the last recorded time plus the boot-clock time since; nullopt when the
    /// hub has not vouched for a time since this start.
    std::optional<std::int64_t> now() const;

private:
    std::int64_t boot_now() const;

    std::function<std::int64_t()> m_boot_clock;
    mutable std::mutex m_mutex;
    std::optional<std::int64_t> m_hub_seconds;
    std::int64_t m_boot_at_receipt = 0;  ///< milliseconds
};

}  // namespace lotsen
