// app.cpp — kiosk start-up and the per-frame cycle: pointer events → (idle, admin gesture) →
// published updates when nobody is using the kiosk → touch router → ImGui input → visible screen →
// SDL_Renderer.
#include "kiosk/app.hpp"
#include "core/base/file.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "kiosk/keyboard.hpp"
#include "core/release/release_manager.hpp"
#include "kiosk/screens/registry.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/widgets.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace lotsen::kiosk {

namespace {
constexpr int k_admin_taps = 5;            // taps on the clock corner …
constexpr double k_admin_tap_window = 4.0;  // … within this many seconds open the PIN pad
constexpr double k_update_poll_seconds = 1.0;   // the updater's snapshot is read at most this often …
constexpr double k_update_frame_seconds = 30.0;  // … and an idle kiosk draws at least this often to do so
}  // namespace

KioskApp::KioskApp(KioskOptions options, SDL_Renderer* renderer, int width, int height)
    : m_options(std::move(options))
    , m_renderer(renderer)
    , m_scale(width, height, m_options.config.screen_diagonal_inches)
{
    m_session = fresh_session();
    m_last_input = -1.0;  // set by the first frame
}

Result<std::unique_ptr<KioskApp>> KioskApp::create(const KioskOptions& options, SDL_Renderer* renderer,
                                                   int width, int height)
{
    std::unique_ptr<KioskApp> app(new KioskApp(options, renderer, width, height));
    LOTSEN_TRY(app->initialise());
    return app;
}

Result<void> KioskApp::initialise()
{
    std::error_code ec;
    std::filesystem::create_directories(m_options.data_dir, ec);
    if (ec)
        return Error{m_options.data_dir + ": cannot create data directory: " + ec.message()};
    m_local_config = m_options.local_config.value_or(m_options.config);
    if (!m_options.local_config) {
        // Nobody read the published config over the local one before (tests, tools): do it here.
        if (auto overlaid = load_with_config_overlay(m_local_config, m_options.data_dir)) {
            m_options.config = std::move(overlaid).value();
            m_scale = UiScale(m_scale.width(), m_scale.height(), m_options.config.screen_diagonal_inches);
            m_session = fresh_session();
        } else {
            std::fprintf(stderr, "lotsen: %s; the local configuration is used\n", overlaid.error().text().c_str());
        }
    }
    auto store = Store::open(m_options.data_dir + "/lotsen.db");
    if (!store)
        return store.error();
    m_store = std::move(store).value();

    if (m_options.catalogue_path) {
        CatalogueParseResult parsed = load_catalogue_file(*m_options.catalogue_path);
        if (parsed.ok()) {
            LOTSEN_TRY(m_store->replace_catalogue(*parsed.catalogue, unix_now()));
        } else {
            // A broken file never replaces a good catalogue: report and keep what the store has.
            m_problems.import = *m_options.catalogue_path + " was not imported; the previous catalogue stays:\n" +
                                parsed.summary();
        }
    }

    open_outbox();
    start_updating();   // first: the uploader's first heartbeat reports a refusal the updater remembers
    start_uploading();

    m_admin_lock = std::make_unique<AdminLock>(m_options.config.admin_pin_hash);
    // Without audio or voices the kiosk still runs; the read-aloud button then says it cannot read.
    m_voice = ReadAloud::create(m_options.voice_output);

    auto strings = StringTables::load_directory(m_options.assets_dir + "/i18n");
    if (!strings)
        return strings.error();
    m_strings = std::move(strings).value();

    IMGUI_CHECKVERSION();
    m_imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(m_scale.width()), static_cast<float>(m_scale.height()));
    LOTSEN_TRY(rebuild_glyphs());
    if (!ImGui_ImplSDLRenderer_Init(m_renderer))
        return Error{"Dear ImGui's SDL_Renderer backend could not start"};
    m_backend_ready = true;
    LOTSEN_TRY(rebuild_look(false, false));

    m_screens = make_screens();
    return success();
}

