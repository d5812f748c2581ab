// reply_wording.cpp — rounding a measured reply time for the kiosk (see reply_wording.hpp).
#include "core/catalogue/reply_wording.hpp"

#include <algorithm>

namespace lotsen {

ReplyTimeShown shown_reply_time(const MeasuredReply& reply)
{
    constexpr std::int64_t k_minutes_per_hour = 60;
    constexpr std::int64_t k_minutes_per_day = 24 * k_minutes_per_hour;
    const std::int64_t minutes = std::max<std::int64_t>(reply.median_minutes, 0);
    if (minutes < k_minutes_per_day) {
        const std::int64_t hours = std::max<std::int64_t>(1, (minutes + k_minutes_per_hour - 1) / k_minutes_per_hour);
        // 23 h 01 min rounds up to 24 hours, which is said as a day.
        if (hours < 24)
            return {ReplyTimeShown::Unit::hours, static_cast<std::uint64_t>(hours)};
    }
    return {ReplyTimeShown::Unit::days, static_cast<std::uint64_t>((minutes + k_minutes_per_day - 1) / k_minutes_per_day)};
}

}  // namespace lotsen
