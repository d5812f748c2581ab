// updater.cpp — the update thread: when to check (on time, on demand, sooner after a failure), one
// check (manifest → verify → freshness → per kind the newest entry this kiosk reads → download with
// resume → verify → hand over), and what the UI thread reports back (accepted, refused, not applied).
// The state file is update_state.cpp's, the partial files download.cpp's, the choice of entry
// entry_choice.cpp's, applying apply_update.cpp's.
//
// Threads. The owner's thread calls check_now(), status(), take_ready(), accepted(), refused(),
// not_applied() and stop(); the HTTP session and the downloads live on the update thread (a Worker).
// Shared state is under m_mutex; the state file is written under m_persist_mutex only, so a slow
// fsync on an SD card never holds up a frame that asks for status. The session watches the worker's
// stop flag, so stop() ends a request in flight.
#include "core/update/updater.hpp"

#include "core/base/file.hpp"
#include "core/image/image_probe.hpp"
#include "core/image/image_refs.hpp"
#include "core/net/http_session.hpp"
#include "core/release/release_manager.hpp"
#include "core/time/civil_time.hpp"
#include "core/url/url.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unordered_set>

namespace lotsen {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::string base_url(std::string_view url)
{
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    return std::string(url);
}

int kind_index(manifest::Kind kind)
{
    return static_cast<int>(kind);
}

// A key for an entry within one run (m_mismatched).
std::string entry_key(manifest::Kind kind, const manifest::Entry& entry)
{
    return std::string(manifest::kind_name(kind)) + " " + std::to_string(entry.version) + " " + protocol::to_hex(entry.sha256);
}

// What one check came to, for the scheduling: failed = try again sooner (the network or the disk).
struct CheckOutcome {
    bool failed = false;
    std::string error;
};

bool now_expired(const manifest::Manifest& manifest, std::int64_t now)
{
    return now >= manifest.expires_at;
}

// "400 days ahead", "3 h 5 min behind": how far the local clock is from the hub's.
std::string offset_words(std::int64_t local_minus_hub)
{
    const std::int64_t magnitude = local_minus_hub < 0 ? -local_minus_hub : local_minus_hub;
    std::string amount;
    if (magnitude >= 2 * 86400)
        amount = std::to_string(magnitude / 86400) + " days";
    else if (magnitude >= 3600)
        amount = std::to_string(magnitude / 3600) + " h " + std::to_string(magnitude % 3600 / 60) + " min";
    else if (magnitude >= 60)
        amount = std::to_string(magnitude / 60) + " min";
    else
        return "agreeing with it";
    return amount + (local_minus_hub > 0 ? " ahead" : " behind");
}

}  // namespace

ExpiryClock choose_expiry_clock(std::int64_t local_now, bool local_synchronised, std::optional<std::int64_t> hub_now)
{
    if (local_synchronised)
        return ExpiryClock{ExpiryClock::Source::local_synchronised, local_now, "the local clock (synchronised)"};
    if (hub_now) {
        return ExpiryClock{ExpiryClock::Source::hub_signed, *hub_now,
                           "the hub's signed time (local clock not synchronised, " + offset_words(local_now - *hub_now) + ")"};
    }
    return ExpiryClock{ExpiryClock::Source::local_unsynchronised, local_now,
                       "the local clock (not synchronised; no signed time from the hub yet)"};
}

// ---------------------------------------------------------------------------------------------
// One update session: everything that lives on the update thread.

class Updater::Session {
public:
    explicit Session(Updater& owner) : m_owner(owner) {}

