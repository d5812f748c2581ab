// fonts.cpp — one atlas for body, bold, heading and small text, rasterised by FreeType.
#include "fonts.hpp"

#include <filesystem>

#include <imgui.h>
#include <imgui_freetype.h>

namespace lotsen::kiosk {

namespace {

// Latin (Swedish, English, Somali), Latin Extended-A, general punctuation (– … ’ “ ”) and €.
// Arabic and Ethiopic ranges arrive with the text-layout work (shaping must come first).
const ImWchar k_glyph_ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC, 0x20AC, 0};

Result<ImFont*> add_face(ImFontAtlas& atlas, const std::string& path, float size_px)
{
    if (!std::filesystem::exists(path))
        return Error{path + ": font missing (install Debian's fonts-noto-core)"};
    ImFontConfig config;
    config.OversampleH = 1;  // FreeType hints; oversampling only grows the atlas
    config.OversampleV = 1;
    config.PixelSnapH = true;  // whole-pixel glyph positions: the software renderer samples them crisply
    ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), size_px, &config, k_glyph_ranges);
    if (!font)
        return Error{path + ": FreeType could not load the font"};
    return font;
}

}  // namespace

Result<FontSet> load_fonts(ImFontAtlas& atlas, const UiScale& scale, const std::string& font_dir)
{
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

    const std::string regular = font_dir + "/NotoSans-Regular.ttf";
    const std::string bold = font_dir + "/NotoSans-Bold.ttf";
    FontSet set;
    auto body = add_face(atlas, regular, scale.font_px());
    if (!body)
        return body.error();
    set.body = body.value();
    auto bold_face = add_face(atlas, bold, scale.font_px());
    if (!bold_face)
        return bold_face.error();
    set.bold = bold_face.value();
    auto heading = add_face(atlas, bold, scale.em(1.5f));
    if (!heading)
        return heading.error();
    set.heading = heading.value();
    auto small = add_face(atlas, regular, scale.em(0.8f));
    if (!small)
        return small.error();
    set.small = small.value();
    if (!atlas.Build())
        return Error{"font atlas could not be built"};
    return set;
}

}  // namespace lotsen::kiosk
