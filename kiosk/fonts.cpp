// fonts.cpp — one atlas for body, bold, heading and small text, rasterised by FreeType, or restored
// from the atlas cache when nothing it was built from has changed.
#include "kiosk/fonts.hpp"

#include "core/text/codepoint_sets.hpp"
#include "core/text/text_layout.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
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

// One face to add to the atlas, with every setting that shapes its glyphs (all of them go into the
// cache key, so a change here can never bring back an atlas built otherwise).
struct FaceRequest {
    std::string path;
    float size_px = 0.0f;
    const ImWchar* ranges = nullptr;
    bool merge = false;               ///< into the face added before it (one ImFont)
    float ink = 1.0f;                 ///< ImGui's RasterizerMultiply
    const char* package = "fonts-noto-core";
};

constexpr int k_oversample = 1;       // FreeType hints; oversampling only grows the atlas
constexpr bool k_pixel_snap = true;   // whole-pixel glyph positions: the software renderer samples them crisply
constexpr unsigned k_builder_flags = ImGuiFreeTypeBuilderFlags_LightHinting;

// What sizing a merged face needs, in units of its em.
struct FaceMetrics {
    float height = 1.0f;    ///< ascender − descender
    float x_height = 0.5f;  ///< OS/2 sxHeight: the height of the letters' bodies
};

// Reads face metrics through one FreeType library, each file once.
class MetricsReader {
public:
    MetricsReader()
    {
        if (FT_Init_FreeType(&m_library) != 0)
            m_library = nullptr;
    }
    ~MetricsReader()
    {
        if (m_library)
            FT_Done_FreeType(m_library);
    }
    MetricsReader(const MetricsReader&) = delete;
    MetricsReader& operator=(const MetricsReader&) = delete;

    // ImGui's FreeType builder sizes a face so that ascender − descender equals the requested pixels.
    // Noto Sans Arabic reserves far more room above and below for its marks than Noto Sans, so at the
    // same request its letters come out much smaller; and at the same em its letter bodies are lower
    // than Latin ones. These metrics let a merged face be requested so that its x-height matches the
    // Latin face's (read from the font files, so a font update keeps them right).
    FaceMetrics metrics(const std::string& path)
    {
        if (const auto known = m_known.find(path); known != m_known.end())
            return known->second;
        FaceMetrics metrics;
        FT_Face face = nullptr;
        if (m_library && FT_New_Face(m_library, path.c_str(), 0, &face) == 0) {
            const float em = static_cast<float>(face->units_per_EM);
            if (em > 0.0f) {
                metrics.height = static_cast<float>(face->ascender - face->descender) / em;
                const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
                if (os2 && os2->sxHeight > 0)
                    metrics.x_height = static_cast<float>(os2->sxHeight) / em;
            }
            FT_Done_Face(face);
        }
        m_known.emplace(path, metrics);
        return metrics;
    }

    // The FreeType that rasterises, as major.minor.patch (a new one may draw other pixels).
    std::string version() const
    {
        FT_Int major = 0, minor = 0, patch = 0;
        if (m_library)
            FT_Library_Version(m_library, &major, &minor, &patch);
        return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
    }

private:
    FT_Library m_library = nullptr;
    std::map<std::string, FaceMetrics> m_known;
};

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
void plan_merged_face(std::vector<FaceRequest>& plan, MetricsReader& reader, const std::string& font_dir, bool bold,
                      float size_px, const ImWchar* ranges)
{
    const std::string weight = bold ? "Bold" : "Regular";
    const std::string latin_path = font_dir + "/NotoSans-" + weight + ".ttf";
    const std::string arabic_path = font_dir + "/NotoSansArabic-" + weight + ".ttf";
    const std::string ethiopic_path = font_dir + "/NotoSansEthiopic-" + weight + ".ttf";
    const FaceMetrics latin = reader.metrics(latin_path);
    plan.push_back({latin_path, size_px, ranges, false, 1.0f, "fonts-noto-core"});
    plan.push_back({arabic_path, matched_size(size_px, latin, reader.metrics(arabic_path)), ranges, true, 1.0f,
                    "fonts-noto-core"});
    plan.push_back({ethiopic_path, k_ethiopic_size_factor * matched_size(size_px, latin, reader.metrics(ethiopic_path)),
                    ranges, true, k_ethiopic_ink, "fonts-noto-core"});
}

const GlyphRanges& icon_ranges()
{
    static const GlyphRanges ranges = [] {
        ImFontGlyphRangesBuilder builder;
        for (Icon glyph : all_icons())
            builder.AddChar(glyph);
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        return GlyphRanges(built.begin(), built.end());
    }();
    return ranges;
}