    /// One whole check: the manifest, then every entry it lists that is newer than accepted.
    CheckOutcome check()
    {
        if (auto ready = open_http(); !ready)
            return CheckOutcome{true, ready.error().text()};
        std::string etag;
        std::string cached;
        {
            std::lock_guard lock(m_owner.m_mutex);
            cached = m_owner.m_state.manifest;
            // Without the manifest it names, an ETag is worthless: a 304 would say nothing.
            if (!cached.empty())
                etag = m_owner.m_state.etag;
        }
        auto fetched = fetch_manifest(etag);
        if (!fetched)
            return CheckOutcome{true, fetched.error().text()};
        if (!fetched.value()) {
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.not_modified;
        }
        const bool modified = fetched.value().has_value();
        const std::string file = modified ? fetched.value()->first : cached;
        if (file.empty())
            return {};  // the hub has published nothing yet

        auto verified = manifest::verify(file, m_owner.m_options.publisher_key);
        if (!verified) {
            m_owner.refuse(verified.error().text() + "; the current state stays");
            return {};
        }
        const manifest::Manifest manifest = std::move(verified).value();
        manifest::Seen seen;
        {
            std::lock_guard lock(m_owner.m_mutex);
            seen = m_owner.m_state.seen;
        }
        const ExpiryClock clock = m_owner.expiry_clock();
        if (clock.description != m_told_expiry_clock) {
            // Said when it changes: which clock judges is worth a line, not one every 15 minutes.
            m_told_expiry_clock = clock.description;
            std::fprintf(stderr, "lotsen: manifest expiry judged by %s\n", clock.description.c_str());
        }
        {
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_status.expiry_clock = clock.description;
        }
        if (auto fresh = manifest::check_freshness(manifest, seen, clock.now); !fresh) {
            m_owner.refuse(fresh.error().text() + " (judged by " + clock.description + ")");
            // A clock that may simply be wrong: ask again soon, when the hub may have vouched for a time.
            if (clock.source == ExpiryClock::Source::local_unsynchronised && now_expired(manifest, clock.now))
                return CheckOutcome{true, "the manifest looks expired by a local clock that is not synchronised"};
            return {};
        }
        // What is said about a manifest's content is said once per manifest, not at every check
        // (a 304 or the same sequence again says nothing new).
        const bool first_look = manifest.sequence != m_told_sequence;
        m_told_sequence = manifest.sequence;
        if (first_look && !manifest.ignored.empty()) {
            std::fprintf(stderr, "lotsen: manifest %lld: ignored members this kiosk does not know: %s\n",
                         static_cast<long long>(manifest.sequence), manifest.ignored.summary().c_str());
        }
        if (modified) {
            {
                std::lock_guard lock(m_owner.m_mutex);
                m_owner.m_state.seen.sequence = std::max(m_owner.m_state.seen.sequence, manifest.sequence);
                m_owner.m_state.etag = fetched.value()->second;
                m_owner.m_state.manifest = file;
                m_owner.m_status.manifest_sequence = m_owner.m_state.seen.sequence;
            }
            if (auto saved = m_owner.persist(); !saved)
                return CheckOutcome{true, saved.error().text()};
        }

        CheckOutcome outcome;
        for (manifest::Kind kind : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
            if (m_owner.m_worker.stop_requested())
                break;
            const std::int64_t readable = readable_format_major(kind);
            const EntryChoice choice = choose_entry(manifest, kind, readable);
            if (choice.unreadable) {
                // Refused for good (until the software changes): asking again in 15 minutes changes nothing.
                if (wanted(kind, *choice.unreadable)) {
                    m_owner.refuse_for_good(
                        kind, *choice.unreadable,
                        unreadable_entry_reason(kind, *choice.unreadable, readable, m_owner.m_options.software_version));
                }
                continue;
            }
            const auto& entry = choice.entry;
            if (!entry || !wanted(kind, *entry))
                continue;
            if (choice.previous_major && first_look) {
                const manifest::Entry& main = *manifest.entry(kind);
                std::fprintf(stderr,
                             "lotsen: %s is format %lld, newer than this kiosk reads (%lld); it takes %s (format %lld) "
                             "listed beside it\n",
                             entry_label(kind, main).c_str(), static_cast<long long>(main.format),
                             static_cast<long long>(readable), entry_label(kind, *entry).c_str(),
                             static_cast<long long>(entry->format));
            }
            if (auto done = fetch_entry(kind, *entry); !done) {
                outcome.failed = true;
                outcome.error = done.error().text();
            }
        }
        clean_up(manifest);
        if (!m_owner.m_worker.stop_requested()) {
            if (auto images = fetch_images(); !images && !outcome.failed) {
                outcome.failed = true;
                outcome.error = images.error().text();
            }
        }
        return outcome;
    }

