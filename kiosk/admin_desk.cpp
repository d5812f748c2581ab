// admin_desk.cpp — see admin_desk.hpp. Only snapshots are read: background threads never touch the UI.
#include "kiosk/admin_desk.hpp"

namespace lotsen::kiosk {

AdminReport AdminDesk::report(int set_aside_shown) const
{
    AdminReport report;
    report.outbox_open = m_outbox != nullptr;
    if (m_outbox) {
        auto counts = m_outbox->counts();
        if (counts) {
            report.queues = counts.value();
            if (auto oldest = m_outbox->oldest_waiting_at())
                report.oldest_waiting_at = oldest.value();
            if (counts.value().quarantined > 0) {
                // Unreadable reasons leave the list empty: the count above still says how many.
                if (auto newest = m_outbox->quarantined(set_aside_shown))
                    report.set_aside = std::move(newest).value();
            }
        } else {
            report.queues_error = counts.error().text();
        }
    }
    if (m_uploader)
        report.upload = m_uploader->status();
    if (m_updater)
        report.update = m_updater->status();
    report.images = image_report(report.update ? &*report.update : nullptr, m_images);
    if (m_problems) {
        report.upload_problem = m_problems->upload;
        report.update_problem = m_problems->update;
        report.restart_reason = m_problems->restart_reason;
        report.repaired = m_problems->repaired;
        report.new_kiosk_key = m_problems->new_kiosk_key;
        report.config = m_problems->config;
    }
    report.kiosk_key = std::string(m_kiosk_key);
    return report;
}

ImageReport image_report(const UpdaterStatus* update, const ImageTextures* textures)
{
    ImageReport report;
    auto newest = [&](std::int64_t at, const std::string& reason) {
        if (!report.last_refusal || at >= report.last_refusal->at)
            report.last_refusal = UpdateRefusal{at, reason};
    };
    if (update) {
        report.updates = true;
        report.kept = update->images_kept;
        report.kept_bytes = update->image_bytes;
        report.fetched = update->images_fetched;
        report.evicted = update->images_evicted;
        report.refused += update->images_refused;
        if (update->last_image_refusal)
            newest(update->last_image_refusal->at, update->last_image_refusal->reason);
    }
    if (textures) {
        const ImageTextures::Counts& counts = textures->counts();
        report.textures = true;
        report.texture_count = textures->texture_count();
        report.texture_bytes = textures->texture_bytes();
        report.texture_limits = textures->limits();
        report.refused += counts.not_shown;
        if (counts.not_shown > 0)
            newest(counts.last_not_shown_at, counts.last_not_shown);
    }
    return report;
}

void AdminDesk::sync_now()
{
    if (m_uploader)
        m_uploader->flush_now();
}

void AdminDesk::check_updates_now()
{
    if (m_updater)
        m_updater->check_now();
}

}  // namespace lotsen::kiosk
