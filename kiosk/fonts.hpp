// fonts.hpp — loads Debian's Noto fonts, and the icons of Font Awesome (kiosk/icons.hpp), through
// FreeType at the size one UiScale asks for, into one atlas; or restores that atlas from the cache
// file a start before built (kiosk/font_atlas_cache.hpp).
#pragma once

#include "core/base/result.hpp"
#include "kiosk/font_atlas_cache.hpp"
#include "kiosk/glyph_slots.hpp"
#include "kiosk/icons.hpp"
#include "kiosk/text_layout_cache.hpp"
#include "kiosk/ui_scale.hpp"

#include <memory>

#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace lotsen::kiosk {

/// The faces screens draw with.
struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* small = nullptr;
    ImFont* icons = nullptr;        ///< the pictures (icons.hpp) beside text: a little taller than the body
    ImFont* icons_large = nullptr;  ///< the pictures on tiles
    /// Text laid out with these faces, kept between frames; new faces come with a new, empty one.
    std::shared_ptr<TextLayoutCache> layouts;
    /// Where the text faces hold their glyphs of high code points: laid-out text is translated with
    /// it before it is measured or drawn with them (glyph_slots.hpp).
    GlyphSlots slots;
    /// Whether the atlas came from the cache file or was built (and why), with a line for the log.
    AtlasCacheOutcome cache;
};

/// Where fonts-noto-core installs its files.
inline constexpr const char* k_noto_dir = "/usr/share/fonts/truetype/noto";

/// The glyphs an atlas holds, as ImGui range pairs ending in 0. Must outlive the atlas build.
using GlyphRanges = std::vector<unsigned short>;  // ImWchar16: Debian builds Dear ImGui without IMGUI_USE_WCHAR32

/// Ranges for the characters of `texts` (with every Arabic joining form and ligature shaping can
/// produce, via core's collect_codepoints) plus what the on-screen keyboard can type. Building the
/// atlas from what is shown keeps it small: all of Arabic and Ethiopic at four sizes would not be.
GlyphRanges glyph_ranges_for(const std::vector<std::string_view>& texts);

/// Where the faces come from, and where a built atlas may be kept between starts.
struct FontSources {
    std::string font_dir = k_noto_dir;  ///< the Noto Sans, Arabic and Ethiopic files
    std::string icon_font = k_icon_font;
    /// The folder of the atlas cache, one file per text size (font-atlas-<px>px.bin); empty: the atlas
    /// is built at every load and nothing is kept.
    std::string cache_dir;
};

/// Clears `atlas` and loads every face at sizes derived from `scale` with `ranges`, and the icon faces
/// with the glyphs of all_icons() only; builds the atlas. With a cache folder, an atlas a load before
/// built from the same font files (by identity), sizes, characters, settings and library versions is
/// restored from its file instead; any other file (stale, damaged, unreadable) is built anew and
/// replaced. The atlas's alpha pixels are held either way, for the texture upload; the font files'
/// bytes are not (ImGui's own rebuild from them is gone: a new texture needs load_fonts again). The
/// text faces hold their glyphs from U+2100 up at the FontSet's slots (glyph_slots.hpp).
Result<FontSet> load_fonts(ImFontAtlas& atlas, const UiScale& scale, const GlyphRanges& ranges,
                           const FontSources& sources = {});

/// The cache file load_fonts uses in `cache_dir` for text of `scale`.
std::string font_atlas_cache_path(const std::string& cache_dir, const UiScale& scale);

}  // namespace lotsen::kiosk
