// checkin_screen.hpp — anonymous check-in at an activity: optional "first time?", "how did you
// hear of it?" and a four-face mood. No identifiers are asked for or stored.
#pragma once

#include "kiosk/screen.hpp"

#include <string>

namespace lotsen::kiosk {

class CheckInScreen final : public Screen {
public:
    const char* id() const override { return "checkin"; }
    const char* title_key() const override { return "checkin_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override { m_message.clear(); m_scroll.set_offset(0.0f); }
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void send(UiContext& ui);

    std::string m_title;
    std::string m_message;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
