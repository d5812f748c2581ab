// app.hpp — the kiosk application, one class in files named after what each part does:
// app.cpp (start-up and lifetime), app_frame.cpp (the frame cycle and navigation), app_input.cpp
// (pointer, admin gesture, idle), app_look.cpp (scale, fonts, palette), app_services.cpp (store,
// outbox, upload and update threads, heartbeat facts, restart on config), app_updates.cpp (applying
// published catalogues, configs and releases when nobody is using the kiosk). It draws into any
// SDL_Renderer: a window's, or a software renderer on a surface for the headless tour and the UI tests.
#pragma once

#include "core/settings/admin_lock.hpp"
#include "core/settings/config.hpp"
#include "core/settings/local_config.hpp"
#include "core/outbox/outbox.hpp"
#include "core/catalogue/catalogue_parse.hpp"
#include "kiosk/admin_desk.hpp"
#include "kiosk/fonts.hpp"
#include "kiosk/frame_settling.hpp"
#include "kiosk/image_textures.hpp"
#include "core/speech/read_aloud.hpp"
#include "core/base/result.hpp"
#include "core/release/release_manager.hpp"
#include "kiosk/screen.hpp"
#include "kiosk/software_draw.hpp"
#include "core/storage/store.hpp"
#include "kiosk/store_check.hpp"
#include "core/i18n/strings.hpp"
#include "core/update/updater.hpp"
#include "core/upload/uploader.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/ui_context.hpp"
#include "kiosk/ui_scale.hpp"
#include "kiosk/visitor_outbox.hpp"
#include "kiosk/visitor_session.hpp"

#include <cstdint>
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
    KioskConfig config;                          ///< in force at start (local file + published overlay)
    /// The kiosk's own config file alone, which published configs are read over; nullopt = `config`
    /// is the local one (the app then reads DATA_DIR/updates/config.toml over it itself).
    std::optional<KioskConfig> local_config;
    ConfigOrigin config_origin;                  ///< where the local config came from (a bad file: its line)
    std::string data_dir;                        ///< holds lotsen.db and outbox.db
    std::optional<std::string> catalogue_path;   ///< imported at start when given
    std::string assets_dir;                      ///< holds i18n/
    ReleaseManager* releases = nullptr;          ///< installs published releases; null = they are left alone
    ReadAloud::Output voice_output = ReadAloud::Output::playback;  ///< capture when headless
    bool decode_images_in_frame = false;         ///< headless: a picture is decoded in the frame that shows it
    /// Where the built font atlas is kept between starts (kiosk/font_atlas_cache.hpp); empty: it is
    /// built at every start. The program sets DATA_DIR/cache; tests leave it empty unless they test it.
    std::string font_cache_dir;
};

/// One pointer (finger or mouse) event in window pixels.
struct PointerEvent {
    enum class Kind { press, move, release };
    Kind kind = Kind::move;
    float x = 0.0f;
    float y = 0.0f;
};

/// The running kiosk.
class KioskApp final : public Navigator {
public:
    /// Opens the store (importing the catalogue if asked) and the outbox, loads strings and fonts,
    /// and prepares ImGui to draw into `renderer` at `width`×`height`.
    static Result<std::unique_ptr<KioskApp>> create(const KioskOptions& options, SDL_Renderer* renderer,
                                                    int width, int height);
    ~KioskApp() override;
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;

    // ---- Frames and screens (app_frame.cpp) ----
    /// Builds and renders one frame at wall-clock `now` and monotonic `time` (seconds). At most one
    /// press or release is applied per frame so a quick tap is never lost. Outside opening hours
    /// (and with no recent touch) it only clears the screen to black.
    void frame(UnixSeconds now, double time);
    /// Starts what waits for the first frame to be on screen: the update and upload threads (and with
    /// them libcurl, loaded by their first request). Called after the first present; once is enough,
    /// later calls do nothing.
    void first_frame_shown();
    /// True when another frame is needed right away: input waiting, something moving, or the screen
    /// still settling after input (the last frame's draw data differed from the one before, within
    /// a cap of frames, kiosk/frame_settling.hpp).
    bool wants_frame() const;
    /// The loop is about to wait for input or a timer (wants_frame() is false): after a visit ended,
    /// the heap is trimmed here, once the next visit's first screen has settled and been shown.
    void settled();
    /// Seconds until a frame is due without input: the clock, the idle prompt and reset, the next
    /// opening-hours change.
    double seconds_until_due(UnixSeconds now, double time) const;
    /// Shows screen `id` directly, without history (tour, tests); false when there is no such screen.
    bool show_screen(std::string_view id);
    /// Ids of all screens, in tour order.
    std::vector<std::string> screen_ids() const;
    /// The visible screen.
    Screen& current_screen() { return *m_screens[m_current]; }
    /// Asks the visible screen to fill in representative state for the tour.
    void prepare_tour(UnixSeconds now, double time);
    /// Records where tappable widgets are drawn (tests and the tour use it to find them).
    void record_targets(bool on) { m_record_targets = on; }
    /// The tappable widgets of the last frame (empty unless recording).
    const std::vector<TapTarget>& targets() const { return m_targets; }
    /// The texts the last frame could not show whole (recorded with the targets).
    const std::vector<TextLoss>& text_losses() const { return m_text_losses; }

