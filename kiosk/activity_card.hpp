// activity_card.hpp — one activity in a list: when (now, soon, today …), title, distance and place,
// and the badges that lower the threshold (free, just come, accessible). Used by home, the list and
// search results.
#pragma once

#include "kiosk/ui_context.hpp"

namespace lotsen::kiosk {

/// Draws a card of `width` at the cursor, as tall as its text needs (title and place wrap, badges
/// move to a row of their own); true when tapped.
bool activity_card(UiContext& ui, const ActivityListItem& item, float width);

/// When, in the visitor's language: "Pågår nu · 10:00–11:30", "Börjar om 20 min · …", "I dag
/// 18:00–20:00", "I morgon …", "tis 25/11 …" (describe_occurrence() at the kiosk's clock).
std::string format_occurrence(const UiContext& ui, const Occurrence& occurrence);

/// What counts as near this kiosk: within the config's near_km of its position, or its town.
Nearby near_here(const UiContext& ui);

/// How far the item's place is from the kiosk of `config`, in `language` ("850 m", "1,2 km");
/// empty when either has no position.
std::string distance_text(const KioskConfig& config, const StringTables& strings, std::string_view language,
                          const ActivityListItem& item);

/// Where a day header was drawn in a list (screen pixels, before scrolling is clipped away).
struct DayHeaderPlace {
    Date day;
    float top = 0.0f;
    float bottom = 0.0f;
};

/// Draws a scrollable list of cards in `size` at the cursor; returns the tapped item, or nullptr.
/// With `day_headers`, each local day starts under its label ("I dag", "I morgon", "tors 26/11"),
/// and where each was drawn is put there. Cards keep a gap from the scroll bar, which ImGui draws
/// on the right in both directions.
const ActivityListItem* activity_list(UiContext& ui, const char* id, const std::vector<ActivityListItem>& items,
                                      const ImVec2& size, KineticScroll& scroll,
                                      std::vector<DayHeaderPlace>* day_headers = nullptr);

/// Picks a representative activity for the headless tour (the first on today's list, else this
/// week's) and puts it in the session.
void choose_tour_activity(UiContext& ui);

}  // namespace lotsen::kiosk
