// activity_card.hpp — one activity in a list: when (now, soon, today …), title, distance and place,
// and the badges that lower the threshold (free, just come, accessible). Used by home, the list and
// search results.
#pragma once

#include "kiosk/ui_context.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::kiosk {

/// What a card shows and where, measured before it is drawn: at larger text (or in a long language)
/// the card grows taller rather than cut anything: the title and the place wrap, and badges that do
/// not fit beside the time move to a row of their own below the place. Offsets are from the card's top.
struct CardLayout {
    float pad = 0.0f;
    float inner = 0.0f;      ///< width of the text inside the padding
    std::string when;        ///< format_occurrence(); empty without an occurrence
    bool running = false;    ///< the occurrence is on now: a dot before "when"
    float dot = 0.0f;
    std::string where;       ///< distance, walk and place, built to break well
    float title_top = 0.0f;
    float where_top = 0.0f;
    float badges_top = 0.0f;
    bool badges_beside_time = false;
    std::vector<std::pair<std::string_view, ImU32>> badges;  ///< labels from the string tables
    float height = 0.0f;
};

/// The layouts of one list's cards, worked out once and kept between frames: a card's wording
/// (time zone, plural forms), its distance and its measured lines are the same from frame to frame
/// while the list scrolls. A kept layout is used again while the card's item (activity and
/// occurrence), its width, the minute, the language, the faces, the palette and the scale are the
/// same; the screen calls clear() when it reads its items again (a catalogue update may change a
/// title under the same activity and time). Occurrences start and end on whole minutes (local
/// minutes, whole-hour offsets), so a wording is the same for every second of a minute; one that
/// does not is worked out again at each second.
class CardLayouts {
public:
    /// Forgets every card: the list's items were read again.
    void clear() { m_cards.clear(); }
    /// The layout of `item`, the list's `index`th, for a text part of `width`.
    const CardLayout& get(const UiContext& ui, std::size_t index, const ActivityListItem& item, float width);
    /// The local day `item` is listed under (listing_day), kept with its layout.
    Date day(const UiContext& ui, std::size_t index, const ActivityListItem& item);
    /// How many layouts were worked out so far (tests).
    std::uint64_t made() const { return m_made; }

private:
    struct Kept {
        std::string activity_id;
        UnixSeconds start = 0;
        UnixSeconds end = 0;
        UnixSeconds made_at = 0;
        float width = -1.0f;
        bool has_layout = false;
        bool has_day = false;
        CardLayout layout;
        Date day;
    };
    Kept& kept(const UiContext& ui, std::size_t index, const ActivityListItem& item);

    LanguageCode m_language;
    const void* m_faces = nullptr;
    const Palette* m_palette = nullptr;
    float m_em = 0.0f;
    std::vector<Kept> m_cards;
    std::uint64_t m_made = 0;
};

/// Draws a card of `width` at the cursor, as tall as its text needs (title and place wrap, badges
/// move to a row of their own); true when tapped. `cards` keeps its layout for the next frame.
bool activity_card(UiContext& ui, CardLayouts& cards, std::size_t index, const ActivityListItem& item, float width);

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
/// `cards` keeps the cards' layouts for the next frame (the screen clears it when `items` is read
/// again). With `day_headers`, each local day starts under its label ("I dag", "I morgon", "tors 26/11"),
/// and where each was drawn is put there. Cards keep a gap from the scroll bar, which ImGui draws
/// on the right in both directions.
const ActivityListItem* activity_list(UiContext& ui, const char* id, const std::vector<ActivityListItem>& items,
                                      CardLayouts& cards, const ImVec2& size, KineticScroll& scroll,
                                      std::vector<DayHeaderPlace>* day_headers = nullptr);

/// Picks a representative activity for the headless tour (the first on today's list, else this
/// week's) and puts it in the session.
void choose_tour_activity(UiContext& ui);

}  // namespace lotsen::kiosk
