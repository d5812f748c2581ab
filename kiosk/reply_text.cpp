// reply_text.cpp — the measured reply time as a counted string (see reply_text.hpp).
#include "kiosk/reply_text.hpp"

#include "core/catalogue/reply_wording.hpp"

namespace lotsen::kiosk {

std::string measured_reply_text(const UiContext& ui, const MeasuredReply& reply)
{
    const ReplyTimeShown shown = shown_reply_time(reply);
    if (shown.unit == ReplyTimeShown::Unit::hours)
        return ui.strings.format_count(ui.session.language, "reply_measured_hours", "hours", shown.count);
    return ui.strings.format_count(ui.session.language, "reply_measured_days", "days", shown.count);
}

}  // namespace lotsen::kiosk