    /// Fetches the wanted images that are missing, making room within the budget first: what the
    /// catalogue no longer references goes, then the least recently used. The error is for trouble
    /// worth retrying soon (network, disk); a refused image is only logged.
    Result<void> fetch_images()
    {
        std::vector<ImageRef> wanted;
        std::uint64_t budget = 0;
        {
            std::lock_guard lock(m_owner.m_mutex);
            // Until the UI thread says what its catalogue references, nothing counts as unreferenced.
            if (!m_owner.m_wanted_images_known)
                return success();
            wanted = m_owner.m_wanted_images;
            budget = m_owner.m_options.image_budget_bytes;
        }
        ImageFolder folder = LOTSEN_TRY(ImageFolder::open(images_dir(m_owner.m_options.data_dir)));
        std::unordered_set<std::string> referenced;
        for (const ImageRef& image : wanted)
            referenced.insert(image.sha256);
        Result<void> outcome = success();
        for (const ImageRef& image : wanted) {
            if (m_owner.m_worker.stop_requested())
                break;
            if (folder.has(image))
                continue;
            {
                std::lock_guard lock(m_owner.m_mutex);
                if (m_owner.m_refused_images.contains(image.sha256))
                    continue;
            }
            if (static_cast<std::uint64_t>(image.bytes) > budget) {
                refuse_image(image, std::to_string(image.bytes) + " bytes is more than the whole image budget of " +
                                        std::to_string(budget));
                continue;
            }
            evicted(folder.enforce_budget(budget - static_cast<std::uint64_t>(image.bytes), referenced));
            // The network or the disk: the next check tries again; the other images are still tried.
            if (auto fetched = download_image(folder, image); !fetched) {
                std::fprintf(stderr, "lotsen: %s\n", fetched.error().text().c_str());
                outcome = fetched;
            }
        }
        const ImageFolder::Eviction after = folder.enforce_budget(budget, referenced);
        evicted(after);
        const auto kept = static_cast<std::uint64_t>(
            std::count_if(wanted.begin(), wanted.end(), [&](const ImageRef& image) { return folder.has(image); }));
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_status.image_bytes = after.bytes_after;
        m_owner.m_status.images_kept = kept;
        return outcome;
    }

private:
    void evicted(const ImageFolder::Eviction& eviction)
    {
        if (eviction.removed.empty())
            return;
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_status.images_evicted += eviction.removed.size();
    }

    void refuse_image(const ImageRef& image, const std::string& reason)
    {
        std::fprintf(stderr, "lotsen: image %s: %s; refused, the catalogue stays in use without it\n",
                     image_file_name(image).c_str(), reason.c_str());
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_refused_images.insert(image.sha256);
        ++m_owner.m_status.images_refused;
        m_owner.m_status.last_image_refusal = UpdateRefusal{unix_now(), image_file_name(image) + ": " + reason};
    }

