// thanks_screen.cpp — a calm, short confirmation (of a check-in, a wish or a contact request) and one
// "done" button. After a check-in with the
// heaviest mood it also offers, gently, someone to talk to now (the help screen) and a contact
// person from the activity's association (the contact form).
#include "kiosk/screens/thanks_screen.hpp"

#include "kiosk/reply_text.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void ThanksScreen::prepare_tour(UiContext& ui)
{
    ui.session.receipt_code = "K7P-4QX";
    ui.session.receipt_reply_days = 3;
    // As the hub measures it (docs/catalogue.md): said instead of the declared three days.
    ui.session.receipt_measured_reply = MeasuredReply{.median_minutes = 2150, .requests = 7, .window_days = 90};
}

void ThanksScreen::draw_support(UiContext& ui, float x, float width)
{
    const UiScale& s = ui.scale;
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + s.em(0.8f)));
    paragraph(ui, ui.fonts.body, ui.tr("thanks_support"), ui.palette.text, width, Align::center);
    const float top = ImGui::GetCursorScreenPos().y + s.em(0.3f);
    const std::string_view now = ui.tr("thanks_support_now");
    const std::string_view contact = ui.tr("thanks_support_contact");
    const float pad = s.em(1.0f);
    const float gap = s.em(0.6f);
    const float now_width = text_width(ui, ui.fonts.bold, now) + 2 * pad;
    const float contact_width = text_width(ui, ui.fonts.bold, contact) + 2 * pad;
    // Side by side, in reading order, when both fit; else one above the other, as wide as the text.
    const bool side_by_side = now_width + gap + contact_width <= width;
    const float button_width = side_by_side ? (width - gap) / 2 : width;
    const float height = std::max(icon_button_height(ui, now, button_width), icon_button_height(ui, contact, button_width));
    ImVec2 now_at(x, top);
    ImVec2 contact_at(x, top + height + gap);
    if (side_by_side) {
        now_at = ImVec2(ui.rtl() ? x + button_width + gap : x, top);
        contact_at = ImVec2(ui.rtl() ? x : x + button_width + gap, top);
    }
    ImGui::SetCursorScreenPos(now_at);
    if (icon_button(ui, "##support-now", icon::help, now, ImVec2(button_width, height), ButtonKind::secondary))
        ui.nav.navigate("help");
    ImGui::SetCursorScreenPos(contact_at);
    if (icon_button(ui, "##support-contact", icon::contact, contact, ImVec2(button_width, height), ButtonKind::secondary)) {
        // The association running the activity, when it takes contact requests (else the form
        // lets the visitor choose one).
        if (auto activity = ui.store.activity(ui.session.activity_id); activity && activity.value())
            ui.session.contact.organisation_id = activity.value()->organisation_id;
        ui.nav.navigate("contact");
    }
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
    const bool wish = !contact && ui.session.wish_sent;
    paragraph(ui, ui.fonts.heading, ui.tr(contact ? "thanks_contact" : wish ? "thanks_wish" : "thanks_checkin"), p.text, width,
              Align::center);
    ImGui::Dummy(ImVec2(0, s.em(0.5f)));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    if (contact) {
        paragraph(ui, ui.fonts.body, ui.tr("thanks_code"), p.text, width, Align::center);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        paragraph(ui, ui.fonts.heading, ui.session.receipt_code, p.accent, width, Align::center);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + s.em(0.3f)));
        const int days = ui.session.receipt_reply_days;
        const std::string reply =
            ui.session.receipt_measured_reply ? measured_reply_text(ui, *ui.session.receipt_measured_reply)
            : days > 0 ? ui.strings.format_count(ui.session.language, "thanks_reply_days", "days", static_cast<std::uint64_t>(days))
                     : std::string(ui.tr("thanks_reply_unknown"));
        paragraph(ui, ui.fonts.body, reply, p.text, width, Align::center);
    } else if (wish) {
        paragraph(ui, ui.fonts.body, ui.tr("thanks_wish_body"), p.text, width, Align::center);
    } else {
        paragraph(ui, ui.fonts.body, ui.tr("thanks_checkin_body"), p.text, width, Align::center);
        if (ui.session.support_offered) {
            // The offer may use more of a wide screen than the thanks does: two buttons side by side.
            const float support_width = std::min(area.width() - 2 * margin, s.em(40.0f));
            draw_support(ui, area.min.x + (area.width() - support_width) / 2, support_width);
        }
    }
    const float button_width = std::min(width, s.em(14.0f));
    const float done_height = button_height(ui, ui.tr("done"), button_width);
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + (area.width() - button_width) / 2, area.max.y - margin - done_height));
    if (button(ui, "##done", ui.tr("done"), ImVec2(button_width, done_height))) {
        ui.session.receipt_code.clear();
        ui.session.support_offered = false;
        ui.session.wish_sent = false;
        ui.nav.home();
    }
}

}  // namespace lotsen::kiosk
