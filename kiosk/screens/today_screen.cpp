// today_screen.cpp — today's list: loaded from the store when entered and once a minute (so ended
// activities drop off), never per frame; drawn as cards in a kinetic scroll area.
#include "screens/today_screen.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <string>

namespace lotsen::kiosk {

namespace {

std::string format_time_range(const Occurrence& occurrence)
{
    const LocalDateTime end = stockholm::to_local(occurrence.end);
    return occurrence.local_start.time.to_string() + "–" + end.time.to_string();
}

std::string replace_placeholder(std::string_view text, std::string_view name, std::string_view value)
{
    std::string result(text);
    const std::string token = "{" + std::string(name) + "}";
    if (const std::size_t at = result.find(token); at != std::string::npos)
        result.replace(at, token.size(), value);
    return result;
}

// Draws `text` in `font` inside [min.x, max_x] at min.y, ending in "…" when it does not fit. Text
// that fits is drawn unclipped: a clip rectangle would shave glyphs that overhang their origin (J).
void draw_clipped_text(ImFont* font, const ImVec2& min, float max_x, ImU32 color, std::string_view text)
{
    ImGui::PushFont(font);
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (ImGui::CalcTextSize(begin, end).x <= max_x - min.x) {
        ImGui::GetWindowDrawList()->AddText(min, color, begin, end);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        const ImVec2 max(max_x, min.y + font->FontSize * 2.0f);
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), min, max, max_x, max_x, begin, end, nullptr);
        ImGui::PopStyleColor();
    }
    ImGui::PopFont();
}

}  // namespace

void TodayScreen::on_enter(UiContext& ui)
{
    reload(ui);
    m_scroll.set_offset(0.0f);
}

double TodayScreen::seconds_until_refresh(UnixSeconds now) const
{
    // Refresh on the next minute boundary: the clock in the header and ended activities change then.
    return static_cast<double>(60 - (now % 60));
}

void TodayScreen::reload(UiContext& ui)
{
    const LocalDateTime local = stockholm::to_local(ui.now);
    UpcomingQuery query;
    // Activities that began up to three hours ago may still be running; ended ones are dropped below.
    query.from = std::max(stockholm::start_of_day(local.date), ui.now - 3 * 3600);
    query.to = stockholm::start_of_day(local.date.plus_days(1));
    query.home_town = ui.config.town;
    auto items = ui.store.upcoming(query);
    m_loaded_for = local.date;
    m_loaded_at = ui.now;
    if (!items) {
        m_error = items.error().message;
        m_items.clear();
        return;
    }
    m_error.clear();
    m_items = std::move(items).value();
    std::erase_if(m_items, [&](const ActivityListItem& item) {
        return item.occurrence && item.occurrence->end <= ui.now;
    });
}

void TodayScreen::draw_header(UiContext& ui)
{
    const UiScale& s = ui.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    const float height = s.em(3.2f);
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), ui.palette.accent);

    const std::string title = replace_placeholder(ui.tr("today_near"), "town", ui.config.town);
    const float pad = s.em(0.8f);
    draw_clipped_text(ui.fonts.heading, ImVec2(origin.x + pad, origin.y + (height - ui.fonts.heading->FontSize) / 2),
                      origin.x + width * 0.78f, ui.palette.on_accent, title);

    const LocalDateTime local = stockholm::to_local(ui.now);
    const std::string clock = local.time.to_string();
    ImGui::PushFont(ui.fonts.heading);
    const ImVec2 clock_size = ImGui::CalcTextSize(clock.c_str());
    draw->AddText(ImVec2(origin.x + width - pad - clock_size.x, origin.y + (height - clock_size.y) / 2),
                  ui.palette.on_accent, clock.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPosY(height);
}

void TodayScreen::draw_item(UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float card_height = std::max(s.em(4.6f), s.touch_target());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + card_height);
    ImGui::PushID(item.activity_id.c_str());
    ImGui::InvisibleButton("card", ImVec2(width, card_height));
    const bool pressed_look = ImGui::IsItemActive() && !ui.touch.dragging();
    ImGui::PopID();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, pressed_look ? p.surface_pressed : p.surface, s.em(0.4f));

    const float pad = s.em(0.7f);
    const float time_column = s.em(6.2f);
    if (item.occurrence) {
        draw_clipped_text(ui.fonts.bold, ImVec2(min.x + pad, min.y + pad), min.x + time_column, p.accent,
                          format_time_range(*item.occurrence));
    }
    const float text_x = min.x + pad + time_column;
    const float text_right = max.x - pad;
    draw_clipped_text(ui.fonts.bold, ImVec2(text_x, min.y + pad), text_right, p.text, item.title.get(ui.language));

    std::string where(item.place_name.get(ui.language));
    if (!where.empty())
        where += ", ";
    where += item.town;
    const float line2 = min.y + pad + ui.fonts.bold->FontSize + s.em(0.25f);
    draw_clipped_text(ui.fonts.body, ImVec2(text_x, line2), text_right, p.text_muted, where);

    // Badges: free and drop-in, the two facts that lower the threshold most.
    float badge_x = text_x;
    const float line3 = line2 + ui.fonts.body->FontSize + s.em(0.3f);
    ImGui::PushFont(ui.fonts.small);
    auto badge = [&](std::string_view label, ImU32 fill, ImU32 ink) {
        const std::string text(label);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const ImVec2 bmin(badge_x, line3);
        const ImVec2 bmax(badge_x + size.x + s.em(0.8f), line3 + size.y + s.em(0.2f));
        if (bmax.x > text_right)
            return;
        draw->AddRectFilled(bmin, bmax, fill, s.em(0.3f));
        draw->AddText(ImVec2(bmin.x + s.em(0.4f), bmin.y + s.em(0.1f)), ink, text.c_str());
        badge_x = bmax.x + s.em(0.4f);
    };
    if (item.free)
        badge(ui.tr("free"), p.badge_free, p.on_badge);
    if (item.drop_in)
        badge(ui.tr("drop_in"), p.accent, p.on_accent);
    if (item.accessible)
        badge(ui.tr("accessible"), p.accent, p.on_accent);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, s.em(0.5f)));
}

void TodayScreen::draw_content(UiContext& ui)
{
    const LocalDateTime local = stockholm::to_local(ui.now);
    if (local.date != m_loaded_for || ui.now - m_loaded_at >= 60)
        reload(ui);
    m_scroll.update(ui.time);

    draw_header(ui);
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + s.em(0.6f)));
    const ImVec2 area_size(ImGui::GetWindowWidth() - 2 * margin, ImGui::GetContentRegionAvail().y);

    ImGui::BeginChild("list", area_size, false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 area_min = ImGui::GetWindowPos();
    ui.touch.register_area(area_min, ImVec2(area_min.x + area_size.x, area_min.y + area_size.y), m_scroll);
    if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel != 0.0f)
        m_scroll.set_offset(m_scroll.offset() - ImGui::GetIO().MouseWheel * s.em(3.0f));
    ImGui::SetScrollY(m_scroll.offset());

    const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - s.em(0.2f);
    if (!m_error.empty()) {
        ImGui::TextWrapped("%s", m_error.c_str());
    } else if (m_items.empty()) {
        ImGui::PushFont(ui.fonts.heading);
        ImGui::TextWrapped("%s", std::string(ui.tr("today_empty")).c_str());
        ImGui::PopFont();
    } else {
        for (const ActivityListItem& item : m_items)
            draw_item(ui, item, width);
    }
    m_scroll.set_max_offset(ImGui::GetScrollMaxY());
    ImGui::EndChild();
}

}  // namespace lotsen::kiosk
