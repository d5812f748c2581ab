// thanks_screen.hpp — the confirmation after a check-in, a wish ("I miss something") or a contact
// request, shown only once the event is durable. For a contact request: the receipt code and the
// usual reply time. After a check-in with the heaviest mood: a gentle offer of someone to talk to now
// and of a contact person.
#pragma once

#include "kiosk/screen.hpp"

namespace lotsen::kiosk {

class ThanksScreen final : public Screen {
public:
    const char* id() const override { return "thanks"; }
    const char* title_key() const override { return "thanks_title"; }
    bool has_back() const override { return false; }  // sent is sent: the way on is "done"
    void prepare_tour(UiContext& ui) override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void draw_support(UiContext& ui, float x, float width);
};

}  // namespace lotsen::kiosk
