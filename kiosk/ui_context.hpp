// ui_context.hpp — what a screen may read and use while it draws: the store, the strings, the
// language, the scale, the clock and the touch router. Screens own no business rules.
#pragma once

#include "civil_time.hpp"
#include "config.hpp"
#include "fonts.hpp"
#include "kinetic_scroll.hpp"
#include "store.hpp"
#include "strings.hpp"
#include "theme.hpp"
#include "ui_scale.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace lotsen::kiosk {

/// Routes finger input to the kinetic scroll area under it. Screens register their areas every
/// frame; a press goes to the area registered under it in the previous frame.
class TouchRouter {
public:
    /// Declares a scroll area for this frame.
    void register_area(const ImVec2& min, const ImVec2& max, KineticScroll& scroll)
    {
        m_areas.push_back(Area{min, max, &scroll});
    }
    /// Starts a new frame of registrations (areas of the last frame stay for hit-testing).
    void begin_frame() { m_previous.swap(m_areas); m_areas.clear(); }
    /// Forgets every area and any captured finger (screen change, reset).
    void reset() { m_previous.clear(); m_areas.clear(); m_captured = nullptr; }

    void press(const ImVec2& position, double t)
    {
        m_captured = nullptr;
        for (const Area& area : m_previous) {
            if (position.x >= area.min.x && position.x < area.max.x && position.y >= area.min.y &&
                position.y < area.max.y) {
                m_captured = area.scroll;
                m_captured->press(position.y, t);
                return;
            }
        }
    }
    void move(const ImVec2& position, double t)
    {
        if (m_captured)
            m_captured->move(position.y, t);
    }
    void release(double t)
    {
        if (m_captured)
            m_captured->release(t);
        m_captured = nullptr;
    }
    /// True while the captured finger is dragging: taps must not fire.
    bool dragging() const { return m_captured && m_captured->dragging(); }

private:
    struct Area {
        ImVec2 min;
        ImVec2 max;
        KineticScroll* scroll;
    };
    std::vector<Area> m_areas;
    std::vector<Area> m_previous;
    KineticScroll* m_captured = nullptr;
};

/// Everything a screen reads while drawing one frame.
struct UiContext {
    Store& store;
    const StringTables& strings;
    const KioskConfig& config;
    const UiScale& scale;
    const FontSet& fonts;
    const Palette& palette;
    TouchRouter& touch;
    LanguageCode language;
    UnixSeconds now = 0;     ///< wall clock for what is "today"
    double time = 0.0;       ///< monotonic seconds, for animation

    /// The UI string for `key` in the current language.
    std::string_view tr(std::string_view key) const { return strings.get(language, key); }
};

}  // namespace lotsen::kiosk
