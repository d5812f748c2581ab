// app.hpp — the kiosk application: owns the store, strings, fonts, ImGui context and screens, and
// turns pointer events into frames. It draws into any SDL_Renderer: a window's, or a software
// renderer on a surface for the headless tour and the UI tests.
#pragma once

#include "config.hpp"
#include "fonts.hpp"
#include "result.hpp"
#include "screen.hpp"
#include "store.hpp"
#include "strings.hpp"
#include "ui_context.hpp"
#include "ui_scale.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct SDL_Renderer;
struct ImGuiContext;

namespace lotsen::kiosk {

/// How the kiosk was started.
struct KioskOptions {
    KioskConfig config;
    std::string data_dir;                        ///< holds lotsen.db
    std::optional<std::string> catalogue_path;   ///< imported at start when given
    std::string assets_dir;                      ///< holds i18n/
};

/// One pointer (finger or mouse) event in window pixels.
struct PointerEvent {
    enum class Kind { press, move, release };
    Kind kind = Kind::move;
    float x = 0.0f;
    float y = 0.0f;
};

/// The running kiosk.
class KioskApp {
public:
    /// Opens the store (importing the catalogue if asked), loads strings and fonts, and prepares
    /// ImGui to draw into `renderer` at `width`×`height`.
    static Result<std::unique_ptr<KioskApp>> create(const KioskOptions& options, SDL_Renderer* renderer,
                                                    int width, int height);
    ~KioskApp();
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;

    /// Queues a pointer event; it is applied at the next frame.
    void push_pointer(const PointerEvent& event) { m_pending.push_back(event); }
    /// Adds mouse-wheel motion (developer convenience on a desktop).
    void push_wheel(float lines) { m_wheel += lines; }

    /// Builds and renders one frame at wall-clock `now` and monotonic `time` (seconds). At most one
    /// press or release is applied per frame so a quick tap is never lost.
    void frame(UnixSeconds now, double time);

    /// True when another frame is needed right away (input waiting or something moving).
    bool wants_frame() const;
    /// Seconds until a frame is due without input (clock, data refresh).
    double seconds_until_due(UnixSeconds now) const;

    /// Switches the visible screen by id; false when there is no such screen.
    bool show_screen(std::string_view id);
    /// Ids of all screens, in tour order.
    std::vector<std::string> screen_ids() const;
    /// The visible screen.
    Screen& current_screen() { return *m_screens[m_current]; }

    /// Switches the UI language (takes effect on the next frame).
    void set_language(const LanguageCode& language);
    const LanguageCode& language() const { return m_language; }

    Store& store() { return *m_store; }
    const KioskConfig& config() const { return m_options.config; }
    /// Catalogue import problems found at start (empty when none); the previous catalogue stays.
    const std::string& import_problems() const { return m_import_problems; }

private:
    KioskApp(KioskOptions options, SDL_Renderer* renderer, int width, int height);
    Result<void> initialise();
    UiContext make_context(UnixSeconds now, double time);
    void apply_pointer_events(double time);

    KioskOptions m_options;
    SDL_Renderer* m_renderer;
    UiScale m_scale;
    ImGuiContext* m_imgui = nullptr;
    bool m_backend_ready = false;
    FontSet m_fonts;
    StringTables m_strings;
    std::unique_ptr<Store> m_store;
    std::vector<std::unique_ptr<Screen>> m_screens;
    std::size_t m_current = 0;
    bool m_entered = false;
    TouchRouter m_touch;
    std::deque<PointerEvent> m_pending;
    ImVec2 m_pointer{-1.0f, -1.0f};
    bool m_pointer_down = false;
    float m_wheel = 0.0f;
    int m_settle_frames = 2;  ///< frames still to draw after a change, so layouts settle
    LanguageCode m_language;
    std::string m_import_problems;
};

}  // namespace lotsen::kiosk