    /// Downloads one image with resume into images/partial/, verifies size, SHA-256 and header
    /// against the reference, and moves it into the folder.
    Result<void> download_image(ImageFolder& folder, const ImageRef& image)
    {
        const std::string name = image_file_name(image);
        const std::string partial_dir = folder.directory() + "/partial";
        std::error_code ec;
        fs::create_directories(partial_dir, ec);
        const std::string partial = partial_dir + "/" + name;
        const auto size = static_cast<std::uint64_t>(image.bytes);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const DownloadPlan plan = plan_download(file_size(partial).value_or(0), size);
            if (plan.discard)
                ::unlink(partial.c_str());
            const int fd = ::open(partial.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0)
                return Error{partial + ": cannot open: " + errno_text()};
            const std::uint64_t requested_from = plan.complete ? size : plan.from;
            DownloadSink sink(fd, requested_from, size);
            if (!sink.hash_existing()) {
                ::close(fd);
                ::unlink(partial.c_str());
                continue;
            }
            HttpResult result;
            bool fetched = plan.complete;
            if (!plan.complete) {
                ::lseek(fd, static_cast<off_t>(requested_from), SEEK_SET);
                if (requested_from > 0) {
                    std::lock_guard lock(m_owner.m_mutex);
                    ++m_owner.m_status.resumed;
                }
                HttpRequest request;
                request.url = base_url(m_owner.m_options.url) + std::string(manifest::k_files_prefix) + name;
                request.range_from = requested_from;
                request.timeout = std::chrono::milliseconds(0);
                result = m_http->perform(request, sink);
                fetched = result.transport_ok;
            }
            ::close(fd);  // not synced: an image lost to a power cut is fetched again
            if (sink.write_failed())
                return Error{"image " + name + ": cannot write " + partial + ": " + errno_text()};
            if (sink.overflow() || sink.action() == ResumeAction::start_over) {
                ::unlink(partial.c_str());
                if (attempt == 0 && !sink.overflow())
                    continue;
                refuse_image(image, sink.overflow() ? "the hub sent more than the " + std::to_string(size) +
                                                          " bytes the catalogue names"
                                                    : std::string("the hub does not resume the download consistently"));
                return success();
            }
            if (sink.action() == ResumeAction::fail) {
                if (result.head.status == 404) {
                    refuse_image(image, "the hub does not have it (HTTP 404)");
                    ::unlink(partial.c_str());
                    return success();
                }
                return Error{"image " + name + ": HTTP " + std::to_string(result.head.status)};
            }
            if (!fetched) {
                if (m_owner.m_worker.stop_requested())
                    return Error{"stopped"};
                return Error{"image " + name + ": download stopped at " + std::to_string(sink.file_bytes()) + " of " +
                             std::to_string(size) + " bytes (" + result.transport_error + ")"};
            }
            if (sink.file_bytes() != size) {
                ::unlink(partial.c_str());
                refuse_image(image, std::to_string(sink.file_bytes()) + " bytes arrived, the catalogue names " +
                                        std::to_string(size));
                return success();
            }
            const std::string digest = protocol::to_hex(sink.digest());
            if (digest != image.sha256) {
                ::unlink(partial.c_str());
                refuse_image(image, "SHA-256 of the download is " + digest + ", the catalogue names " + image.sha256);
                return success();
            }
            // The hash matched what the signed catalogue names, but what it names may still not be an
            // image the kiosk can decode within its limits: checked once here, before it is kept.
            auto bytes = read_image_file(partial);
            if (!bytes)
                return Error{"image " + name + ": " + bytes.error().text()};
            auto header = probe_image(bytes.value());
            if (!header || std::string(image_type_name(header.value().type)) != image.type ||
                header.value().width != image.width || header.value().height != image.height) {
                ::unlink(partial.c_str());
                refuse_image(image, header ? "its header says " + std::string(image_type_name(header.value().type)) +
                                                 " " + std::to_string(header.value().width) + " x " +
                                                 std::to_string(header.value().height) + ", the catalogue " + image.type +
                                                 " " + std::to_string(image.width) + " x " + std::to_string(image.height)
                                           : header.error().text());
                return success();
            }
            LOTSEN_TRY(folder.add(image, partial));
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.images_fetched;
            return success();
        }
        return Error{"image " + name + ": could not be downloaded"};
    }

    Result<void> open_http()
    {
        if (m_http)
            return success();
        const UpdaterOptions& o = m_owner.m_options;
        HttpSessionOptions options;
        options.connect_timeout = o.connect_timeout;
        options.low_speed_bytes_per_second = o.low_speed_bytes_per_second;
        options.low_speed_time = o.low_speed_time;
        // Bytes as stored: a transparently decompressed body would not match the signed hash or size.
        options.content_decoding = false;
        options.abort = &m_owner.m_worker.stop_flag();
        auto session = HttpSession::create(options);
        if (!session)
            return Error{session.error().message, "updater"};
        m_http = std::move(session).value();
        return success();
    }

    /// GETs the manifest: nullopt for 304, else its bytes and ETag. A missing manifest (404) is an
    /// empty file: nothing published yet.
    Result<std::optional<std::pair<std::string, std::string>>> fetch_manifest(const std::string& etag)
    {
        HttpRequest request;
        request.url = base_url(m_owner.m_options.url) + std::string(manifest::k_manifest_path);
        if (!etag.empty())
            request.headers.push_back("If-None-Match: " + etag);
        request.timeout = m_owner.m_options.manifest_timeout;
        StringSink sink(manifest::k_max_manifest_bytes);
        const HttpResult result = m_http->perform(request, sink);
        if (sink.too_large()) {
            m_owner.refuse("manifest: larger than the " + std::to_string(manifest::k_max_manifest_bytes) +
                           " bytes a manifest may have; the current state stays");
            return std::optional<std::pair<std::string, std::string>>{std::pair<std::string, std::string>{}};
        }
        if (!result.transport_ok)
            return Error{"manifest: " + result.transport_error};
        const long status = result.head.status;
        if (status == 304)
            return std::optional<std::pair<std::string, std::string>>{};
        if (status == 404)
            return std::optional<std::pair<std::string, std::string>>{std::pair<std::string, std::string>{}};
        if (status != 200)
            return Error{"manifest: HTTP " + std::to_string(status) + " from " + request.url};
        return std::optional<std::pair<std::string, std::string>>{
            std::pair{std::move(sink.body()), result.head.header("etag")}};
    }

    /// True when `entry` is newer than accepted, not already waiting for the UI, and not refused.
    bool wanted(manifest::Kind kind, const manifest::Entry& entry)
    {
        const std::pair<int, std::int64_t> key{kind_index(kind), entry.version};
        {
            std::lock_guard lock(m_owner.m_mutex);
            if (entry.version <= accepted_version(m_owner.m_state.seen, kind) || m_owner.m_refused.contains(key))
                return false;
            // Refused for what it is, in this run or before a restart: not downloaded again.
            for (const RememberedRefusal& refusal : m_owner.m_state.refused) {
                if (same_entry(refusal, kind, entry.version, entry.sha256))
                    return false;
            }
            for (const auto* list : {&m_owner.m_ready, &m_owner.m_handed_over}) {
                for (const ReadyUpdate& ready : *list) {
                    if (ready.kind == kind && ready.entry.version == entry.version)
                        return false;
                }
            }
        }
        if (kind == manifest::Kind::release) {
            // Only a kiosk with a release manager installs software; a version that failed its health
            // check is never tried again.
            if (!m_owner.m_options.releases || m_owner.m_options.releases->has_failed(entry.version))
                return false;
        }
        return true;
    }

    /// Downloads (or finds in ready/) and verifies `entry`, then hands it over. Refusals are
    /// recorded here; the error is for trouble worth retrying soon (network, disk).
    Result<void> fetch_entry(manifest::Kind kind, const manifest::Entry& entry)
    {
        const std::string label = entry_label(kind, entry);
        if (entry.size > max_download_bytes(kind)) {
            m_owner.refuse_for_good(kind, entry,
                                    label + ": " + std::to_string(entry.size) + " bytes is more than the " +
                                        std::to_string(max_download_bytes(kind)) + " a kiosk downloads; refused");
            return success();
        }
        const std::string ready_path = m_owner.m_paths.ready + "/" + entry.file;
        // A file verified before a restart need not come again; one that no longer matches is redone.
        if (hash_file(ready_path, entry.size) != entry.sha256) {
            std::error_code ec;
            fs::remove(ready_path, ec);
            LOTSEN_TRY(download(kind, entry, ready_path));
            if (!fs::exists(ready_path))
                return success();  // refused (already recorded)
        }
        ReadyUpdate update{kind, entry, ready_path};
        if (kind == manifest::Kind::release) {
            install_release(update);
            return success();
        }
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_ready.push_back(std::move(update));
        return success();
    }

    /// Downloads `entry` into partial/ with resume, verifies it, and moves it to `ready_path`.
    Result<void> download(manifest::Kind kind, const manifest::Entry& entry, const std::string& ready_path)
    {
        const std::string label = entry_label(kind, entry);
        const std::string partial = m_owner.m_paths.partial + "/" + entry.file;
        // Twice at most: a partial file that turns out not to fit (416, a 206 from elsewhere, too
        // many bytes) is deleted and the whole file asked for once more, in the same check.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const DownloadPlan plan = plan_download(file_size(partial).value_or(0), entry.size);
            if (plan.discard)
                ::unlink(partial.c_str());
            if (!plan.complete) {
                const auto& free_bytes = m_owner.m_options.free_bytes;
                LOTSEN_TRY(check_room_for_download(label, plan.from, entry.size,
                                                   free_bytes ? free_bytes(m_owner.m_paths.partial)
                                                              : free_disk_bytes(m_owner.m_paths.partial),
                                                   m_owner.m_options.keep_free_bytes));
            }
            const int fd = ::open(partial.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0)
                return Error{partial + ": cannot open: " + errno_text()};
            const std::uint64_t requested_from = plan.complete ? entry.size : plan.from;
            DownloadSink sink(fd, requested_from, entry.size);
            bool fetched = plan.complete;
            HttpResult result;
            if (!sink.hash_existing()) {
                ::close(fd);
                ::unlink(partial.c_str());
                continue;  // unreadable: start over
            }
            if (!plan.complete) {
                ::lseek(fd, static_cast<off_t>(requested_from), SEEK_SET);
                if (requested_from > 0) {
                    std::lock_guard lock(m_owner.m_mutex);
                    ++m_owner.m_status.resumed;
                }
                HttpRequest request;
                request.url = base_url(m_owner.m_options.url) + std::string(manifest::k_files_prefix) + entry.file;
                request.range_from = requested_from;
                // No limit on a whole download (a slow link still finishes); a stalled one is dropped by
                // the low-speed limit and resumed at the next check.
                request.timeout = std::chrono::milliseconds(0);
                result = m_http->perform(request, sink);
                fetched = result.transport_ok;
            }
            // What was written stays on disk for the next attempt, so it must really be there.
            const bool synced = ::fsync(fd) == 0;
            ::close(fd);
            if (sink.write_failed() || !synced) {
                const std::string error = errno_text();
                // A disk that filled up under the download gets its space back at once: resuming
                // would need the same room, and the outbox needs it now.
                ::unlink(partial.c_str());
                return Error{label + ": cannot write " + partial + " (deleted): " + error};
            }
            if (sink.overflow() || sink.action() == ResumeAction::start_over) {
                ::unlink(partial.c_str());
                if (attempt == 0)
                    continue;
                if (sink.overflow()) {
                    refuse_mismatch(kind, entry,
                                    label + ": the hub sent more than the " + std::to_string(entry.size) +
                                        " signed bytes; refused, the current " + std::string(manifest::kind_name(kind)) +
                                        " stays");
                    return success();
                }
                return Error{label + ": the hub does not resume the download consistently"};
            }
            if (sink.file_bytes() == 0)
                ::unlink(partial.c_str());  // nothing to resume from: leave no empty file behind
            if (sink.action() == ResumeAction::fail)
                return Error{label + ": HTTP " + std::to_string(result.head.status) + " for " + entry.file};
            if (!fetched) {
                if (m_owner.m_worker.stop_requested())
                    return Error{"stopped"};
                return Error{label + ": download stopped at " + std::to_string(sink.file_bytes()) + " of " +
                             std::to_string(entry.size) + " bytes (" + result.transport_error +
                             "); it resumes from there at the next check"};
            }
            if (sink.file_bytes() != entry.size) {
                ::unlink(partial.c_str());
                refuse_mismatch(kind, entry,
                                label + ": " + std::to_string(sink.file_bytes()) + " bytes arrived, the manifest signed " +
                                    std::to_string(entry.size) + "; refused, the current " +
                                    std::string(manifest::kind_name(kind)) + " stays");
                return success();
            }
            const protocol::Sha256 digest = sink.digest();
            if (digest != entry.sha256) {
                ::unlink(partial.c_str());
                refuse_mismatch(kind, entry,
                                label + ": SHA-256 of the download is " + protocol::to_hex(digest) +
                                    ", the manifest signed " + protocol::to_hex(entry.sha256) +
                                    "; refused and deleted, the current " + std::string(manifest::kind_name(kind)) +
                                    " stays");
                return success();
            }
            LOTSEN_TRY(durable_rename(partial, ready_path));
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.downloads;
            return success();
        }
        return Error{label + ": could not be downloaded"};
    }

    /// The bytes served were not the signed file. Once may be a bad cache or proxy on the way, so the
    /// next check fetches it again; the same entry twice in one run is remembered as refused, so a
    /// source that keeps serving other bytes does not cost a whole download at every check.
    void refuse_mismatch(manifest::Kind kind, const manifest::Entry& entry, const std::string& reason)
    {
        bool again = false;
        {
            std::lock_guard lock(m_owner.m_mutex);
            again = !m_owner.m_mismatched.insert(entry_key(kind, entry)).second;
        }
        if (again)
            m_owner.refuse_for_good(kind, entry, reason + " (the second time for this file: it is not downloaded again)");
        else
            m_owner.refuse(reason + " (it is downloaded again at the next check)");
    }

    void install_release(const ReadyUpdate& update)
    {
        const std::string label = entry_label(update.kind, update.entry);
        auto installed = m_owner.m_options.releases->install_and_switch(update.path, update.entry.version, update.entry.name);
        std::error_code ec;
        fs::remove(update.path, ec);  // unpacked, or refused: the archive is not needed again
        if (!installed) {
            m_owner.refuse(label + ": " + installed.error().text() + "; refused, the current release stays");
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_refused.insert({kind_index(update.kind), update.entry.version});
            return;
        }
        {
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_state.seen.release_version = update.entry.version;
            m_owner.m_state.release_name = update.entry.name;
            forget_superseded_refusals(m_owner.m_state);
            m_owner.m_status.accepted = m_owner.m_state.seen;
            m_owner.m_status.release_name = update.entry.name;
            m_owner.m_status.restart_requested = true;
        }
        std::fprintf(stderr, "lotsen: %s installed; the kiosk restarts into it when nobody is using it\n",
                     label.c_str());
        if (auto saved = m_owner.persist(); !saved)
            std::fprintf(stderr, "lotsen: %s\n", saved.error().text().c_str());
    }

    /// Deletes partial and ready files the manifest no longer lists (and nobody is applying).
    void clean_up(const manifest::Manifest& manifest)
    {
        std::set<std::string> keep;
        for (manifest::Kind kind : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
            for (const auto* listed : {&manifest.entry(kind), &manifest.previous_major.entry(kind)}) {
                if (*listed)
                    keep.insert((*listed)->file);
            }
        }
        {
            std::lock_guard lock(m_owner.m_mutex);
            for (const auto* list : {&m_owner.m_ready, &m_owner.m_handed_over}) {
                for (const ReadyUpdate& ready : *list)
                    keep.insert(ready.entry.file);
            }
        }
        for (const std::string& dir : {m_owner.m_paths.partial, m_owner.m_paths.ready}) {
            std::error_code ec;
            for (const auto& item : fs::directory_iterator(dir, ec)) {
                if (!keep.contains(item.path().filename().string()))
                    fs::remove(item.path(), ec);
            }
        }
    }

    Updater& m_owner;
    std::unique_ptr<HttpSession> m_http;
    std::int64_t m_told_sequence = 0;  ///< the manifest whose ignored members (and choices) were logged
    std::string m_told_expiry_clock;   ///< the clock last said to judge expiry
};

