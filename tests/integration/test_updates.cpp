// Updates against the real hub on loopback (issue 6, "Proof"): `lotsen-hub publish` signs and
// writes, `lotsen-hub serve` serves the manifest and files with ETags and byte ranges, and the
// kiosk's Updater polls, downloads, verifies and hands over; the catalogue and config are applied
// the way KioskApp applies them (read_catalogue_update then store_catalogue_update,
// read_config_update, the stored overlay). A download cut by the fault proxy resumes with a Range
// request. Every refusal — a tampered signature, a tampered file, an expired manifest, an older
// manifest replayed, a config that does not fit the kiosk — leaves the store, the config and the
// state as they were; a refused file is remembered and not downloaded again after a restart (the
// proxy counts the requests).
#include "tests/integration/fault_proxy.hpp"
#include "tests/integration/hub_kiosk_fixture.hpp"
#include "tests/integration/processes.hpp"
#include "tests/common/release_test_support.hpp"

#include "core/settings/admin_lock.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/time/civil_time.hpp"
#include "core/settings/config.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "core/release/release_manager.hpp"
#include "core/storage/store.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/update/updater.hpp"
#include "core/base/file.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto k_wait = k_hub_wait;

using lotsen::testing::read_file;

using lotsen::testing::write_file;

/// How many requests through `proxy` began with `request_line_start` ("GET /v1/files/<file> ").
int requests_for(const FaultProxy& proxy, const std::string& request_line_start)
{
    int count = 0;
    for (const std::string& head : proxy.request_heads()) {
        if (head.starts_with(request_line_start))
            ++count;
    }
    return count;
}

/// How many times the kiosk asked for published file `file` through `proxy`.
int file_requests(const FaultProxy& proxy, const std::string& file)
{
    return requests_for(proxy, "GET " + std::string(manifest::k_files_prefix) + file + " ");
}

class UpdatesTest : public HubKioskTest {
protected:
    std::string root_prefix() const override { return "lotsen-updates-"; }

    void SetUp() override
    {
        HubKioskTest::SetUp();
        if (HasFatalFailure())
            return;
        // The kiosk's state before any update: catalogue version 1 with 5 activities.
        ASSERT_TRUE(m_store->replace_catalogue(catalogue(1, 5), unix_now()));
    }

    static Catalogue catalogue(std::int64_t version, int activities)
    {
        return synthetic_catalogue(version, activities, std::max(1, activities / 10), static_cast<std::uint64_t>(version));
    }

    /// Publishes a file of `kind` with `lotsen-hub publish`; the command's output on failure.
    void publish(const std::string& kind, const fs::path& file, std::vector<std::string> extra = {})
    {
        const CommandResult result = publish_file(kind, file, std::move(extra));
        ASSERT_EQ(result.exit_code, 0) << result.output;
    }

    void publish_catalogue(std::int64_t version, int activities)
    {
        const fs::path file = m_root / ("catalogue-" + std::to_string(version) + ".json");
        write_file(file, catalogue_to_json(catalogue(version, activities)));
        publish("catalogue", file);
    }

    void publish_config(const std::string& toml, const std::string& name)
    {
        const fs::path file = m_root / (name + ".toml");
        write_file(file, toml);
        publish("config", file);
    }

    fs::path published() const { return m_hub_dir / "published"; }

    /// The hub's current manifest, verified.
    manifest::Manifest hub_manifest() const
    {
        auto verified = manifest::verify(read_file(published() / "manifest.json"), m_publisher);
        EXPECT_TRUE(verified) << verified.error().text();
        return verified ? verified.value() : manifest::Manifest{};
    }

    /// Starts an updater on `port` and waits for the check it makes at start.
    Updater& start_updater(int port, std::function<std::int64_t()> clock = {})
    {
        UpdaterOptions o = updater_options(port);
        o.clock = std::move(clock);
        return start_updater_with(o);
    }

    /// What the updater has ready after the last check (a check hands over before it ends).
    std::vector<ReadyUpdate> take_ready() { return m_updater->take_ready(); }

