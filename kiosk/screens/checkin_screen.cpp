// checkin_screen.cpp — three optional questions as chips, then "check in". The visitor is told
// "thank you" only after the event log has committed the check-in to disk.
#include "kiosk/screens/checkin_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/visitor_outbox.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void CheckInScreen::on_enter(UiContext& ui)
{
    m_message.clear();
    m_title.clear();
    m_scroll.set_offset(0.0f);
    auto activity = ui.store.activity(ui.session.activity_id);
    if (activity && activity.value())
        m_title = std::string(ui.text(activity.value()->title));
}

void CheckInScreen::prepare_tour(UiContext& ui)
{
    choose_tour_activity(ui);
    ui.session.checkin.first_visit = true;
    ui.session.checkin.how_heard = HowHeard::kiosk;
    ui.session.checkin.mood = Mood::okay;
}

void CheckInScreen::send(UiContext& ui)
{
    if (!ui.outbox.available()) {
        m_message = std::string(ui.tr("send_unavailable"));
        return;
    }
    CheckIn checkin;
    checkin.activity_id = ui.session.activity_id;
    checkin.first_visit = ui.session.checkin.first_visit;
    checkin.how_heard = ui.session.checkin.how_heard;
    checkin.mood = ui.session.checkin.mood;
    // Who runs it, for the hub's counts per association; left out when the store cannot say.
    if (auto activity = ui.store.activity(checkin.activity_id); activity && activity.value())
        checkin.organisation_id = activity.value()->organisation_id;
    if (auto outcome = ui.outbox.record_checkin(checkin, ui.now); !outcome) {
        m_message = std::string(ui.tr("send_failed"));
        return;
    }
    // A check-in too soon after the previous one is not counted again, but the visitor is thanked
    // all the same: they did nothing wrong, and the count stays honest.
    ui.session.checkin = CheckInForm{};
    ui.session.receipt_code.clear();
    ui.nav.navigate("thanks");
}

void CheckInScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    const float send_height = s.touch_target();
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##checkin", ImVec2(width, area.height() - 3 * margin - send_height), m_scroll);
    const float x = ImGui::GetCursorScreenPos().x;
    // Inside the scroll area the scrollbar (always on the right) takes its share.
    const float inner = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);
    paragraph(ui, ui.fonts.heading, m_title, p.text, inner);
    paragraph(ui, ui.fonts.body, ui.tr("checkin_intro"), p.text_muted, inner);

    CheckInForm& form = ui.session.checkin;
    auto question = [&](std::string_view key) {
        ImGui::Dummy(ImVec2(0, s.em(0.5f)));
        text_line(ui, ui.fonts.bold, ui.tr(key), p.text, inner);
        ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    };
    auto chips = [&](auto& field, const auto& options) {
        FlowRow row(ui, x, x + inner, ImGui::GetCursorScreenPos().y, s.em(0.4f));
        for (const auto& [value, key] : options) {
            row.next(chip_width(ui, ui.tr(key)), s.touch_target());
            const std::string id = std::string("##") + key;
            const bool selected = field == value;
            if (chip(ui, id.c_str(), ui.tr(key), selected))
                field = selected ? std::nullopt : std::optional(value);  // a second tap clears: all optional
        }
        ImGui::SetCursorScreenPos(ImVec2(x, row.bottom() + s.em(0.2f)));
        ImGui::Dummy(ImVec2(0, 0));
    };

    question("checkin_first_time");
    const std::pair<bool, const char*> first[] = {{true, "yes"}, {false, "no"}};
    chips(form.first_visit, first);
    question("checkin_how_heard");
    const std::pair<HowHeard, const char*> heard[] = {{HowHeard::kiosk, "heard_kiosk"},
                                                      {HowHeard::friend_or_family, "heard_friend"},
                                                      {HowHeard::healthcare, "heard_healthcare"},
                                                      {HowHeard::social_services, "heard_social"},
                                                      {HowHeard::other, "heard_other"}};
    chips(form.how_heard, heard);
    question("checkin_mood");
    {
        const std::pair<Mood, const char*> moods[] = {{Mood::heavy, "mood_heavy"},
                                                      {Mood::low, "mood_low"},
                                                      {Mood::okay, "mood_okay"},
                                                      {Mood::good, "mood_good"}};
        FlowRow row(ui, x, x + inner, ImGui::GetCursorScreenPos().y, s.em(0.4f));
        int index = 0;
        for (const auto& [mood, key] : moods) {
            const float face_width = std::max({text_width(ui, ui.fonts.body, ui.tr(key)) + s.em(1.2f), s.em(3.2f),
                                               s.touch_target()});
            row.next(face_width, s.em(2.0f) + ui.fonts.body->FontSize + s.em(1.8f));
            const std::string id = std::string("##") + key;
            const bool selected = form.mood == mood;
            if (face_chip(ui, id.c_str(), ui.tr(key), index++, selected))
                form.mood = selected ? std::nullopt : std::optional(mood);
        }
        ImGui::SetCursorScreenPos(ImVec2(x, row.bottom() + s.em(0.2f)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    if (!m_message.empty()) {
        ImGui::Dummy(ImVec2(0, s.em(0.5f)));
        paragraph(ui, ui.fonts.bold, m_message, p.danger, inner);
    }
    end_scroll_area(m_scroll);

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.max.y - margin - send_height));
    if (button(ui, "##send", ui.tr("checkin_send"), ImVec2(width, send_height)))
        send(ui);
}

}  // namespace lotsen::kiosk