// ---------------------------------------------------------------------------------------------
// Updater

Updater::Updater(UpdaterOptions options, UpdateState state)
    : m_options(std::move(options))
    , m_paths(update_paths(m_options.data_dir))
    , m_state(std::move(state))
{
    m_status.accepted = m_state.seen;
    m_status.catalogue_name = m_state.catalogue_name;
    m_status.config_name = m_state.config_name;
    m_status.release_name = m_state.release_name;
    if (m_state.seen.sequence > 0)
        m_status.manifest_sequence = m_state.seen.sequence;
    // A refusal remembered from before a restart is still the newest one: admin and the heartbeat
    // keep showing it (nothing is downloaded again to refuse it anew).
    const auto newest = std::max_element(m_state.refused.begin(), m_state.refused.end(),
                                         [](const RememberedRefusal& a, const RememberedRefusal& b) { return a.at < b.at; });
    if (newest != m_state.refused.end())
        m_status.last_refusal = UpdateRefusal{newest->at, newest->reason};
}

Result<std::unique_ptr<Updater>> Updater::create(UpdaterOptions options)
{
    if (auto valid = validate_upstream_url(options.url); !valid)
        return Error{"updater: url \"" + options.url + "\": " + valid.error().text()};
    if (options.data_dir.empty())
        return Error{"updater: no data directory given"};
    if (std::all_of(options.publisher_key.begin(), options.publisher_key.end(), [](std::uint8_t b) { return b == 0; }))
        return Error{"updater: no publisher key: updates need [upstream] publisher_public_key"};
    if (options.interval.count() <= 0)
        return Error{"updater: the check interval must be positive"};
    if (options.software_version.empty())
        return Error{"updater: no software version given"};
    const UpdatePaths paths = update_paths(options.data_dir);
    for (const std::string& dir : {paths.root, paths.partial, paths.ready}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            return Error{dir + ": cannot create: " + ec.message()};
    }
    auto state = load_update_state(paths.state);
    if (!state)
        return Error{state.error().text() + " (updates stay off until it is repaired or removed: an empty state "
                                             "would let an old manifest in again)"};
    // libcurl is loaded by the first check (curl_library.hpp), on the update thread, not here.
    // A refusal says "this software cannot use that file"; other software may (an upgrade that reads a
    // newer format, a rollback before a stricter check): it tries those files again.
    UpdateState loaded = std::move(state).value();
    if (const std::size_t forgotten = forget_refusals_of_other_software(loaded, options.software_version); forgotten > 0) {
        std::fprintf(stderr,
                     "lotsen: forgot %zu remembered update refusal(s) made by other software than this (lotsen %s); "
                     "those files will be tried again\n",
                     forgotten, options.software_version.c_str());
        if (auto saved = save_update_state(paths.state, loaded); !saved)
            std::fprintf(stderr, "lotsen: %s\n", saved.error().text().c_str());
    }
    return std::unique_ptr<Updater>(new Updater(std::move(options), std::move(loaded)));
}