// Every face of the atlas in the order they are added; the faces not merged become atlas.Fonts[0…5]:
// body, bold, heading, small, icons, large icons.
std::vector<FaceRequest> plan_faces(MetricsReader& reader, const UiScale& scale, const GlyphRanges& ranges,
                                    const FontSources& sources)
{
    std::vector<FaceRequest> plan;
    const struct {
        bool bold;
        float size;
    } faces[] = {{false, scale.font_px()}, {true, scale.font_px()}, {true, scale.em(1.4f)}, {false, scale.em(0.8f)}};
    for (const auto& face : faces)
        plan_merged_face(plan, reader, sources.font_dir, face.bold, face.size, ranges.data());
    // The icons on their own faces, with only the glyphs the kiosk draws (about 25 of the font's 675).
    // Font Awesome's em is its icons' height, so an icon face a little larger than the body makes a
    // picture as tall as a capital and a descender together.
    plan.push_back({sources.icon_font, scale.em(1.15f), icon_ranges().data(), false, 1.0f, "fonts-font-awesome"});
    plan.push_back({sources.icon_font, scale.em(2.2f), icon_ranges().data(), false, 1.0f, "fonts-font-awesome"});
    return plan;
}

constexpr std::size_t k_font_count = 6;  // the ImFonts plan_faces makes

Result<FontSet> fonts_of(const ImFontAtlas& atlas, const GlyphRanges& ranges)
{
    if (static_cast<std::size_t>(atlas.Fonts.Size) != k_font_count)
        return Error{"the font atlas holds " + std::to_string(atlas.Fonts.Size) + " fonts, not " + std::to_string(k_font_count)};
    FontSet set;
    set.layouts = std::make_shared<TextLayoutCache>();
    ImFont* const* fonts = atlas.Fonts.Data;
    set.body = fonts[0];
    set.bold = fonts[1];
    set.heading = fonts[2];
    set.small = fonts[3];
    set.icons = fonts[4];
    set.icons_large = fonts[5];
    // The icon faces' glyphs at low code points: their look-up tables then take 0.3 KiB, not 370 each.
    renumber_icon_glyphs(*fonts[4]);
    renumber_icon_glyphs(*fonts[5]);
    // The text faces' glyphs above U+2100 (Arabic presentation forms) at free low code points: their
    // tables then end near U+20AC, not U+FEFC (1.5 MiB less for the four faces, glyph_slots.hpp).
    set.slots = GlyphSlots::for_ranges(ranges);
    for (ImFont* text_face : {set.body, set.bold, set.heading, set.small})
        set.slots.renumber(*text_face);
    return set;
}

// The key of the atlas `plan` builds: each face's file by identity, size, settings and characters, the
// builder's flags and the versions of what rasterises.
Result<AtlasKey> atlas_key(const std::vector<FaceRequest>& plan, const ImFontAtlas& atlas, const MetricsReader& reader)
{
    AtlasInputs inputs;
    inputs.add("freetype " + reader.version());
    // FreeType reads hinting and rendering settings from the environment too.
    const char* properties = std::getenv("FREETYPE_PROPERTIES");
    inputs.add(std::string_view(properties ? properties : ""));
    inputs.add(static_cast<std::uint64_t>(k_builder_flags));
    inputs.add(static_cast<std::uint64_t>(atlas.Flags));
    inputs.add(static_cast<std::uint64_t>(atlas.TexDesiredWidth));
    inputs.add(static_cast<std::uint64_t>(atlas.TexGlyphPadding));
    // A kept atlas holds its text glyphs at slots (glyph_slots.hpp): a build that numbers them
    // otherwise (an older one after a rollback) must not restore it.
    inputs.add(std::string_view("glyph slots"));
    inputs.add(static_cast<std::uint64_t>(GlyphSlots::k_first_slot));
    inputs.add(static_cast<std::uint64_t>(GlyphSlots::k_moved_from));
    for (const FaceRequest& face : plan) {
        LOTSEN_TRY(inputs.add_file(face.path));
        inputs.add(face.size_px);
        inputs.add(static_cast<std::uint64_t>(face.merge));
        inputs.add(face.ink);
        inputs.add(static_cast<std::uint64_t>(k_oversample));
        inputs.add(static_cast<std::uint64_t>(k_pixel_snap));
        std::size_t count = 0;
        while (face.ranges[count] != 0)
            ++count;
        inputs.add(std::string_view(reinterpret_cast<const char*>(face.ranges), count * sizeof(ImWchar)));
    }
    return inputs.key();
}

