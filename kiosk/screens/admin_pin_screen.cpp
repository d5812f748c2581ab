// admin_pin_screen.cpp — a 3×4 pad, dots for typed digits, the lockout countdown.
#include "kiosk/screens/admin_pin_screen.hpp"

#include "core/settings/admin_lock.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace lotsen::kiosk {

namespace {
constexpr std::size_t k_max_pin_digits = 12;
}  // namespace

void AdminPinScreen::clear_pin()
{
    // Overwrite before releasing: the PIN should not linger in freed memory.
    std::fill(m_pin.begin(), m_pin.end(), '\0');
    m_pin.clear();
}

void AdminPinScreen::on_enter(UiContext& ui)
{
    (void)ui;
    clear_pin();
    m_message_key.clear();
}

void AdminPinScreen::on_reset()
{
    clear_pin();
    m_message_key.clear();
}

double AdminPinScreen::seconds_until_refresh(UnixSeconds now) const
{
    return m_locked ? 1.0 : Screen::seconds_until_refresh(now);  // the lockout countdown
}

void AdminPinScreen::submit(UiContext& ui)
{
    const PinOutcome outcome = ui.admin_lock.try_pin(m_pin, ui.time);
    clear_pin();
    switch (outcome) {
    case PinOutcome::accepted:
        m_message_key.clear();
        ui.nav.navigate("admin");
        break;
    case PinOutcome::rejected:
        m_message_key = "admin_pin_wrong";
        break;
    case PinOutcome::locked_out:
        m_message_key = "admin_pin_locked";
        break;
    case PinOutcome::not_configured:
        m_message_key = "admin_pin_missing";
        break;
    }
}

void AdminPinScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.6f);
    const double locked_for = ui.admin_lock.seconds_locked(ui.time);
    m_locked = locked_for > 0.0;

    const float key = std::max(s.touch_target(), std::min((area.height() - 2 * margin) / 6.0f, s.em(3.0f)));
    const float gap = s.em(0.3f);
    const float pad_width = 3 * key + 2 * gap;
    const float x = area.min.x + (area.width() - pad_width) / 2;
    float y = area.min.y + margin;

    // Dots for the digits typed so far.
    std::string dots;
    for (std::size_t i = 0; i < m_pin.size(); ++i)
        dots += "• ";
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    std::string status;
    if (m_locked) {
        const auto seconds = static_cast<std::uint64_t>(std::ceil(locked_for));
        status = ui.strings.format_count(ui.session.language, "admin_pin_locked", "seconds", seconds);
    } else if (!m_message_key.empty() && m_message_key != "admin_pin_locked") {
        status = std::string(ui.tr(m_message_key));
    }
    text_line(ui, ui.fonts.heading, dots.empty() ? std::string(ui.tr("admin_pin_prompt")) : dots, p.text, pad_width,
              Align::center);
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, ImGui::GetCursorScreenPos().y));
    text_line(ui, ui.fonts.body, status, p.danger, area.width() - 2 * margin, Align::center);
    y = ImGui::GetCursorScreenPos().y + gap;

    // Digits in phone order; the pad is the same in every language.
    const char* const keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(x + (i % 3) * (key + gap), y + (i / 3) * (key + gap)));
        const std::string name = keys[i];
        const std::string id = "##pin-" + name;
        if (name == "erase") {
            if (arrow_button(ui, id.c_str(), ImVec2(key, key), ButtonKind::secondary) && !m_pin.empty())
                m_pin.pop_back();
        } else if (name == "ok") {
            if (button(ui, id.c_str(), ui.tr("ok"), ImVec2(key, key)) && !m_pin.empty())
                submit(ui);
        } else if (button(ui, id.c_str(), name, ImVec2(key, key), ButtonKind::secondary, ui.fonts.heading) &&
                   m_pin.size() < k_max_pin_digits) {
            m_pin += name;
        }
    }
}

}  // namespace lotsen::kiosk