Updater::~Updater()
{
    stop();
}

void Updater::start()
{
    m_worker.start([this] { run(); }, [this] { m_status.running = true; });
}

void Updater::stop()
{
    m_worker.stop();
    std::lock_guard lock(m_mutex);
    m_status.running = false;
}

void Updater::set_wanted_images(std::vector<ImageRef> images)
{
    {
        std::lock_guard lock(m_mutex);
        m_wanted_images = std::move(images);
        m_wanted_images_known = true;
    }
    check_now();
}

void Updater::check_now()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_check_generation;
    }
    m_worker.wake();
}

bool Updater::check_and_wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t wanted = ++m_check_generation;
    m_worker.wake();
    return m_worker.wait_for(lock, timeout, [&] { return m_checked_generation >= wanted; });
}

UpdaterStatus Updater::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::vector<ReadyUpdate> Updater::take_ready()
{
    std::lock_guard lock(m_mutex);
    std::vector<ReadyUpdate> taken;
    taken.swap(m_ready);
    m_handed_over.insert(m_handed_over.end(), taken.begin(), taken.end());
    return taken;
}

Result<void> Updater::accepted(const ReadyUpdate& update)
{
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_handed_over, [&](const ReadyUpdate& r) { return r.kind == update.kind && r.entry.version == update.entry.version; });
        manifest::Seen& seen = m_state.seen;
        // Never lower: an older file applied after a newer one (it cannot, but) must not reopen rollback.
        if (update.kind == manifest::Kind::catalogue && update.entry.version > seen.catalogue_version) {
            seen.catalogue_version = update.entry.version;
            m_state.catalogue_name = update.entry.name;
        } else if (update.kind == manifest::Kind::config && update.entry.version > seen.config_version) {
            seen.config_version = update.entry.version;
            m_state.config_name = update.entry.name;
        }
        forget_superseded_refusals(m_state);
        m_status.accepted = seen;
        m_status.catalogue_name = m_state.catalogue_name;
        m_status.config_name = m_state.config_name;
    }
    std::error_code ec;
    fs::remove(update.path, ec);
    std::fprintf(stderr, "lotsen: %s applied\n", entry_label(update.kind, update.entry).c_str());
    return persist();
}

