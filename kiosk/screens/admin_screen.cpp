// admin_screen.cpp — what staff need to see whether the kiosk delivers and keeps up to date: the
// status is rebuilt once a second from the admin desk's report (the outbox and the upload and update
// threads' snapshots, and the catalogue images kept, refused and in memory). Up to four actions: back to visitor mode, sync now, check for updates, exit
// (which asks once more: the kiosk then shows visitors nothing until it is started again).
#include "kiosk/screens/admin_screen.hpp"

#include "core/time/civil_time.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace lotsen::kiosk {

namespace {

constexpr int k_reasons_shown = 3;  // the newest quarantine reasons; the rest are in the outbox

// "2026-11-24 09:00" in Swedish local time (staff read it beside the kiosk's clock).
std::string local_time_text(UnixSeconds when)
{
    const LocalDateTime local = stockholm::to_local(when);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", local.date.year, local.date.month, local.date.day,
                  local.time.hour(), local.time.minutes % 60);
    return text;
}

// "3 d 4 h", "2 h 5 min", "12 min": how long an event has waited, in units staff read in any language.
std::string age_text(std::int64_t seconds)
{
    const std::int64_t minutes = std::max<std::int64_t>(0, seconds) / 60;
    if (minutes >= 24 * 60)
        return std::to_string(minutes / (24 * 60)) + " d " + std::to_string(minutes / 60 % 24) + " h";
    if (minutes >= 60)
        return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
    return std::to_string(minutes) + " min";
}

}  // namespace

void AdminScreen::on_enter(UiContext& ui)
{
    m_scroll.set_offset(0.0f);
    m_confirming_exit = false;
    refresh(ui);
}

void AdminScreen::refresh(UiContext& ui)
{
    m_refreshed_at = ui.time;
    m_status.clear();
    m_warning.clear();
    auto line = [&](std::string_view key, const std::string& value) {
        m_status += std::string(ui.tr(key)) + ": " + value + "\n";
    };
    // Paths, keys, times and error texts read left to right in every language: isolated (LRI … PDI)
    // so an Arabic line does not move a key's trailing '=' or a path's leading '/' to the other end.
    auto ltr = [](const std::string& value) { return "\u2066" + value + "\u2069"; };
    line("admin_version", ltr(LOTSEN_VERSION));
    auto version = ui.store.catalogue_version();
    line("admin_catalogue", version ? std::to_string(version.value()) : version.error().text());
    auto count = ui.store.activity_count();
    line("admin_activities", count ? std::to_string(count.value()) : count.error().text());
    line("admin_data_dir", ltr(ui.data_dir));

    const AdminReport report = ui.admin.report(k_reasons_shown);
    for (const std::string& problem : report.config)
        m_warning += (m_warning.empty() ? "" : "\n") + std::string(ui.tr("admin_config_problem")) + ": " + ltr(problem);
    if (report.outbox_open) {
        if (report.queues) {
            line("admin_queue", std::to_string(report.queues->never_drop));
            line("admin_queue_status", std::to_string(report.queues->low_value));
            line("admin_quarantined", std::to_string(report.queues->quarantined));
            if (report.oldest_waiting_at)
                line("admin_oldest_waiting", ltr(local_time_text(*report.oldest_waiting_at) + "  (" +
                                                 age_text(unix_now() - *report.oldest_waiting_at) + ")"));
        } else {
            line("admin_queue", report.queues_error);
        }
        for (const QuarantinedEvent& event : report.set_aside)
            m_status += "  • " + ltr(local_time_text(event.quarantined_at) + "  " + event.reason) + "\n";
    } else {
        line("admin_queue", std::string(ui.tr("send_unavailable")));
    }

    if (report.upload) {
        const UploaderStatus& status = *report.upload;
        line("admin_last_sync", status.last_success_at ? ltr(local_time_text(*status.last_success_at))
                                                       : std::string(ui.tr("admin_never")));
        if (!status.last_error.empty())
            line("admin_last_error", ltr(status.last_error));
        if (status.kiosk_refused)
            m_warning = std::string(ui.tr("admin_refused"));
    } else if (!report.upload_problem.empty()) {
        m_warning = std::string(ui.tr("admin_upload_failed")) + ": " + ltr(report.upload_problem);
    } else {
        line("admin_last_sync", std::string(ui.tr("admin_upload_off")));
    }
    refresh_updates(ui, report);
    refresh_images(ui, report.images);
    if (!report.repaired.empty()) {
        // Above everything else: staff must see it, and a new key must be enrolled before events flow.
        std::string repaired = std::string(ui.tr("admin_repaired")) + ":";
        for (const std::string& text : report.repaired)
            repaired += "\n  • " + ltr(text);
        m_warning = repaired + (m_warning.empty() ? "" : "\n" + m_warning);
    }
    line("admin_kiosk_key", report.kiosk_key.empty() ? std::string(ui.tr("admin_never")) : ltr(report.kiosk_key));
    line("admin_clock", std::string(ui.tr(system_clock_synchronised() ? "yes" : "no")));
}

