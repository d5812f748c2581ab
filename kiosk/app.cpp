// app.cpp — the kiosk's start-up and lifetime: the store (importing a catalogue), the outbox and the
// threads, the strings, ImGui and its SDL_Renderer backend, the screens; and their orderly end. The
// other parts of KioskApp live in app_*.cpp (see app.hpp).
#include "kiosk/app.hpp"

#include "core/base/file.hpp"
#include "core/image/image_cache.hpp"
#include "core/update/local_catalogue.hpp"
#include "kiosk/screens/registry.hpp"
#include "kiosk/string_tables_cache.hpp"

#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdio>
#include <filesystem>

namespace lotsen::kiosk {

KioskApp::KioskApp(KioskOptions options, SDL_Renderer* renderer, int width, int height)
    : m_options(std::move(options))
    , m_renderer(renderer)
{
    m_look.scale = UiScale(width, height, m_options.config.screen_diagonal_inches);
    m_session = fresh_session();
    m_input.last_input = -1.0;  // set by the first frame
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
    m_problems.config = describe_config_origin(m_options.config_origin);
    m_problems.out_of_order = m_options.config_origin.source == ConfigOrigin::Source::out_of_order;
    if (!m_options.local_config) {
        // Nobody read the published config over the local one before (tests, tools): do it here.
        if (auto overlaid = load_with_config_overlay(m_local_config, m_options.data_dir)) {
            m_options.config = std::move(overlaid).value();
            m_look.scale = UiScale(m_look.scale.width(), m_look.scale.height(), m_options.config.screen_diagonal_inches);
            m_session = fresh_session();
        } else {
            std::fprintf(stderr, "lotsen: %s; the local configuration is used\n", overlaid.error().text().c_str());
        }
    }
    open_store();
    if (!m_store)
        return Error{m_problems.store};

    if (m_options.catalogue_path) {
        // Read and stored an activity at a time, so a large catalogue never sits in memory whole.
        const std::string problems = LOTSEN_TRY(import_local_catalogue(
            *m_store, *m_options.catalogue_path, images_dir(m_options.data_dir), unix_now()));
        if (!problems.empty()) {
            // A broken file never replaces a good catalogue: report and keep what the store has.
            m_problems.import = *m_options.catalogue_path + " was not imported; the previous catalogue stays:\n" +
                                problems;
        }
    }

    open_outbox();
    start_updating();   // first: the uploader's first heartbeat reports a refusal the updater remembers
    start_uploading();

    m_admin_lock = std::make_unique<AdminLock>(m_options.config.admin_pin_hash);
    // Without audio or voices the kiosk still runs; the read-aloud button then says it cannot read.
    // espeak-ng is loaded when a visitor first asks for reading aloud, on the voice's own thread.
    m_voice = ReadAloud::create(m_options.voice_output, ReadAloud::Loading::on_first_use);

    {
        // Kept between starts beside the font atlas: parsing the TOML files costs more (docs/performance.md).
        const std::string& cache_dir = m_options.font_cache_dir;
        LoadedStringTables loaded = LOTSEN_TRY(load_string_tables(
            m_options.assets_dir + "/i18n", cache_dir.empty() ? std::string() : string_tables_cache_path(cache_dir)));
        if (!loaded.message.empty())
            std::fprintf(stderr, "lotsen: %s\n", loaded.message.c_str());
        m_strings = std::move(loaded.tables);
    }
    if (m_problems.out_of_order) {
        // Out of order: the crisis numbers, with the notice on top in the visitor's language and
        // the file and line for staff beneath it (never translated: it quotes the file). Set before the
        // glyphs are gathered, so the atlas has every letter of it.
        Notice notice;
        notice.level = Notice::Level::warning;
        for (const LanguageCode& language : m_options.config.languages) {
            if (m_strings.has(language, "out_of_order"))
                // The staff line isolated left to right (LRI … PDI), so a path keeps its order in Arabic.
                notice.text.set(language, std::string(m_strings.get(language, "out_of_order")) + "\n\u2066" +
                                              m_options.config_origin.problem + "\u2069");
        }
        m_options.config.notice = std::move(notice);
    }

    IMGUI_CHECKVERSION();
    m_imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(m_look.scale.width()), static_cast<float>(m_look.scale.height()));
    LOTSEN_TRY(rebuild_glyphs());
    if (!ImGui_ImplSDLRenderer_Init(m_renderer))
        return Error{"Dear ImGui's SDL_Renderer backend could not start"};
    m_backend_ready = true;
    if (SoftwareDraw::applies_to(m_renderer))
        m_software_draw = std::make_unique<SoftwareDraw>();
    m_images = std::make_unique<ImageTextures>(m_renderer, images_dir(m_options.data_dir));
    m_images->set_synchronous(m_options.decode_images_in_frame);
    LOTSEN_TRY(rebuild_look(false, false));

    m_screens = make_screens();
    if (m_problems.out_of_order)
        m_current = first_screen();
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

}  // namespace lotsen::kiosk
