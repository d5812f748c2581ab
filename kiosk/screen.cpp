// screen.cpp — the frame every screen is drawn in. In right-to-left languages it mirrors: back on
// the right, the clock on the left, "help now" on the right of the bottom bar.
#include "screen.hpp"

#include "widgets.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::kiosk {

float top_bar_height(const UiContext& ui)
{
    return std::max(ui.scale.em(2.8f), ui.scale.touch_target() + ui.scale.em(0.6f));
}

float bottom_bar_height(const UiContext& ui)
{
    return std::max(ui.scale.em(2.8f), ui.scale.touch_target() + ui.scale.em(0.6f));
}

void Screen::draw(UiContext& ui)
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id(), nullptr, flags);
    ImGui::PopStyleVar();

    const ImVec2 origin = viewport->Pos;
    const ImVec2 size = viewport->Size;
    ContentArea area{origin, ImVec2(origin.x + size.x, origin.y + size.y)};
    if (has_chrome()) {
        const float top = top_bar_height(ui);
        const float bottom = bottom_bar_height(ui);
        draw_top_bar(ui, top);
        draw_bottom_bar(ui, area.max.y - bottom, bottom);
        area.min.y += top;
        area.max.y -= bottom;
    }
    ImGui::SetCursorScreenPos(area.min);
    draw_content(ui, area);
    ImGui::End();
}

void Screen::draw_top_bar(UiContext& ui, float height)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.accent);

    const float pad = s.em(0.5f);
    const float button_side = height - 2 * pad;
    float title_start = origin.x + s.em(0.8f);
    float title_end = origin.x + width - s.em(0.8f);

    if (has_back()) {
        // The arrow is drawn, not a glyph (Noto Sans has no arrows), and points toward the reading start.
        const float x = ui.rtl() ? origin.x + width - pad - button_side : origin.x + pad;
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y + pad));
        if (arrow_button(ui, "##back", ImVec2(button_side, button_side), ButtonKind::primary))
            ui.nav.back();
        if (ui.rtl())
            title_end -= button_side + pad;
        else
            title_start += button_side + pad;
    }

    // The clock sits at the reading end.
    const std::string clock = stockholm::to_local(ui.now).time.to_string();
    const float clock_width = text_width(ui, ui.fonts.heading, clock);
    const float clock_x = ui.rtl() ? origin.x + s.em(0.8f) : origin.x + width - s.em(0.8f) - clock_width;
    ImGui::SetCursorScreenPos(ImVec2(clock_x, origin.y + (height - ui.fonts.heading->FontSize) / 2));
    text_line(ui, ui.fonts.heading, clock, p.on_accent, clock_width + 1.0f);
    if (ui.rtl())
        title_start += clock_width + s.em(0.8f);
    else
        title_end -= clock_width + s.em(0.8f);

    ImGui::SetCursorScreenPos(ImVec2(title_start, origin.y + (height - ui.fonts.heading->FontSize) / 2));
    text_line(ui, ui.fonts.heading, ui.tr(title_key()), p.on_accent, title_end - title_start);
}

void Screen::draw_bottom_bar(UiContext& ui, float top, float height)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(origin.x, top), ImVec2(origin.x + width, top + height), p.surface);
    draw->AddLine(ImVec2(origin.x, top), ImVec2(origin.x + width, top), p.divider, std::max(1.0f, s.mm(0.3)));

    const float pad = s.em(0.4f);
    const float button_height = height - 2 * pad;
    const std::string_view help = ui.tr("help_now");
    const float help_width = text_width(ui, ui.fonts.bold, help) + s.em(1.6f);

    // Languages first in reading order, each named in its own script; "help now" at the end. When
    // they do not all fit (narrow portrait screens), one button opens the language screen instead.
    const float row_start = origin.x + pad;
    const float row_end = origin.x + width - pad - help_width - s.em(0.6f);
    const float gap = s.em(0.3f);
    std::vector<std::pair<LanguageCode, std::string>> names;
    float total = 0.0f;
    for (const LanguageCode& language : ui.config.languages) {
        names.emplace_back(language, std::string(ui.strings.get(language, "language_name")));
        total += text_width(ui, ui.fonts.body, names.back().second) + s.em(1.0f) + gap;
    }
    if (total - gap <= row_end - row_start) {
        FlowRow row(ui, row_start, row_end, top + pad, gap);
        for (const auto& [language, name] : names) {
            const float name_width = text_width(ui, ui.fonts.body, name) + s.em(1.0f);
            row.next(name_width, button_height);
            const bool current = language == ui.session.language;
            const std::string id = "##lang-" + language;
            if (button(ui, id.c_str(), name, ImVec2(name_width, button_height),
                       current ? ButtonKind::primary : ButtonKind::quiet, ui.fonts.body))
                ui.nav.set_language(language);
        }
    } else {
        const std::string label = std::string(ui.tr("language_choice"));
        const float label_width = std::min(row_end - row_start, text_width(ui, ui.fonts.bold, label) + s.em(1.6f));
        FlowRow row(ui, row_start, row_end, top + pad, gap);
        row.next(label_width, button_height);
        if (button(ui, "##languages", label, ImVec2(label_width, button_height), ButtonKind::secondary))
            ui.nav.navigate("language");
    }

    const float help_x = ui.rtl() ? origin.x + pad : origin.x + width - pad - help_width;
    ImGui::SetCursorScreenPos(ImVec2(help_x, top + pad));
    if (button(ui, "##help-now", help, ImVec2(help_width, button_height), ButtonKind::danger))
        ui.nav.navigate("help");
}

}  // namespace lotsen::kiosk
