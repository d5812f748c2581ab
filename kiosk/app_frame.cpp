// app_frame.cpp — KioskApp's frame cycle and navigation: pointer events → (idle, admin gesture) →
// published updates when nobody is using the kiosk → touch router → ImGui input → visible screen →
// SDL_Renderer; when the next frame is due; which screen shows, and the visitor's session.
#include "kiosk/app.hpp"

#include "kiosk/imgui_buffers.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <malloc.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>

namespace lotsen::kiosk {

namespace {
// What the updater has ready is applied in a frame (app_updates.cpp): an idle kiosk with updates on
// draws at least this often.
constexpr double k_update_frame_seconds = 30.0;
}  // namespace

void KioskApp::frame(UnixSeconds now, double time)
{
    ImGui::SetCurrentContext(m_imgui);
    m_time = time;
    ++m_frames;
    if (m_input.last_input < 0.0)
        m_input.last_input = time;
    apply_pointer_events(time);
    update_idle(now, time);
    poll_updates(now);
    if (m_images)
        m_images->take_decoded();  // pictures the decoder finished: drawn from this frame on
    // A visit ended since the last frame: its screens' buffers go now, and the heap is trimmed once
    // the next visit's first screen has settled (release_visit_memory, settled).
    if (m_visit_memory_to_release)
        release_visit_memory();

    if (m_dark) {
        // Nothing is drawn outside opening hours: one black frame, then the loop sleeps.
        SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 0xFF);
        SDL_RenderClear(m_renderer);
        m_settling.blank();
        return;
    }

    if (m_session.larger_text != m_look.larger_text || m_session.high_contrast != m_look.high_contrast) {
        if (auto rebuilt = rebuild_look(m_session.larger_text, m_session.high_contrast); !rebuilt) {
            // Keep the look we have; the visitor's wish cannot be met, and saying so in the log is
            // all there is to do (the fonts were loaded once already, so this is not expected).
            std::fprintf(stderr, "lotsen: %s\n", rebuilt.error().text().c_str());
            m_session.larger_text = m_look.larger_text;
            m_session.high_contrast = m_look.high_contrast;
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    const bool dragging = m_touch.dragging();
    // While a finger drags a list (or answers the idle prompt), ImGui must not see it: nothing
    // under it may become a tap.
    const bool hidden = dragging || m_input.swallow_press;
    io.MousePos = hidden ? ImVec2(-FLT_MAX, -FLT_MAX) : m_input.pointer;
    io.MouseDown[0] = m_input.pointer_down && !hidden;
    io.MouseWheel = m_input.wheel;
    m_input.wheel = 0.0f;
    io.DeltaTime = 1.0f / 60.0f;

    UiContext ui = make_context(now, time);
    m_targets.clear();
    m_text_losses.clear();
    if (m_record_targets) {
        ui.targets = &m_targets;
        ui.text_losses = &m_text_losses;
    }
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

    const Palette& palette = *m_look.palette;
    SDL_SetRenderDrawColor(m_renderer, palette.background & 0xFF, (palette.background >> 8) & 0xFF,
                           (palette.background >> 16) & 0xFF, 0xFF);
    SDL_RenderClear(m_renderer);
    if (m_software_draw)
        m_software_drawn = m_software_draw->draw(m_renderer, *ImGui::GetDrawData(), m_solid_texel);
    else
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    m_settling.drawn(draw_data_hash(*ImGui::GetDrawData(), palette.background));
    // A screen change made while drawing is entered on the next frame.
    if (&current_screen() != screen)
        m_settling.changed();
}

void KioskApp::settled()
{
    if (!m_trim_when_settled)
        return;
    m_trim_when_settled = false;
    malloc_trim(0);
}

bool KioskApp::wants_frame() const
{
    if (m_dark)
        return !m_input.pending.empty();
    return !m_input.pending.empty() || m_input.wheel != 0.0f || m_settling.settling() || m_screens[m_current]->animating() ||
           (m_images && m_images->has_decoded());
}

double KioskApp::seconds_until_due(UnixSeconds now, double time) const
{
    const KioskConfig& config = m_options.config;
    double due = m_dark ? 3600.0 : m_screens[m_current]->seconds_until_refresh(now);
    const double idle = time - m_input.last_input;
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

UiContext KioskApp::make_context(UnixSeconds now, double time)
{
    // Re-pointed each time: a config applied live may have replaced the outbox and the threads.
    m_visitor_outbox = visitor_outbox();
    m_admin_desk = admin_desk();
    return UiContext{*m_store, m_visitor_outbox, m_admin_desk, *m_admin_lock, *m_voice, m_strings, m_options.config,
                     m_look.scale, m_look.fonts, *m_look.palette, m_touch, m_session, *this, now, time,
                     m_options.data_dir, nullptr, nullptr, m_images.get()};
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
            m_settling.changed();
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
    show_screen(m_screens[first_screen()]->id());
}

std::size_t KioskApp::first_screen() const
{
    if (m_problems.out_of_order) {
        for (std::size_t i = 0; i < m_screens.size(); ++i) {
            if (std::string_view(m_screens[i]->id()) == "help")
                return i;
        }
    }
    return 0;
}

void KioskApp::set_language(const LanguageCode& language)
{
    if (language != m_session.language) {
        m_voice->stop();  // the text on screen changes language
        current_screen().clear_notice();
    }
    m_session.language = language;
    m_settling.changed();
}

void KioskApp::reset_session()
{
    // Everything the visitor chose or typed lives in m_session: replacing it forgets all of it.
    m_voice->stop();
    m_session = fresh_session();
    for (const auto& screen : m_screens)
        screen->on_reset();
    m_idle_prompt_visible = false;
    m_input.last_input = m_time;  // the next visitor gets the whole idle time
    m_input.pending.clear();
    m_input.pointer_down = false;
    show_screen(m_screens[first_screen()]->id());
    // The visitor has gone: forget the labels laid out for their screens (the next visitor's screens
    // are laid out again in their first frames). The rest waits for the next frame's start, as this
    // may be called while a screen draws.
    if (m_look.fonts.layouts)
        m_look.fonts.layouts->clear();
    m_visit_memory_to_release = true;
}

void KioskApp::release_visit_memory()
{
    // Every screen's ImGui window keeps the buffers of the largest frame it ever drew (a list at
    // larger text, a long detail); over days of visits that is every screen's worst frame at once.
    // The next visitor's screens grow theirs again from what they draw. The heap is trimmed (glibc
    // keeps freed memory inside its heap and the threads' arenas otherwise) only when the loop is
    // about to sleep: the next screen's labels, laid out anew, the frames that settle it, and the
    // GL driver's work for each present (llvmpipe bins a scene in the loop's thread) touch freed
    // pages again, and a trim any earlier would leave those touched while the kiosk waits. Both
    // crept up visit by visit (lotsen-gl-memory, docs/performance.md). About a millisecond, when
    // nobody is watching.
    m_visit_memory_to_release = false;
    m_trim_when_settled = true;
    release_imgui_window_buffers();
}

bool KioskApp::untouched() const
{
    return m_current == first_screen() && m_session == fresh_session();
}

VisitorSession KioskApp::fresh_session() const
{
    VisitorSession session;
    session.language = m_options.config.default_language;
    return session;
}

}  // namespace lotsen::kiosk
