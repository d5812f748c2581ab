// screen_rotation.hpp — a panel mounted the other way round from its output ([screen] rotation):
// the kiosk draws upright at the panel's own size into a texture, the texture is turned onto the
// output, and every touch is turned back. Pure arithmetic, so the mapping is tested on its own.
#pragma once

namespace lotsen::kiosk {

/// A point in pixels.
struct ScreenPoint {
    float x = 0;
    float y = 0;
    bool operator==(const ScreenPoint&) const = default;
};

/// How the upright picture (what the kiosk draws, "logical") lies on the output (what the display
/// or window shows): turned `degrees` clockwise, 0, 90, 180 or 270.
class ScreenRotation {
public:
    ScreenRotation() = default;
    /// `degrees` is one of 0, 90, 180, 270 (the config checks it); the output's size in pixels.
    ScreenRotation(int degrees, int output_width, int output_height);

    int degrees() const { return m_degrees; }
    bool turned() const { return m_degrees != 0; }
    /// True when the picture's width is the output's height (90 and 270).
    bool sideways() const { return m_degrees == 90 || m_degrees == 270; }

    /// The size the kiosk draws at: the output's, with width and height swapped when sideways.
    int logical_width() const { return sideways() ? m_output_height : m_output_width; }
    int logical_height() const { return sideways() ? m_output_width : m_output_height; }

    /// Where a point of the upright picture lands on the output.
    ScreenPoint to_output(ScreenPoint logical) const;
    /// Where a touch on the output lands in the upright picture (the inverse of to_output).
    ScreenPoint to_logical(ScreenPoint output) const;

private:
    int m_degrees = 0;
    int m_output_width = 0;
    int m_output_height = 0;
};

}  // namespace lotsen::kiosk