Result<FontSet> build_atlas(ImFontAtlas& atlas, const std::vector<FaceRequest>& plan, const GlyphRanges& ranges)
{
    atlas.Clear();
    for (const FaceRequest& face : plan) {
        ImFontConfig config;
        config.OversampleH = k_oversample;
        config.OversampleV = k_oversample;
        config.PixelSnapH = k_pixel_snap;
        config.MergeMode = face.merge;
        config.RasterizerMultiply = face.ink;
        if (!atlas.AddFontFromFileTTF(face.path.c_str(), face.size_px, &config, face.ranges))
            return Error{face.path + ": FreeType could not load the font"};
    }
    if (!atlas.Build())
        return Error{"font atlas could not be built"};
    // The font files' bytes (each face read its own copy, some 5 MiB in all) are needed only to build;
    // a restored atlas never holds them, and a built one need not either.
    atlas.ClearInputData();
    return fonts_of(atlas, ranges);
}

std::string milliseconds_since(std::chrono::steady_clock::time_point start)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return std::to_string(ms.count()) + " ms";
}

}  // namespace

static_assert(sizeof(ImWchar) == sizeof(GlyphRanges::value_type), "GlyphRanges must hold ImWchar");

GlyphRanges glyph_ranges_for(const std::vector<std::string_view>& texts)
{
    std::set<char32_t> codepoints;
    std::set<char32_t> letters_done;  // shaped once for all the texts (issue 21: 170 M instructions before)
    for (std::string_view text : texts)
        collect_codepoints(text, codepoints, letters_done);
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

std::string font_atlas_cache_path(const std::string& cache_dir, const UiScale& scale)
{
    return cache_dir + "/font-atlas-" + std::to_string(static_cast<int>(scale.font_px())) + "px.bin";
}

Result<FontSet> load_fonts(ImFontAtlas& atlas, const UiScale& scale, const GlyphRanges& ranges, const FontSources& sources)
{
    const auto start = std::chrono::steady_clock::now();
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = k_builder_flags;

    MetricsReader reader;
    const std::vector<FaceRequest> plan = plan_faces(reader, scale, ranges, sources);
    for (const FaceRequest& face : plan) {
        if (!std::filesystem::exists(face.path))
            return Error{face.path + ": font missing (install Debian's " + std::string(face.package) + ")"};
    }
    if (sources.cache_dir.empty())
        return build_atlas(atlas, plan, ranges);

    const std::string path = font_atlas_cache_path(sources.cache_dir, scale);
    const AtlasKey key = LOTSEN_TRY(atlas_key(plan, atlas, reader));
    const std::optional<AtlasRestoreFailure> failure = restore_atlas(atlas, path, key);
    if (!failure) {
        if (auto restored = fonts_of(atlas, ranges)) {
            restored.value().cache.kind = AtlasCacheOutcome::Kind::restored;
            return restored;
        }
    }
    FontSet set = LOTSEN_TRY(build_atlas(atlas, plan, ranges));
    const std::string built = "font atlas (" + std::to_string(atlas.TexWidth) + "×" + std::to_string(atlas.TexHeight) +
                              " px) " + (failure && failure->kind == AtlasRestoreFailure::Kind::missing ? "built" : "rebuilt") +
                              " in " + milliseconds_since(start);
    if (!failure)
        set.cache = {AtlasCacheOutcome::Kind::rebuilt_damaged, path + ": its fonts do not hold together; " + built};
    else if (failure->kind == AtlasRestoreFailure::Kind::missing)
        set.cache = {AtlasCacheOutcome::Kind::built, built};
    else if (failure->kind == AtlasRestoreFailure::Kind::stale)
        set.cache = {AtlasCacheOutcome::Kind::rebuilt_stale, failure->reason + "; " + built};
    else
        set.cache = {AtlasCacheOutcome::Kind::rebuilt_damaged, failure->reason + "; " + built};
    std::error_code ec;
    std::filesystem::create_directories(sources.cache_dir, ec);
    if (ec)
        set.cache.message += "; not kept: " + sources.cache_dir + ": cannot create the folder: " + ec.message();
    else if (auto saved = save_atlas(atlas, path, key); !saved)
        set.cache.message += "; not kept: " + saved.error().text();
    else
        set.cache.message += "; kept for the next start in " + path;
    return set;
}

}  // namespace lotsen::kiosk
