// app_look.cpp — KioskApp's look: the glyphs the font atlas holds, and scale, fonts, style and palette
// rebuilt together from one scale for the larger-text and high-contrast modes.
#include "kiosk/app.hpp"

#include "kiosk/glyph_set_cache.hpp"
#include "kiosk/keyboard.hpp"
#include "kiosk/theme.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::kiosk {

Result<void> KioskApp::rebuild_glyphs()
{
    // The atlas holds the characters of the string tables, of the config's own texts (the help
    // screen's lines, the notice) and of the catalogue in use.
    std::vector<std::string_view> texts;
    for (const auto& [language, table] : m_strings.tables()) {
        for (const auto& [key, text] : table)
            texts.push_back(text);
    }
    const KioskConfig& config = m_options.config;
    auto add = [&](const LocalizedText& localized) {
        for (const auto& [language, text] : localized.all())
            texts.push_back(text);
    };
    add(config.help_intro);
    for (const HelpContact& contact : config.help_contacts) {
        add(contact.name);
        add(contact.description);
        texts.push_back(contact.number);
    }
    add(config.notice.text);
    const auto characters = LOTSEN_TRY(m_store->text_characters());
    texts.push_back(characters);
    const std::string keys = keyboard_characters();
    texts.push_back(keys);
    // Kept between starts beside the atlas: gathering it shapes every text (docs/performance.md).
    const std::string& cache_dir = m_options.font_cache_dir;
    GlyphSet set = glyph_set_for(texts, cache_dir.empty() ? std::string() : glyph_set_cache_path(cache_dir));
    if (!set.message.empty())
        std::fprintf(stderr, "lotsen: %s\n", set.message.c_str());
    m_look.glyph_ranges = std::move(set.ranges);
    if (!m_backend_ready)
        return success();  // initialise() builds the atlas once the backend is up
    return rebuild_look(m_look.larger_text, m_look.high_contrast, /*reload_fonts=*/true);
}

Result<void> KioskApp::rebuild_look(bool larger_text, bool high_contrast, bool reload_fonts)
{
    // Scale, fonts and style are rebuilt together from one scale (docs/contributing.md).
    ImGuiIO& io = ImGui::GetIO();
    if (reload_fonts || larger_text != m_look.larger_text || !m_look.fonts.body) {
        const bool switched = m_look.fonts.body != nullptr;  // not the first atlas of this run
        m_look.scale = UiScale(m_look.scale.width(), m_look.scale.height(), m_options.config.screen_diagonal_inches,
                          larger_text ? k_larger_text_factor : 1.0f);
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        m_solid_texel = {};
        FontSources sources;
        sources.cache_dir = m_options.font_cache_dir;
        m_look.fonts = LOTSEN_TRY(load_fonts(*io.Fonts, m_look.scale, m_look.glyph_ranges, sources));
        if (!m_look.fonts.cache.message.empty())
            std::fprintf(stderr, "lotsen: %s\n", m_look.fonts.cache.message.c_str());
        io.FontDefault = m_look.fonts.body;
        // Upload the atlas now and drop ImGui's own copies (alpha and RGBA): the texture is all
        // that is drawn from, and the copies would hold several MiB for the life of the program.
        if (!ImGui_ImplSDLRenderer_CreateFontsTexture())
            return Error{std::string("the font texture could not be created: ") + SDL_GetError()};
        m_solid_texel = solid_texel_of(*io.Fonts, static_cast<SDL_Texture*>(io.Fonts->TexID));
        io.Fonts->ClearTexData();
        // Building an atlas frees a few MiB that FreeType and the builder took in small blocks, and
        // the old faces' layouts; glibc would keep those pages. A switch of larger text (a visitor's
        // tap, or the end of a visit that had it on: reset_session trims before this frame rebuilds)
        // hands them back, so the kiosk's memory after a switch does not depend on where they lay.
        if (switched)
            malloc_trim(0);
    }
    m_look.larger_text = larger_text;
    m_look.high_contrast = high_contrast;
    m_look.palette = high_contrast ? &high_contrast_palette() : &default_palette();
    apply_theme(ImGui::GetStyle(), m_look.scale, *m_look.palette);
    m_touch.reset();  // scroll areas move when everything reflows
    m_settling.changed();
    return success();
}

std::pair<int, int> KioskApp::font_atlas_size() const
{
    ImGui::SetCurrentContext(m_imgui);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    return {atlas.TexWidth, atlas.TexHeight};
}

int KioskApp::drawn_vertices() const
{
    ImGui::SetCurrentContext(m_imgui);
    const ImDrawData* drawn = ImGui::GetDrawData();
    return drawn ? drawn->TotalVtxCount : 0;
}

}  // namespace lotsen::kiosk