    // Navigator
    void navigate(std::string_view id) override;
    void back() override;
    void home() override;
    void set_language(const LanguageCode& language) override;
    void reset_session() override;
    void request_exit() override { m_exit_requested = true; }
    /// True once admin mode (or a pending restart) asked to end the program.
    bool exit_requested() const { return m_exit_requested; }

    // ---- Input and idle (app_input.cpp) ----
    /// Queues a pointer event; it is applied at the next frame.
    void push_pointer(const PointerEvent& event) { m_input.pending.push_back(event); }
    /// Adds mouse-wheel motion (developer convenience on a desktop).
    void push_wheel(float lines) { m_input.wheel += lines; }
    /// True while the "still there?" prompt is shown.
    bool idle_prompt_visible() const { return m_idle_prompt_visible; }
    /// True when no configuration ever loaded: the kiosk shows the crisis numbers and an out-of-order
    /// notice naming the file and line, after start and after every reset.
    bool out_of_order() const { return m_problems.out_of_order; }
    /// True while the screen is dark (outside opening hours, untouched).
    bool dark() const { return m_dark; }

    // ---- Look (app_look.cpp) ----
    /// Body text height in pixels now (grows in larger-text mode).
    float font_px() const { return m_look.scale.font_px(); }
    /// Width and height of the font atlas texture in pixels (its memory: width × height × 4 bytes).
    std::pair<int, int> font_atlas_size() const;
    /// Text laid out with the current fonts, kept between frames (its hits and misses say how much
    /// a frame laid out).
    const TextLayoutCache& text_layouts() const { return *m_look.fonts.layouts; }
    /// Whether the font atlas in use came from the cache file or was built, and why.
    const AtlasCacheOutcome& font_atlas_cache() const { return m_look.fonts.cache; }
    /// Vertices the last frame handed to the renderer.
    int drawn_vertices() const;
    /// Where the last frame's triangles went on the software renderer (all zero on another).
    const SoftwareDrawCounts& software_drawn() const { return m_software_drawn; }

