// theme.hpp — the kiosk's colours and ImGui style, built from one UiScale. Colour pairs used for
// text meet WCAG AA (4.5:1); the contrast figures are in theme.cpp next to each colour.
#pragma once

#include "kiosk/ui_scale.hpp"

#include <imgui.h>

namespace lotsen::kiosk {

/// Named colours; screens use these, never literal colours.
struct Palette {
    ImU32 background;
    ImU32 surface;       ///< cards
    ImU32 surface_pressed;
    ImU32 surface_strong; ///< tinted tiles
    ImU32 text;
    ImU32 text_muted;
    ImU32 accent;        ///< header band, primary buttons
    ImU32 accent_pressed;
    ImU32 on_accent;     ///< text on accent
    ImU32 danger;        ///< "help now"
    ImU32 danger_pressed;
    ImU32 on_danger;
    ImU32 badge_free;
    ImU32 on_badge;
    ImU32 divider;
};

/// The default (light, warm) palette.
const Palette& default_palette();

/// The high-contrast palette: white and yellow on black.
const Palette& high_contrast_palette();

/// Larger-text mode multiplies the text size by this.
inline constexpr float k_larger_text_factor = 1.35f;

/// Applies sizes (from `scale`) and colours to ImGui's style.
void apply_theme(ImGuiStyle& style, const UiScale& scale, const Palette& palette);

}  // namespace lotsen::kiosk
