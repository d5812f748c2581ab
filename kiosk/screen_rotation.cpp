// screen_rotation.cpp — turning points between the upright picture and the output.
#include "kiosk/screen_rotation.hpp"

namespace lotsen::kiosk {

ScreenRotation::ScreenRotation(int degrees, int output_width, int output_height)
    : m_degrees(degrees), m_output_width(output_width), m_output_height(output_height)
{
}

// Turning a picture of w × h by 90° clockwise gives one of h × w: its left edge becomes the top,
// so (x, y) goes to (h − y, x). 180° mirrors both axes, and 270° is 90° the other way round.
ScreenPoint ScreenRotation::to_output(ScreenPoint p) const
{
    const auto w = static_cast<float>(logical_width());
    const auto h = static_cast<float>(logical_height());
    switch (m_degrees) {
    case 90:
        return {h - p.y, p.x};
    case 180:
        return {w - p.x, h - p.y};
    case 270:
        return {p.y, w - p.x};
    default:
        return p;
    }
}

ScreenPoint ScreenRotation::to_logical(ScreenPoint p) const
{
    const auto w = static_cast<float>(logical_width());
    const auto h = static_cast<float>(logical_height());
    switch (m_degrees) {
    case 90:
        return {p.y, h - p.x};
    case 180:
        return {w - p.x, h - p.y};
    case 270:
        return {w - p.y, p.x};
    default:
        return p;
    }
}

}  // namespace lotsen::kiosk
