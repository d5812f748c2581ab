// reply_wording.hpp — how a measured reply time is said to a visitor: whole days rounded up, or whole
// hours rounded up when it is under a day ("usually replies within 2 days", "… within 5 hours").
#pragma once

#include "core/catalogue/model.hpp"

#include <cstdint>

namespace lotsen {

/// A measured reply time ready for a counted string: `count` of `unit`.
struct ReplyTimeShown {
    enum class Unit { hours, days };
    Unit unit = Unit::days;
    std::uint64_t count = 0;  ///< at least 1
    bool operator==(const ReplyTimeShown&) const = default;
};

/// The median rounded up to whole days, or to whole hours (at least 1) when it is under a day: a
/// visitor is promised no less than what was measured.
ReplyTimeShown shown_reply_time(const MeasuredReply& reply);

}  // namespace lotsen
