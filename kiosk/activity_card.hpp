// activity_card.hpp — one activity in a list: time, title, place, and the badges that lower the
// threshold (free, just come, accessible). Used by home, the list and search results.
#pragma once

#include "kiosk/ui_context.hpp"

namespace lotsen::kiosk {

/// Draws a card of `width` at the cursor, as tall as its text needs (title and place wrap, badges
/// move to a row of their own); true when tapped.
bool activity_card(UiContext& ui, const ActivityListItem& item, float width);

/// "18:00–20:00", with the weekday when the occurrence is not today ("tis 18:00–20:00").
std::string format_occurrence(const UiContext& ui, const Occurrence& occurrence);

/// Draws a scrollable list of cards in `size` at the cursor; returns the tapped item, or nullptr.
const ActivityListItem* activity_list(UiContext& ui, const char* id, const std::vector<ActivityListItem>& items,
                                      const ImVec2& size, KineticScroll& scroll);

/// Picks a representative activity for the headless tour (the first on today's list, else this
/// week's) and puts it in the session.
void choose_tour_activity(UiContext& ui);

}  // namespace lotsen::kiosk
