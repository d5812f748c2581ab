// theme.cpp — palette and style. Contrast ratios computed with the WCAG 2.1 relative-luminance formula.
#include "kiosk/theme.hpp"

namespace lotsen::kiosk {

const Palette& default_palette()
{
    static const Palette palette{
        .background = IM_COL32(0xF6, 0xF3, 0xEE, 0xFF),      // warm paper
        .surface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
        .surface_pressed = IM_COL32(0xE3, 0xEE, 0xEF, 0xFF),
        .surface_strong = IM_COL32(0xFC, 0xE3, 0xB0, 0xFF),  // warm sand; text 13.3:1 on it
        .text = IM_COL32(0x1D, 0x21, 0x26, 0xFF),            // 16.0:1 on surface, 14.6:1 on background
        .text_muted = IM_COL32(0x4B, 0x52, 0x59, 0xFF),      // 8.0:1 on surface, 7.3:1 on background
        .accent = IM_COL32(0x0B, 0x5E, 0x6B, 0xFF),          // deep teal
        .accent_pressed = IM_COL32(0x07, 0x43, 0x4D, 0xFF),
        .on_accent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),       // 7.2:1 on accent
        .danger = IM_COL32(0xB0, 0x1E, 0x2E, 0xFF),          // calm deep red for "help now"
        .danger_pressed = IM_COL32(0x85, 0x16, 0x22, 0xFF),
        .on_danger = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
        .badge_free = IM_COL32(0x1B, 0x6E, 0x3A, 0xFF),      // dark green
        .on_badge = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),        // 6.4:1 on badge_free
        .divider = IM_COL32(0xD8, 0xD3, 0xCA, 0xFF),
    };
    return palette;
}

const Palette& high_contrast_palette()
{
    // For low vision: light text on black, yellow for what can be pressed. Every text pair is far
    // above 4.5:1 (the theme test lists them).
    static const Palette palette{
        .background = IM_COL32(0x00, 0x00, 0x00, 0xFF),
        .surface = IM_COL32(0x14, 0x14, 0x14, 0xFF),
        .surface_pressed = IM_COL32(0x3A, 0x3A, 0x3A, 0xFF),
        .surface_strong = IM_COL32(0x26, 0x26, 0x26, 0xFF),
        .text = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
        .text_muted = IM_COL32(0xE6, 0xE6, 0xE6, 0xFF),
        .accent = IM_COL32(0xFF, 0xD6, 0x0A, 0xFF),  // yellow
        .accent_pressed = IM_COL32(0xE0, 0xB8, 0x00, 0xFF),
        .on_accent = IM_COL32(0x00, 0x00, 0x00, 0xFF),
        .danger = IM_COL32(0xFF, 0x7A, 0x7A, 0xFF),
        .danger_pressed = IM_COL32(0xE8, 0x5C, 0x5C, 0xFF),
        .on_danger = IM_COL32(0x00, 0x00, 0x00, 0xFF),
        .badge_free = IM_COL32(0x8C, 0xF5, 0xA4, 0xFF),
        .on_badge = IM_COL32(0x00, 0x00, 0x00, 0xFF),
        .divider = IM_COL32(0x9A, 0x9A, 0x9A, 0xFF),
    };
    return palette;
}

void apply_theme(ImGuiStyle& style, const UiScale& scale, const Palette& palette)
{
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(scale.em(0.8f), scale.em(0.6f));
    style.FramePadding = ImVec2(scale.em(0.6f), scale.em(0.4f));
    style.ItemSpacing = ImVec2(scale.em(0.5f), scale.em(0.4f));
    style.ScrollbarSize = scale.em(0.35f);
    style.ScrollbarRounding = scale.em(0.2f);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 0.0f;
    style.FrameRounding = scale.em(0.3f);
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 0.0f;
    style.AntiAliasedFill = true;

    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(palette.text);
    colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette.background);
    colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(palette.background);
    colors[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    colors[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(palette.divider);
    colors[ImGuiCol_ScrollbarGrabHovered] = colors[ImGuiCol_ScrollbarGrab];
    colors[ImGuiCol_ScrollbarGrabActive] = colors[ImGuiCol_ScrollbarGrab];
    colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(palette.accent);
    colors[ImGuiCol_ButtonHovered] = colors[ImGuiCol_Button];
    colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(palette.surface_pressed);
}

}  // namespace lotsen::kiosk
