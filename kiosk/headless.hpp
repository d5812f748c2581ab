// headless.hpp — renders the kiosk without a display: a software SDL_Renderer on an RGBA surface.
// Used by `lotsen --headless --tour DIR` and by the UI tests.
#pragma once

#include "kiosk/app.hpp"
#include "core/base/result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Surface;
struct SDL_Renderer;

namespace lotsen::kiosk {

/// A kiosk drawing into memory.
class HeadlessKiosk {
public:
    static Result<std::unique_ptr<HeadlessKiosk>> create(const KioskOptions& options, int width, int height);
    ~HeadlessKiosk();
    HeadlessKiosk(const HeadlessKiosk&) = delete;
    HeadlessKiosk& operator=(const HeadlessKiosk&) = delete;

    KioskApp& app() { return *m_app; }
    /// Renders frames until the app is settled (no pending input, nothing animating), at most
    /// `max_frames`, advancing the monotonic clock by 1/60 s per frame.
    void settle(UnixSeconds now, int max_frames = 240);
    /// Renders exactly one frame.
    void frame(UnixSeconds now);
    /// Lets `seconds` of monotonic time pass without frames (idle timeouts, lockouts).
    void advance(double seconds) { m_time += seconds; }
    /// Taps the centre of the visible part of the widget recorded as `id` in the last frame (press,
    /// then release, one frame each, then settles); false when no such widget is in sight.
    bool tap(std::string_view id, UnixSeconds now);
    /// Taps the point (x, y).
    void tap_at(float x, float y, UnixSeconds now);
    /// The last frame's rectangle of widget `id`, if it was drawn.
    const TapTarget* find_target(std::string_view id) const;
    /// Writes the last rendered frame to a PNG.
    Result<void> save_png(const std::string& path) const;
    /// The last rendered frame's colour at (x, y), as ImGui writes colours (IM_COL32: red in the
    /// low byte, alpha 0xFF), so tests compare it with a Palette entry.
    std::uint32_t pixel(int x, int y) const;
    /// Seconds of simulated monotonic time so far.
    double time() const { return m_time; }

private:
    HeadlessKiosk() = default;
    SDL_Surface* m_surface = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    std::unique_ptr<KioskApp> m_app;
    double m_time = 0.0;
};

/// Options of a tour.
struct TourOptions {
    std::string out_dir;
    std::vector<LanguageCode> languages;  ///< empty = the configured ones
    int width = 0;
    int height = 0;
    UnixSeconds now = 0;                  ///< 0 = the current time
    bool larger_text = false;             ///< every screen in larger text (…-larger.png)
};

/// Renders every screen in every language to out_dir/<screen>-<lang>-<W>x<H>.png, plus home and the
/// list in larger text (…-larger.png) and the detail screen in high contrast (…-contrast.png);
/// with `larger_text`, every screen in larger text instead. Each text a picture could not show whole
/// is named on stderr. Returns the paths.
Result<std::vector<std::string>> render_tour(const KioskOptions& options, const TourOptions& tour);

}  // namespace lotsen::kiosk