Result<void> KioskApp::rebuild_glyphs()
{
    // The atlas holds the characters of the string tables and of the catalogue in use.
    std::vector<std::string_view> texts;
    for (const auto& [language, table] : m_strings.tables()) {
        for (const auto& [key, text] : table)
            texts.push_back(text);
    }
    auto characters = m_store->text_characters();
    if (!characters)
        return characters.error();
    texts.push_back(characters.value());
    const std::string keys = keyboard_characters();
    texts.push_back(keys);
    m_glyph_ranges = glyph_ranges_for(texts);
    if (!m_backend_ready)
        return success();  // initialise() builds the atlas once the backend is up
    return rebuild_look(m_larger_text, m_high_contrast, /*reload_fonts=*/true);
}

void KioskApp::open_outbox()
{
    // The outbox failing must not take the whole kiosk down: browsing still works, and the
    // check-in and contact screens say that sending is not possible right now.
    OutboxOptions event_options;
    event_options.min_checkin_gap_seconds = m_options.config.checkin_min_gap_seconds;
    if (m_options.config.hub_public_key)
        event_options.hub_public_key = *m_options.config.hub_public_key;
    m_problems.outbox.clear();
    auto events = Outbox::open(m_options.data_dir + "/outbox.db", event_options);
    if (events)
        m_events = std::move(events).value();
    else
        m_problems.outbox = events.error().text();
}

namespace {

// The [upstream] settings as the upload thread takes them.
UploaderOptions uploader_options(const KioskConfig& config, const std::string& data_dir)
{
    const UploadConfig& upload = config.upload;
    UploaderOptions options;
    options.url = upload.url.value_or("");
    options.outbox_path = data_dir + "/outbox.db";
    options.data_dir = data_dir;
    options.log_options.min_checkin_gap_seconds = config.checkin_min_gap_seconds;
    options.log_options.max_queue_bytes = std::int64_t{upload.queue_megabytes} << 20;
    options.batch_events = static_cast<std::size_t>(upload.batch_events);
    options.batch_bytes = static_cast<std::size_t>(upload.batch_kilobytes) << 10;
    options.flush_events = static_cast<std::size_t>(upload.flush_events);
    options.flush_interval = std::chrono::seconds(upload.flush_seconds);
    options.heartbeat_interval = std::chrono::minutes(upload.heartbeat_minutes);
    options.connect_timeout = std::chrono::seconds(upload.connect_timeout_seconds);
    options.request_timeout = std::chrono::seconds(upload.request_timeout_seconds);
    return options;
}

}  // namespace

void KioskApp::start_uploading()
{
    // The key is made on first start even without a url: the operator enrols it before the kiosk
    // is pointed at the hub, and admin shows it.
    auto keys = protocol::load_or_create_key_pair(m_options.data_dir + "/kiosk.key");
    if (!keys) {
        m_problems.upload = keys.error().text();
        return;
    }
    m_kiosk_key = protocol::to_base64(keys.value().public_key);
    if (!m_options.config.upload.url || !m_events)
        return;  // nothing to upload to, or no outbox to upload from
    auto uploader = Uploader::create(uploader_options(m_options.config, m_options.data_dir), keys.value());
    if (!uploader) {
        m_problems.upload = uploader.error().text();
        return;
    }
    m_uploader = std::move(uploader).value();
    // The uploader records a heartbeat as soon as it starts ("this kiosk is up"): everything it reports
    // is handed over before, or that first heartbeat would go out without it.
    HeartbeatFacts facts;
    if (auto version = m_store->catalogue_version())
        facts.catalogue_version = version.value();
    if (m_options.releases)
        facts.releases = m_options.releases->report();
    if (m_updater) {
        if (const auto refusal = m_updater->status().last_refusal) {
            facts.update_refusal = refusal;
            m_reported_refusal = refusal;
        }
    }
    tell_heartbeat(std::move(facts));
    m_uploader->start();
}

