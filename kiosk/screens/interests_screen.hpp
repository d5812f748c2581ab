// interests_screen.hpp — "what do you like?": the catalogue's interests as a grid of tiles.
#pragma once

#include "kiosk/screen.hpp"

#include <vector>

namespace lotsen::kiosk {

class InterestsScreen final : public Screen {
public:
    const char* id() const override { return "interests"; }
    const char* title_key() const override { return "interests_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override { m_scroll.set_offset(0.0f); }
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    std::vector<Interest> m_interests;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