    /// Applies a ready config over `local` as KioskApp does; true when stored and accepted.
    bool apply_config(const KioskConfig& local, const ReadyUpdate& update)
    {
        auto read = read_config_update(local, local, update);
        if (!read) {
            m_updater->refused(update, read.error().text());
            return false;
        }
        EXPECT_TRUE(write_file_atomically(update_paths(m_kiosk_dir.string()).config_overlay, read.value().text));
        auto accepted = m_updater->accepted(update);
        EXPECT_TRUE(accepted) << accepted.error().text();
        return true;
    }

    /// The kiosk's state file as on disk.
    UpdateState state_on_disk() const
    {
        auto state = load_update_state(update_paths(m_kiosk_dir.string()).state);
        EXPECT_TRUE(state) << state.error().text();
        return state ? state.value() : UpdateState{};
    }

    void expect_old_catalogue()
    {
        EXPECT_EQ(m_store->catalogue_version().value(), 1);
        EXPECT_EQ(m_store->activity_count().value(), 5);
    }
};

const char* k_config_toml = R"(# The region's settings for every kiosk.
[admin]
pin_hash = "PIN_HASH"

[[help.contacts]]
name = { sv = "Regionens stödlinje", en = "The region's support line" }
number = "035-13 10 00"

[[help.contacts]]
name = { sv = "SOS Alarm" }
number = "112"
)";

}  // namespace

// ---------------------------------------------------------------------------------------------
// The whole cycle.

TEST_F(UpdatesTest, CatalogueAndConfigArePublishedPolledDownloadedVerifiedAndApplied)
{
    publish_catalogue(2, 40);
    auto pin_hash = hash_pin("97531");
    ASSERT_TRUE(pin_hash) << pin_hash.error().text();
    std::string toml = k_config_toml;
    toml.replace(toml.find("PIN_HASH"), 8, pin_hash.value());
    publish_config(toml, "region");
    const manifest::Manifest published_manifest = hub_manifest();
    ASSERT_TRUE(published_manifest.catalogue && published_manifest.config);

    Updater& updater = start_updater(m_hub->port());
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 2u) << updater.status().last_error << last_refusal();
    EXPECT_EQ(ready[0].kind, manifest::Kind::catalogue);
    EXPECT_EQ(ready[0].entry.version, 2);
    EXPECT_EQ(ready[1].kind, manifest::Kind::config);
    EXPECT_EQ(ready[1].entry.version, published_manifest.config->version);
    EXPECT_EQ(ready[1].entry.sha256, published_manifest.config->sha256);
    // Verified copies in ready/, nothing left in partial/.
    EXPECT_EQ(protocol::sha256(read_file(ready[0].path)), published_manifest.catalogue->sha256);
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).partial));

    // Nothing is applied until the UI thread does it: the old catalogue is still in use.
    expect_old_catalogue();
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    EXPECT_EQ(m_store->activity_count().value(), 40);

    KioskConfig local;
    local.town = "Falkenberg";
    local.admin_pin_hash = std::nullopt;
    ASSERT_TRUE(apply_config(local, ready[1]));
    auto running = load_with_config_overlay(local, m_kiosk_dir.string());  // what the next start reads
    ASSERT_TRUE(running) << running.error().text();
    EXPECT_EQ(running.value().admin_pin_hash, pin_hash.value());
    ASSERT_EQ(running.value().help_contacts.size(), 2u);
    EXPECT_EQ(running.value().help_contacts[0].number, "035-13 10 00");
    EXPECT_EQ(running.value().town, "Falkenberg");  // local keys the region did not set stay

    const UpdaterStatus status = updater.status();
    EXPECT_EQ(status.accepted.catalogue_version, 2);
    EXPECT_EQ(status.accepted.config_version, published_manifest.config->version);
    EXPECT_EQ(status.manifest_sequence, published_manifest.sequence);
    EXPECT_FALSE(status.last_refusal) << status.last_refusal->reason;
    const UpdateState state = state_on_disk();
    EXPECT_EQ(state.seen.sequence, published_manifest.sequence);
    EXPECT_EQ(state.seen.catalogue_version, 2);
    EXPECT_EQ(state.seen.config_version, published_manifest.config->version);
    EXPECT_FALSE(state.etag.empty());
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).ready));  // applied files are removed

    // Asked again: the manifest has not changed (304), and nothing is offered twice.
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_EQ(updater.status().not_modified, 1u);
    EXPECT_TRUE(take_ready().empty());

    // A restarted kiosk remembers what it accepted: still 304, still nothing to do.
    start_updater(m_hub->port());
    EXPECT_EQ(m_updater->status().not_modified, 1u);
    EXPECT_EQ(m_updater->status().accepted.catalogue_version, 2);
    EXPECT_TRUE(take_ready().empty());
}

