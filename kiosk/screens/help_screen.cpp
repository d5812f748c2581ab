// help_screen.cpp — the configured contacts as large cards: number first, then who and when.
#include "kiosk/screens/help_screen.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

std::string HelpScreen::read_aloud_text(UiContext& ui)
{
    const std::string_view intro = ui.text(ui.config.help_intro);
    std::string text(intro.empty() ? ui.tr("help_intro") : intro);
    for (const HelpContact& contact : ui.config.help_contacts) {
        // Digits one by one, so "90101" is read as a number to dial, not as ninety thousand.
        std::string digits;
        for (char c : contact.number)
            digits += c == ' ' || c == '-' ? std::string(", ") : std::string(1, c) + " ";
        text += "\n" + std::string(ui.text(contact.name)) + ": " + digits + ". " + std::string(ui.text(contact.description));
    }
    return text;
}

void HelpScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##help", ImVec2(width, area.height() - margin), m_scroll);
    const float inner = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);
    const float x = ImGui::GetCursorScreenPos().x;  // the scrollbar is on the right in every language
    const std::string_view intro = ui.text(ui.config.help_intro);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    paragraph(ui, ui.fonts.body, intro.empty() ? ui.tr("help_intro") : intro, p.text, inner);
    ImGui::Dummy(ImVec2(0, s.em(0.4f)));
    const float pad = s.em(0.7f);
    for (const HelpContact& contact : ui.config.help_contacts) {
        const std::string_view description = ui.text(contact.description);
        const float text_width_inner = inner - 2 * pad;
        const std::string_view name = ui.text(contact.name);
        const float height = text_lines_height(ui, ui.fonts.heading, contact.number, text_width_inner) +
                             text_lines_height(ui, ui.fonts.bold, name, text_width_inner) + s.em(0.4f) + 2 * pad +
                             (description.empty() ? 0.0f : paragraph_height(ui, ui.fonts.body, description, text_width_inner));
        const ImVec2 min(x, ImGui::GetCursorScreenPos().y);
        ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + inner, min.y + height), p.surface, s.em(0.4f));
        // The red stripe marks where each card's text starts: the left edge, the right one in RTL.
        const float stripe = s.em(0.3f);
        const float stripe_x = ui.rtl() ? min.x + inner - stripe : min.x;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(stripe_x, min.y), ImVec2(stripe_x + stripe, min.y + height),
                                                  p.danger, s.em(0.4f),
                                                  ui.rtl() ? ImDrawFlags_RoundCornersRight : ImDrawFlags_RoundCornersLeft);
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
        text_lines(ui, ui.fonts.heading, contact.number, p.danger, text_width_inner);
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + s.em(0.2f)));
        text_lines(ui, ui.fonts.bold, name, p.text, text_width_inner);
        if (!description.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + s.em(0.2f)));
            paragraph(ui, ui.fonts.body, description, p.text_muted, text_width_inner);
        }
        ImGui::SetCursorScreenPos(ImVec2(x, min.y + height + s.em(0.5f)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    end_scroll_area(m_scroll);
}

}  // namespace lotsen::kiosk
