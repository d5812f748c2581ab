// fonts.hpp — loads Debian's Noto fonts through FreeType at the size one UiScale asks for.
#pragma once

#include "result.hpp"
#include "ui_scale.hpp"

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace lotsen::kiosk {

/// The faces screens draw with.
struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* small = nullptr;
};

/// Where fonts-noto-core installs its files.
inline constexpr const char* k_noto_dir = "/usr/share/fonts/truetype/noto";

/// Clears `atlas` and loads every face at sizes derived from `scale`; builds the atlas.
Result<FontSet> load_fonts(ImFontAtlas& atlas, const UiScale& scale, const std::string& font_dir = k_noto_dir);

}  // namespace lotsen::kiosk