    // ---- State and services (app_services.cpp) ----
    const VisitorSession& session() const { return m_session; }
    VisitorSession& session() { return m_session; }
    Store& store() { return *m_store; }
    /// The outbox; null when it could not be opened (tests and tools read it directly).
    Outbox* events() { return m_events.get(); }
    ReadAloud& voice() { return *m_voice; }
    const KioskConfig& config() const { return m_options.config; }
    /// Catalogue import problems found at start (empty when none); the previous catalogue stays.
    const std::string& import_problems() const { return m_problems.import; }
    /// Why the outbox could not be opened (empty when it is open).
    const std::string& outbox_problem() const { return m_problems.outbox; }
    /// The upload thread; null without an [upstream] url (or when it could not start).
    Uploader* uploader() { return m_uploader.get(); }
    /// This kiosk's public key in base64 (empty when the key file could not be read or created).
    const std::string& kiosk_key() const { return m_kiosk_key; }
    /// Why uploading could not start (empty when it runs or is not configured).
    const std::string& upload_problem() const { return m_problems.upload; }
    /// The update thread; null without [upstream] url and publisher_public_key (or when it could not start).
    Updater* updater() { return m_updater.get(); }
    /// Why updates could not start (empty when they run or are not configured).
    const std::string& update_problem() const { return m_problems.update; }
    /// Why the kiosk will restart once nobody is using it (a release or a [screen]/languages config);
    /// empty when it will not. It then ends like admin's exit (exit code 0; systemd starts it again).
    const std::string& restart_reason() const { return m_problems.restart_reason; }
    /// Hands the releases to the next heartbeats (after a trial ended); nothing without an uploader.
    void report_releases(ReleaseManager::Report report);
    /// The facades screens get: sending a visitor's check-in or contact request, and admin's report
    /// and commands, pointed at the outbox and threads of this moment.
    VisitorOutbox visitor_outbox() { return VisitorOutbox(m_events.get(), m_uploader.get()); }
    AdminDesk admin_desk()
    {
        return AdminDesk(m_events.get(), m_uploader.get(), m_updater.get(), &m_problems, m_kiosk_key, m_images.get());
    }

private:
    /// What the uploader's heartbeats report that only the app knows; each part set is handed over.
    struct HeartbeatFacts {
        std::optional<std::int64_t> catalogue_version;
        std::optional<ReleaseManager::Report> releases;
        std::optional<UpdateRefusal> update_refusal;
        std::optional<lotsen::HeartbeatFacts::ImageRefusalsFact> image_refusals;
    };
    /// Scale, fonts and palette, rebuilt together (app_look.cpp).
    struct Look {
        UiScale scale;
        FontSet fonts;
        const Palette* palette = &default_palette();
        bool larger_text = false;   ///< what the fonts are built for now
        bool high_contrast = false;
        GlyphRanges glyph_ranges;   ///< what the atlas holds; ImGui reads it while building
    };
    /// The pointer as frames see it, and what is still to be applied (app_input.cpp).
    struct Input {
        std::deque<PointerEvent> pending;
        ImVec2 pointer{-1.0f, -1.0f};
        bool pointer_down = false;
        bool swallow_press = false;        ///< the current press woke the screen or answered the prompt
        float wheel = 0.0f;
        double last_input = 0.0;           ///< monotonic time of the last touch
        std::vector<double> gesture_taps;  ///< recent taps in the admin corner
    };
    /// Published updates between the updater and the moment they are applied (app_updates.cpp).
    struct PendingUpdates {
        std::vector<ReadyUpdate> waiting;                 ///< taken from the updater, applied when quiet()
        double last_poll = -1e9;                          ///< monotonic time the updater was last asked
        std::optional<UpdateRefusal> reported_refusal;    ///< the refusal last handed to the uploader
        std::uint64_t reported_image_refusals = 0;        ///< the image refusals last handed to the uploader
    };

    KioskApp(KioskOptions options, SDL_Renderer* renderer, int width, int height);
    Result<void> initialise();

    // app_frame.cpp
    UiContext make_context(UnixSeconds now, double time);
    VisitorSession fresh_session() const;
    /// The screen a visit starts on: home, or "help now" while out of order.
    std::size_t first_screen() const;
    /// True on the home screen with nothing chosen or typed: no visit to end.
    bool untouched() const;
    /// What the last visit left held: ImGui's window buffers (settled() then trims the heap).
    void release_visit_memory();

    // app_input.cpp
    void apply_pointer_events(double time);
    void note_admin_gesture(const ImVec2& position, double time);
    void update_idle(UnixSeconds now, double time);
    void draw_idle_prompt(UiContext& ui, double time);
    bool screen_scheduled_on(UnixSeconds now) const;

    // app_look.cpp
    /// Rebuilds the glyph ranges from the string tables and the catalogue in use, then the atlas.
    Result<void> rebuild_glyphs();
    /// Rebuilds scale, fonts and style for the larger-text mode and picks the palette.
    Result<void> rebuild_look(bool larger_text, bool high_contrast, bool reload_fonts = false);

    // app_services.cpp
    /// Opens the catalogue store; a damaged one is set aside and an empty one made (the updater
    /// then forgets the catalogue it accepted, so it fetches it again). Failures are kept for
    /// initialise(), which cannot go on without a store.
    void open_store();
    /// The updater's state must not claim a catalogue the store does not hold (a damaged store was
    /// replaced by an empty one): forgets it there so the next check fetches it again.
    void forget_catalogue_not_held();
    /// Logs the repairs made at start again every k_repair_reminder_seconds while one still needs
    /// staff (a new kiosk key the hub does not accept yet), so the journal shows it however far back
    /// staff look; says once when the hub accepts the new key.
    void remind_repairs();
    /// Starts the store's full check once the first frame is out (StoreCheck), and takes what it found:
    /// a damaged store is marked for open_recovering() and the kiosk restarts at the next quiet moment.
    void follow_store_check();
    /// Opens the outbox with the config's hub key and check-in gap; failures are kept for the screens.
    void open_outbox();
    /// Loads the kiosk key and, with an [upstream] url, makes the upload thread (started now if the
    /// first frame was shown, else by first_frame_shown()). Failures are kept for the admin screen: a
    /// kiosk that cannot upload still lets visitors browse and send.
    void start_uploading();
    /// With [upstream] url and publisher_public_key, makes the update thread (started as the upload
    /// thread is; releases through KioskOptions::releases). Failures are kept for admin, like start_uploading's.
    void start_updating();
    /// Applies a new config that needs no restart: PIN, help, hours, idle times, check-in gap,
    /// upstream settings (the threads restart with them).
    void apply_config_live(const KioskConfig& next);
    /// The one place the uploader is told what heartbeats report; nothing without an uploader.
    void tell_heartbeat(HeartbeatFacts facts);
    /// Hands the image refusals to the uploader when there are more than it was last told of.
    void report_image_refusals(const UpdaterStatus* status);

