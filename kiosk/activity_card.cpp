// activity_card.cpp — the activity card, mirrored for right-to-left languages.
#include "kiosk/activity_card.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

float activity_card_height(const UiContext& ui)
{
    const UiScale& s = ui.scale;
    return std::max(ui.fonts.bold->FontSize + ui.fonts.body->FontSize + ui.fonts.small->FontSize + s.em(2.0f),
                    s.touch_target());
}

std::string format_occurrence(const UiContext& ui, const Occurrence& occurrence)
{
    const LocalDateTime today = stockholm::to_local(ui.now);
    const LocalDateTime end = stockholm::to_local(occurrence.end);
    // The numbers read left to right in every language: isolate them (LRI … PDI, which the text
    // layout honours and never draws) so "25/12 12:00–13:30" stays whole beside an Arabic weekday.
    const std::string times = occurrence.local_start.time.to_string() + "–" + end.time.to_string();
    if (occurrence.local_start.date == today.date)
        return "\u2066" + times + "\u2069";
    static const char* const weekday_keys[] = {"", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const Date& date = occurrence.local_start.date;
    return std::string(ui.tr(weekday_keys[date.iso_weekday()])) + " \u2066" + std::to_string(date.day) + "/" +
           std::to_string(date.month) + " " + times + "\u2069";
}

bool activity_card(UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float height = activity_card_height(ui);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + height);
    ImGui::PushID(item.activity_id.c_str());
    const bool tapped = ImGui::InvisibleButton("card", ImVec2(width, height));
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    note_target(ui, "card:" + item.activity_id, min, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, held ? p.surface_pressed : p.surface, s.em(0.4f));

    const float pad = s.em(0.7f);
    const float inner = width - 2 * pad;
    const ImVec2 after = ImGui::GetCursorScreenPos();
    float y = min.y + pad;
    if (item.occurrence) {
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
        text_line(ui, ui.fonts.bold, format_occurrence(ui, *item.occurrence), p.accent, inner);
        y += ui.fonts.bold->FontSize + s.em(0.2f);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
    text_line(ui, ui.fonts.bold, ui.text(item.title), p.text, inner);
    y += ui.fonts.bold->FontSize + s.em(0.2f);
    std::string where(ui.text(item.place_name));
    if (!where.empty())
        where += ", ";
    where += item.town;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
    text_line(ui, ui.fonts.body, where, p.text_muted, inner);
    (void)after;

    // Badges along the top line's reading end.
    std::vector<std::pair<std::string_view, ImU32>> badges;
    if (item.free)
        badges.emplace_back(ui.tr("free"), p.badge_free);
    if (item.drop_in)
        badges.emplace_back(ui.tr("drop_in"), p.accent);
    if (item.accessible)
        badges.emplace_back(ui.tr("accessible"), p.accent);
    float edge = ui.rtl() ? min.x + pad : max.x - pad;
    const float badge_height = ui.fonts.small->FontSize + s.em(0.3f);
    for (const auto& [label, fill] : badges) {
        const float badge_width = text_width(ui, ui.fonts.small, label) + s.em(0.8f);
        const float x = ui.rtl() ? edge : edge - badge_width;
        if (ui.rtl() ? x + badge_width > min.x + width * 0.5f : x < min.x + width * 0.5f)
            break;  // never cover the time
        draw->AddRectFilled(ImVec2(x, min.y + pad), ImVec2(x + badge_width, min.y + pad + badge_height), fill,
                            s.em(0.3f));
        ImGui::SetCursorScreenPos(ImVec2(x + s.em(0.4f), min.y + pad + s.em(0.15f)));
        text_line(ui, ui.fonts.small, label, p.on_badge, badge_width - s.em(0.8f) + 1.0f);
        edge = ui.rtl() ? x + badge_width + s.em(0.3f) : x - s.em(0.3f);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + s.em(0.4f)));
    ImGui::Dummy(ImVec2(0, 0));
    return tapped;
}

const ActivityListItem* activity_list(UiContext& ui, const char* id, const std::vector<ActivityListItem>& items,
                                      const ImVec2& size, KineticScroll& scroll)
{
    const ActivityListItem* tapped = nullptr;
    begin_scroll_area(ui, id, size, scroll);
    const float width = size.x - ImGui::GetStyle().ScrollbarSize - ui.scale.em(0.3f);
    const float x = ui.rtl() ? ImGui::GetCursorScreenPos().x + ImGui::GetStyle().ScrollbarSize + ui.scale.em(0.3f)
                             : ImGui::GetCursorScreenPos().x;
    for (const ActivityListItem& item : items) {
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        if (activity_card(ui, item, width))
            tapped = &item;
    }
    end_scroll_area(scroll);
    return tapped;
}

void choose_tour_activity(UiContext& ui)
{
    for (int days : {1, 7, 30}) {
        UpcomingQuery query;
        query.from = ui.now;
        query.to = ui.now + days * 86400;
        query.home_town = ui.config.town;
        query.limit = 1;
        auto items = ui.store.upcoming(query);
        if (items && !items.value().empty()) {
            ui.session.activity_id = items.value().front().activity_id;
            return;
        }
    }
}

}  // namespace lotsen::kiosk
