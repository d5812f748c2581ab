// screen.hpp — one screen, one file, one shape: Screen::draw() sets up the full-window frame and
// calls draw_content(), which each screen fills in. Adding a screen = a file + a registry line.
#pragma once

#include "ui_context.hpp"

#include <string_view>

namespace lotsen::kiosk {

/// Base of every kiosk screen.
class Screen {
public:
    virtual ~Screen() = default;

    /// Stable identifier, used for the headless tour's file names.
    virtual const char* id() const = 0;
    /// Draws the screen as one borderless full-window ImGui window.
    void draw(UiContext& ui);
    /// Called when the screen becomes visible (reload data here, not every frame).
    virtual void on_enter(UiContext& ui) { (void)ui; }
    /// True while something on the screen moves and frames must keep coming.
    virtual bool animating() const { return false; }
    /// Seconds from `now` until the screen's content must be refreshed (e.g. the clock), or a
    /// large number when nothing is due.
    virtual double seconds_until_refresh(UnixSeconds now) const { (void)now; return 3600.0; }

protected:
    virtual void draw_content(UiContext& ui) = 0;
};

}  // namespace lotsen::kiosk
