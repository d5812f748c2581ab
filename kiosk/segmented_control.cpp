// segmented_control.cpp — one outlined bar split into segments; the chosen one filled.
#include "kiosk/segmented_control.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>
#include <string>

namespace lotsen::kiosk {

namespace {

float segment_width(const UiContext& ui, std::string_view label)
{
    return std::max(text_width(ui, ui.fonts.body, label) + 2 * ui.scale.em(0.8f), ui.scale.touch_target());
}

}  // namespace

float segmented_control_width(const UiContext& ui, std::span<const std::string_view> labels)
{
    float width = 0.0f;
    for (std::string_view label : labels)
        width += segment_width(ui, label);
    return width;
}

int segmented_control(UiContext& ui, const char* id, std::span<const std::string_view> labels, int chosen)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = s.touch_target();
    const float total = segmented_control_width(ui, labels);
    const float rounding = s.em(0.4f);  // squarer than a chip's pill, one shape around all segments
    const float line = std::max(1.0f, s.mm(0.3));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + total, origin.y + height), p.surface, rounding);

    int tapped = -1;
    float along = 0.0f;  // from the reading start
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const float width = segment_width(ui, labels[i]);
        const float x = ui.rtl() ? origin.x + total - along - width : origin.x + along;
        const ImVec2 min(x, origin.y);
        const ImVec2 max(x + width, origin.y + height);
        const std::string target = std::string(id) + ":" + std::to_string(i);
        note_target(ui, target, min, ImVec2(width, height));
        ImGui::SetCursorScreenPos(min);
        if (ImGui::InvisibleButton(target.c_str(), ImVec2(width, height)))
            tapped = static_cast<int>(i);
        const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
        const bool is_chosen = static_cast<int>(i) == chosen;
        if (is_chosen || held) {
            // Only the bar's outer corners are rounded.
            const bool at_left = ui.rtl() ? i + 1 == labels.size() : i == 0;
            const bool at_right = ui.rtl() ? i == 0 : i + 1 == labels.size();
            const ImDrawFlags corners = (at_left ? ImDrawFlags_RoundCornersLeft : 0) |
                                        (at_right ? ImDrawFlags_RoundCornersRight : 0);
            draw->AddRectFilled(min, max, is_chosen ? (held ? p.accent_pressed : p.accent) : p.surface_pressed,
                                rounding, corners == 0 ? ImDrawFlags_RoundCornersNone : corners);
        }
        if (along > 0.0f) {
            const float divider_x = ui.rtl() ? max.x : min.x;
            draw->AddLine(ImVec2(divider_x, origin.y), ImVec2(divider_x, origin.y + height), p.accent, line);
        }
        ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + (height - ui.fonts.body->FontSize) / 2));
        text_line(ui, ui.fonts.body, labels[i], is_chosen ? p.on_accent : p.accent, width, Align::center);
        along += width;
    }
    draw->AddRect(origin, ImVec2(origin.x + total, origin.y + height), p.accent, rounding, 0, line);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    return tapped;
}

}  // namespace lotsen::kiosk
