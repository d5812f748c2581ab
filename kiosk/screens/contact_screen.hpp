// contact_screen.hpp — "I want to be contacted": the least data that works (a first name or
// nickname, and a phone number, an e-mail address or "meet me here at …"), preferred language,
// plain consent. Sealed for the hub before it touches disk (core/outbox).
#pragma once

#include "kiosk/keyboard.hpp"
#include "kiosk/screen.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::kiosk {

class ContactScreen final : public Screen {
public:
    const char* id() const override { return "contact"; }
    const char* title_key() const override { return "contact_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;
    bool offers_read_aloud() const override { return true; }
    std::string read_aloud_text(UiContext& ui) override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void draw_organisation_choice(UiContext& ui, const ContentArea& area);
    void draw_form(UiContext& ui, float x, float width);
    void send(UiContext& ui);

    std::vector<Organisation> m_organisations;
    std::optional<Organisation> m_organisation;
    std::string m_message;
    KeyboardState m_keyboard;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
