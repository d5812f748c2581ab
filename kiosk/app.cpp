// app.cpp — kiosk start-up (store, catalogue import, strings, fonts) and the per-frame cycle:
// pointer events → touch router → ImGui input → visible screen → SDL_Renderer.
#include "app.hpp"

#include "catalogue_json.hpp"
#include "screens/registry.hpp"
#include "theme.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <cfloat>
#include <filesystem>

namespace lotsen::kiosk {

KioskApp::KioskApp(KioskOptions options, SDL_Renderer* renderer, int width, int height)
    : m_options(std::move(options))
    , m_renderer(renderer)
    , m_scale(width, height, m_options.config.screen_diagonal_inches)
    , m_language(m_options.config.default_language)
{
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
            m_import_problems = *m_options.catalogue_path + " was not imported; the previous catalogue stays:\n" +
                                parsed.summary();
        }
    }

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
    auto fonts = load_fonts(*io.Fonts, m_scale);
    if (!fonts)
        return fonts.error();
    m_fonts = fonts.value();
    io.FontDefault = m_fonts.body;
    apply_theme(ImGui::GetStyle(), m_scale, default_palette());
    if (!ImGui_ImplSDLRenderer_Init(m_renderer))
        return Error{"Dear ImGui's SDL_Renderer backend could not start"};
    m_backend_ready = true;

    m_screens = make_screens();
    return success();
}

KioskApp::~KioskApp()
{
    if (m_imgui) {
        ImGui::SetCurrentContext(m_imgui);
        if (m_backend_ready)
            ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext(m_imgui);
    }
}

UiContext KioskApp::make_context(UnixSeconds now, double time)
{
    return UiContext{*m_store, m_strings, m_options.config, m_scale, m_fonts, default_palette(), m_touch,
                     m_language, now, time};
}

bool KioskApp::show_screen(std::string_view id)
{
    for (std::size_t i = 0; i < m_screens.size(); ++i) {
        if (m_screens[i]->id() == id) {
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

void KioskApp::set_language(const LanguageCode& language)
{
    m_language = language;
    m_settle_frames = 2;
}

void KioskApp::apply_pointer_events(double time)
{
    // Apply moves freely, but stop after one press or release: ImGui 1.86 samples button state once
    // per frame, so a press and release in the same frame would be a lost tap.
    while (!m_pending.empty()) {
        const PointerEvent event = m_pending.front();
        m_pending.pop_front();
        m_pointer = ImVec2(event.x, event.y);
        if (event.kind == PointerEvent::Kind::move) {
            m_touch.move(m_pointer, time);
            continue;
        }
        if (event.kind == PointerEvent::Kind::press) {
            m_pointer_down = true;
            m_touch.press(m_pointer, time);
        } else {
            m_pointer_down = false;
            m_touch.release(time);
        }
        break;
    }
}

void KioskApp::frame(UnixSeconds now, double time)
{
    ImGui::SetCurrentContext(m_imgui);
    ImGuiIO& io = ImGui::GetIO();
    apply_pointer_events(time);
    const bool dragging = m_touch.dragging();
    // While a finger drags a list, ImGui must not see it: nothing under it may become a tap.
    io.MousePos = dragging ? ImVec2(-FLT_MAX, -FLT_MAX) : m_pointer;
    io.MouseDown[0] = m_pointer_down && !dragging;
    io.MouseWheel = m_wheel;
    m_wheel = 0.0f;
    io.DeltaTime = 1.0f / 60.0f;

    UiContext ui = make_context(now, time);
    Screen& screen = current_screen();
    if (!m_entered) {
        screen.on_enter(ui);
        m_entered = true;
    }
    m_touch.begin_frame();

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    screen.draw(ui);
    ImGui::Render();

    const Palette& palette = default_palette();
    SDL_SetRenderDrawColor(m_renderer, palette.background & 0xFF, (palette.background >> 8) & 0xFF,
                           (palette.background >> 16) & 0xFF, 0xFF);
    SDL_RenderClear(m_renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (m_settle_frames > 0)
        m_settle_frames--;
}

bool KioskApp::wants_frame() const
{
    return !m_pending.empty() || m_wheel != 0.0f || m_settle_frames > 0 || m_screens[m_current]->animating();
}

double KioskApp::seconds_until_due(UnixSeconds now) const
{
    return m_screens[m_current]->seconds_until_refresh(now);
}

}  // namespace lotsen::kiosk
