// app_services.cpp — KioskApp's services: the outbox, the kiosk key and the upload thread, the update
// thread, the one place the uploader learns what heartbeats report, and restarting them all when a
// published config changes their settings.
#include "kiosk/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace lotsen::kiosk {

namespace {

constexpr double k_repair_reminder_seconds = 600.0;

// One repair, said loudly: the journal is where staff look when a kiosk "seems fine".
void log_repair(const std::string& line)
{
    std::fprintf(stderr, "lotsen: DAMAGED FILE REPAIRED: %s\n", line.c_str());
}

}  // namespace

void KioskApp::open_store()
{
    const std::string path = m_options.data_dir + "/lotsen.db";
    auto opened = Store::open_recovering(path);
    if (!opened) {
        m_problems.store = opened.error().text();
        return;
    }
    m_store = std::move(opened.value().store);
    if (opened.value().kept_aside.empty())
        return;
    const std::string line = path + " was damaged (" + opened.value().damage + "); it is kept as " +
                             opened.value().kept_aside + " and an empty catalogue store was made; the catalogue "
                             "is fetched again from the hub";
    log_repair(line);
    m_problems.repaired.push_back(line);
    forget_catalogue_not_held();
}

void KioskApp::follow_store_check()
{
    if (m_store_check_done || !m_store)
        return;
    if (!m_store_check) {
        if (m_frames < 2)
            return;  // the first frame goes out before any of the check's reading
        auto started = StoreCheck::start(*m_store);
        if (!started) {
            std::fprintf(stderr, "lotsen: the catalogue store's check after start-up did not begin: %s\n",
                         started.error().text().c_str());
            m_store_check_done = true;
            return;
        }
        m_store_check = std::move(started).value();
        return;
    }
    const std::optional<sqlite::FileCheck> found = m_store_check->result();
    if (!found)
        return;
    m_store_check.reset();
    m_store_check_done = true;
    const std::string path = m_options.data_dir + "/lotsen.db";
    if (found->state == sqlite::FileState::unreadable) {
        std::fprintf(stderr, "lotsen: the catalogue store's check after start-up could not finish: %s\n",
                     found->detail.c_str());
        return;
    }
    if (found->state != sqlite::FileState::damaged)
        return;
    std::fprintf(stderr, "lotsen: DAMAGED FILE: %s is damaged (%s); the kiosk restarts to set it aside\n",
                 path.c_str(), found->detail.c_str());
    if (auto marked = Store::mark_for_full_check(path, found->detail); !marked) {
        std::fprintf(stderr, "lotsen: %s (the check after the next start finds it again)\n",
                     marked.error().text().c_str());
        return;
    }
    if (m_problems.restart_reason.empty())
        m_problems.restart_reason = path + " is damaged (" + found->detail + ")";
}

void KioskApp::forget_catalogue_not_held()
{
    const std::string state_path = update_paths(m_options.data_dir).state;
    auto state = load_update_state(state_path);
    if (!state || state.value().seen.catalogue_version == 0)
        return;  // nothing accepted, or a damaged state file the updater itself reports
    auto held = m_store->catalogue_version();
    if (held && held.value() == state.value().seen.catalogue_version)
        return;
    UpdateState next = state.value();
    next.seen.catalogue_version = 0;
    next.catalogue_name.clear();
    if (auto saved = save_update_state(state_path, next); !saved) {
        std::fprintf(stderr, "lotsen: %s (the published catalogue may not be fetched again until the next one)\n",
                     saved.error().text().c_str());
        return;
    }
    std::fprintf(stderr, "lotsen: %s no longer records published catalogue %lld as accepted: the store does not "
                 "hold it\n", state_path.c_str(), static_cast<long long>(state.value().seen.catalogue_version));
}

void KioskApp::open_outbox()
{
    // The outbox failing must not take the whole kiosk down: browsing still works, and the
    // check-in and contact screens say that sending is not possible right now.
    OutboxOptions event_options;
    event_options.min_checkin_gap_seconds = m_options.config.checkin_min_gap_seconds;
    event_options.min_wish_gap_seconds = m_options.config.checkin_min_gap_seconds;  // one visitor counts once
    if (m_options.config.hub_public_key)
        event_options.hub_public_key = *m_options.config.hub_public_key;
    // Released when a visitor's check-in finds the disk full (OutboxOptions::reserve_path).
    event_options.reserve_path = m_options.data_dir + "/outbox.reserve";
    m_problems.outbox.clear();
    const std::string path = m_options.data_dir + "/outbox.db";
    auto events = Outbox::open_recovering(path, event_options);
    if (!events) {
        m_problems.outbox = events.error().text();
        return;
    }
    m_events = std::move(events.value().outbox);
    if (const auto& recovery = events.value().recovery) {
        std::string line = path + " was damaged (" + recovery->damage + "); it is kept as " + recovery->kept_aside +
                           "; " + std::to_string(recovery->recovered) + " waiting event(s) were read back into a new outbox";
        if (!recovery->read_problem.empty())
            line += " (" + recovery->read_problem + ")";
        log_repair(line);
        m_problems.repaired.push_back(line);
        m_problems.outbox_recovery = lotsen::HeartbeatFacts::OutboxRecoveryFact{unix_now(), recovery->recovered,
                                                                        recovery->kept_aside};
    }
}

