// home_screen.hpp — the attract screen: what is on today nearby, and four large choices.
#pragma once

#include "kiosk/activity_card.hpp"
#include "kiosk/screen.hpp"

#include <vector>

namespace lotsen::kiosk {

/// Home: "find an activity", "today", "I want to be contacted", "help now", and today's next few.
class HomeScreen final : public Screen {
public:
    const char* id() const override { return "home"; }
    const char* title_key() const override { return "home_title"; }
    bool has_back() const override { return false; }
    void on_enter(UiContext& ui) override;
    void on_reset() override { m_scroll.set_offset(0.0f); }
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }

    /// Today's activities listed beside the choices, all near the kiosk (for tests).
    const std::vector<ActivityListItem>& today() const { return m_today; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void reload(UiContext& ui);

    std::vector<ActivityListItem> m_today;
    CardLayouts m_cards;  ///< of m_today, cleared when they are read
    KineticScroll m_scroll;
    UnixSeconds m_loaded_at = 0;
};

}  // namespace lotsen::kiosk
