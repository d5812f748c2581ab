// thanks_screen.cpp — a calm, short confirmation and one "done" button.
#include "kiosk/screens/thanks_screen.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void ThanksScreen::prepare_tour(UiContext& ui)
{
    ui.session.receipt_code = "K7P-4QX";
    ui.session.receipt_reply_days = 3;
}

void ThanksScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(1.2f);
    const float width = std::min(area.width() - 2 * margin, s.em(30.0f));
    const float x = area.min.x + (area.width() - width) / 2;
    ImGui::SetCursorScreenPos(ImVec2(x, area.min.y + margin));
    const bool contact = !ui.session.receipt_code.empty();
    paragraph(ui, ui.fonts.heading, ui.tr(contact ? "thanks_contact" : "thanks_checkin"), p.text, width, Align::center);
    ImGui::Dummy(ImVec2(0, s.em(0.5f)));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    if (contact) {
        paragraph(ui, ui.fonts.body, ui.tr("thanks_code"), p.text, width, Align::center);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        paragraph(ui, ui.fonts.heading, ui.session.receipt_code, p.accent, width, Align::center);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + s.em(0.3f)));
        const int days = ui.session.receipt_reply_days;
        const std::string reply =
            days > 0 ? ui.strings.format_count(ui.session.language, "thanks_reply_days", "days", static_cast<std::uint64_t>(days))
                     : std::string(ui.tr("thanks_reply_unknown"));
        paragraph(ui, ui.fonts.body, reply, p.text, width, Align::center);
    } else {
        paragraph(ui, ui.fonts.body, ui.tr("thanks_checkin_body"), p.text, width, Align::center);
    }
    const float button_width = std::min(width, s.em(14.0f));
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + (area.width() - button_width) / 2, area.max.y - margin - s.touch_target()));
    if (button(ui, "##done", ui.tr("done"), ImVec2(button_width, s.touch_target()))) {
        ui.session.receipt_code.clear();
        ui.nav.home();
    }
}

}  // namespace lotsen::kiosk