void KioskApp::start_updating()
{
    const KioskConfig& config = m_options.config;
    if (!config.upload.url || !config.publisher_public_key)
        return;  // admin says which of the two is missing
    UpdaterOptions options;
    options.url = *config.upload.url;
    options.data_dir = m_options.data_dir;
    std::copy(config.publisher_public_key->begin(), config.publisher_public_key->end(), options.publisher_key.begin());
    options.interval = std::chrono::minutes(config.upload.update_minutes);
    options.connect_timeout = std::chrono::seconds(config.upload.connect_timeout_seconds);
    options.manifest_timeout = std::chrono::seconds(config.upload.request_timeout_seconds);
    options.releases = m_options.releases;
    auto updater = Updater::create(std::move(options));
    if (!updater) {
        m_problems.update = updater.error().text();
        std::fprintf(stderr, "lotsen: updates are off: %s\n", m_problems.update.c_str());
        return;
    }
    m_updater = std::move(updater).value();
    m_updater->start();
}

void KioskApp::tell_heartbeat(HeartbeatFacts facts)
{
    if (!m_uploader)
        return;
    if (facts.catalogue_version)
        m_uploader->set_catalogue_version(*facts.catalogue_version);
    if (facts.releases)
        m_uploader->set_releases(std::move(facts.releases->installed), std::move(facts.releases->running),
                                 std::move(facts.releases->failed));
    if (facts.update_refusal)
        m_uploader->set_update_refusal(facts.update_refusal->at, std::move(facts.update_refusal->reason));
}

void KioskApp::report_releases(ReleaseManager::Report report)
{
    HeartbeatFacts facts;
    facts.releases = std::move(report);
    tell_heartbeat(std::move(facts));
}

bool KioskApp::quiet() const
{
    // The home screen with no visit going on and no finger down: switching what it shows now cannot
    // take anything away from anyone. Admin mode is not quiet either: staff are reading it.
    return untouched() && !m_pointer_down && m_pending.empty() && !m_idle_prompt_visible;
}

void KioskApp::poll_updates(UnixSeconds now)
{
    if (m_updater && m_time - m_last_update_poll >= k_update_poll_seconds) {
        m_last_update_poll = m_time;
        for (ReadyUpdate& update : m_updater->take_ready())
            m_waiting_updates.push_back(std::move(update));
        const UpdaterStatus status = m_updater->status();
        if (status.last_refusal && status.last_refusal != m_reported_refusal) {
            // The next heartbeat tells the region, which cannot see the kiosk's journal.
            m_reported_refusal = status.last_refusal;
            HeartbeatFacts facts;
            facts.update_refusal = status.last_refusal;
            tell_heartbeat(std::move(facts));
        }
        if (status.restart_requested && m_problems.restart_reason.empty())
            m_problems.restart_reason = "release " + std::to_string(status.accepted.release_version) + " " + status.release_name +
                               " is installed";
    }
    if (!quiet())
        return;
    if (!m_waiting_updates.empty()) {
        std::vector<ReadyUpdate> waiting;
        waiting.swap(m_waiting_updates);
        for (const ReadyUpdate& update : waiting)
            apply_update(update, now);
    }
    if (!m_problems.restart_reason.empty() && !m_exit_requested) {
        // Exit code 0 like admin's exit: systemd (Restart=always) starts the kiosk again, into the new
        // release or with the new [screen] and languages.
        std::fprintf(stderr, "lotsen: restarting: %s\n", m_problems.restart_reason.c_str());
        m_exit_requested = true;
    }
}

void KioskApp::apply_update(const ReadyUpdate& update, UnixSeconds now)
{
    if (!m_updater)
        return;  // updates were switched off by a config applied just before; the file waits for them
    // A file that does not parse or fit is refused for good (the updater remembers it across
    // restarts); one this kiosk could not store is offered again after a restart.
    if (update.kind == manifest::Kind::catalogue)
        apply_catalogue(update, now);
    else if (update.kind == manifest::Kind::config)
        apply_config(update);
    else
        m_updater->not_applied(update, "releases are not applied here");
}

void KioskApp::apply_catalogue(const ReadyUpdate& update, UnixSeconds now)
{
    auto catalogue = read_catalogue_update(update);
    if (!catalogue) {
        m_updater->refused(update, catalogue.error().text());
        return;
    }
    if (auto stored = store_catalogue_update(*m_store, catalogue.value(), update, now); !stored) {
        m_updater->not_applied(update, stored.error().text());
        return;
    }
    // The new texts need their glyphs before anything shows them; the screens load afresh.
    if (auto rebuilt = rebuild_glyphs(); !rebuilt)
        std::fprintf(stderr, "lotsen: the font atlas could not be rebuilt for the new catalogue: %s\n",
                     rebuilt.error().text().c_str());
    reset_session();
    HeartbeatFacts facts;
    facts.catalogue_version = update.entry.version;
    tell_heartbeat(std::move(facts));
    if (auto recorded = m_updater->accepted(update); !recorded)
        std::fprintf(stderr, "lotsen: %s (the catalogue is in use; it may be fetched again)\n",
                     recorded.error().text().c_str());
}

