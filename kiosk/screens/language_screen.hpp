// language_screen.hpp — every language as a large tile, each named in its own script (used when
// the bottom bar is too narrow to list them all).
#pragma once

#include "kiosk/screen.hpp"

namespace lotsen::kiosk {

class LanguageScreen final : public Screen {
public:
    const char* id() const override { return "language"; }
    const char* title_key() const override { return "language_choice"; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;
};

}  // namespace lotsen::kiosk
