// list_screen.cpp — the way back to every interest, the day choice and filter chips at the top,
// cards below under their day. The query runs when a filter changes or a minute has passed, never
// per frame.
#include "kiosk/screens/list_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/screens/wish_screen.hpp"
#include "kiosk/segmented_control.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <array>

namespace lotsen::kiosk {

void ListScreen::on_enter(UiContext& ui)
{
    reload(ui);
    m_scroll.set_offset(0.0f);
}

void ListScreen::on_reset()
{
    m_items.clear();
    m_cards.clear();
    m_loaded_key.clear();
    m_interest_label = LocalizedText{};
    m_scroll.set_offset(0.0f);
}

std::string ListScreen::title(const UiContext& ui) const
{
    if (!ui.session.interest.empty() && !m_interest_label.empty())
        return std::string(ui.text(m_interest_label));
    return Screen::title(ui);
}

void ListScreen::prepare_tour(UiContext& ui)
{
    ui.session.days = DayRange::this_week;
    ui.session.filter.free_only = true;
}

std::string ListScreen::query_key(const UiContext& ui) const
{
    const VisitorSession& s = ui.session;
    return std::to_string(static_cast<int>(s.days)) + "|" + s.interest + "|" + s.filter.town.value_or("") + "|" +
           s.filter.language_spoken.value_or("") + "|" + (s.filter.free_only ? "f" : "") +
           (s.filter.accessible_only ? "a" : "") + (s.filter.drop_in_only ? "d" : "") +
           (s.near_only ? "n" : "");
}

void ListScreen::reload(UiContext& ui)
{
    const Date today = stockholm::to_local(ui.now).date;
    UpcomingQuery query;
    query.filter = ui.session.filter;
    if (!ui.session.interest.empty())
        query.filter.interest = ui.session.interest;
    if (ui.session.near_only)
        query.near = near_here(ui);
    m_interest_label = LocalizedText{};
    if (!ui.session.interest.empty()) {
        auto interests = ui.store.interests();
        for (const Interest& interest : interests ? interests.value() : std::vector<Interest>{}) {
            if (interest.id == ui.session.interest)
                m_interest_label = interest.label;
        }
    }
    switch (ui.session.days) {
    case DayRange::today:
        query.from = ui.now - 2 * 3600;
        query.to = stockholm::start_of_day(today.plus_days(1));
        break;
    case DayRange::tomorrow:
        query.from = stockholm::start_of_day(today.plus_days(1));
        query.to = stockholm::start_of_day(today.plus_days(2));
        break;
    case DayRange::this_week:
        query.from = ui.now - 2 * 3600;
        query.to = stockholm::start_of_day(today.plus_days(7));
        break;
    case DayRange::next_two_weeks:
        query.from = ui.now - 2 * 3600;
        query.to = stockholm::start_of_day(today.plus_days(14));
        break;
    }
    auto items = ui.store.upcoming(query);
    m_loaded_key = query_key(ui);
    m_loaded_at = ui.now;
    m_items.clear();
    m_cards.clear();
    if (!items) {
        m_error = items.error().text();
        return;
    }
    m_error.clear();
    for (ActivityListItem& item : items.value()) {
        if (!item.occurrence || item.occurrence->end > ui.now)
            m_items.push_back(std::move(item));
    }
}

float ListScreen::draw_filters(UiContext& ui, const ContentArea& area, float margin)
{
    const UiScale& s = ui.scale;
    VisitorSession& session = ui.session;
    FlowRow row(ui, area.min.x + margin, area.max.x - margin, area.min.y + margin, s.em(0.4f));
    const float chip_height = s.touch_target();
    auto place = [&](std::string_view label) { row.next(chip_width(ui, label), chip_height); };

    // The chosen interest, and the way back to everything.
    if (!session.interest.empty()) {
        const std::string show_all = "× " + std::string(ui.tr("list_show_all"));
        const float width = chip_width(ui, show_all);
        row.next(width, chip_height);
        if (button(ui, "##show-all", show_all, ImVec2(width, chip_height), ButtonKind::secondary))
            session.interest.clear();
    }
    // The days replace each other: one segmented control, unlike the on/off chips after it.
    const std::array<DayRange, 3> ranges{DayRange::today, DayRange::tomorrow, DayRange::this_week};
    const std::array<std::string_view, 3> labels{ui.tr("day_today"), ui.tr("day_tomorrow"), ui.tr("day_week")};
    const int chosen = static_cast<int>(std::find(ranges.begin(), ranges.end(), session.days) - ranges.begin());
    row.next(segmented_control_width(ui, labels), chip_height);
    if (const int tapped = segmented_control(ui, "days", labels, chosen); tapped >= 0)
        session.days = ranges[static_cast<std::size_t>(tapped)];
    place(ui.tr("filter_near"));
    if (chip(ui, "##near", ui.tr("filter_near"), session.near_only))
        session.near_only = !session.near_only;
    place(ui.tr("free"));
    if (chip(ui, "##free", ui.tr("free"), session.filter.free_only))
        session.filter.free_only = !session.filter.free_only;
    place(ui.tr("drop_in"));
    if (chip(ui, "##dropin", ui.tr("drop_in"), session.filter.drop_in_only))
        session.filter.drop_in_only = !session.filter.drop_in_only;
    place(ui.tr("accessible"));
    if (chip(ui, "##accessible", ui.tr("accessible"), session.filter.accessible_only))
        session.filter.accessible_only = !session.filter.accessible_only;
    // "In my language": activities where the visitor's chosen language is spoken.
    const std::string_view own = ui.tr("filter_my_language");
    place(own);
    const bool own_on = session.filter.language_spoken == session.language;
    if (chip(ui, "##language", own, own_on))
        session.filter.language_spoken = own_on ? std::nullopt : std::optional<LanguageCode>(session.language);
    return row.bottom();
}

void ListScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const float margin = s.em(0.6f);
    const float filters_bottom = draw_filters(ui, area, margin);
    if (query_key(ui) != m_loaded_key || ui.now - m_loaded_at >= 60) {
        const bool filters_changed = query_key(ui) != m_loaded_key;
        reload(ui);
        if (filters_changed)
            m_scroll.set_offset(0.0f);
    }
    const float top = filters_bottom + s.em(0.5f);
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, top));
    const float width = area.width() - 2 * margin;
    if (!m_error.empty()) {
        paragraph(ui, ui.fonts.body, m_error, ui.palette.text, width);
        return;
    }
    if (m_items.empty()) {
        paragraph(ui, ui.fonts.heading, ui.tr("list_empty"), ui.palette.text_muted, width, Align::center);
        // Nothing here: the visitor may say what they miss (the interest they chose goes with it).
        const float offer_width = std::min(width, s.em(24.0f));
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin + (width - offer_width) / 2, ImGui::GetCursorScreenPos().y + s.em(0.8f)));
        wish_offer(ui, "##wish-offer", offer_width, ui.session.interest);
        return;
    }
    m_list_area = ContentArea{ImVec2(area.min.x + margin, top), ImVec2(area.min.x + margin + width, area.max.y)};
    const ActivityListItem* tapped = activity_list(ui, "##list", m_items, m_cards, ImVec2(width, area.max.y - top), m_scroll, &m_headers);
    if (tapped) {
        ui.session.activity_id = tapped->activity_id;
        ui.nav.navigate("detail");
    }
}

}  // namespace lotsen::kiosk