void KioskApp::apply_config(const ReadyUpdate& update)
{
    auto read = read_config_update(m_local_config, m_options.config, update);
    if (!read) {
        m_updater->refused(update, read.error().text());
        return;
    }
    // Stored before it counts as accepted: from now on every start reads it over the local file.
    if (auto stored = write_file_atomically(update_paths(m_options.data_dir).config_overlay, read.value().text); !stored) {
        m_updater->not_applied(update, "published config " + std::to_string(update.entry.version) +
                                           " could not be stored; the current configuration stays: " +
                                           stored.error().text());
        return;
    }
    if (auto recorded = m_updater->accepted(update); !recorded)
        std::fprintf(stderr, "lotsen: %s\n", recorded.error().text().c_str());
    if (read.value().needs_restart) {
        m_problems.restart_reason = "config " + std::to_string(update.entry.version) + " changes [screen] or the languages";
        return;
    }
    apply_config_live(read.value().config);  // may replace the updater: nothing here uses it after this
}

void KioskApp::apply_config_live(const KioskConfig& next)
{
    const KioskConfig before = m_options.config;
    m_options.config = next;  // help, hours and idle times are read from here every frame
    if (next.admin_pin_hash != before.admin_pin_hash)
        m_admin_lock = std::make_unique<AdminLock>(next.admin_pin_hash);
    const bool outbox_changed = next.hub_public_key != before.hub_public_key ||
                                next.checkin_min_gap_seconds != before.checkin_min_gap_seconds;
    const bool upload_changed = outbox_changed || next.upload != before.upload;
    const bool update_changed = next.upload != before.upload || next.publisher_public_key != before.publisher_public_key;
    if (upload_changed && m_uploader) {
        m_uploader->stop();  // its own outbox connection closes with it
        m_uploader.reset();
    }
    if (outbox_changed) {
        m_events.reset();
        open_outbox();
    }
    if (upload_changed) {
        m_problems.upload.clear();
        m_reported_refusal.reset();  // the new uploader's heartbeats report it again
        start_uploading();
    }
    if (update_changed) {
        if (m_updater)
            m_updater->stop();
        m_updater.reset();
        m_problems.update.clear();
        start_updating();
    }
    reset_session();  // the default language may have changed
    std::fprintf(stderr, "lotsen: the published configuration is in force\n");
}

Result<void> KioskApp::rebuild_look(bool larger_text, bool high_contrast, bool reload_fonts)
{
    // Scale, fonts and style are rebuilt together from one scale (STYLE.md rule 4).
    ImGuiIO& io = ImGui::GetIO();
    if (reload_fonts || larger_text != m_larger_text || !m_fonts.body) {
        m_scale = UiScale(m_scale.width(), m_scale.height(), m_options.config.screen_diagonal_inches,
                          larger_text ? k_larger_text_factor : 1.0f);
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        auto fonts = load_fonts(*io.Fonts, m_scale, m_glyph_ranges);
        if (!fonts)
            return fonts.error();
        m_fonts = fonts.value();
        io.FontDefault = m_fonts.body;
        // Upload the atlas now and drop ImGui's own copies (alpha and RGBA): the texture is all
        // that is drawn from, and the copies would hold several MiB for the life of the program.
        if (!ImGui_ImplSDLRenderer_CreateFontsTexture())
            return Error{std::string("the font texture could not be created: ") + SDL_GetError()};
        io.Fonts->ClearTexData();
    }
    m_larger_text = larger_text;
    m_high_contrast = high_contrast;
    m_palette = high_contrast ? &high_contrast_palette() : &default_palette();
    apply_theme(ImGui::GetStyle(), m_scale, *m_palette);
    m_touch.reset();  // scroll areas move when everything reflows
    m_settle_frames = std::max(m_settle_frames, 2);
    return success();
}

