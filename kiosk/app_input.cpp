// app_input.cpp — KioskApp's input: pointer events applied one press or release per frame, the hidden
// admin gesture in the clock corner, the idle prompt and reset, and the opening-hours blackout.
#include "kiosk/app.hpp"

#include "kiosk/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace lotsen::kiosk {

namespace {
constexpr int k_admin_taps = 5;            // taps on the clock corner …
constexpr double k_admin_tap_window = 4.0;  // … within this many seconds open the PIN pad
}  // namespace

void KioskApp::apply_pointer_events(double time)
{
    // Apply moves freely, but stop after one press or release: ImGui 1.86 samples button state once
    // per frame, so a press and release in the same frame would be a lost tap.
    while (!m_input.pending.empty()) {
        const PointerEvent event = m_input.pending.front();
        m_input.pending.pop_front();
        m_input.pointer = ImVec2(event.x, event.y);
        m_input.last_input = time;
        if (event.kind == PointerEvent::Kind::move) {
            if (!m_input.swallow_press)
                m_touch.move(m_input.pointer, time);
            continue;
        }
        if (event.kind == PointerEvent::Kind::press) {
            // A touch that wakes a dark screen or answers "still there?" does nothing else.
            m_input.swallow_press = m_dark || m_idle_prompt_visible;
            m_dark = false;
            m_idle_prompt_visible = false;
            if (!m_input.swallow_press) {
                m_input.pointer_down = true;
                m_touch.press(m_input.pointer, time);
                note_admin_gesture(m_input.pointer, time);
            }
        } else {
            if (!m_input.swallow_press)
                m_touch.release(time);
            m_input.pointer_down = false;
            m_input.swallow_press = false;
        }
        // The frame that applies it and the one after are drawn whatever they show; then frames go
        // on until one changes nothing (kiosk/frame_settling.hpp).
        m_settling.changed();
        break;
    }
}

void KioskApp::note_admin_gesture(const ImVec2& position, double time)
{
    // The corner where the clock sits (reading end of the top bar) is the hidden admin door.
    UiContext ui = make_context(0, time);
    const float side = top_bar_height(ui);  // the clock only: the text-size and contrast buttons sit beside it
    const bool in_corner = position.y < top_bar_height(ui) &&
                           (ui.rtl() ? position.x < side : position.x > static_cast<float>(m_look.scale.width()) - side);
    if (!in_corner) {
        m_input.gesture_taps.clear();
        return;
    }
    std::erase_if(m_input.gesture_taps, [&](double t) { return time - t > k_admin_tap_window; });
    m_input.gesture_taps.push_back(time);
    if (static_cast<int>(m_input.gesture_taps.size()) >= k_admin_taps) {
        m_input.gesture_taps.clear();
        navigate("admin_pin");
    }
}

bool KioskApp::screen_scheduled_on(UnixSeconds now) const
{
    return m_options.config.screen_on_at(stockholm::to_local(now));
}

void KioskApp::update_idle(UnixSeconds now, double time)
{
    const double idle = time - m_input.last_input;
    const double prompt_after = m_options.config.idle_prompt_seconds;
    const double reset_after = prompt_after + m_options.config.idle_reset_seconds;
    const bool pristine = untouched();
    if (idle >= reset_after && !pristine)
        reset_session();
    else
        m_idle_prompt_visible = idle >= prompt_after && !pristine;
    // Outside opening hours the screen goes dark once nobody has touched it for the prompt time.
    const bool dark = !screen_scheduled_on(now) && idle >= prompt_after;
    if (dark && !m_dark && !pristine) {
        const double last_input = m_input.last_input;
        reset_session();
        m_input.last_input = last_input;  // going dark is not a touch: stay dark
    }
    m_dark = dark;
}

void KioskApp::draw_idle_prompt(UiContext& ui, double time)
{
    const UiScale& s = ui.scale;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = viewport->Pos;
    const ImVec2 max(min.x + viewport->Size.x, min.y + viewport->Size.y);
    draw->AddRectFilled(min, max, IM_COL32(0x10, 0x14, 0x18, 0xB0));
    const float card_width = std::min(viewport->Size.x - s.em(2.0f), s.em(24.0f));
    const float card_height = std::min(viewport->Size.y - s.em(2.0f), s.em(9.0f));
    const ImVec2 card_min(min.x + (viewport->Size.x - card_width) / 2, min.y + (viewport->Size.y - card_height) / 2);
    draw->AddRectFilled(card_min, ImVec2(card_min.x + card_width, card_min.y + card_height), ui.palette.surface,
                        s.em(0.6f));
    const float pad = s.em(1.0f);
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, card_min.y + pad));
    paragraph(ui, ui.fonts.heading, ui.tr("idle_title"), ui.palette.text, card_width - 2 * pad, Align::center);
    const double remaining = m_options.config.idle_prompt_seconds + m_options.config.idle_reset_seconds -
                             (time - m_input.last_input);
    const auto seconds = static_cast<std::uint64_t>(std::ceil(std::max(0.0, remaining)));
    const std::string body = ui.strings.format_count(ui.session.language, "idle_body", "seconds", seconds);
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, ImGui::GetCursorScreenPos().y + s.em(0.3f)));
    paragraph(ui, ui.fonts.body, body, ui.palette.text_muted, card_width - 2 * pad, Align::center);
    // The whole screen answers the prompt (any touch), but a clear button says so.
    const float button_width = card_width - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(card_min.x + pad, card_min.y + card_height - pad - s.touch_target()));
    button(ui, "##still-here", ui.tr("idle_continue"), ImVec2(button_width, s.touch_target()));
    ImGui::End();
}

}  // namespace lotsen::kiosk