TEST_F(UpdatesTest, ADownloadCutMidwayResumesWithARangeRequest)
{
    publish_catalogue(2, 400);
    const manifest::Entry entry = *hub_manifest().catalogue;
    ASSERT_GT(entry.size, 20'000u);
    const std::size_t cut = static_cast<std::size_t>(entry.size / 3);

    FaultProxy proxy(m_hub->port());
    Fault cut_reply;
    cut_reply.kind = Fault::Kind::cut_reply;
    cut_reply.cut_after = cut;
    proxy.script({Fault{}, cut_reply});  // the manifest gets through, the file is cut

    Updater& updater = start_updater(proxy.port());
    EXPECT_EQ(proxy.faults_left(), 0u);
    EXPECT_TRUE(take_ready().empty());
    EXPECT_NE(updater.status().last_error.find("resumes"), std::string::npos) << updater.status().last_error;
    const fs::path partial = fs::path(update_paths(m_kiosk_dir.string()).partial) / entry.file;
    ASSERT_TRUE(fs::exists(partial));
    EXPECT_EQ(fs::file_size(partial), cut);
    expect_old_catalogue();

    ASSERT_TRUE(updater.check_and_wait(k_wait));
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << updater.status().last_error << last_refusal();
    EXPECT_EQ(updater.status().resumed, 1u);
    EXPECT_EQ(updater.status().last_error, "");

    // The second file request asked for the rest only.
    const std::vector<std::string> heads = proxy.request_heads();
    std::vector<std::string> file_requests;
    for (const std::string& head : heads) {
        if (head.starts_with("GET /v1/files/"))
            file_requests.push_back(head);
    }
    ASSERT_EQ(file_requests.size(), 2u);
    EXPECT_EQ(file_requests[0].find("Range:"), std::string::npos) << file_requests[0];
    EXPECT_NE(file_requests[1].find("Range: bytes=" + std::to_string(cut) + "-\r\n"), std::string::npos)
        << file_requests[1];

    // Stitched together, the file is the published one, and it applies.
    EXPECT_EQ(protocol::sha256(read_file(ready[0].path)), entry.sha256);
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    EXPECT_EQ(m_store->activity_count().value(), 400);
}

TEST_F(UpdatesTest, AReleaseIsHandedToTheReleaseManagerAndARestartRequested)
{
    testing_support::TarWriter bundle;
    bundle.file("RELEASE", "0.9.0\n");
    bundle.file("bin/lotsen", "#!/bin/sh\nexit 0\n", 0755);
    const fs::path file = m_root / "lotsen-0.9.0.tar.gz";
    write_file(file, bundle.gzipped());
    publish("release", file);
    const manifest::Entry entry = *hub_manifest().release;

    // Without a release manager the entry is left alone.
    Updater& without = start_updater(m_hub->port());
    EXPECT_FALSE(without.status().restart_requested);
    EXPECT_EQ(without.status().accepted.release_version, 0);
    EXPECT_TRUE(take_ready().empty());

    auto releases = ReleaseManager::open(m_kiosk_dir.string());
    ASSERT_TRUE(releases) << releases.error().text();
    m_updater.reset();
    UpdaterOptions o = updater_options();
    o.releases = releases.value().get();
    auto updater = Updater::create(o);
    ASSERT_TRUE(updater) << updater.error().text();
    m_updater = std::move(updater).value();
    m_updater->start();
    ASSERT_TRUE(m_updater->check_and_wait(k_wait));
    const UpdaterStatus status = m_updater->status();
    EXPECT_TRUE(status.restart_requested) << status.last_error << last_refusal();
    EXPECT_EQ(status.accepted.release_version, entry.version);
    EXPECT_EQ(status.release_name, "0.9.0");
    EXPECT_EQ(state_on_disk().seen.release_version, entry.version);
    EXPECT_TRUE(take_ready().empty());  // releases never go to the UI thread
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).ready));
    const ReleaseManager::Report report = releases.value()->report();
    ASSERT_EQ(report.installed.size(), 1u);
    EXPECT_NE(report.installed[0].find("0.9.0"), std::string::npos) << report.installed[0];
    m_updater.reset();  // before the release manager it uses
}

