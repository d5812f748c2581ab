// detail_screen.cpp — facts as short labelled paragraphs in a scroll area; the QR code and the two
// actions (check in, be contacted) stay in view beside it (below it in portrait).
#include "kiosk/screens/detail_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "core/catalogue/ical.hpp"
#include "kiosk/screens/checkin_screen.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

namespace {
constexpr int k_listed_occurrences = 4;
constexpr int k_lookahead_days = 60;
}  // namespace

void DetailScreen::on_reset()
{
    m_activity.reset();
    m_organisation.reset();
    m_next.clear();
    m_qr.reset();
    m_calendar.clear();
    m_loaded_id.clear();
    m_scroll.set_offset(0.0f);
}

void DetailScreen::prepare_tour(UiContext& ui)
{
    choose_tour_activity(ui);
}

void DetailScreen::on_enter(UiContext& ui)
{
    m_scroll.set_offset(0.0f);
    m_loaded_id = ui.session.activity_id;
    m_loaded_language = ui.session.language;
    m_activity.reset();
    m_organisation.reset();
    m_next.clear();
    m_qr.reset();
    m_calendar.clear();
    auto activity = ui.store.activity(ui.session.activity_id);
    if (!activity || !activity.value())
        return;
    m_activity = std::move(activity).value();
    auto organisation = ui.store.organisation(m_activity->organisation_id);
    if (organisation && organisation.value())
        m_organisation = std::move(organisation).value();
    for (const Occurrence& occurrence : expand(m_activity->schedule, ui.now - 6 * 3600, ui.now + k_lookahead_days * 86400)) {
        if (occurrence.end > ui.now && static_cast<int>(m_next.size()) < k_listed_occurrences)
            m_next.push_back(occurrence);
    }
    if (!m_next.empty()) {
        // The description stays on the screen, not in the code: every byte makes the QR modules
        // smaller, and a phone camera must still read them from a step away.
        Activity compact = *m_activity;
        compact.description = LocalizedText{};
        const std::string organiser(m_organisation ? ui.text(m_organisation->name) : "");
        m_calendar = make_vevent(compact, m_next.front(), ui.session.language, organiser, ui.now);
        auto qr = make_qr_code(m_calendar);
        if (qr)
            m_qr = std::move(qr).value();
    }
}

std::string DetailScreen::read_aloud_text(UiContext& ui)
{
    if (!m_activity)
        return {};
    const Activity& a = *m_activity;
    std::string text = std::string(ui.text(a.title)) + ".\n";
    if (a.drop_in)
        text += std::string(ui.tr("detail_drop_in")) + "\n";
    text += std::string(ui.text(a.description)) + "\n";
    if (!m_next.empty())
        text += std::string(ui.tr("detail_when")) + ": " + format_occurrence(ui, m_next.front()) + ".\n";
    text += std::string(ui.tr("detail_where")) + ": " + std::string(ui.text(a.place.name)) + ", " + a.place.address +
            ", " + a.place.town + ".\n";
    text += std::string(ui.tr("detail_cost")) + ": " +
            (a.cost.free() ? std::string(ui.tr("free")) : std::to_string(a.cost.sek) + " kr") + ".";
    return text;
}

void DetailScreen::draw_qr(const ImVec2& min, float side)
{
    if (!m_qr)
        return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // A light quiet zone of four modules all around, as scanners expect.
    const int modules = m_qr->size + 8;
    const float module = std::floor(side / static_cast<float>(modules));
    const float drawn = module * static_cast<float>(modules);
    const ImVec2 origin(std::round(min.x + (side - drawn) / 2), std::round(min.y));
    draw->AddRectFilled(origin, ImVec2(origin.x + drawn, origin.y + drawn), IM_COL32_WHITE);
    for (int y = 0; y < m_qr->size; ++y) {
        for (int x = 0; x < m_qr->size; ++x) {
            if (!m_qr->dark(x, y))
                continue;
            const ImVec2 a(origin.x + (x + 4) * module, origin.y + (y + 4) * module);
            draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
        }
    }
}

void DetailScreen::draw_info(UiContext& ui, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const Activity& a = *m_activity;
    paragraph(ui, ui.fonts.heading, ui.text(a.title), p.text, width);
    ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    if (a.drop_in) {
        paragraph(ui, ui.fonts.bold, ui.tr("detail_drop_in"), p.badge_free, width);
        ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    }
    if (!a.description.empty())
        paragraph(ui, ui.fonts.body, ui.text(a.description), p.text, width);

    auto fact = [&](std::string_view label_key, const std::string& value) {
        if (value.empty())
            return;
        ImGui::Dummy(ImVec2(0, s.em(0.4f)));
        text_lines(ui, ui.fonts.bold, ui.tr(label_key), p.text_muted, width);
        paragraph(ui, ui.fonts.body, value, p.text, width);
    };

    std::string when;
    for (const Occurrence& occurrence : m_next)
        when += (when.empty() ? "" : "\n") + format_occurrence(ui, occurrence);
    fact("detail_when", when.empty() ? std::string(ui.tr("detail_no_dates")) : when);

    std::string where(ui.text(a.place.name));
    where += (where.empty() ? "" : "\n") + a.place.address + ", " + a.place.town;
    fact("detail_where", where);

    std::string cost = a.cost.free() ? std::string(ui.tr("free")) : std::to_string(a.cost.sek) + " kr";
    if (!a.cost.note.empty())
        cost += " — " + std::string(ui.text(a.cost.note));
    fact("detail_cost", cost);

    std::string access;
    for (const std::string& feature : a.accessibility)
        access += (access.empty() ? "" : "\n") + std::string(ui.tr("access_" + feature));
    fact("detail_access", access);

    std::string languages;
    for (const LanguageCode& language : a.languages) {
        const std::string_view name = ui.strings.has(language, "language_name") ? ui.strings.get(language, "language_name")
                                                                              : std::string_view(language);
        languages += (languages.empty() ? "" : ", ") + std::string(name);
    }
    fact("detail_languages", languages);

    if (m_organisation) {
        std::string organiser(ui.text(m_organisation->name));
        if (!m_organisation->contact.phone.empty())
            organiser += "\n" + m_organisation->contact.phone;
        if (!m_organisation->contact.email.empty())
            organiser += "\n" + m_organisation->contact.email;
        fact("detail_organiser", organiser);
    }
    ImGui::Dummy(ImVec2(0, s.em(1.0f)));
}

void DetailScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    if (ui.session.activity_id != m_loaded_id || ui.session.language != m_loaded_language)
        on_enter(ui);
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    if (!m_activity) {
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
        paragraph(ui, ui.fonts.heading, ui.tr("detail_missing"), p.text, area.width() - 2 * margin);
        return;
    }
    const bool portrait = s.portrait();
    const float side_width = portrait ? area.width() - 2 * margin : std::min(area.width() * 0.34f, s.em(16.0f));
    const bool can_contact = m_organisation && m_organisation->accepts_contact_requests;
    // "I'm here" only around an occurrence: from shortly before it starts until it ends.
    const bool can_checkin = checkin_open(m_next, ui.now);
    const int actions = (can_checkin ? 1 : 0) + (can_contact ? 1 : 0);
    const float portrait_qr = std::min(area.height() * 0.28f, side_width * 0.5f);
    // The actions and the caption are as tall as their words need (larger text wraps them).
    const float actions_width = portrait ? side_width - portrait_qr * 1.2f - margin : side_width;
    float action_height = s.touch_target();
    if (can_checkin)
        action_height = std::max(action_height, button_height(ui, ui.tr("detail_checkin"), actions_width));
    if (can_contact)
        action_height = std::max(action_height, button_height(ui, ui.tr("detail_contact"), actions_width));
    const float actions_height = action_height * static_cast<float>(actions) + s.em(0.4f);
    const float caption_width = portrait ? portrait_qr * 1.2f : side_width;
    const float caption_height =
        m_qr ? std::max(ui.fonts.small->FontSize * 2.6f,
                        paragraph_height(ui, ui.fonts.small, ui.tr("detail_take_with_you"), caption_width))
             : 0.0f;
    float qr_side = portrait ? portrait_qr
                             : std::min(side_width, area.height() - 2 * margin - actions_height - caption_height - s.em(0.6f));
    qr_side = std::max(qr_side, 0.0f);

    // The side column: QR code, its caption, the actions.
    ImVec2 side_min;
    ImVec2 info_min;
    ImVec2 info_size;
    if (portrait) {
        const float side_height = std::max(qr_side + caption_height, actions_height) + margin;
        side_min = ImVec2(area.min.x + margin, area.max.y - side_height);
        info_min = ImVec2(area.min.x + margin, area.min.y + margin);
        info_size = ImVec2(area.width() - 2 * margin, side_min.y - info_min.y - s.em(0.4f));
    } else {
        side_min = ImVec2(ui.rtl() ? area.min.x + margin : area.max.x - margin - side_width, area.min.y + margin);
        const float info_x = ui.rtl() ? side_min.x + side_width + margin : area.min.x + margin;
        info_min = ImVec2(info_x, area.min.y + margin);
        info_size = ImVec2(area.width() - 3 * margin - side_width, area.height() - margin);
    }

    ImGui::SetCursorScreenPos(info_min);
    begin_scroll_area(ui, "##detail", info_size, m_scroll);
    draw_info(ui, info_size.x - ImGui::GetStyle().ScrollbarSize - s.em(0.3f));
    end_scroll_area(m_scroll);

    // In portrait the QR code sits beside the actions; in landscape above them.
    const float qr_x = portrait ? (ui.rtl() ? side_min.x + side_width - qr_side : side_min.x) : side_min.x + (side_width - qr_side) / 2;
    if (m_qr) {
        draw_qr(ImVec2(qr_x, side_min.y), qr_side);
        // In portrait the caption is a little wider than the code and grows away from the edge.
        const float caption_x = portrait ? (ui.rtl() ? qr_x + qr_side - caption_width : qr_x) : side_min.x;
        ImGui::SetCursorScreenPos(ImVec2(caption_x, side_min.y + qr_side + s.em(0.2f)));
        paragraph(ui, ui.fonts.small, ui.tr("detail_take_with_you"), p.text_muted, caption_width, Align::center);
    }
    const float actions_x = portrait ? (ui.rtl() ? side_min.x : side_min.x + side_width - actions_width) : side_min.x;
    const float actions_y = portrait ? side_min.y : area.max.y - margin - actions_height;
    ImGui::SetCursorScreenPos(ImVec2(actions_x, actions_y));
    if (can_checkin && button(ui, "##checkin", ui.tr("detail_checkin"), ImVec2(actions_width, action_height))) {
        ui.session.checkin = CheckInForm{};
        ui.nav.navigate("checkin");
    }
    if (can_contact) {
        ImGui::SetCursorScreenPos(ImVec2(actions_x, actions_y + (can_checkin ? action_height + s.em(0.4f) : 0.0f)));
        if (button(ui, "##contact", ui.tr("detail_contact"), ImVec2(actions_width, action_height), ButtonKind::secondary)) {
            ui.session.contact.organisation_id = m_organisation->id;
            ui.nav.navigate("contact");
        }
    }
}

}  // namespace lotsen::kiosk
