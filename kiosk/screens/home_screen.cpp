// home_screen.cpp — choices on the reading-start side (or on top, in portrait), today's next
// activities beside them, and under those the way to say what the visitor misses (wish_screen.hpp).
#include "kiosk/screens/home_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/screens/wish_screen.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void HomeScreen::on_enter(UiContext& ui)
{
    reload(ui);
}

void HomeScreen::reload(UiContext& ui)
{
    UpcomingQuery query;
    query.from = ui.now - 2 * 3600;  // still running: shown until it ends
    query.to = stockholm::start_of_day(stockholm::to_local(ui.now).date.plus_days(1));
    query.near = near_here(ui);  // "today near here": only what is near
    query.limit = 40;
    auto items = ui.store.upcoming(query);
    m_today.clear();
    m_cards.clear();
    if (items) {
        for (ActivityListItem& item : items.value()) {
            if (!item.occurrence || item.occurrence->end > ui.now)
                m_today.push_back(std::move(item));
        }
    }
    m_loaded_at = ui.now;
}

void HomeScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    if (ui.now - m_loaded_at >= 60)
        reload(ui);
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float gap = s.em(0.6f);
    const bool portrait = s.portrait();

    // Choices: a 2×2 grid.
    const float choices_width = portrait ? area.width() - 2 * margin : (area.width() - 2 * margin) * 0.55f;
    const float choices_height = portrait ? (area.height() - 2 * margin) * 0.5f : area.height() - 2 * margin;
    const float tile_width = (choices_width - gap) / 2;
    const float tile_height = (choices_height - gap) / 2;
    const float choices_x = ui.rtl() && !portrait ? area.max.x - margin - choices_width : area.min.x + margin;
    struct Choice {
        const char* id;
        const char* title;
        const char* subtitle;
        const char* target;
        ImU32 fill;
        ImU32 ink;
        Icon glyph;
    };
    const Choice choices[] = {
        {"##find", "choice_find", "choice_find_sub", "interests", p.accent, p.on_accent, icon::search},
        {"##today", "choice_today", "choice_today_sub", "list", p.accent, p.on_accent, icon::today},
        {"##contact", "choice_contact", "choice_contact_sub", "contact", p.surface_strong, p.text, icon::contact},
        {"##help", "choice_help", "choice_help_sub", "help", p.danger, p.on_danger, icon::help},
    };
    for (int i = 0; i < 4; ++i) {
        const int column = ui.rtl() ? 1 - i % 2 : i % 2;
        const int row = i / 2;
        ImGui::SetCursorScreenPos(ImVec2(choices_x + column * (tile_width + gap), area.min.y + margin + row * (tile_height + gap)));
        const Choice& c = choices[i];
        if (tile(ui, c.id, ui.tr(c.title), ui.tr(c.subtitle), ImVec2(tile_width, tile_height), c.fill, c.ink, c.glyph)) {
            if (std::string_view(c.target) == "list") {
                ui.session.days = DayRange::today;
                ui.session.interest.clear();
            }
            if (std::string_view(c.target) == "contact")
                ui.session.contact.organisation_id.clear();
            ui.nav.navigate(c.target);
        }
    }

    // Today's next activities near here.
    ImVec2 list_min;
    ImVec2 list_size;
    if (portrait) {
        list_min = ImVec2(area.min.x + margin, area.min.y + margin + choices_height + gap);
        list_size = ImVec2(area.width() - 2 * margin, area.max.y - margin - list_min.y);
    } else {
        const float x = ui.rtl() ? area.min.x + margin : choices_x + choices_width + gap;
        list_min = ImVec2(x, area.min.y + margin);
        list_size = ImVec2(area.width() - 2 * margin - choices_width - gap, area.height() - 2 * margin);
    }
    std::string heading(ui.tr("today_near"));
    if (const std::size_t at = heading.find("{town}"); at != std::string::npos)
        heading.replace(at, 6, ui.config.town);
    ImGui::SetCursorScreenPos(list_min);
    text_line(ui, ui.fonts.bold, heading, p.text, list_size.x);
    const float heading_height = ui.fonts.bold->FontSize + s.em(0.5f);
    // "Missing something?" closes the column, under today's list (or under "nothing more today").
    const float offer_height = wish_offer_height(ui, list_size.x);
    ImGui::SetCursorScreenPos(ImVec2(list_min.x, list_min.y + heading_height));
    if (m_today.empty()) {
        paragraph(ui, ui.fonts.body, ui.tr("today_empty"), p.text_muted, list_size.x);
        ImGui::SetCursorScreenPos(ImVec2(list_min.x, ImGui::GetCursorScreenPos().y + s.em(0.6f)));
        wish_offer(ui, "##wish-offer", list_size.x);
        return;
    }
    ImGui::SetCursorScreenPos(ImVec2(list_min.x, list_min.y + list_size.y - offer_height));
    wish_offer(ui, "##wish-offer", list_size.x);
    ImGui::SetCursorScreenPos(ImVec2(list_min.x, list_min.y + heading_height));
    const ActivityListItem* tapped = activity_list(
        ui, "##home-today", m_today, m_cards, ImVec2(list_size.x, list_size.y - heading_height - offer_height - gap), m_scroll);
    if (tapped) {
        ui.session.activity_id = tapped->activity_id;
        ui.nav.navigate("detail");
    }
}

}  // namespace lotsen::kiosk
