// help_screen.hpp — "help now": crisis numbers and texts from configuration, one tap from every
// screen. Nothing here is hard-coded; the region decides what a kiosk shows.
#pragma once

#include "kiosk/screen.hpp"

#include <string>

namespace lotsen::kiosk {

class HelpScreen final : public Screen {
public:
    const char* id() const override { return "help"; }
    const char* title_key() const override { return "help_title"; }
    void on_reset() override { m_scroll.set_offset(0.0f); }
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    bool offers_read_aloud() const override { return true; }
    std::string read_aloud_text(UiContext& ui) override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
