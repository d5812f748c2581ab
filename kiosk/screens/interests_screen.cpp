// interests_screen.cpp — tiles for every interest plus "search" and "everything"; a tap opens the
// list filtered by it.
#include "kiosk/screens/interests_screen.hpp"

#include "kiosk/widgets.hpp"

#include <algorithm>
#include <string>

namespace lotsen::kiosk {

void InterestsScreen::on_enter(UiContext& ui)
{
    auto interests = ui.store.interests();
    m_interests = interests ? std::move(interests).value() : std::vector<Interest>{};
}

void InterestsScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float gap = s.em(0.5f);
    const int columns = s.portrait() ? 2 : (area.width() > s.em(40.0f) ? 4 : 3);
    const float tile_width = (area.width() - 2 * margin - (columns - 1) * gap) / columns;
    // Room for a two-line label in the heading face ("Böcker och läsning" wraps on narrow tiles).
    const float tile_height = std::max(ui.fonts.heading->FontSize * 2.5f + s.em(0.8f), s.touch_target() * 1.5f);

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##interests", ImVec2(area.width() - 2 * margin, area.height() - margin), m_scroll);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    // First the search tile, then every interest, then "everything".
    const int count = static_cast<int>(m_interests.size()) + 2;
    for (int i = 0; i < count; ++i) {
        const int column = ui.rtl() ? columns - 1 - i % columns : i % columns;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + column * (tile_width + gap), origin.y + (i / columns) * (tile_height + gap)));
        if (i == 0) {
            if (tile(ui, "##search", ui.tr("search_title"), "", ImVec2(tile_width, tile_height), p.accent, p.on_accent, icon::search)) {
                ui.session.typing = TextTarget::search;
                ui.nav.navigate("search");
            }
        } else if (i == count - 1) {
            if (tile(ui, "##all", ui.tr("interests_all"), "", ImVec2(tile_width, tile_height), p.surface_strong, p.text, icon::everything)) {
                ui.session.interest.clear();
                ui.session.days = DayRange::this_week;
                ui.nav.navigate("list");
            }
        } else {
            const Interest& interest = m_interests[static_cast<std::size_t>(i - 1)];
            const std::string id = "##interest-" + interest.id;
            if (tile(ui, id.c_str(), ui.text(interest.label), "", ImVec2(tile_width, tile_height), p.surface, p.text, interest_icon(interest.id))) {
                ui.session.interest = interest.id;
                ui.session.days = DayRange::this_week;
                ui.nav.navigate("list");
            }
        }
    }
    const int rows = (count + columns - 1) / columns;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + rows * (tile_height + gap)));
    ImGui::Dummy(ImVec2(0, 0));
    end_scroll_area(m_scroll);
}

}  // namespace lotsen::kiosk
