// fonts.cpp — one atlas for body, bold, heading and small text, rasterised by FreeType.
#include "kiosk/fonts.hpp"

#include "core/text/text_layout.hpp"

#include <filesystem>
#include <set>

#include <imgui.h>
#include <imgui_freetype.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

namespace lotsen::kiosk {

namespace {

// Always in the atlas: printable ASCII, Latin-1 (å ä ö and the rest of the keyboard), general
// punctuation (– … ’ “ ” •) and €, so whatever a visitor types can be drawn.
const ImWchar k_base_ranges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x20AC, 0x20AC, 0};

Result<ImFont*> add_face(ImFontAtlas& atlas, const std::string& path, float size_px, const ImWchar* ranges,
                         bool merge, float ink = 1.0f, const char* package = "fonts-noto-core")
{
    if (!std::filesystem::exists(path))
        return Error{path + ": font missing (install Debian's " + std::string(package) + ")"};
    ImFontConfig config;
    config.OversampleH = 1;  // FreeType hints; oversampling only grows the atlas
    config.OversampleV = 1;
    config.PixelSnapH = true;  // whole-pixel glyph positions: the software renderer samples them crisply
    config.MergeMode = merge;
    config.RasterizerMultiply = ink;
    ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), size_px, &config, ranges);
    if (!font)
        return Error{path + ": FreeType could not load the font"};
    return font;
}

// What sizing a merged face needs, in units of its em.
struct FaceMetrics {
    float height = 1.0f;    ///< ascender − descender
    float x_height = 0.5f;  ///< OS/2 sxHeight: the height of the letters' bodies
};

// ImGui's FreeType builder sizes a face so that ascender − descender equals the requested pixels.
// Noto Sans Arabic reserves far more room above and below for its marks than Noto Sans, so at the
// same request its letters come out much smaller; and at the same em its letter bodies are lower
// than Latin ones. These metrics let a merged face be requested so that its x-height matches the
// Latin face's (read from the font files, so a font update keeps them right).
FaceMetrics face_metrics(const std::string& path)
{
    FaceMetrics metrics;
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return metrics;
    FT_Face face = nullptr;
    if (FT_New_Face(library, path.c_str(), 0, &face) == 0) {
        const float em = static_cast<float>(face->units_per_EM);
        if (em > 0.0f) {
            metrics.height = static_cast<float>(face->ascender - face->descender) / em;
            const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
            if (os2 && os2->sxHeight > 0)
                metrics.x_height = static_cast<float>(os2->sxHeight) / em;
        }
        FT_Done_Face(face);
    }
    FT_Done_FreeType(library);
    return metrics;
}

// The size to request for a face merged into the Latin one so that both have the same x-height.
float matched_size(float latin_size_px, const FaceMetrics& latin, const FaceMetrics& merged)
{
    const float em_px = latin_size_px / latin.height * (latin.x_height / merged.x_height);
    return em_px * merged.height;
}

// Ethiopic has no x-height to match: every syllable is a consonant with its vowel drawn into it, a
// whole letter the height of a Latin capital (0.72 em in Noto Sans Ethiopic, whose OS/2 x-height is
// Latin's), with hairline strokes and small vowel marks. Matched like Arabic it came out at cap
// height, and at 800×480 (16 px text) its marks fell between pixels: the letters read small and
// grey beside Latin. Enlarged by this factor they stand as tall as Latin ascenders plus a little
// (0.9 em), still inside the Latin line, so the marks get whole pixels.
constexpr float k_ethiopic_size_factor = 1.25f;
// Its thin strokes also cover fewer pixels fully; this darkens the anti-aliased coverage (ImGui's
// RasterizerMultiply, 1 = as rasterised) so its ink is as dark as the Latin text beside it.
constexpr float k_ethiopic_ink = 1.3f;

// One face: Noto Sans with the Arabic and Ethiopic faces merged in, so any text draws with it.
Result<ImFont*> add_merged_face(ImFontAtlas& atlas, const std::string& font_dir, bool bold, float size_px,
                                const ImWchar* ranges)
{
    const std::string weight = bold ? "Bold" : "Regular";
    ImFont* latin = LOTSEN_TRY(add_face(atlas, font_dir + "/NotoSans-" + weight + ".ttf", size_px, ranges, false));
    // (The ratios below are read from the font files, so a font update keeps them right.)
    const std::string latin_path = font_dir + "/NotoSans-" + weight + ".ttf";
    const std::string arabic_path = font_dir + "/NotoSansArabic-" + weight + ".ttf";
    const std::string ethiopic_path = font_dir + "/NotoSansEthiopic-" + weight + ".ttf";
    const FaceMetrics latin_metrics = face_metrics(latin_path);
    LOTSEN_TRY(add_face(atlas, arabic_path, matched_size(size_px, latin_metrics, face_metrics(arabic_path)), ranges, true));
    LOTSEN_TRY(add_face(atlas, ethiopic_path,
                        k_ethiopic_size_factor * matched_size(size_px, latin_metrics, face_metrics(ethiopic_path)),
                        ranges, true, k_ethiopic_ink));
    return latin;
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
                           const std::string& font_dir, const std::string& icon_font)
{
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

    FontSet set;
    set.layouts = std::make_shared<TextLayoutCache>();
    const struct {
        ImFont** slot;
        bool bold;
        float size;
    } faces[] = {{&set.body, false, scale.font_px()},
                 {&set.bold, true, scale.font_px()},
                 {&set.heading, true, scale.em(1.4f)},
                 {&set.small, false, scale.em(0.8f)}};
    for (const auto& face : faces) {
        *face.slot = LOTSEN_TRY(add_merged_face(atlas, font_dir, face.bold, face.size, ranges.data()));
    }
    // The icons on their own faces, with only the glyphs the kiosk draws (about 25 of the font's 675).
    // Font Awesome's em is its icons' height, so an icon face a little larger than the body makes a
    // picture as tall as a capital and a descender together.
    static const GlyphRanges icon_ranges = [] {
        ImFontGlyphRangesBuilder builder;
        for (Icon glyph : all_icons())
            builder.AddChar(glyph);
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        return GlyphRanges(built.begin(), built.end());
    }();
    set.icons = LOTSEN_TRY(add_face(atlas, icon_font, scale.em(1.15f), icon_ranges.data(), false, 1.0f, "fonts-font-awesome"));
    set.icons_large = LOTSEN_TRY(add_face(atlas, icon_font, scale.em(2.2f), icon_ranges.data(), false, 1.0f, "fonts-font-awesome"));
    if (!atlas.Build())
        return Error{"font atlas could not be built"};
    return set;
}

}  // namespace lotsen::kiosk
