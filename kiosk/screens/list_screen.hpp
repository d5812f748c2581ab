// list_screen.hpp — activities by day, interest and filters (near here, free, accessible, language
// spoken, drop-in), in time order under day headers; the chosen interest is the title.
#pragma once

#include "kiosk/activity_card.hpp"
#include "kiosk/screen.hpp"

#include <string>
#include <vector>

namespace lotsen::kiosk {

class ListScreen final : public Screen {
public:
    const char* id() const override { return "list"; }
    const char* title_key() const override { return "list_title"; }
    std::string title(const UiContext& ui) const override;
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;

    /// The items currently listed (for tests).
    const std::vector<ActivityListItem>& items() const { return m_items; }
    /// The name of the chosen interest, which is the title (empty when none is chosen; for tests).
    const LocalizedText& interest_label() const { return m_interest_label; }
    /// Where the day headers were drawn in the last frame (for tests).
    const std::vector<DayHeaderPlace>& day_headers() const { return m_headers; }
    /// The box the cards and their scroll bar were drawn in, in the last frame (for tests).
    const ContentArea& list_area() const { return m_list_area; }
    /// The layouts of its cards kept between frames (for tests).
    const CardLayouts& cards() const { return m_cards; }
    /// The list's scroll state (for tests).
    const KineticScroll& scroll() const { return m_scroll; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void reload(UiContext& ui);
    std::string query_key(const UiContext& ui) const;
    float draw_filters(UiContext& ui, const ContentArea& area, float margin);

    std::vector<ActivityListItem> m_items;
    CardLayouts m_cards;  ///< of m_items, cleared when they are read
    std::vector<DayHeaderPlace> m_headers;
    ContentArea m_list_area;
    LocalizedText m_interest_label;  ///< of session.interest, read with the items
    std::string m_error;
    std::string m_loaded_key;
    UnixSeconds m_loaded_at = 0;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
