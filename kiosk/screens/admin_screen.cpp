// admin_screen.cpp — read once on entry; two actions: back to visitor mode, or exit the program.
#include "screens/admin_screen.hpp"

#include "event_log.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

void AdminScreen::on_enter(UiContext& ui)
{
    auto line = [&](std::string_view key, const std::string& value) {
        m_status += std::string(ui.tr(key)) + ": " + value + "\n";
    };
    m_status.clear();
    line("admin_version", LOTSEN_VERSION);
    auto version = ui.store.catalogue_version();
    line("admin_catalogue", version ? std::to_string(version.value()) : version.error().message);
    auto count = ui.store.activity_count();
    line("admin_activities", count ? std::to_string(count.value()) : count.error().message);
    line("admin_data_dir", ui.data_dir);
    if (ui.events) {
        auto pending = ui.events->pending_count();
        line("admin_queue", pending ? std::to_string(pending.value()) : pending.error().message);
    } else {
        line("admin_queue", std::string(ui.tr("send_unavailable")));
    }
    line("admin_clock", std::string(ui.tr(system_clock_synchronised() ? "yes" : "no")));
}

void AdminScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    paragraph(ui, ui.fonts.body, m_status, ui.palette.text, width);
    const float button_width = std::min((width - s.em(0.6f)) / 2, s.em(14.0f));
    const float y = area.max.y - margin - s.touch_target();
    ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? area.max.x - margin - button_width : area.min.x + margin, y));
    if (button(ui, "##visitor", ui.tr("admin_leave"), ImVec2(button_width, s.touch_target()), ButtonKind::secondary))
        ui.nav.reset_session();
    ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? area.min.x + margin : area.max.x - margin - button_width, y));
    if (button(ui, "##exit", ui.tr("admin_exit"), ImVec2(button_width, s.touch_target()), ButtonKind::danger))
        ui.nav.request_exit();
}

}  // namespace lotsen::kiosk
