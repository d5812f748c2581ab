// today_screen.hpp — what is on today in and near this kiosk's town: a touch-scrollable list.
#pragma once

#include "screen.hpp"

#include <string>
#include <vector>

namespace lotsen::kiosk {

/// The first screen: today's remaining activities, this kiosk's town first.
class TodayScreen final : public Screen {
public:
    const char* id() const override { return "today"; }
    void on_enter(UiContext& ui) override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    double seconds_until_refresh(UnixSeconds now) const override;

    /// The items currently listed (for tests).
    const std::vector<ActivityListItem>& items() const { return m_items; }
    /// The list's scroll state (for tests).
    const KineticScroll& scroll() const { return m_scroll; }

protected:
    void draw_content(UiContext& ui) override;

private:
    void reload(UiContext& ui);
    void draw_header(UiContext& ui);
    void draw_item(UiContext& ui, const ActivityListItem& item, float width);

    std::vector<ActivityListItem> m_items;
    std::string m_error;
    KineticScroll m_scroll;
    Date m_loaded_for;
    UnixSeconds m_loaded_at = 0;
};

}  // namespace lotsen::kiosk
