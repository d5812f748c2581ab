// admin_pin_screen.hpp — the PIN pad behind the hidden gesture. Wrong PINs count toward a growing
// lockout (core/admin_lock); the PIN is never shown, logged or kept after the attempt.
#pragma once

#include "kiosk/screen.hpp"

#include <string>

namespace lotsen::kiosk {

class AdminPinScreen final : public Screen {
public:
    const char* id() const override { return "admin_pin"; }
    const char* title_key() const override { return "admin_pin_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    double seconds_until_refresh(UnixSeconds now) const override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void submit(UiContext& ui);
    void clear_pin();

    std::string m_pin;        ///< typed digits; wiped on submit, leave and reset
    std::string m_message_key;
    bool m_locked = false;
};

}  // namespace lotsen::kiosk
