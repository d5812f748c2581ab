// hub_time.cpp — see hub_time.hpp.
#include "core/time/hub_time.hpp"

#include <time.h>

namespace lotsen {

std::int64_t boottime_milliseconds()
{
    timespec now{};
    ::clock_gettime(CLOCK_BOOTTIME, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

HubTime::HubTime(std::function<std::int64_t()> boot_clock) : m_boot_clock(std::move(boot_clock)) {}

std::int64_t HubTime::boot_now() const
{
    return m_boot_clock ? m_boot_clock() : boottime_milliseconds();
}

void HubTime::record(std::int64_t hub_seconds)
{
    const std::int64_t boot = boot_now();
    std::lock_guard lock(m_mutex);
    m_hub_seconds = hub_seconds;
    m_boot_at_receipt = boot;
}

std::optional<std::int64_t> HubTime::now() const
{
    const std::int64_t boot = boot_now();
    std::lock_guard lock(m_mutex);
    if (!m_hub_seconds)
        return std::nullopt;
    return *m_hub_seconds + (boot - m_boot_at_receipt) / 1000;
}

}  // namespace lotsen