    // app_updates.cpp
    /// Takes what the updater has ready, applies it when no visitor is using the kiosk, passes
    /// refusals on to the heartbeat, and ends the program for a pending restart at such a moment.
    void poll_updates(UnixSeconds now);
    /// True when nobody is using the kiosk: home screen, nothing chosen or typed, no finger down.
    bool quiet() const;
    /// Applies one ready update and tells the updater how it went: accepted(), refused() (the file is
    /// wrong: never fetched again) or not_applied() (this kiosk failed: tried again after a restart).
    void apply_update(const ReadyUpdate& update, UnixSeconds now);
    void apply_catalogue(const ReadyUpdate& update, UnixSeconds now);
    /// Tells the updater which images the catalogue in the store references.
    void want_catalogue_images();
    void apply_config(const ReadyUpdate& update);

    KioskOptions m_options;
    KioskConfig m_local_config;  ///< the kiosk's own file: published configs are read over it
    SDL_Renderer* m_renderer;
    /// On SDL's software renderer: draws ImGui's lists there (software_draw.hpp); else none.
    std::unique_ptr<SoftwareDraw> m_software_draw;
    SolidTexel m_solid_texel;  ///< the font texture's white texel, read when the texture is made
    SoftwareDrawCounts m_software_drawn;  ///< what the last frame's draw sent where

    // Services, declared before the screens so they outlive them; what they could not do is kept
    KioskProblems m_problems;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<StoreCheck> m_store_check;  ///< after m_store: stopped before the store closes
    bool m_store_check_done = false;
    std::unique_ptr<Outbox> m_events;
    std::unique_ptr<AdminLock> m_admin_lock;
    std::unique_ptr<ReadAloud> m_voice;
    std::string m_kiosk_key;
    double m_repairs_logged_at = 0.0;  ///< monotonic time remind_repairs() last logged
    VisitorOutbox m_visitor_outbox;  ///< the screens' facades, pointed at the services each frame
    AdminDesk m_admin_desk;

    // Drawing
    ImGuiContext* m_imgui = nullptr;
    std::unique_ptr<ImageTextures> m_images;  ///< catalogue images on screen (after the renderer is known)
    bool m_backend_ready = false;
    /// A visit ended: the next frame lets go of ImGui's window buffers, and settled() trims the heap.
    bool m_visit_memory_to_release = false;
    /// The heap is to be trimmed when the loop next settles (a visit ended).
    bool m_trim_when_settled = false;
    Look m_look;
    StringTables m_strings;

    // Screens and the visit
    std::vector<std::unique_ptr<Screen>> m_screens;
    std::size_t m_current = 0;
    bool m_entered = false;
    TouchRouter m_touch;
    VisitorSession m_session;
    FrameSettling m_settling;       ///< whether frames must go on after input or a change
    double m_time = 0.0;            ///< monotonic time of the current frame
    std::uint64_t m_frames = 0;     ///< frames begun since start
    bool m_first_frame_shown = false;  ///< first_frame_shown() was called: threads start when made
    bool m_exit_requested = false;
    bool m_record_targets = false;
    std::vector<TapTarget> m_targets;
    std::vector<TextLoss> m_text_losses;

    // Input and idle
    Input m_input;
    bool m_idle_prompt_visible = false;
    bool m_dark = false;

    // The threads
    PendingUpdates m_updates;
    std::unique_ptr<Updater> m_updater;
    /// The hub's signed time: the uploader keeps it, the updater judges expiry by it when the local
    /// clock is not synchronised. Shared by both, and outlives either's restart.
    std::shared_ptr<HubTime> m_hub_time = std::make_shared<HubTime>();
    std::unique_ptr<Uploader> m_uploader;  ///< declared last: stopped first, before the outbox closes
};

}  // namespace lotsen::kiosk