void AdminScreen::refresh_updates(UiContext& ui, const AdminReport& report)
{
    auto line = [&](std::string_view key, const std::string& value) {
        m_status += std::string(ui.tr(key)) + ": " + value + "\n";
    };
    auto ltr = [](const std::string& value) { return "\u2066" + value + "\u2069"; };
    if (!report.update) {
        // Off: say which setting is missing, or why it could not start.
        if (!report.update_problem.empty())
            m_warning += (m_warning.empty() ? "" : "\n") + std::string(ui.tr("admin_updates_failed")) + ": " +
                         ltr(report.update_problem);
        else
            line("admin_updates", std::string(ui.tr(ui.config.upload.url ? "admin_updates_no_key" : "admin_upload_off")));
        return;
    }
    const UpdaterStatus& status = *report.update;
    line("admin_updates", std::string(ui.tr("admin_updates_on")));
    line("admin_manifest", status.manifest_sequence ? std::to_string(*status.manifest_sequence) : std::string(ui.tr("admin_never")));
    auto version = [&](std::int64_t accepted, const std::string& name) {
        if (accepted == 0)
            return std::string(ui.tr("admin_never"));
        return ltr(std::to_string(accepted) + (name.empty() ? "" : " " + name));
    };
    line("admin_published_catalogue", version(status.accepted.catalogue_version, status.catalogue_name));
    line("admin_published_config", version(status.accepted.config_version, status.config_name));
    line("admin_published_release", version(status.accepted.release_version, status.release_name));
    line("admin_last_check", status.last_check_at ? ltr(local_time_text(*status.last_check_at)) : std::string(ui.tr("admin_never")));
    if (!status.last_error.empty())
        line("admin_last_error", ltr(status.last_error));
    if (status.last_refusal)
        line("admin_last_refusal", ltr(local_time_text(status.last_refusal->at) + "  " + status.last_refusal->reason));
    if (!report.restart_reason.empty())
        m_status += std::string(ui.tr("admin_restart_pending")) + "\n";
}

void AdminScreen::refresh_images(UiContext& ui, const ImageReport& images)
{
    auto line = [&](std::string_view key, const std::string& value) {
        m_status += std::string(ui.tr(key)) + ": " + value + "\n";
    };
    auto ltr = [](const std::string& value) { return "\u2066" + value + "\u2069"; };
    auto mib = [](std::uint64_t bytes) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
        return std::string(text);
    };
    // The disk's figures are the updater's (it fetches the images); without it there are none to show.
    if (images.updates) {
        line("admin_images_kept", ltr(std::to_string(images.kept) + " · " + mib(images.kept_bytes)));
        line("admin_images_evicted", std::to_string(images.evicted));
    }
    if (images.updates || images.textures) {
        line("admin_images_refused", std::to_string(images.refused));
        if (images.last_refusal)
            m_status += "  • " + ltr(local_time_text(images.last_refusal->at) + "  " + images.last_refusal->reason) + "\n";
    }
    if (images.textures)
        line("admin_image_textures",
             ltr(std::to_string(images.texture_count) + " / " + std::to_string(images.texture_limits.max_textures) + " · " +
                 mib(images.texture_bytes) + " / " + mib(images.texture_limits.max_texture_bytes)));
}

void AdminScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    if (ui.time - m_refreshed_at >= 1.0)
        refresh(ui);
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    const float buttons_top = area.max.y - margin - s.touch_target();
    // While exit waits for its confirmation, the question stands above the buttons.
    const float question_height =
        m_confirming_exit ? paragraph_height(ui, ui.fonts.bold, ui.tr("admin_exit_confirm"), width) + margin : 0.0f;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##admin", ImVec2(width, buttons_top - question_height - area.min.y - 2 * margin), m_scroll);
    // Inside the scroll area the scrollbar (always on the right) takes its share.
    const float inner = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);
    if (!m_warning.empty()) {
        paragraph(ui, ui.fonts.bold, m_warning, ui.palette.danger, inner);
        ImGui::Dummy(ImVec2(0, s.em(0.3f)));
    }
    paragraph(ui, ui.fonts.body, m_status, ui.palette.text, inner);
    end_scroll_area(m_scroll);

    const float gap = s.em(0.6f);
    if (m_confirming_exit) {
        // Cancel where "exit" was tapped, so a double tap only cancels; the exit itself moves to
        // the reading start.
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, buttons_top - question_height));
        paragraph(ui, ui.fonts.bold, ui.tr("admin_exit_confirm"), ui.palette.danger, width);
        const float button_width = std::min((width - gap) / 2.0f, s.em(14.0f));
        const float start_x = ui.rtl() ? area.max.x - margin - button_width : area.min.x + margin;
        const float end_x = ui.rtl() ? area.min.x + margin : area.max.x - margin - button_width;
        const ImVec2 size(button_width, s.touch_target());
        ImGui::SetCursorScreenPos(ImVec2(end_x, buttons_top));
        if (button(ui, "##exit-cancel", ui.tr("admin_exit_cancel"), size, ButtonKind::secondary))
            m_confirming_exit = false;
        ImGui::SetCursorScreenPos(ImVec2(start_x, buttons_top));
        if (button(ui, "##exit-confirm", ui.tr("admin_exit_yes"), size, ButtonKind::danger))
            ui.nav.request_exit();
        return;
    }

    // Visitor mode at the reading start, exit at the far end, "sync now" and "check for updates"
    // between when there is a hub to sync with and updates are on.
    const int count = 2 + (ui.admin.can_sync() ? 1 : 0) + (ui.admin.can_check_updates() ? 1 : 0);
    const float button_width = std::min((width - gap * static_cast<float>(count - 1)) / static_cast<float>(count),
                                        s.em(14.0f));
    auto slot_x = [&](int slot) {  // slot 0 at the reading start
        const float from_start = slot == count - 1 ? width - button_width
                                                   : static_cast<float>(slot) * (button_width + gap);
        return ui.rtl() ? area.max.x - margin - from_start - button_width : area.min.x + margin + from_start;
    };
    const ImVec2 size(button_width, s.touch_target());
    ImGui::SetCursorScreenPos(ImVec2(slot_x(0), buttons_top));
    if (button(ui, "##visitor", ui.tr("admin_leave"), size, ButtonKind::secondary))
        ui.nav.reset_session();
    int slot = 1;
    if (ui.admin.can_sync()) {
        ImGui::SetCursorScreenPos(ImVec2(slot_x(slot++), buttons_top));
        if (button(ui, "##sync", ui.tr("admin_sync_now"), size, ButtonKind::secondary)) {
            ui.admin.sync_now();
            m_refreshed_at = -1.0;  // show the attempt as soon as it is made
        }
    }
    if (ui.admin.can_check_updates()) {
        ImGui::SetCursorScreenPos(ImVec2(slot_x(slot++), buttons_top));
        if (button(ui, "##check-updates", ui.tr("admin_check_updates"), size, ButtonKind::secondary)) {
            ui.admin.check_updates_now();
            m_refreshed_at = -1.0;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(slot_x(count - 1), buttons_top));
    if (button(ui, "##exit", ui.tr("admin_exit"), size, ButtonKind::danger))
        m_confirming_exit = true;
}

}  // namespace lotsen::kiosk
