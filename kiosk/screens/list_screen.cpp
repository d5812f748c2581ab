// list_screen.cpp — the filter chips at the top, cards below. The query runs when a filter
// changes or a minute has passed, never per frame.
#include "kiosk/screens/list_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void ListScreen::on_enter(UiContext& ui)
{
    reload(ui);
    m_scroll.set_offset(0.0f);
}

void ListScreen::on_reset()
{
    m_items.clear();
    m_loaded_key.clear();
    m_scroll.set_offset(0.0f);
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
           (s.filter.accessible_only ? "a" : "") + (s.filter.drop_in_only ? "d" : "");
}

void ListScreen::reload(UiContext& ui)
{
    const Date today = stockholm::to_local(ui.now).date;
    UpcomingQuery query;
    query.filter = ui.session.filter;
    if (!ui.session.interest.empty())
        query.filter.interest = ui.session.interest;
    query.home_town = ui.config.town;
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

    const std::pair<DayRange, const char*> days[] = {{DayRange::today, "day_today"},
                                                     {DayRange::tomorrow, "day_tomorrow"},
                                                     {DayRange::this_week, "day_week"}};
    for (const auto& [range, key] : days) {
        place(ui.tr(key));
        const std::string id = std::string("##") + key;
        if (chip(ui, id.c_str(), ui.tr(key), session.days == range))
            session.days = range;
    }
    std::string town_label(ui.tr("filter_town"));
    if (const std::size_t at = town_label.find("{town}"); at != std::string::npos)
        town_label.replace(at, 6, ui.config.town);
    place(town_label);
    if (chip(ui, "##town", town_label, session.filter.town.has_value()))
        session.filter.town = session.filter.town ? std::nullopt : std::optional<std::string>(ui.config.town);
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
        return;
    }
    const ActivityListItem* tapped = activity_list(ui, "##list", m_items, ImVec2(width, area.max.y - top), m_scroll);
    if (tapped) {
        ui.session.activity_id = tapped->activity_id;
        ui.nav.navigate("detail");
    }
}

}  // namespace lotsen::kiosk