void KioskApp::remind_repairs()
{
    if (m_problems.repaired.empty() || m_time - m_repairs_logged_at < k_repair_reminder_seconds)
        return;
    if (m_problems.new_kiosk_key && m_uploader && m_uploader->status().last_success_at) {
        std::fprintf(stderr, "lotsen: the hub accepts the new kiosk key %s; the waiting events are being sent\n",
                     m_kiosk_key.c_str());
        m_problems.new_kiosk_key = false;
    }
    if (!m_problems.new_kiosk_key)
        return;  // the other repairs were logged at start and need nothing more from staff
    m_repairs_logged_at = m_time;
    for (const std::string& line : m_problems.repaired)
        log_repair(line + " (still waiting for staff)");
}

namespace {

// The [upstream] settings as the upload thread takes them.
UploaderOptions uploader_options(const KioskConfig& config, const std::string& data_dir)
{
    const UploadConfig& upload = config.upload;
    UploaderOptions options;
    options.url = upload.url.value_or("");
    options.outbox_path = data_dir + "/outbox.db";
    options.data_dir = data_dir;
    options.log_options.min_checkin_gap_seconds = config.checkin_min_gap_seconds;
    options.log_options.min_wish_gap_seconds = config.checkin_min_gap_seconds;
    options.log_options.max_queue_bytes = std::int64_t{upload.queue_megabytes} << 20;
    options.batch_events = static_cast<std::size_t>(upload.batch_events);
    options.batch_bytes = static_cast<std::size_t>(upload.batch_kilobytes) << 10;
    options.flush_events = static_cast<std::size_t>(upload.flush_events);
    options.flush_interval = std::chrono::seconds(upload.flush_seconds);
    options.heartbeat_interval = std::chrono::minutes(upload.heartbeat_minutes);
    options.connect_timeout = std::chrono::seconds(upload.connect_timeout_seconds);
    options.request_timeout = std::chrono::seconds(upload.request_timeout_seconds);
    if (config.hub_time_key) {
        protocol::SigningPublicKey key{};
        std::copy(config.hub_time_key->begin(), config.hub_time_key->end(), key.begin());
        options.hub_time_key = key;
    }
    return options;
}

}  // namespace

void KioskApp::start_uploading()
{
    // The key is made on first start even without a url: the operator enrols it before the kiosk
    // is pointed at the hub, and admin shows it.
    const std::string key_path = m_options.data_dir + "/kiosk.key";
    auto opened = protocol::load_or_replace_key_pair(key_path);
    if (!opened) {
        m_problems.upload = opened.error().text();
        return;
    }
    const protocol::SigningKeyPair& keys = opened.value().keys;
    m_kiosk_key = protocol::to_base64(keys.public_key);
    if (!opened.value().kept_aside.empty() && !m_problems.new_kiosk_key) {
        // Until the hub knows the new key it refuses this kiosk: every event waits in the outbox.
        const std::string line = key_path + " was damaged (" + opened.value().damage + "); it is kept as " +
                                 opened.value().kept_aside + " and a new key was made. Enrol it at the hub: "
                                 "lotsen-hub enroll --data-dir HUB_DATA_DIR --site \"SITE\" " + m_kiosk_key;
        log_repair(line);
        m_problems.repaired.push_back(line);
        m_problems.new_kiosk_key = true;
        m_repairs_logged_at = m_time;
    }
    if (!m_options.config.upload.url || !m_events)
        return;  // nothing to upload to, or no outbox to upload from
    UploaderOptions upload_options = uploader_options(m_options.config, m_options.data_dir);
    upload_options.hub_time = m_hub_time;
    auto uploader = Uploader::create(std::move(upload_options), keys);
    if (!uploader) {
        m_problems.upload = uploader.error().text();
        return;
    }
    m_uploader = std::move(uploader).value();
    // The uploader records a heartbeat as soon as it starts ("this kiosk is up"): everything it reports
    // is handed over before, or that first heartbeat would go out without it.
    HeartbeatFacts facts;
    if (auto version = m_store->catalogue_version())
        facts.catalogue_version = version.value();
    if (m_options.releases)
        facts.releases = m_options.releases->report();
    if (m_updater) {
        if (const auto refusal = m_updater->status().last_refusal) {
            facts.update_refusal = refusal;
            m_updates.reported_refusal = refusal;
        }
    }
    tell_heartbeat(std::move(facts));
    m_updates.reported_image_refusals = 0;  // a new uploader: told again, before its first heartbeat
    const std::optional<UpdaterStatus> update = m_updater ? std::optional(m_updater->status()) : std::nullopt;
    report_image_refusals(update ? &*update : nullptr);
    if (m_problems.outbox_recovery)
        m_uploader->set_outbox_recovery(*m_problems.outbox_recovery);
    if (m_first_frame_shown)
        m_uploader->start();
}