// ---------------------------------------------------------------------------------------------
// Refusals: each leaves the old state running.

TEST_F(UpdatesTest, ATamperedManifestSignatureIsRefused)
{
    publish_catalogue(2, 40);
    const fs::path path = published() / "manifest.json";
    auto file = nlohmann::json::parse(read_file(path));
    std::string signature = file["signature"].get<std::string>();
    signature[10] = signature[10] == 'A' ? 'B' : 'A';
    file["signature"] = signature;
    write_file(path, file.dump(2));

    Updater& updater = start_updater(m_hub->port());
    EXPECT_NE(last_refusal().find("signature does not verify"), std::string::npos) << last_refusal();
    EXPECT_TRUE(take_ready().empty());
    EXPECT_EQ(updater.status().accepted, manifest::Seen{});
    EXPECT_EQ(state_on_disk(), UpdateState{});  // not even the sequence was believed
    expect_old_catalogue();
}

TEST_F(UpdatesTest, AFileChangedOnTheHubsDiskNeverReplacesTheCatalogue)
{
    publish_catalogue(2, 40);
    const manifest::Entry entry = *hub_manifest().catalogue;
    const fs::path file = published() / "files" / entry.file;
    std::string bytes = read_file(file);
    ASSERT_EQ(bytes.size(), entry.size);
    // Same size, one letter changed inside a text: still valid JSON, no longer what was signed.
    const std::size_t at = bytes.find("\"title\"");
    ASSERT_NE(at, std::string::npos);
    const std::size_t letter = bytes.find_first_of("abcdefghijklmnopqrstuvwxyz", at + 12);
    bytes[letter] = bytes[letter] == 'x' ? 'y' : 'x';
    write_file(file, bytes);

    // lotsen-hub itself notices (it will not serve a file whose bytes do not match its name); the
    // kiosk keeps trying later and changes nothing meanwhile.
    Updater& updater = start_updater(m_hub->port());
    EXPECT_NE(updater.status().last_error.find("HTTP 500"), std::string::npos) << updater.status().last_error;
    EXPECT_TRUE(take_ready().empty());
    EXPECT_EQ(updater.status().accepted.catalogue_version, 0);
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).partial));
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).ready));
    expect_old_catalogue();
}

TEST_F(UpdatesTest, AFileChangedOnTheWayIsRefusedByItsHash)
{
    publish_catalogue(2, 40);
    // A web server or cache between hub and kiosk (which the kiosk cannot tell from the hub) hands
    // out changed bytes: the kiosk's own SHA-256 check is what stops them.
    FaultProxy proxy(m_hub->port());
    Fault corrupt;
    corrupt.kind = Fault::Kind::corrupt_body;
    proxy.script({Fault{}, corrupt});

    Updater& updater = start_updater(proxy.port());
    EXPECT_EQ(proxy.faults_left(), 0u);
    EXPECT_NE(last_refusal().find("SHA-256 of the download"), std::string::npos) << last_refusal() << updater.status().last_error;
    EXPECT_TRUE(take_ready().empty());
    EXPECT_EQ(updater.status().accepted.catalogue_version, 0);
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).partial));  // the bad bytes are gone
    EXPECT_TRUE(fs::is_empty(update_paths(m_kiosk_dir.string()).ready));
    expect_old_catalogue();

    // The next check fetches it whole again, verified this time, and it applies.
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << updater.status().last_error;
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
}

