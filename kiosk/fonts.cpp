// fonts.cpp — one atlas for body, bold, heading and small text, rasterised by FreeType.
#include "fonts.hpp"

#include "text_layout.hpp"

#include <filesystem>
#include <set>

#include <imgui.h>
#include <imgui_freetype.h>

#include <ft2build.h>
#include FT_FREETYPE_H

namespace lotsen::kiosk {

namespace {

// Always in the atlas: printable ASCII, Latin-1 (å ä ö and the rest of the keyboard), general
// punctuation (– … ’ “ ” •) and €, so whatever a visitor types can be drawn.
const ImWchar k_base_ranges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x20AC, 0x20AC, 0};

Result<ImFont*> add_face(ImFontAtlas& atlas, const std::string& path, float size_px, const ImWchar* ranges,
                         bool merge)
{
    if (!std::filesystem::exists(path))
        return Error{path + ": font missing (install Debian's fonts-noto-core)"};
    ImFontConfig config;
    config.OversampleH = 1;  // FreeType hints; oversampling only grows the atlas
    config.OversampleV = 1;
    config.PixelSnapH = true;  // whole-pixel glyph positions: the software renderer samples them crisply
    config.MergeMode = merge;
    ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), size_px, &config, ranges);
    if (!font)
        return Error{path + ": FreeType could not load the font"};
    return font;
}

// ImGui's FreeType builder sizes a face so that ascender − descender equals the requested pixels.
// Noto Sans Arabic reserves far more room above and below for its marks than Noto Sans, so at the
// same request its letters come out much smaller. This returns that height per em, so merged faces
// can be requested at sizes that give them the same em as the Latin face.
float height_per_em(const std::string& path)
{
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return 1.0f;
    float ratio = 1.0f;
    FT_Face face = nullptr;
    if (FT_New_Face(library, path.c_str(), 0, &face) == 0) {
        if (face->units_per_EM > 0)
            ratio = static_cast<float>(face->ascender - face->descender) / static_cast<float>(face->units_per_EM);
        FT_Done_Face(face);
    }
    FT_Done_FreeType(library);
    return ratio;
}

// One face: Noto Sans with the Arabic and Ethiopic faces merged in, so any text draws with it.
Result<ImFont*> add_merged_face(ImFontAtlas& atlas, const std::string& font_dir, bool bold, float size_px,
                                const ImWchar* ranges)
{
    const std::string weight = bold ? "Bold" : "Regular";
    auto latin = add_face(atlas, font_dir + "/NotoSans-" + weight + ".ttf", size_px, ranges, false);
    // (The ratios below are read from the font files, so a font update keeps them right.)
    if (!latin)
        return latin.error();
    const std::string latin_path = font_dir + "/NotoSans-" + weight + ".ttf";
    const std::string arabic_path = font_dir + "/NotoSansArabic-" + weight + ".ttf";
    const std::string ethiopic_path = font_dir + "/NotoSansEthiopic-" + weight + ".ttf";
    const float latin_height = height_per_em(latin_path);
    auto arabic = add_face(atlas, arabic_path, size_px * height_per_em(arabic_path) / latin_height, ranges, true);
    if (!arabic)
        return arabic.error();
    auto ethiopic = add_face(atlas, ethiopic_path, size_px * height_per_em(ethiopic_path) / latin_height,
                             ranges, true);
    if (!ethiopic)
        return ethiopic.error();
    return latin.value();
}

}  // namespace

static_assert(sizeof(ImWchar) == sizeof(GlyphRanges::value_type), "GlyphRanges must hold ImWchar");

GlyphRanges glyph_ranges_for(const std::vector<std::string_view>& texts)
{
    std::set<char32_t> codepoints;
    for (std::string_view text : texts)
        collect_codepoints(text, codepoints);
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(k_base_ranges);
    for (char32_t codepoint : codepoints) {
        if (codepoint <= 0xFFFF)  // ImWchar is 16 bits in Debian's prebuilt Dear ImGui
            builder.AddChar(static_cast<ImWchar>(codepoint));
    }
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return GlyphRanges(built.begin(), built.end());
}

Result<FontSet> load_fonts(ImFontAtlas& atlas, const UiScale& scale, const GlyphRanges& ranges,
                           const std::string& font_dir)
{
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

    FontSet set;
    const struct {
        ImFont** slot;
        bool bold;
        float size;
    } faces[] = {{&set.body, false, scale.font_px()},
                 {&set.bold, true, scale.font_px()},
                 {&set.heading, true, scale.em(1.4f)},
                 {&set.small, false, scale.em(0.8f)}};
    for (const auto& face : faces) {
        auto font = add_merged_face(atlas, font_dir, face.bold, face.size, ranges.data());
        if (!font)
            return font.error();
        *face.slot = font.value();
    }
    if (!atlas.Build())
        return Error{"font atlas could not be built"};
    return set;
}

}  // namespace lotsen::kiosk
