// screen.hpp — one screen, one file, one shape: Screen::draw() draws the fixed frame every screen
// shares (top bar with back and title, bottom bar with "help now" and the languages) and calls
// draw_content() for the area between. Adding a screen = a file + a line in screens/registry.cpp.
#pragma once

#include "kiosk/ui_context.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

namespace lotsen::kiosk {

/// The content area a screen may draw into (screen pixels).
struct ContentArea {
    ImVec2 min;
    ImVec2 max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

/// Base of every kiosk screen.
class Screen {
public:
    virtual ~Screen() = default;

    /// Stable identifier: navigation target and the headless tour's file name.
    virtual const char* id() const = 0;
    /// String-table key of the title shown in the top bar.
    virtual const char* title_key() const = 0;
    /// The title shown in the top bar: title_key() translated, unless the screen names itself (the
    /// list shows the chosen interest).
    virtual std::string title(const UiContext& ui) const { return std::string(ui.tr(title_key())); }
    /// Draws the whole screen as one borderless full-window ImGui window.
    void draw(UiContext& ui);

    /// Called when the screen becomes visible (load data here, not every frame).
    virtual void on_enter(UiContext& ui) { (void)ui; }
    /// Forgets view state (scroll positions, messages) at an idle reset.
    virtual void on_reset() {}
    /// Sets up representative visitor state so the headless tour shows the screen filled in.
    virtual void prepare_tour(UiContext& ui) { (void)ui; }
    /// Brings `part` of the screen into view for a second picture of the headless tour (the detail's
    /// "way": the way there, below the fold on every size).
    virtual void show_tour_part(std::string_view part) { (void)part; }
    /// True while something on the screen moves and frames must keep coming.
    virtual bool animating() const { return false; }
    /// Seconds from `now` until the screen must be redrawn without input (clock, data refresh).
    virtual double seconds_until_refresh(UnixSeconds now) const { return static_cast<double>(60 - (now % 60)); }
    /// False for screens that draw without the shared frame (the admin PIN pad).
    virtual bool has_chrome() const { return true; }
    /// False for the home screen: no back button there.
    virtual bool has_back() const { return true; }
    /// Forgets the "cannot read aloud" notice (the screen was left, or the language changed).
    void clear_notice()
    {
        m_no_voice_notice = false;
        m_awaiting_voice = false;
    }
    /// True while the screen says it cannot read aloud (no engine, or no voice for the language).
    bool no_voice_notice() const { return m_no_voice_notice; }
    /// True for screens with a read-aloud button (checked every frame, so it builds no text).
    virtual bool offers_read_aloud() const { return false; }
    /// The visible text to read aloud (in the current language); built only when the button is tapped.
    virtual std::string read_aloud_text(UiContext& ui) { (void)ui; return {}; }

protected:
    virtual void draw_content(UiContext& ui, const ContentArea& area) = 0;

private:
    void draw_top_bar(UiContext& ui, float height);
    void toggle_reading(UiContext& ui);

    bool m_no_voice_notice = false;  ///< "cannot read this language aloud", until the screen is left
    bool m_awaiting_voice = false;   ///< asked before espeak-ng was loaded: the notice waits for its answer
    void draw_bottom_bar(UiContext& ui, float top, float height);
};

/// Height of the top bar and of the bottom bar for this scale.
float top_bar_height(const UiContext& ui);
float bottom_bar_height(const UiContext& ui);

}  // namespace lotsen::kiosk