KioskApp::~KioskApp()
{
    if (m_updater)
        m_updater->stop();  // ends a download in flight; it resumes at the next start
    if (m_uploader)
        m_uploader->stop();  // returns within about a second, even mid-request
    if (m_imgui) {
        ImGui::SetCurrentContext(m_imgui);
        if (m_backend_ready)
            ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext(m_imgui);
    }
}

bool KioskApp::untouched() const
{
    return m_current == 0 && m_session == fresh_session();
}

VisitorSession KioskApp::fresh_session() const
{
    VisitorSession session;
    session.language = m_options.config.default_language;
    return session;
}

UiContext KioskApp::make_context(UnixSeconds now, double time)
{
    // Re-pointed each time: a config applied live may have replaced the outbox and the threads.
    m_visitor_outbox = visitor_outbox();
    m_admin_desk = admin_desk();
    return UiContext{*m_store, m_visitor_outbox, m_admin_desk, *m_admin_lock, *m_voice, m_strings, m_options.config,
                     m_scale, m_fonts, *m_palette, m_touch, m_session, *this, now, time, m_options.data_dir, nullptr};
}

bool KioskApp::show_screen(std::string_view id)
{
    for (std::size_t i = 0; i < m_screens.size(); ++i) {
        if (m_screens[i]->id() == id) {
            if (i != m_current)
                m_voice->stop();  // reading stops when its screen is left
            m_screens[i]->clear_notice();
            m_current = i;
            m_entered = false;
            m_touch.reset();
            m_settle_frames = 2;
            return true;
        }
    }
    return false;
}

std::vector<std::string> KioskApp::screen_ids() const
{
    std::vector<std::string> ids;
    for (const auto& screen : m_screens)
        ids.emplace_back(screen->id());
    return ids;
}

void KioskApp::prepare_tour(UnixSeconds now, double time)
{
    UiContext ui = make_context(now, time);
    current_screen().prepare_tour(ui);
    m_entered = false;
}

void KioskApp::navigate(std::string_view id)
{
    if (id == current_screen().id())
        return;
    const std::string from = current_screen().id();
    if (show_screen(id))
        m_session.history.push_back(from);
}

void KioskApp::back()
{
    if (m_session.history.empty()) {
        home();
        return;
    }
    const std::string previous = m_session.history.back();
    m_session.history.pop_back();
    show_screen(previous);
}

void KioskApp::home()
{
    m_session.history.clear();
    m_session.typing = TextTarget::none;
    show_screen(m_screens.front()->id());
}

void KioskApp::set_language(const LanguageCode& language)
{
    if (language != m_session.language) {
        m_voice->stop();  // the text on screen changes language
        current_screen().clear_notice();
    }
    m_session.language = language;
    m_settle_frames = 2;
}

void KioskApp::reset_session()
{
    // Everything the visitor chose or typed lives in m_session: replacing it forgets all of it.
    m_voice->stop();
    m_session = fresh_session();
    for (const auto& screen : m_screens)
        screen->on_reset();
    m_idle_prompt_visible = false;
    m_last_input = m_time;  // the next visitor gets the whole idle time
    m_pending.clear();
    m_pointer_down = false;
    show_screen(m_screens.front()->id());
}

void KioskApp::note_admin_gesture(const ImVec2& position, double time)
{
    // The corner where the clock sits (reading end of the top bar) is the hidden admin door.
    UiContext ui = make_context(0, time);
    const float side = top_bar_height(ui);  // the clock only: the text-size and contrast buttons sit beside it
    const bool in_corner = position.y < top_bar_height(ui) &&
                           (ui.rtl() ? position.x < side : position.x > static_cast<float>(m_scale.width()) - side);
    if (!in_corner) {
        m_gesture_taps.clear();
        return;
    }
    std::erase_if(m_gesture_taps, [&](double t) { return time - t > k_admin_tap_window; });
    m_gesture_taps.push_back(time);
    if (static_cast<int>(m_gesture_taps.size()) >= k_admin_taps) {
        m_gesture_taps.clear();
        navigate("admin_pin");
    }
}

