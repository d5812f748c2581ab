// frame_settling.hpp — when the kiosk may stop drawing. After any input (or a screen or look change)
// it keeps drawing until a frame changes nothing, so a tap's result is on screen before the main loop
// sleeps. "Changes nothing" means exactly: the same draw data as the frame before, compared by a hash.
// A widget that never settles keeps the kiosk awake for at most a capped number of frames per input.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace lotsen::kiosk {

/// A 64-bit hash of everything ImGui hands the renderer for one frame: display size, every vertex
/// (position, texture coordinate, colour), every index, and every draw command (clip rectangle,
/// texture, offsets, element count, callback), plus the colour the frame is cleared with. Two frames
/// with the same hash draw the same pixels (up to a hash collision, about 2^-64).
std::uint64_t draw_data_hash(const ImDrawData& data, std::uint32_t clear_colour);

/// The rule, without ImGui: told of changes and of each frame's hash, it says whether another frame
/// is needed. KioskApp::wants_frame asks it.
class FrameSettling {
public:
    /// Frames drawn after a change before the kiosk sleeps even though every one differs from the
    /// one before: ImGui settles in two or three; this is half a second at 60 Hz.
    static constexpr int k_max_frames = 30;

    /// Input, or a screen or look change: the next two frames are drawn whatever they show (the one
    /// that applies the change and the one that shows its result), then frames go on until one
    /// changes nothing, at most k_max_frames after the change.
    void changed()
    {
        m_forced = 2;
        m_since_change = 0;
    }
    /// A frame was drawn; `hash` is its draw_data_hash.
    void drawn(std::uint64_t hash)
    {
        m_differs = !m_any || hash != m_hash;
        m_hash = hash;
        m_any = true;
        if (m_forced > 0)
            m_forced--;
        if (m_since_change < k_max_frames)
            m_since_change++;
    }
    /// Nothing was drawn (a dark screen): the next frame drawn counts as different.
    void blank()
    {
        m_forced = 0;
        m_differs = false;
        m_any = false;
    }
    /// True while another frame is needed.
    bool settling() const { return m_forced > 0 || (m_differs && m_since_change < k_max_frames); }

private:
    std::uint64_t m_hash = 0;
    bool m_any = false;        ///< a frame has been drawn since the start or the last blank()
    bool m_differs = false;    ///< the last frame differed from the one before it
    int m_forced = 2;          ///< the first frames after start are drawn whatever they show
    int m_since_change = 0;
};

}  // namespace lotsen::kiosk
