// ui_context.hpp — what a screen may read and use while it draws: the store, the strings, the
// visitor's session, the scale, the clock, the touch router, and the commands it may send.
// Screens own no business rules; they read state and send commands through Navigator and the
// facades (VisitorOutbox, AdminDesk), never through the worker threads' objects.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/settings/config.hpp"
#include "kiosk/fonts.hpp"
#include "kiosk/kinetic_scroll.hpp"
#include "core/storage/store.hpp"
#include "core/i18n/strings.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/ui_scale.hpp"
#include "kiosk/visitor_session.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace lotsen {
class AdminLock;
class ReadAloud;
}  // namespace lotsen

namespace lotsen::kiosk {

class AdminDesk;
class ImageTextures;
class VisitorOutbox;

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
    void begin_frame()
    {
        m_previous.swap(m_areas);
        m_areas.clear();
        m_drag_released = false;
    }
    /// Forgets every area and any captured finger (screen change, reset).
    void reset()
    {
        m_previous.clear();
        m_areas.clear();
        m_captured = nullptr;
        m_drag_released = false;
    }

    void press(const ImVec2& position, double t)
    {
        m_captured = nullptr;
        m_drag_released = false;
        // Later registrations are drawn on top (a scroll area inside a sheet): test them first.
        for (auto it = m_previous.rbegin(); it != m_previous.rend(); ++it) {
            if (position.x >= it->min.x && position.x < it->max.x && position.y >= it->min.y && position.y < it->max.y) {
                m_captured = it->scroll;
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
        // A drag that ends in the frame that also moved it (a flick) was never hidden from ImGui, and
        // the content followed the finger, so the widget it went down on is under it again: this
        // frame must still count as dragging, or the lift would tap that widget.
        m_drag_released = m_captured && m_captured->dragging();
        if (m_captured)
            m_captured->release(t);
        m_captured = nullptr;
    }
    /// True while the captured finger is dragging, and in the frame that lifts a drag: taps must not fire.
    bool dragging() const { return (m_captured && m_captured->dragging()) || m_drag_released; }

private:
    struct Area {
        ImVec2 min;
        ImVec2 max;
        KineticScroll* scroll;
    };
    std::vector<Area> m_areas;
    std::vector<Area> m_previous;
    KineticScroll* m_captured = nullptr;
    bool m_drag_released = false;  ///< a drag ended since this frame's registrations began
};

/// Where a tappable widget was drawn this frame; recorded only when tests or the tour ask for it.
struct TapTarget {
    std::string id;
    ImVec2 min;          ///< the whole widget
    ImVec2 max;
    ImVec2 visible_min;  ///< the part not clipped away (by a scroll area); empty when hidden
    ImVec2 visible_max;
};

/// A text the visitor cannot read whole: cut short with "…", drawn outside its box or outside the
/// visible rectangle, a word broken across lines, or a title leaving one word alone on its last line.
/// Recorded only when tests or the tour ask for it.
struct TextLoss {
    std::string text;  ///< as the screen gave it (logical order)
    std::string how;   ///< what happened to it, in words
    ImVec2 min;        ///< where it was drawn (screen pixels)
    ImVec2 max;
};

/// Commands a screen may send to the application.
class Navigator {
public:
    virtual ~Navigator() = default;
    /// Shows screen `id`, remembering the current one for back().
    virtual void navigate(std::string_view id) = 0;
    /// Returns to the previous screen (home when there is none).
    virtual void back() = 0;
    /// Returns to the home screen, forgetting the way back (not the visitor's input).
    virtual void home() = 0;
    /// Switches the UI language; takes effect on the next frame.
    virtual void set_language(const LanguageCode& language) = 0;
    /// Ends visitor state at once, as the idle timeout would.
    virtual void reset_session() = 0;
    /// Ends the program (admin only).
    virtual void request_exit() = 0;
};

/// Everything a screen reads while drawing one frame.
struct UiContext {
    Store& store;
    VisitorOutbox& outbox;  ///< sends check-ins and contact requests (may be unavailable: screens say so)
    AdminDesk& admin;       ///< admin's report and commands
    AdminLock& admin_lock;
    ReadAloud& voice;      ///< read-aloud (may be unavailable: no audio, no voice for a language)
    const StringTables& strings;
    const KioskConfig& config;
    const UiScale& scale;
    const FontSet& fonts;
    const Palette& palette;
    TouchRouter& touch;
    VisitorSession& session;
    Navigator& nav;
    UnixSeconds now = 0;   ///< wall clock for what is "today"
    double time = 0.0;     ///< monotonic seconds, for animation and lockouts
    std::string data_dir;
    std::vector<TapTarget>* targets = nullptr;  ///< null in production: recording costs allocations
    std::vector<TextLoss>* text_losses = nullptr;  ///< likewise: every text not shown whole this frame
    ImageTextures* images = nullptr;  ///< catalogue images (null: none are drawn)

    /// The UI string for `key` in the current language.
    std::string_view tr(std::string_view key) const { return strings.get(session.language, key); }
    /// True when the UI language is written right to left: the layout mirrors.
    bool rtl() const { return is_rtl_language(session.language); }
    /// A catalogue text in the visitor's language (with the fallback chain).
    std::string_view text(const LocalizedText& localized) const { return localized.get(session.language); }
};

}  // namespace lotsen::kiosk