TEST_F(UpdatesTest, AnExpiredManifestIsRefused)
{
    publish_catalogue(2, 40);
    const std::int64_t expires_at = hub_manifest().expires_at;
    // The kiosk's clock is past the expiry (a hub frozen on an old manifest looks just like this).
    Updater& updater = start_updater(m_hub->port(), [expires_at] { return expires_at + 60; });
    EXPECT_NE(last_refusal().find("expired"), std::string::npos) << last_refusal();
    EXPECT_TRUE(take_ready().empty());
    EXPECT_EQ(updater.status().accepted, manifest::Seen{});
    EXPECT_EQ(state_on_disk().seen.sequence, 0);
    expect_old_catalogue();
}

TEST_F(UpdatesTest, AnOlderManifestReplayedIsRefused)
{
    publish_catalogue(2, 40);
    const std::string old_manifest = read_file(published() / "manifest.json");
    publish_catalogue(3, 60);
    const std::int64_t newer_sequence = hub_manifest().sequence;

    Updater& updater = start_updater(m_hub->port());
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << last_refusal();
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 3);

    // Someone puts the old (validly signed) manifest back on the hub.
    write_file(published() / "manifest.json", old_manifest);
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_NE(last_refusal().find("older than"), std::string::npos) << last_refusal();
    EXPECT_TRUE(take_ready().empty());
    EXPECT_EQ(m_store->catalogue_version().value(), 3);
    EXPECT_EQ(m_store->activity_count().value(), 60);
    EXPECT_EQ(state_on_disk().seen.sequence, newer_sequence);
    EXPECT_EQ(state_on_disk().seen.catalogue_version, 3);
}

TEST_F(UpdatesTest, AConfigThatDoesNotFitThisKioskIsRefused)
{
    // Valid on its own (the hub accepts it), but this kiosk offers only Swedish: the overlay's
    // default language is not one of its languages.
    publish_config("[kiosk]\ndefault_language = \"en\"\nidle_prompt_seconds = 30\n", "english");
    KioskConfig local;
    local.languages = {"sv"};

    Updater& updater = start_updater(m_hub->port());
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << last_refusal();
    EXPECT_FALSE(apply_config(local, ready[0]));
    EXPECT_NE(last_refusal().find("kiosk.default_language \"en\" is not in kiosk.languages"), std::string::npos)
        << last_refusal();
    EXPECT_FALSE(fs::exists(update_paths(m_kiosk_dir.string()).config_overlay));
    auto running = load_with_config_overlay(local, m_kiosk_dir.string());
    ASSERT_TRUE(running);
    EXPECT_EQ(running.value().idle_prompt_seconds, KioskConfig{}.idle_prompt_seconds);
    EXPECT_EQ(updater.status().accepted.config_version, 0);
    EXPECT_EQ(state_on_disk().seen.config_version, 0);

    // The refused version is not fetched and offered again.
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_TRUE(take_ready().empty());
}

// ---------------------------------------------------------------------------------------------
// A refusal is remembered (state.json): the same file is never downloaded again, also not after a
// restart, while a new version — or other bytes under the same version — is.