void Updater::drop_handed_over(const ReadyUpdate& update)
{
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_handed_over, [&](const ReadyUpdate& r) { return r.kind == update.kind && r.entry.version == update.entry.version; });
    }
    std::error_code ec;
    fs::remove(update.path, ec);
}

void Updater::refused(const ReadyUpdate& update, const std::string& reason)
{
    drop_handed_over(update);
    refuse_for_good(update.kind, update.entry, reason);
}

void Updater::not_applied(const ReadyUpdate& update, const std::string& reason)
{
    drop_handed_over(update);
    {
        std::lock_guard lock(m_mutex);
        m_refused.insert({kind_index(update.kind), update.entry.version});
    }
    refuse(reason);
}

ExpiryClock Updater::expiry_clock() const
{
    const std::int64_t local = now();
    const bool synchronised = m_options.clock_synchronised ? m_options.clock_synchronised() : system_clock_synchronised();
    const std::optional<std::int64_t> hub = m_options.hub_time ? m_options.hub_time->now() : std::nullopt;
    return choose_expiry_clock(local, synchronised, hub);
}

std::int64_t Updater::now() const
{
    return m_options.clock ? m_options.clock() : unix_now();
}

std::int64_t Updater::refuse(const std::string& reason)
{
    // The journal keeps every refusal; admin and the heartbeat show the newest.
    std::fprintf(stderr, "lotsen: update refused: %s\n", reason.c_str());
    const std::int64_t at = unix_now();
    std::lock_guard lock(m_mutex);
    m_status.last_refusal = UpdateRefusal{at, reason};
    return at;
}

