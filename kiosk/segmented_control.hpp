// segmented_control.hpp — a row of joined segments of which exactly one is chosen (today / tomorrow
// / this week). It looks unlike the filter chips on purpose: chips switch on and off one by one,
// segments replace each other.
#pragma once

#include "kiosk/ui_context.hpp"

#include <span>
#include <string_view>

namespace lotsen::kiosk {

/// Width segmented_control() takes for `labels`.
float segmented_control_width(const UiContext& ui, std::span<const std::string_view> labels);

/// Draws the segments at the cursor, the first at the reading start, each at least touch-target
/// size and recorded as "<id>:<index>"; the segment `chosen` is filled. Returns the index of the
/// segment tapped in this frame, or -1.
int segmented_control(UiContext& ui, const char* id, std::span<const std::string_view> labels, int chosen);

}  // namespace lotsen::kiosk
