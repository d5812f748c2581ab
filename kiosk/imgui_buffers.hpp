// imgui_buffers.hpp — what Dear ImGui's windows keep between frames: each window's draw list keeps
// the capacity of the largest frame it ever drew (its vertex, index and command buffers only grow),
// and ImGui's own collection of idle windows gives that back only to take it again, whole, when the
// window is next drawn. A kiosk's screens are windows of their own, so over days of visits the
// kiosk would hold every screen's largest frame. The end of a visit lets them all go.
#pragma once

#include <cstddef>

namespace lotsen::kiosk {

/// Bytes held by the current ImGui context's windows' draw lists (their buffers' capacities).
std::size_t imgui_window_buffer_bytes();

/// Frees every window's draw list buffers and forgets their sizes, so that each window starts again
/// from what its next frame needs. Call between frames (never between NewFrame and Render).
void release_imgui_window_buffers();

}  // namespace lotsen::kiosk
