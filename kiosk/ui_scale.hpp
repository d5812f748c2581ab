// ui_scale.hpp — the one place where screen size and physical size turn into pixels. Screens use
// multiples of font_px() or mm(); they never write pixel literals.
#pragma once

#include <algorithm>
#include <cmath>

namespace lotsen::kiosk {

/// Pixel metrics derived from one screen (size in pixels and physical diagonal).
class UiScale {
public:
    UiScale() = default;
    /// `text_factor` enlarges text (and with it every em-based size) for the larger-text mode.
    UiScale(int width_px, int height_px, double diagonal_inches, float text_factor = 1.0f)
        : m_width(width_px), m_height(height_px)
    {
        const double diagonal_px = std::hypot(static_cast<double>(width_px), static_cast<double>(height_px));
        m_px_per_mm = diagonal_px / (diagonal_inches * 25.4);
        // Body text: at least 4 mm tall, and large enough to read from a step back on big screens.
        const double by_physical = 4.0 * m_px_per_mm;
        const double by_screen = std::min(width_px, height_px) / 30.0;
        m_font_px = static_cast<float>(std::round(std::max(by_physical, by_screen) * text_factor));
    }

    int width() const { return m_width; }
    int height() const { return m_height; }
    bool portrait() const { return m_height > m_width; }
    /// Body text height in pixels.
    float font_px() const { return m_font_px; }
    /// Pixels for a physical length.
    float mm(double millimetres) const { return static_cast<float>(millimetres * m_px_per_mm); }
    /// Smallest touch target side: 9 mm on this screen, never under 48 px (the floor that matters on
    /// a 7" 800×480 panel, where 9 mm is about 47 px), and tall enough for a line of body text with
    /// air around it (what decides on large screens with large text).
    float touch_target() const { return std::max({mm(9.0), 48.0f, 1.8f * m_font_px}); }
    /// A multiple of the body font size: the unit for paddings and gaps.
    float em(float multiple) const { return multiple * m_font_px; }

private:
    int m_width = 800;
    int m_height = 480;
    double m_px_per_mm = 5.2;
    float m_font_px = 20.0f;
};

}  // namespace lotsen::kiosk