TEST_F(UpdatesTest, ARefusedConfigIsNotDownloadedAgainAfterARestartAndAFixedRepublishIsApplied)
{
    // This kiosk's own lotsen.toml offers Swedish only.
    const fs::path local_file = m_root / "kiosk-lotsen.toml";
    write_file(local_file, "[kiosk]\nlanguages = [\"sv\"]\n");
    auto local = load_kiosk_config(local_file.string());
    ASSERT_TRUE(local) << local.error().text();
    // Fine on its own, so a publish without --base takes it; over this kiosk's file it does not fit.
    publish_config("[kiosk]\ndefault_language = \"en\"\nidle_prompt_seconds = 30\n", "english");
    const manifest::Entry misfit = *hub_manifest().config;

    FaultProxy proxy(m_hub->port());  // forwards everything; counts what the kiosk asks for
    start_updater(proxy.port());
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << last_refusal();
    EXPECT_FALSE(apply_config(local.value(), ready[0]));
    const std::string reason = last_refusal();
    EXPECT_NE(reason.find("kiosk.default_language \"en\" is not in kiosk.languages"), std::string::npos) << reason;
    EXPECT_EQ(file_requests(proxy, misfit.file), 1);
    // On disk at once: a power cut now must not bring the download back either.
    UpdateState state = state_on_disk();
    ASSERT_EQ(state.refused.size(), 1u);
    EXPECT_EQ(state.refused[0].kind, manifest::Kind::config);
    EXPECT_EQ(state.refused[0].version, misfit.version);
    EXPECT_EQ(state.refused[0].sha256, misfit.sha256);

    // The kiosk restarts: a new updater over the same data directory. It checks the manifest at start
    // and when asked, never asks for the refused file, and still shows the refusal.
    const std::string manifest_request = "GET " + std::string(manifest::k_manifest_path) + " ";
    const int manifest_requests = requests_for(proxy, manifest_request);
    Updater& restarted = start_updater(proxy.port());
    ASSERT_TRUE(restarted.check_and_wait(k_wait));
    EXPECT_EQ(requests_for(proxy, manifest_request), manifest_requests + 2);
    EXPECT_EQ(file_requests(proxy, misfit.file), 1);
    EXPECT_TRUE(take_ready().empty());
    ASSERT_TRUE(restarted.status().last_refusal);
    EXPECT_EQ(restarted.status().last_refusal->reason, reason);
    EXPECT_EQ(restarted.status().accepted.config_version, 0);

    // `publish config --base` with this kiosk's file refuses the same file with the kiosk's words …
    const CommandResult caught =
        run_command({hub_program(), "publish", "config", (m_root / "english.toml").string(), "--base", local_file.string(),
                     "--data-dir", m_hub_dir.string(), "--key", (m_root / "keys" / "publisher.key").string()});
    EXPECT_EQ(caught.exit_code, 1) << caught.output;
    EXPECT_NE(caught.output.find("kiosk.default_language \"en\" is not in kiosk.languages"), std::string::npos)
        << caught.output;
    EXPECT_EQ(hub_manifest().config->version, misfit.version);
    // … and lets the fix through, as a new version, which the kiosk fetches and applies.
    const fs::path fixed = m_root / "fixed.toml";
    write_file(fixed, "[kiosk]\nidle_prompt_seconds = 30\n");
    publish("config", fixed, {"--base", local_file.string()});
    const manifest::Entry repaired = *hub_manifest().config;
    ASSERT_GT(repaired.version, misfit.version);
    ASSERT_TRUE(restarted.check_and_wait(k_wait));
    ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << restarted.status().last_error << last_refusal();
    EXPECT_EQ(ready[0].entry.version, repaired.version);
    ASSERT_TRUE(apply_config(local.value(), ready[0]));
    auto running = load_with_config_overlay(local.value(), m_kiosk_dir.string());
    ASSERT_TRUE(running) << running.error().text();
    EXPECT_EQ(running.value().idle_prompt_seconds, 30);
    EXPECT_EQ(file_requests(proxy, repaired.file), 1);
    EXPECT_EQ(file_requests(proxy, misfit.file), 1);
    // The refused version is below the accepted one now: nothing is left to remember.
    state = state_on_disk();
    EXPECT_EQ(state.seen.config_version, repaired.version);
    EXPECT_TRUE(state.refused.empty());
}

