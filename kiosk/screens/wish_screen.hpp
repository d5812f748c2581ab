// wish_screen.hpp — "I miss something": a visitor says, anonymously, what they would like there to be
// — an interest, a day, a time of day, and if they like a language — when a list came up empty, a
// search found nothing, or from home. Only chips to tap: nothing is typed, nothing personal is asked.
// The wish goes through the outbox like a check-in; the hub counts wishes per site with k >= 5.
#pragma once

#include "kiosk/screen.hpp"

#include "core/catalogue/model.hpp"

#include <vector>

namespace lotsen::kiosk {

class WishScreen final : public Screen {
public:
    const char* id() const override { return "wish"; }
    const char* title_key() const override { return "wish_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;

    /// The message under the form after the last "send" (empty: none), for tests.
    const std::string& message() const { return m_message; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void send(UiContext& ui);

    std::vector<Interest> m_interests;
    std::string m_message;
    bool m_bring_message = false;   ///< scroll the new message into view once
    float m_content_height = 0.0f;  ///< as laid out in the last frame
    KineticScroll m_scroll;
};

/// The offer that leads to the wish screen ("Missing something? Tell us"), as a quiet button of
/// `width` at the cursor; `interest` is filled in for the visitor when the list was of one interest.
/// Returns the height it took.
float wish_offer(UiContext& ui, const char* id, float width, const std::string& interest = {});

/// Height wish_offer() takes at `width`.
float wish_offer_height(const UiContext& ui, float width);

}  // namespace lotsen::kiosk