void KioskApp::apply_pointer_events(double time)
{
    // Apply moves freely, but stop after one press or release: ImGui 1.86 samples button state once
    // per frame, so a press and release in the same frame would be a lost tap.
    while (!m_pending.empty()) {
        const PointerEvent event = m_pending.front();
        m_pending.pop_front();
        m_pointer = ImVec2(event.x, event.y);
        m_last_input = time;
        if (event.kind == PointerEvent::Kind::move) {
            if (!m_swallow_press)
                m_touch.move(m_pointer, time);
            continue;
        }
        if (event.kind == PointerEvent::Kind::press) {
            // A touch that wakes a dark screen or answers "still there?" does nothing else.
            m_swallow_press = m_dark || m_idle_prompt_visible;
            m_dark = false;
            m_idle_prompt_visible = false;
            if (!m_swallow_press) {
                m_pointer_down = true;
                m_touch.press(m_pointer, time);
                note_admin_gesture(m_pointer, time);
            }
        } else {
            if (!m_swallow_press)
                m_touch.release(time);
            m_pointer_down = false;
            m_swallow_press = false;
        }
        m_settle_frames = std::max(m_settle_frames, 1);
        break;
    }
}

bool KioskApp::screen_scheduled_on(UnixSeconds now) const
{
    return m_options.config.screen_on_at(stockholm::to_local(now));
}

void KioskApp::update_idle(UnixSeconds now, double time)
{
    const double idle = time - m_last_input;
    const double prompt_after = m_options.config.idle_prompt_seconds;
    const double reset_after = prompt_after + m_options.config.idle_reset_seconds;
    const bool pristine = untouched();
    if (idle >= reset_after && !pristine)
        reset_session();
    else
        m_idle_prompt_visible = idle >= prompt_after && !pristine;
    // Outside opening hours the screen goes dark once nobody has touched it for the prompt time.
    const bool dark = !screen_scheduled_on(now) && idle >= prompt_after;
    if (dark && !m_dark && !pristine) {
        const double last_input = m_last_input;
        reset_session();
        m_last_input = last_input;  // going dark is not a touch: stay dark
    }
    m_dark = dark;
}

void KioskApp::draw_idle_prompt(UiContext& ui, double time)
{
    const UiScale& s = ui.scale;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = viewport->Pos;
    const ImVec2 max(min.x + viewport->Size.x, min.y + viewport->Size.y);
    draw->AddRectFilled(min, max, IM_COL32(0x10, 0x14, 0x18, 0xB0));
    const float card_width = std::min(viewport->Size.x - s.em(2.0f), s.em(24.0f));
    const float card_height = std::min(viewport->Size.y - s.em(2.0f), s.em(9.0f));
    const ImVec2 card_min(min.x + (viewport->Size.x - card_width) / 2, min.y + (viewport->Size.y - card_height) / 2);
    draw->AddRectFilled(card_min, ImVec2(card_min.x + card_width, card_min.y + card_height), ui.palette.surface,
                        s.em(0.6f));
    const float pad = s.em(1.0f);
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, card_min.y + pad));
    paragraph(ui, ui.fonts.heading, ui.tr("idle_title"), ui.palette.text, card_width - 2 * pad, Align::center);
    const double remaining = m_options.config.idle_prompt_seconds + m_options.config.idle_reset_seconds -
                             (time - m_last_input);
    std::string body(ui.tr("idle_body"));
    const std::string seconds = std::to_string(static_cast<int>(std::ceil(std::max(0.0, remaining))));
    if (const std::size_t at = body.find("{seconds}"); at != std::string::npos)
        body.replace(at, 9, seconds);
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, ImGui::GetCursorScreenPos().y + s.em(0.3f)));
    paragraph(ui, ui.fonts.body, body, ui.palette.text_muted, card_width - 2 * pad, Align::center);
    // The whole screen answers the prompt (any touch), but a clear button says so.
    const float button_width = card_width - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, card_min.y + card_height - pad - s.touch_target()));
    button(ui, "##still-here", ui.tr("idle_continue"), ImVec2(button_width, s.touch_target()));
    ImGui::End();
}