void KioskApp::start_updating()
{
    const KioskConfig& config = m_options.config;
    if (!config.upload.url || !config.publisher_public_key)
        return;  // admin says which of the two is missing
    UpdaterOptions options;
    options.url = *config.upload.url;
    options.data_dir = m_options.data_dir;
    std::copy(config.publisher_public_key->begin(), config.publisher_public_key->end(), options.publisher_key.begin());
    options.interval = std::chrono::minutes(config.upload.update_minutes);
    options.connect_timeout = std::chrono::seconds(config.upload.connect_timeout_seconds);
    options.manifest_timeout = std::chrono::seconds(config.upload.request_timeout_seconds);
    options.releases = m_options.releases;
    options.image_budget_bytes = static_cast<std::uint64_t>(config.image_budget_mb) << 20;
    options.hub_time = m_hub_time;
    auto updater = Updater::create(std::move(options));
    if (!updater) {
        m_problems.update = updater.error().text();
        std::fprintf(stderr, "lotsen: updates are off: %s\n", m_problems.update.c_str());
        return;
    }
    m_updater = std::move(updater).value();
    want_catalogue_images();
    if (m_first_frame_shown)
        m_updater->start();
}

void KioskApp::first_frame_shown()
{
    if (m_first_frame_shown)
        return;
    m_first_frame_shown = true;
    // Not before: their first requests load libcurl and open connections, which the first frame must
    // not wait for (docs/performance.md). The updater first, as they were made.
    if (m_updater)
        m_updater->start();
    if (m_uploader)
        m_uploader->start();
}

void KioskApp::apply_config_live(const KioskConfig& next)
{
    const KioskConfig before = m_options.config;
    m_options.config = next;  // help, hours, the notice and idle times are read from here every frame
    const bool texts_changed = next.help_intro != before.help_intro || next.help_contacts != before.help_contacts ||
                               next.notice != before.notice;
    if (texts_changed) {
        if (auto rebuilt = rebuild_glyphs(); !rebuilt)  // their characters must be in the atlas
            std::fprintf(stderr, "lotsen: %s\n", rebuilt.error().text().c_str());
    }
    if (next.admin_pin_hash != before.admin_pin_hash)
        m_admin_lock = std::make_unique<AdminLock>(next.admin_pin_hash);
    const bool outbox_changed = next.hub_public_key != before.hub_public_key ||
                                next.checkin_min_gap_seconds != before.checkin_min_gap_seconds;
    const bool upload_changed = outbox_changed || next.upload != before.upload;
    const bool update_changed = next.upload != before.upload || next.publisher_public_key != before.publisher_public_key;
    if (upload_changed && m_uploader) {
        m_uploader->stop();  // its own outbox connection closes with it
        m_uploader.reset();
    }
    if (outbox_changed) {
        m_events.reset();
        open_outbox();
    }
    if (upload_changed) {
        m_problems.upload.clear();
        m_updates.reported_refusal.reset();  // the new uploader's heartbeats report it again
        start_uploading();
    }
    if (update_changed) {
        if (m_updater)
            m_updater->stop();
        m_updater.reset();
        m_problems.update.clear();
        start_updating();
    }
    reset_session();  // the default language may have changed
    std::fprintf(stderr, "lotsen: the published configuration is in force\n");
}

void KioskApp::tell_heartbeat(HeartbeatFacts facts)
{
    if (!m_uploader)
        return;
    if (facts.catalogue_version)
        m_uploader->set_catalogue_version(*facts.catalogue_version);
    if (facts.releases)
        m_uploader->set_releases(std::move(facts.releases->installed), std::move(facts.releases->running),
                                 std::move(facts.releases->failed));
    if (facts.update_refusal)
        m_uploader->set_update_refusal(facts.update_refusal->at, std::move(facts.update_refusal->reason));
    if (facts.image_refusals)
        m_uploader->set_image_refusals(std::move(*facts.image_refusals));
}

void KioskApp::report_releases(ReleaseManager::Report report)
{
    HeartbeatFacts facts;
    facts.releases = std::move(report);
    tell_heartbeat(std::move(facts));
}

}  // namespace lotsen::kiosk
