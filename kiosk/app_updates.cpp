// app_updates.cpp — KioskApp applying what the updater publishes: catalogues and configs are applied
// only when nobody is using the kiosk, refusals (of updates and of catalogue images) go to the
// heartbeat, and an installed release (or a config that changes [screen] or the languages) ends the
// program at such a moment to restart.
#include "kiosk/app.hpp"

#include "core/base/file.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace lotsen::kiosk {

namespace {
constexpr double k_update_poll_seconds = 1.0;  // the updater's snapshot is read at most this often
}  // namespace

bool KioskApp::quiet() const
{
    // The home screen with no visit going on and no finger down: switching what it shows now cannot
    // take anything away from anyone. Admin mode is not quiet either: staff are reading it.
    return untouched() && !m_input.pointer_down && m_input.pending.empty() && !m_idle_prompt_visible;
}

void KioskApp::poll_updates(UnixSeconds now)
{
    remind_repairs();
    follow_store_check();
    if (m_time - m_updates.last_poll >= k_update_poll_seconds) {
        m_updates.last_poll = m_time;
        std::optional<UpdaterStatus> status;
        if (m_updater) {
            for (ReadyUpdate& update : m_updater->take_ready())
                m_updates.waiting.push_back(std::move(update));
            status = m_updater->status();
            if (status->last_refusal && status->last_refusal != m_updates.reported_refusal) {
                // The next heartbeat tells the region, which cannot see the kiosk's journal.
                m_updates.reported_refusal = status->last_refusal;
                HeartbeatFacts facts;
                facts.update_refusal = status->last_refusal;
                tell_heartbeat(std::move(facts));
            }
            if (status->restart_requested && m_problems.restart_reason.empty())
                m_problems.restart_reason = "release " + std::to_string(status->accepted.release_version) + " " +
                                            status->release_name + " is installed";
        }
        report_image_refusals(status ? &*status : nullptr);
    }
    if (!quiet())
        return;
    if (!m_updates.waiting.empty()) {
        std::vector<ReadyUpdate> waiting;
        waiting.swap(m_updates.waiting);
        for (const ReadyUpdate& update : waiting)
            apply_update(update, now);
    }
    if (!m_problems.restart_reason.empty() && !m_exit_requested) {
        // Exit code 0 like admin's exit: systemd (Restart=always) starts the kiosk again, into the new
        // release or with the new [screen] and languages.
        std::fprintf(stderr, "lotsen: restarting: %s\n", m_problems.restart_reason.c_str());
        m_exit_requested = true;
    }
}

void KioskApp::report_image_refusals(const UpdaterStatus* status)
{
    if (!m_uploader)
        return;
    const ImageReport images = image_report(status, m_images.get());
    if (images.refused == m_updates.reported_image_refusals || !images.last_refusal)
        return;
    // Like an update refusal: the region sees a kiosk whose pictures do not come, and why.
    m_updates.reported_image_refusals = images.refused;
    HeartbeatFacts facts;
    facts.image_refusals = lotsen::HeartbeatFacts::ImageRefusalsFact{images.refused, images.last_refusal->at,
                                                                     images.last_refusal->reason};
    tell_heartbeat(std::move(facts));
}

void KioskApp::apply_update(const ReadyUpdate& update, UnixSeconds now)
{
    if (!m_updater)
        return;  // updates were switched off by a config applied just before; the file waits for them
    // A file that does not parse or fit is refused for good (the updater remembers it across
    // restarts); one this kiosk could not store is offered again after a restart.
    if (update.kind == manifest::Kind::catalogue)
        apply_catalogue(update, now);
    else if (update.kind == manifest::Kind::config)
        apply_config(update);
    else
        m_updater->not_applied(update, "releases are not applied here");
}

void KioskApp::apply_catalogue(const ReadyUpdate& update, UnixSeconds now)
{
    // Read and stored in one pass, an activity at a time, so a large catalogue never sits in memory whole.
    const CatalogueUpdateOutcome imported = import_catalogue_update(*m_store, update, now);
    if (imported.kind == CatalogueUpdateOutcome::Kind::refused) {
        m_updater->refused(update, imported.reason);
        return;
    }
    if (imported.kind == CatalogueUpdateOutcome::Kind::not_stored) {
        m_updater->not_applied(update, imported.reason);
        return;
    }
    // The new texts need their glyphs before anything shows them; the screens load afresh.
    if (auto rebuilt = rebuild_glyphs(); !rebuilt)
        std::fprintf(stderr, "lotsen: the font atlas could not be rebuilt for the new catalogue: %s\n",
                     rebuilt.error().text().c_str());
    reset_session();
    HeartbeatFacts facts;
    facts.catalogue_version = update.entry.version;
    tell_heartbeat(std::move(facts));
    if (auto recorded = m_updater->accepted(update); !recorded)
        std::fprintf(stderr, "lotsen: %s (the catalogue is in use; it may be fetched again)\n",
                     recorded.error().text().c_str());
    // Applied first, pictures after: an image that does not come, or is refused, leaves the
    // catalogue in use without it.
    if (m_images)
        m_images->clear();
    want_catalogue_images();
}

void KioskApp::want_catalogue_images()
{
    if (!m_updater)
        return;
    auto images = m_store->images();
    if (!images) {
        std::fprintf(stderr, "lotsen: the catalogue's images are not fetched: %s\n", images.error().text().c_str());
        return;
    }
    m_updater->set_wanted_images(std::move(images).value());
}

void KioskApp::apply_config(const ReadyUpdate& update)
{
    auto read = read_config_update(m_local_config, m_options.config, update);
    if (!read) {
        m_updater->refused(update, read.error().text());
        return;
    }
    // Stored before it counts as accepted: from now on every start reads it over the local file.
    if (auto stored = write_file_atomically(update_paths(m_options.data_dir).config_overlay, read.value().text); !stored) {
        m_updater->not_applied(update, "published config " + std::to_string(update.entry.version) +
                                           " could not be stored; the current configuration stays: " +
                                           stored.error().text());
        return;
    }
    if (auto recorded = m_updater->accepted(update); !recorded)
        std::fprintf(stderr, "lotsen: %s\n", recorded.error().text().c_str());
    if (read.value().needs_restart) {
        m_problems.restart_reason = "config " + std::to_string(update.entry.version) + " changes [screen] or the languages";
        return;
    }
    apply_config_live(read.value().config);  // may replace the updater: nothing here uses it after this
}

}  // namespace lotsen::kiosk