void KioskApp::frame(UnixSeconds now, double time)
{
    ImGui::SetCurrentContext(m_imgui);
    m_time = time;
    if (m_last_input < 0.0)
        m_last_input = time;
    apply_pointer_events(time);
    update_idle(now, time);
    poll_updates(now);

    if (m_dark) {
        // Nothing is drawn outside opening hours: one black frame, then the loop sleeps.
        SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 0xFF);
        SDL_RenderClear(m_renderer);
        m_settle_frames = 0;
        return;
    }

    if (m_session.larger_text != m_larger_text || m_session.high_contrast != m_high_contrast) {
        if (auto rebuilt = rebuild_look(m_session.larger_text, m_session.high_contrast); !rebuilt) {
            // Keep the look we have; the visitor's wish cannot be met, and saying so in the log is
            // all there is to do (the fonts were loaded once already, so this is not expected).
            std::fprintf(stderr, "lotsen: %s\n", rebuilt.error().text().c_str());
            m_session.larger_text = m_larger_text;
            m_session.high_contrast = m_high_contrast;
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    const bool dragging = m_touch.dragging();
    // While a finger drags a list (or answers the idle prompt), ImGui must not see it: nothing
    // under it may become a tap.
    const bool hidden = dragging || m_swallow_press;
    io.MousePos = hidden ? ImVec2(-FLT_MAX, -FLT_MAX) : m_pointer;
    io.MouseDown[0] = m_pointer_down && !hidden;
    io.MouseWheel = m_wheel;
    m_wheel = 0.0f;
    io.DeltaTime = 1.0f / 60.0f;

    UiContext ui = make_context(now, time);
    m_targets.clear();
    if (m_record_targets)
        ui.targets = &m_targets;
    Screen* screen = &current_screen();
    if (!m_entered) {
        screen->on_enter(ui);
        m_entered = true;
    }
    m_touch.begin_frame();

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    screen->draw(ui);
    if (m_idle_prompt_visible)
        draw_idle_prompt(ui, time);
    ImGui::Render();

    const Palette& palette = *m_palette;
    SDL_SetRenderDrawColor(m_renderer, palette.background & 0xFF, (palette.background >> 8) & 0xFF,
                           (palette.background >> 16) & 0xFF, 0xFF);
    SDL_RenderClear(m_renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (m_settle_frames > 0)
        m_settle_frames--;
    // A screen change made while drawing is entered on the next frame.
    if (&current_screen() != screen)
        m_settle_frames = std::max(m_settle_frames, 2);
}

std::pair<int, int> KioskApp::font_atlas_size() const
{
    ImGui::SetCurrentContext(m_imgui);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    return {atlas.TexWidth, atlas.TexHeight};
}

bool KioskApp::wants_frame() const
{
    if (m_dark)
        return !m_pending.empty();
    return !m_pending.empty() || m_wheel != 0.0f || m_settle_frames > 0 || m_screens[m_current]->animating();
}

double KioskApp::seconds_until_due(UnixSeconds now, double time) const
{
    const KioskConfig& config = m_options.config;
    double due = m_dark ? 3600.0 : m_screens[m_current]->seconds_until_refresh(now);
    const double idle = time - m_last_input;
    if (m_voice->speaking())
        due = std::min(due, 0.5);  // the read-aloud button turns back when the reading ends
    if (m_idle_prompt_visible) {
        due = std::min(due, 1.0);  // the countdown
    } else if (!untouched()) {
        // Idle timers matter only when there is a visit to end; an untouched kiosk sleeps on.
        if (idle < config.idle_prompt_seconds)
            due = std::min(due, config.idle_prompt_seconds - idle);
    }
    if (!screen_scheduled_on(now) && !m_dark && idle < config.idle_prompt_seconds)
        due = std::min(due, config.idle_prompt_seconds - idle);  // then the screen goes dark
    if (const auto change = config.seconds_until_screen_change(now))
        due = std::min(due, static_cast<double>(*change));
    if (m_updater)
        due = std::min(due, k_update_frame_seconds);  // what the updater has ready is applied in a frame
    return std::max(0.0, due);
}

}  // namespace lotsen::kiosk
