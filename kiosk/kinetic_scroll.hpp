// kinetic_scroll.hpp — drag-to-scroll with momentum for touch screens (Dear ImGui 1.86 has none).
// Pure arithmetic over pointer samples and time: no ImGui, so it is unit-tested on its own.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace lotsen::kiosk {

/// Tracks one vertical scroll position driven by a finger.
class KineticScroll {
public:
    /// Distance a finger may move and still count as a tap (pixels).
    void set_tap_slop(float pixels) { m_tap_slop = pixels; }
    /// Largest offset (content height minus view height, ≥ 0).
    void set_max_offset(float max_offset);

    /// Finger down at `y` at time `t` (seconds). Stops any fling.
    void press(float y, double t);
    /// Finger moved to `y`.
    void move(float y, double t);
    /// Finger lifted; starts a fling with the release velocity.
    void release(double t);
    /// Advances a fling to time `t`.
    void update(double t);

    /// Current scroll offset in pixels (0 = top).
    float offset() const { return m_offset; }
    /// Jumps to `offset` at once (and stops any fling or glide).
    void set_offset(float offset);
    /// Glides to `offset` (clamped to the content when it gets there), easing out like a fling;
    /// a finger going down stops it. For bringing a field, an error or the next question into view.
    void scroll_to(float offset);
    /// Offsets the view may come to rest at (ascending; empty = anywhere). A released drag or fling
    /// glides to the one nearest to where the fling would have stopped, so the view never rests
    /// between two of them (the check-in keeps its questions whole this way).
    void set_rest_points(std::vector<float> points) { m_rest_points = std::move(points); }
    /// Where a glide is heading, if one is under way.
    std::optional<float> target() const { return m_target; }
    /// True while the finger has moved beyond the tap slop since it went down: the gesture is a
    /// drag, so nothing under the finger may be activated by it.
    bool dragging() const { return m_dragging; }
    /// True while the finger is down.
    bool pressed() const { return m_pressed; }
    /// True while a fling or a glide is still moving (the UI must keep rendering).
    bool animating() const { return m_velocity != 0.0f || m_target.has_value(); }
    /// Current fling velocity in pixels per second (positive = content moves up, offset grows).
    float velocity() const { return m_velocity; }

private:
    struct Sample {
        float y = 0.0f;
        double t = 0.0;
    };
    float clamp(float offset) const;
    float estimate_velocity() const;
    float nearest_rest_point(float offset) const;

    std::array<Sample, 8> m_samples{};
    std::size_t m_sample_count = 0;
    float m_tap_slop = 12.0f;
    float m_max_offset = 0.0f;
    float m_offset = 0.0f;
    float m_press_y = 0.0f;
    float m_press_offset = 0.0f;
    float m_velocity = 0.0f;
    std::optional<float> m_target;  ///< unclamped: the content may still grow to reach it
    std::vector<float> m_rest_points;
    double m_last_update = 0.0;
    bool m_glide_fresh = false;  ///< a glide set since the last update: it starts moving from the next
    bool m_pressed = false;
    bool m_dragging = false;
};

}  // namespace lotsen::kiosk
