// activity_card.cpp — the activity card, mirrored for right-to-left languages.
#include "kiosk/activity_card.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

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

namespace {

// What a card shows and where, measured before it is drawn: at larger text (or in a long language)
// the card grows taller rather than cut anything: the title and the place wrap, and badges that do
// not fit beside the time move to a row of their own below the place.
struct CardLayout {
    float pad = 0.0f;
    float inner = 0.0f;
    std::string when;
    std::string where;
    float title_top = 0.0f;  ///< offsets from the card's top
    float where_top = 0.0f;
    float badges_top = 0.0f;
    bool badges_beside_time = false;
    std::vector<std::pair<std::string_view, ImU32>> badges;
    float height = 0.0f;
};

float badge_width(const UiContext& ui, std::string_view label)
{
    return text_width(ui, ui.fonts.small, label) + ui.scale.em(0.8f);
}

float badge_height(const UiContext& ui) { return ui.fonts.small->FontSize + ui.scale.em(0.3f); }

// Height of a paragraph drawn where one line used to be: one line takes the font size, each further
// line the paragraph's line height.
float lines_height(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    const float paragraph = paragraph_height(ui, font, text, width);
    return paragraph - font->FontSize * 0.25f;
}

CardLayout card_layout(const UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    CardLayout layout;
    layout.pad = s.em(0.7f);
    layout.inner = width - 2 * layout.pad;
    if (item.free)
        layout.badges.emplace_back(ui.tr("free"), p.badge_free);
    if (item.drop_in)
        layout.badges.emplace_back(ui.tr("drop_in"), p.accent);
    if (item.accessible)
        layout.badges.emplace_back(ui.tr("accessible"), p.accent);
    float badges_width = 0.0f;
    for (const auto& [label, fill] : layout.badges)
        badges_width += badge_width(ui, label) + s.em(0.3f);

    float y = layout.pad;
    if (item.occurrence) {
        layout.when = format_occurrence(ui, *item.occurrence);
        // Badges sit along the time's line, at its reading end, when all of them fit in the card's
        // far half without reaching the time.
        const float time_width = text_width(ui, ui.fonts.bold, layout.when);
        layout.badges_beside_time = !layout.badges.empty() && badges_width <= width * 0.5f - layout.pad &&
                                    time_width + s.em(0.6f) + badges_width <= layout.inner;
        y += ui.fonts.bold->FontSize + s.em(0.2f);
    }
    layout.title_top = y;
    y += lines_height(ui, ui.fonts.bold, ui.text(item.title), layout.inner) + s.em(0.2f);
    layout.where = std::string(ui.text(item.place_name));
    if (!layout.where.empty())
        layout.where += ", ";
    layout.where += item.town;
    layout.where_top = y;
    y += lines_height(ui, ui.fonts.body, layout.where, layout.inner);
    if (!layout.badges.empty() && !layout.badges_beside_time) {
        // A row (or more) of its own: measured as FlowRow will lay it out.
        y += s.em(0.4f);
        layout.badges_top = y;
        float used = 0.0f;
        int rows = 1;
        for (const auto& [label, fill] : layout.badges) {
            const float w = badge_width(ui, label);
            if (used > 0.0f && used + w > layout.inner) {
                rows++;
                used = 0.0f;
            }
            used += w + s.em(0.3f);
        }
        y += static_cast<float>(rows) * badge_height(ui) + static_cast<float>(rows - 1) * s.em(0.3f);
    }
    // The card keeps its usual height when everything fits on its lines.
    const float usual = ui.fonts.bold->FontSize + ui.fonts.body->FontSize + ui.fonts.small->FontSize + s.em(2.0f);
    layout.height = std::max({y + layout.pad, usual, s.touch_target()});
    return layout;
}

void draw_badge(UiContext& ui, std::string_view label, ImU32 fill, const ImVec2& at)
{
    const UiScale& s = ui.scale;
    const float w = badge_width(ui, label);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + w, at.y + badge_height(ui)), fill, s.em(0.3f));
    ImGui::SetCursorScreenPos(ImVec2(at.x + s.em(0.4f), at.y + s.em(0.15f)));
    text_line(ui, ui.fonts.small, label, ui.palette.on_badge, w - s.em(0.8f) + 1.0f);
}

}  // namespace

bool activity_card(UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const CardLayout layout = card_layout(ui, item, width);
    const float height = layout.height;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + height);
    ImGui::PushID(item.activity_id.c_str());
    const bool tapped = ImGui::InvisibleButton("card", ImVec2(width, height));
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    note_target(ui, "card:" + item.activity_id, min, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, held ? p.surface_pressed : p.surface, s.em(0.4f));

    const float x = min.x + layout.pad;
    if (item.occurrence) {
        ImGui::SetCursorScreenPos(ImVec2(x, min.y + layout.pad));
        text_line(ui, ui.fonts.bold, layout.when, p.accent, layout.inner);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + layout.title_top));
    paragraph(ui, ui.fonts.bold, ui.text(item.title), p.text, layout.inner);
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + layout.where_top));
    paragraph(ui, ui.fonts.body, layout.where, p.text_muted, layout.inner);

    if (layout.badges_beside_time) {
        // Along the top line's reading end.
        float edge = ui.rtl() ? min.x + layout.pad : max.x - layout.pad;
        for (const auto& [label, fill] : layout.badges) {
            const float w = badge_width(ui, label);
            const float bx = ui.rtl() ? edge : edge - w;
            draw_badge(ui, label, fill, ImVec2(bx, min.y + layout.pad));
            edge = ui.rtl() ? bx + w + s.em(0.3f) : bx - s.em(0.3f);
        }
    } else if (!layout.badges.empty()) {
        FlowRow row(ui, x, x + layout.inner, min.y + layout.badges_top, s.em(0.3f));
        for (const auto& [label, fill] : layout.badges) {
            row.next(badge_width(ui, label), badge_height(ui));
            draw_badge(ui, label, fill, ImGui::GetCursorScreenPos());
        }
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