void Updater::refuse_for_good(manifest::Kind kind, const manifest::Entry& entry, const std::string& reason)
{
    const std::int64_t at = refuse(reason);
    {
        std::lock_guard lock(m_mutex);
        remember_refusal(m_state, RememberedRefusal{kind, entry.version, entry.sha256, at, reason, m_options.software_version});
    }
    // Written at once: a restart before the next accepted update must not fetch this file again. Should
    // the write fail, the refusal still holds in memory until the kiosk restarts.
    if (auto saved = persist(); !saved)
        std::fprintf(stderr, "lotsen: %s\n", saved.error().text().c_str());
}

Result<void> Updater::persist()
{
    std::lock_guard persisting(m_persist_mutex);
    UpdateState state;
    {
        std::lock_guard lock(m_mutex);
        state = m_state;  // taken inside m_persist_mutex: the last writer writes the newest state
    }
    return save_update_state(m_paths.state, state);
}

void Updater::run()
{
    Session session(*this);
    Clock::time_point next_check = Clock::now();  // the first check at once
    int failures = 0;
    while (true) {
        std::uint64_t generation = 0;
        {
            std::lock_guard lock(m_mutex);
            if (m_worker.stop_requested())
                break;
            generation = m_check_generation;
        }
        const CheckOutcome outcome = session.check();
        if (m_worker.stop_requested())
            break;
        failures = outcome.failed ? failures + 1 : 0;
        std::chrono::milliseconds delay = m_options.interval;
        if (outcome.failed) {
            // Sooner after a failure (a cut download resumes), doubling up to the normal interval.
            auto backoff = m_options.retry_base;
            for (int i = 1; i < failures && backoff < m_options.interval; ++i)
                backoff *= 2;
            delay = std::min(delay, backoff);
        }
        next_check = Clock::now() + delay;
        {
            std::lock_guard lock(m_mutex);
            m_status.last_check_at = unix_now();
            m_status.last_error = outcome.error;
            ++m_status.checks;
            m_checked_generation = std::max(m_checked_generation, generation);
        }
        m_worker.notify_progress();

        std::unique_lock lock(m_mutex);
        m_worker.sleep_until(lock, next_check, [&] { return m_check_generation != generation; });
    }
    std::lock_guard lock(m_mutex);
    m_status.running = false;
    m_worker.notify_progress();
}

}  // namespace lotsen