TEST_F(UpdatesTest, ARememberedRefusalIsOfThatFileOnlyOtherBytesUnderTheSameVersionAreTried)
{
    KioskConfig local;
    local.languages = {"sv"};
    publish_config("[kiosk]\ndefault_language = \"en\"\n", "english");
    const manifest::Manifest first = hub_manifest();
    start_updater(m_hub->port());
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << last_refusal();
    EXPECT_FALSE(apply_config(local, ready[0]));
    ASSERT_EQ(state_on_disk().refused.size(), 1u);

    // The region's publisher signs a manifest whose config has the same version but other bytes (a
    // publishing machine that started again from an older copy of the published directory can do it).
    const std::string other = "[kiosk]\nidle_prompt_seconds = 40\n";
    manifest::Manifest next = first;
    next.sequence = first.sequence + 1;
    next.config->sha256 = protocol::sha256(other);
    next.config->size = other.size();
    next.config->file = protocol::to_hex(next.config->sha256) + ".toml";
    ASSERT_EQ(next.config->version, first.config->version);
    write_file(published() / "files" / next.config->file, other);
    auto publisher = protocol::load_or_create_key_pair((m_root / "keys" / "publisher.key").string());
    ASSERT_TRUE(publisher) << publisher.error().text();
    write_file(published() / "manifest.json", manifest::sign(next, publisher.value()));

    start_updater(m_hub->port());  // a restart, as in the kiosk's life
    ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error << last_refusal();
    EXPECT_EQ(ready[0].entry.sha256, next.config->sha256);
    ASSERT_TRUE(apply_config(local, ready[0]));
    auto running = load_with_config_overlay(local, m_kiosk_dir.string());
    ASSERT_TRUE(running) << running.error().text();
    EXPECT_EQ(running.value().idle_prompt_seconds, 40);
}

TEST_F(UpdatesTest, AFileThatArrivesChangedTwiceIsNotDownloadedAgainNotEvenAfterARestart)
{
    publish_catalogue(2, 40);
    const manifest::Entry entry = *hub_manifest().catalogue;
    // Something on the way keeps handing out changed bytes, for the first two file requests.
    FaultProxy proxy(m_hub->port());
    Fault corrupt;
    corrupt.kind = Fault::Kind::corrupt_body;
    proxy.script({Fault{}, corrupt, Fault{}, corrupt});

    Updater& updater = start_updater(proxy.port());
    // Once may be the way there: it is fetched again at the next check, and not remembered yet.
    EXPECT_NE(last_refusal().find("downloaded again at the next check"), std::string::npos) << last_refusal();
    EXPECT_TRUE(state_on_disk().refused.empty());
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_EQ(proxy.faults_left(), 0u);
    EXPECT_NE(last_refusal().find("SHA-256 of the download"), std::string::npos) << last_refusal();
    EXPECT_NE(last_refusal().find("not downloaded again"), std::string::npos) << last_refusal();
    ASSERT_EQ(state_on_disk().refused.size(), 1u);
    EXPECT_EQ(state_on_disk().refused[0].sha256, entry.sha256);
    EXPECT_EQ(file_requests(proxy, entry.file), 2);

    // Neither the next check nor a restart asks for it again (the proxy would pass it intact now).
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    start_updater(proxy.port());
    EXPECT_EQ(file_requests(proxy, entry.file), 2);
    EXPECT_TRUE(take_ready().empty());
    expect_old_catalogue();

    // The region publishes again (a new version): fetched, verified and applied.
    publish_catalogue(3, 50);
    const manifest::Entry fresh = *hub_manifest().catalogue;
    ASSERT_TRUE(m_updater->check_and_wait(k_wait));
    std::vector<ReadyUpdate> ready = take_ready();
    ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error << last_refusal();
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 3);
    EXPECT_EQ(file_requests(proxy, fresh.file), 1);
    EXPECT_TRUE(state_on_disk().refused.empty());
}
