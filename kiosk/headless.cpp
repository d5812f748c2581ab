// headless.cpp — offscreen rendering with SDL's software renderer; no video driver is needed.
#include "kiosk/headless.hpp"

#include "kiosk/png_writer.hpp"

#include <SDL.h>

#include <cstdio>
#include <filesystem>

namespace lotsen::kiosk {

Result<std::unique_ptr<HeadlessKiosk>> HeadlessKiosk::create(const KioskOptions& options, int width, int height)
{
    std::unique_ptr<HeadlessKiosk> kiosk(new HeadlessKiosk());
    // ABGR8888 is R, G, B, A in memory on little-endian machines: exactly what PNG wants.
    kiosk->m_surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!kiosk->m_surface)
        return Error{std::string("cannot create an offscreen surface: ") + SDL_GetError()};
    kiosk->m_renderer = SDL_CreateSoftwareRenderer(kiosk->m_surface);
    if (!kiosk->m_renderer)
        return Error{std::string("cannot create the software renderer: ") + SDL_GetError()};
    KioskOptions headless_options = options;
    headless_options.voice_output = ReadAloud::Output::capture;  // no sound without a display either
    headless_options.decode_images_in_frame = true;  // each PNG shows the pictures of its screen
    kiosk->m_app = LOTSEN_TRY(KioskApp::create(headless_options, kiosk->m_renderer, width, height));
    kiosk->m_app->record_targets(true);
    return kiosk;
}

HeadlessKiosk::~HeadlessKiosk()
{
    m_app.reset();  // the ImGui backend must shut down before its renderer goes
    if (m_renderer)
        SDL_DestroyRenderer(m_renderer);
    if (m_surface)
        SDL_FreeSurface(m_surface);
}

void HeadlessKiosk::frame(UnixSeconds now)
{
    m_app->frame(now, m_time);
    m_app->first_frame_shown();  // as the windowed loop does after its first present
    m_time += 1.0 / 60.0;
}

void HeadlessKiosk::settle(UnixSeconds now, int max_frames)
{
    frame(now);
    for (int i = 1; i < max_frames && m_app->wants_frame(); ++i)
        frame(now);
    if (!m_app->wants_frame())
        m_app->settled();  // where the windowed loop would wait for input
}

const TapTarget* HeadlessKiosk::find_target(std::string_view id) const
{
    for (const TapTarget& target : m_app->targets()) {
        if (target.id == id)
            return &target;
    }
    return nullptr;
}

void HeadlessKiosk::tap_at(float x, float y, UnixSeconds now)
{
    m_app->push_pointer({PointerEvent::Kind::press, x, y});
    frame(now);
    m_app->push_pointer({PointerEvent::Kind::release, x, y});
    frame(now);
    settle(now);
}

bool HeadlessKiosk::tap(std::string_view id, UnixSeconds now)
{
    const TapTarget* target = find_target(id);
    if (!target)
        return false;
    if (target->visible_max.x <= target->visible_min.x || target->visible_max.y <= target->visible_min.y)
        return false;  // scrolled out of sight: a finger could not reach it either
    tap_at((target->visible_min.x + target->visible_max.x) / 2, (target->visible_min.y + target->visible_max.y) / 2, now);
    return true;
}

std::uint32_t HeadlessKiosk::pixel(int x, int y) const
{
    SDL_RenderFlush(m_renderer);
    if (x < 0 || y < 0 || x >= m_surface->w || y >= m_surface->h)
        return 0;
    // ABGR8888 is, read as bytes, R G B A: the layout of IM_COL32 on a little-endian machine.
    const auto* row = static_cast<const std::uint8_t*>(m_surface->pixels) + static_cast<std::ptrdiff_t>(y) * m_surface->pitch;
    const std::uint8_t* p = row + static_cast<std::ptrdiff_t>(x) * 4;
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | 0xFF000000u;
}

Result<void> HeadlessKiosk::save_png(const std::string& path) const
{
    SDL_RenderFlush(m_renderer);
    return write_png(path, static_cast<const std::uint8_t*>(m_surface->pixels), m_surface->w, m_surface->h,
                     m_surface->pitch);
}

