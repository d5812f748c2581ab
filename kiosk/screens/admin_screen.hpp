// admin_screen.hpp — staff status: version, catalogue, data directory, outbox depth; exit.
#pragma once

#include "screen.hpp"

#include <string>

namespace lotsen::kiosk {

class AdminScreen final : public Screen {
public:
    const char* id() const override { return "admin"; }
    const char* title_key() const override { return "admin_title"; }
    void on_enter(UiContext& ui) override;

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    std::string m_status;
};

}  // namespace lotsen::kiosk
