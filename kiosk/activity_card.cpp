// activity_card.cpp — the activity card and the list of them, mirrored for right-to-left languages.
#include "kiosk/activity_card.hpp"

#include "kiosk/widgets.hpp"

#include "core/catalogue/geo.hpp"
#include "core/catalogue/occurrence_wording.hpp"

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
    return describe_occurrence(ui.strings, ui.session.language, occurrence, ui.now);
}

Nearby near_here(const UiContext& ui)
{
    return Nearby{geo_point(ui.config.latitude, ui.config.longitude), ui.config.town, ui.config.near_km * 1000.0};
}

std::string distance_text(const KioskConfig& config, const StringTables& strings, std::string_view language,
                          const ActivityListItem& item)
{
    const std::optional<GeoPoint> here = geo_point(config.latitude, config.longitude);
    if (!here || !item.position)
        return {};
    // As the crow flies (haversine on the Earth's mean sphere, geo.hpp): the kiosk cannot know the
    // way, and a visitor reads "1,2 km" as a rough size, not a route.
    return format_distance(strings, language, distance_metres(*here, *item.position));
}

bool activity_card(UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float height = activity_card_height(ui);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + height);
    // An activity is on several lines (one per occurrence): its id alone would clash.
    ImGui::PushID(item.activity_id.c_str());
    ImGui::PushID(item.occurrence ? static_cast<int>(item.occurrence->start / 60) : 0);
    const bool tapped = ImGui::InvisibleButton("card", ImVec2(width, height));
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    ImGui::PopID();
    note_target(ui, "card:" + item.activity_id, min, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, held ? p.surface_pressed : p.surface, s.em(0.4f));

    const float pad = s.em(0.7f);
    const float inner = width - 2 * pad;
    const ImVec2 after = ImGui::GetCursorScreenPos();
    float y = min.y + pad;
    if (item.occurrence) {
        float x = min.x + pad;
        float line_width = inner;
        if (item.occurrence->start <= ui.now && ui.now < item.occurrence->end) {
            // On now: a filled dot at the reading start, beside "Pågår nu".
            const float dot = ui.fonts.bold->FontSize * 0.5f;
            const float dot_x = ui.rtl() ? min.x + pad + inner - dot : min.x + pad;
            draw->AddCircleFilled(ImVec2(dot_x + dot / 2, y + ui.fonts.bold->FontSize * 0.55f), dot / 2, p.danger);
            line_width -= dot + s.em(0.4f);
            if (!ui.rtl())
                x += dot + s.em(0.4f);
        }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        text_line(ui, ui.fonts.bold, format_occurrence(ui, *item.occurrence), p.accent, line_width);
        y += ui.fonts.bold->FontSize + s.em(0.2f);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
    text_line(ui, ui.fonts.bold, ui.text(item.title), p.text, inner);
    y += ui.fonts.bold->FontSize + s.em(0.2f);
    // The distance first, so a long place name that is cut never takes it along.
    std::string where = distance_text(ui.config, ui.strings, ui.session.language, item);
    if (!where.empty())
        where += " · ";
    const std::string_view place = ui.text(item.place_name);
    where += place;
    if (!place.empty())
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
                                      const ImVec2& size, KineticScroll& scroll,
                                      std::vector<DayHeaderPlace>* day_headers)
{
    const ActivityListItem* tapped = nullptr;
    if (day_headers)
        day_headers->clear();
    begin_scroll_area(ui, id, size, scroll);
    // ImGui draws the scroll bar on the right in both directions: the cards leave it a gap there,
    // in right-to-left too (where mirroring the gap to the left made them touch it).
    const float width = size.x - ImGui::GetStyle().ScrollbarSize - ui.scale.em(0.4f);
    const float x = ImGui::GetCursorScreenPos().x;
    std::optional<Date> day;
    for (const ActivityListItem& item : items) {
        if (day_headers && item.occurrence) {
            const Date item_day = listing_day(*item.occurrence, ui.now);
            if (item_day != day) {
                const float top = ImGui::GetCursorScreenPos().y + (day ? ui.scale.em(0.3f) : 0.0f);
                day_headers->push_back(DayHeaderPlace{item_day, top, top + ui.fonts.heading->FontSize});
                ImGui::SetCursorScreenPos(ImVec2(x, top));
                text_line(ui, ui.fonts.heading, day_label(ui.strings, ui.session.language, item_day, ui.now),
                          ui.palette.text, width);
                ImGui::SetCursorScreenPos(ImVec2(x, top + ui.fonts.heading->FontSize + ui.scale.em(0.3f)));
                day = item_day;
            }
        }
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
        query.limit = 1;
        auto items = ui.store.upcoming(query);
        if (items && !items.value().empty()) {
            ui.session.activity_id = items.value().front().activity_id;
            return;
        }
    }
}

}  // namespace lotsen::kiosk