Result<std::vector<std::string>> render_tour(const KioskOptions& options, const TourOptions& tour)
{
    std::error_code ec;
    std::filesystem::create_directories(tour.out_dir, ec);
    if (ec)
        return Error{tour.out_dir + ": cannot create tour directory: " + ec.message()};
    const int width = tour.width > 0 ? tour.width : options.config.screen_width;
    const int height = tour.height > 0 ? tour.height : options.config.screen_height;
    const UnixSeconds now = tour.now != 0 ? tour.now : unix_now();

    const std::unique_ptr<HeadlessKiosk> kiosk = LOTSEN_TRY(HeadlessKiosk::create(options, width, height));
    HeadlessKiosk& headless = *kiosk;
    const std::vector<LanguageCode>& languages = tour.languages.empty() ? options.config.languages : tour.languages;

    if (!headless.app().import_problems().empty())
        std::fprintf(stderr, "lotsen: %s\n", headless.app().import_problems().c_str());
    const auto [atlas_width, atlas_height] = headless.app().font_atlas_size();
    std::fprintf(stderr, "lotsen: font atlas %d×%d px (%.1f MiB as RGBA)\n", atlas_width, atlas_height,
                 atlas_width * atlas_height * 4 / 1048576.0);
    std::vector<std::string> written;
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    // What the picture just drawn could not show whole, for whoever looks at the tour.
    auto report_losses = [&](const std::string& picture) {
        for (const TextLoss& loss : headless.app().text_losses())
            std::fprintf(stderr, "lotsen: %s: %s: \"%s\"\n", picture.c_str(), loss.how.c_str(), loss.text.c_str());
    };
    const std::string suffix = tour.larger_text ? "-larger" : "";
    for (const std::string& screen : headless.app().screen_ids()) {
        for (const LanguageCode& language : languages) {
            // Each picture starts from a fresh visitor, then the screen fills in typical input.
            KioskApp& app = headless.app();
            app.reset_session();
            app.set_language(language);
            app.session().larger_text = tour.larger_text;
            app.show_screen(screen);
            app.prepare_tour(now, headless.time());
            headless.settle(now);
            const std::string path = tour.out_dir + "/" + screen + "-" + language + "-" + size + suffix + ".png";
            LOTSEN_TRY(headless.save_png(path));
            report_losses(path);
            written.push_back(path);
        }
    }
    if (tour.larger_text) {
        headless.app().reset_session();
        return written;
    }
    // The two accessibility modes, on the screens where they matter most; the detail's way there and
    // its organiser (with the measured reply time), which are below the fold on every size; and what a
    // visitor who misses something sees: a list that came up empty, with its offer, and the thanks
    // after a wish (issue 20).
    const std::pair<const char*, const char*> modes[] = {
        {"home", "larger"}, {"detail", "contrast"}, {"list", "larger"}, {"detail", "way"}, {"detail", "organiser"},
        {"list", "empty"},  {"thanks", "wish"}};
    for (const auto& [screen, mode] : modes) {
        for (const LanguageCode& language : languages) {
            KioskApp& app = headless.app();
            app.reset_session();
            app.set_language(language);
            app.session().larger_text = std::string_view(mode) == "larger";
            app.session().high_contrast = std::string_view(mode) == "contrast";
            app.show_screen(screen);
            app.prepare_tour(now, headless.time());
            if (std::string_view(mode) == "empty")
                app.session().interest = "tour-nothing-here";  // an interest no activity has
            if (std::string_view(mode) == "wish") {
                app.session().receipt_code.clear();  // the thanks' tour setting is a contact request's
                app.session().wish_sent = true;
            }
            headless.settle(now);
            app.current_screen().show_tour_part(mode);
            headless.settle(now);
            const std::string path =
                tour.out_dir + "/" + screen + "-" + language + "-" + size + "-" + mode + ".png";
            LOTSEN_TRY(headless.save_png(path));
            report_losses(path);
            written.push_back(path);
        }
    }
    headless.app().reset_session();
    return written;
}

}  // namespace lotsen::kiosk
