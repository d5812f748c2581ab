// Formats that grow, against the real `lotsen-hub serve` on loopback (issue 13, "Proof"): manifests
// signed here with a test publisher key and served from the hub's published directory as `publish`
// would leave it. A kiosk takes the newest entry whose file format it reads — the format-1 catalogue
// listed beside a format-2 one is downloaded, handed over and applied (read_catalogue_update, then
// the store) — and refuses a format it reads in no entry with a message, downloading nothing and
// remembering the refusal until its own software version changes. Members it does not know are
// ignored, and said once per manifest in the log. A fault proxy that forwards everything counts the
// kiosk's requests.
#include "tests/integration/fault_proxy.hpp"
#include "tests/integration/hub_kiosk_fixture.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/storage/store.hpp"
#include "core/time/civil_time.hpp"
#include "core/update/updater.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto k_wait = k_hub_wait;

/// How often `needle` occurs in `text`.
int occurrences(const std::string& text, const std::string& needle)
{
    int count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

/// A manifest file whose payload is exactly `payload`, signed by `publisher` as manifest::sign signs.
std::string sign_payload(const std::string& payload, const protocol::SigningKeyPair& publisher)
{
    const std::string message = "LOTSEN-MANIFEST-V1\n" + payload;
    protocol::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         publisher.secret_key.data());
    return nlohmann::json{{"payload", protocol::to_base64(std::vector<std::uint8_t>(payload.begin(), payload.end()))},
                          {"signature", protocol::to_base64(signature)}}
               .dump(2) +
           "\n";
}

class UpdateFormatsTest : public HubKioskTest {
protected:
    std::string root_prefix() const override { return "lotsen-update-formats-"; }

    void SetUp() override
    {
        HubKioskTest::SetUp();
        if (HasFatalFailure())
            return;
        fs::create_directories(m_hub_dir / "published" / "files");
        // The manifests are signed here, with the key `lotsen-hub keygen` made for the fixture.
        auto signer = protocol::load_or_create_key_pair((keys_dir() / "publisher.key").string());
        ASSERT_TRUE(signer) << signer.error().text();
        m_signer = signer.value();
        m_proxy = std::make_unique<FaultProxy>(m_hub->port());  // forwards everything; counts the requests

        // The kiosk before any update: catalogue version 1 with 5 activities.
        ASSERT_TRUE(m_store->replace_catalogue(catalogue(1, 5), unix_now()));
    }

    void TearDown() override
    {
        m_updater.reset();
        m_proxy.reset();
        HubKioskTest::TearDown();
    }

    static Catalogue catalogue(std::int64_t version, int activities)
    {
        return synthetic_catalogue(version, activities, std::max(1, activities / 10), static_cast<std::uint64_t>(version));
    }

    /// Catalogue JSON of `activities` activities whose "format_version" says `format`.
    static std::string catalogue_file(std::int64_t version, int activities, std::int64_t format)
    {
        std::string json = catalogue_to_json(catalogue(version, activities));
        const std::string written = "\"format_version\": 1";
        const std::size_t at = json.find(written);
        EXPECT_NE(at, std::string::npos);
        if (at != std::string::npos)
            json.replace(at, written.size(), "\"format_version\": " + std::to_string(format));
        return json;
    }

    /// Puts `bytes` into the hub's files/ and returns the manifest entry naming them.
    manifest::Entry serve_file(const std::string& bytes, std::int64_t version, std::int64_t format,
                               const std::string& name = "")
    {
        manifest::Entry entry;
        entry.version = version;
        entry.name = name;
        entry.size = bytes.size();
        entry.sha256 = protocol::sha256(bytes);
        entry.file = protocol::to_hex(entry.sha256) + ".json";
        entry.published_at = unix_now();
        entry.format = format;
        EXPECT_TRUE(write_file(m_hub_dir / "published" / "files" / entry.file, bytes));
        return entry;
    }

    /// A manifest of `sequence`, valid for a day.
    static manifest::Manifest manifest_of(std::int64_t sequence)
    {
        manifest::Manifest m;
        m.sequence = sequence;
        m.issued_at = unix_now() - 60;
        m.expires_at = unix_now() + 86400;
        return m;
    }

    /// Serves `file` as the hub's manifest.json.
    void serve_manifest_file(const std::string& file)
    {
        ASSERT_TRUE(write_file_atomically((m_hub_dir / "published" / "manifest.json").string(), file));
    }
    void serve_manifest(const manifest::Manifest& m) { serve_manifest_file(manifest::sign(m, m_signer)); }

    /// Starts an updater of `software_version` through the proxy and waits for the check it makes at start.
    Updater& start_updater(const std::string& software_version)
    {
        UpdaterOptions o = updater_options(m_proxy->port());
        o.software_version = software_version;
        return start_updater_with(o);
    }

    /// How many times the kiosk asked for published file `file`.
    int file_requests(const std::string& file) const
    {
        const std::string start = "GET " + std::string(manifest::k_files_prefix) + file + " ";
        int count = 0;
        for (const std::string& head : m_proxy->request_heads())
            count += head.starts_with(start) ? 1 : 0;
        return count;
    }

    UpdateState state_on_disk() const
    {
        auto state = load_update_state(update_paths(m_kiosk_dir.string()).state);
        EXPECT_TRUE(state) << state.error().text();
        return state ? state.value() : UpdateState{};
    }


    protocol::SigningKeyPair m_signer;
    std::unique_ptr<FaultProxy> m_proxy;
};

}  // namespace

TEST_F(UpdateFormatsTest, TheFormatOneCatalogueListedBesideAFormatTwoOneIsDownloadedAndApplied)
{
    const manifest::Entry newer = serve_file(catalogue_file(9, 40, 2), 9, 2, "Spring");
    const manifest::Entry older = serve_file(catalogue_file(8, 30, 1), 8, 1, "Spring (format 1)");
    manifest::Manifest m = manifest_of(1);
    m.catalogue = newer;
    m.previous_major.catalogue = older;
    serve_manifest(m);

    ::testing::internal::CaptureStderr();
    Updater& updater = start_updater("0.0.1");
    std::vector<ReadyUpdate> ready = updater.take_ready();
    ASSERT_EQ(ready.size(), 1u) << updater.status().last_error << last_refusal();
    EXPECT_EQ(ready[0].kind, manifest::Kind::catalogue);
    EXPECT_EQ(ready[0].entry.version, 8);
    EXPECT_EQ(ready[0].entry.format, 1);
    EXPECT_EQ(protocol::sha256(read_file(ready[0].path)), older.sha256);
    EXPECT_EQ(file_requests(older.file), 1);
    EXPECT_EQ(file_requests(newer.file), 0);  // the format it does not read is never fetched

    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 8);
    EXPECT_EQ(m_store->activity_count().value(), 30);
    const UpdaterStatus status = updater.status();
    EXPECT_EQ(status.accepted.catalogue_version, 8);
    EXPECT_EQ(status.catalogue_name, "Spring (format 1)");
    EXPECT_FALSE(status.last_refusal) << status.last_refusal->reason;  // taking the older major is no refusal

    // The same manifest again (304): nothing more is fetched, nothing refused as a rollback (9 is listed).
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_EQ(updater.status().not_modified, 1u);
    EXPECT_TRUE(updater.take_ready().empty());
    EXPECT_FALSE(updater.status().last_refusal);
    EXPECT_EQ(file_requests(newer.file), 0);
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "lotsen: catalogue 9 \"Spring\" is format 2, newer than this kiosk reads (1); it takes "
                               "catalogue 8 \"Spring (format 1)\" (format 1) listed beside it"),
              1)
        << log;
    EXPECT_EQ(state_on_disk().seen.catalogue_version, 8);
}

TEST_F(UpdateFormatsTest, ANewerMajorAloneIsRefusedRememberedAndTriedAgainOnceTheSoftwareChanges)
{
    const manifest::Entry newer = serve_file(catalogue_file(9, 40, 2), 9, 2, "Spring");
    manifest::Manifest m = manifest_of(1);
    m.catalogue = newer;
    serve_manifest(m);

    Updater& updater = start_updater("0.0.1");
    EXPECT_EQ(last_refusal(), "catalogue 9 \"Spring\" is format 2, newer than this kiosk (lotsen 0.0.1) reads (1); "
                              "upgrade this kiosk, or publish format 1 beside it (docs/updates.md)");
    EXPECT_TRUE(updater.take_ready().empty());
    EXPECT_EQ(file_requests(newer.file), 0);
    UpdateState state = state_on_disk();
    ASSERT_EQ(state.refused.size(), 1u);
    EXPECT_EQ(state.refused[0].version, 9);
    EXPECT_EQ(state.refused[0].sha256, newer.sha256);
    EXPECT_EQ(state.refused[0].software, "0.0.1");
    EXPECT_EQ(state.seen.catalogue_version, 0);
    EXPECT_EQ(m_store->catalogue_version().value(), 1);  // the old catalogue stays

    // Remembered: neither the next check nor a restart of the same software refuses it anew.
    ::testing::internal::CaptureStderr();
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    start_updater("0.0.1");
    ASSERT_TRUE(m_updater->check_and_wait(k_wait));
    std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "update refused"), 0) << log;
    EXPECT_EQ(state_on_disk().refused, state.refused);

    // Upgraded software forgets the refusal and looks at the entry again (this build still reads
    // format 1 only, so it is refused anew, now in the new version's name).
    ::testing::internal::CaptureStderr();
    start_updater("0.0.2");
    log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "forgot 1 remembered update refusal(s) made by other software than this (lotsen 0.0.2); "
                               "those files will be tried again"),
              1)
        << log;
    EXPECT_EQ(occurrences(log, "update refused: catalogue 9 \"Spring\" is format 2, newer than this kiosk (lotsen 0.0.2)"), 1)
        << log;
    state = state_on_disk();
    ASSERT_EQ(state.refused.size(), 1u);
    EXPECT_EQ(state.refused[0].software, "0.0.2");
    EXPECT_EQ(file_requests(newer.file), 0);

    // The region publishes format 1 beside it: that one is taken and applied.
    const manifest::Entry older = serve_file(catalogue_file(10, 30, 1), 10, 1);
    m.sequence = 2;
    m.previous_major.catalogue = older;
    serve_manifest(m);
    ASSERT_TRUE(m_updater->check_and_wait(k_wait));
    std::vector<ReadyUpdate> ready = m_updater->take_ready();
    ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error << last_refusal();
    EXPECT_EQ(ready[0].entry.version, 10);
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 10);
    EXPECT_EQ(m_store->activity_count().value(), 30);
    EXPECT_EQ(file_requests(newer.file), 0);
    EXPECT_TRUE(state_on_disk().refused.empty());  // 9 is below the accepted 10: nothing left to remember
}

TEST_F(UpdateFormatsTest, AFileRefusedByOtherSoftwareIsDownloadedAgain)
{
    const manifest::Entry entry = serve_file(catalogue_file(2, 20, 1), 2, 1);
    manifest::Manifest m = manifest_of(1);
    m.catalogue = entry;
    serve_manifest(m);

    // Software 0.0.1 refuses the file for what it is (as a stricter reader would).
    Updater& first = start_updater("0.0.1");
    std::vector<ReadyUpdate> ready = first.take_ready();
    ASSERT_EQ(ready.size(), 1u) << first.status().last_error << last_refusal();
    first.refused(ready[0], "catalogue 2: refused by this test's 0.0.1");
    EXPECT_EQ(file_requests(entry.file), 1);

    // The same software after a restart: not downloaded again.
    start_updater("0.0.1");
    EXPECT_TRUE(m_updater->take_ready().empty());
    EXPECT_EQ(file_requests(entry.file), 1);
    ASSERT_EQ(state_on_disk().refused.size(), 1u);

    // Software 0.0.2 on the same data directory: forgotten, downloaded again, and applied.
    Updater& upgraded = start_updater("0.0.2");
    ready = upgraded.take_ready();
    ASSERT_EQ(ready.size(), 1u) << upgraded.status().last_error << last_refusal();
    EXPECT_EQ(file_requests(entry.file), 2);
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    EXPECT_EQ(m_store->activity_count().value(), 20);
    EXPECT_TRUE(state_on_disk().refused.empty());
}

TEST_F(UpdateFormatsTest, MembersThisKioskDoesNotKnowAreIgnoredTheFilesTakenAndTheLogSaysItOnce)
{
    const manifest::Entry entry = serve_file(catalogue_file(2, 20, 1), 2, 1);
    manifest::Manifest m = manifest_of(1);
    m.catalogue = entry;
    nlohmann::json payload = nlohmann::json::parse(manifest::encode_payload(m));
    payload["format_minor"] = 2;  // a newer minor of format 1
    payload["mirrors"] = {"https://cdn.example/v1/"};
    payload["catalogue"]["image_pack"] = "abc";
    serve_manifest_file(sign_payload(payload.dump(2), m_signer));

    ::testing::internal::CaptureStderr();
    Updater& updater = start_updater(LOTSEN_VERSION);
    std::vector<ReadyUpdate> ready = updater.take_ready();
    ASSERT_EQ(ready.size(), 1u) << updater.status().last_error << last_refusal();
    ASSERT_TRUE(apply_catalogue(ready[0]));
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    EXPECT_EQ(m_store->activity_count().value(), 20);
    EXPECT_FALSE(updater.status().last_refusal);
    // Polled again (304, the same sequence): nothing more is said.
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_EQ(updater.status().not_modified, 2u);
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "ignored members this kiosk does not know"), 1) << log;
    EXPECT_EQ(occurrences(log, "lotsen: manifest 1: ignored members this kiosk does not know: payload.mirrors, "
                               "payload.catalogue.image_pack\n"),
              1)
        << log;
}

TEST_F(UpdateFormatsTest, ACatalogueAndAConfigOfANewerMinorAreAppliedAndWhatTheyAddLoggedOnce)
{
    // What a newer hub publishes for a newer kiosk: a catalogue 1.9 with a member on every activity
    // and a config 1.3 with a key this kiosk does not know.
    nlohmann::ordered_json catalogue = nlohmann::ordered_json::parse(catalogue_file(3, 20, 1));
    catalogue["format_minor"] = 9;
    for (auto& activity : catalogue["activities"])
        activity["sign_up_url"] = "https://example.org/anmalan";
    const manifest::Entry catalogue_entry = serve_file(catalogue.dump(2), 3, 1, "Vinter");
    const std::string config = "format_version = 1\nformat_minor = 3\n\n[kiosk]\ntown = \"Laholm\"\n\n"
                               "[screen]\nbrightness = 80\n";
    const manifest::Entry config_entry = serve_file(config, 4, 1, "Laholm");
    manifest::Manifest m = manifest_of(1);
    m.catalogue = catalogue_entry;
    m.config = config_entry;
    serve_manifest(m);

    ::testing::internal::CaptureStderr();
    Updater& updater = start_updater(LOTSEN_VERSION);
    std::vector<ReadyUpdate> ready = updater.take_ready();
    ASSERT_EQ(ready.size(), 2u) << updater.status().last_error << last_refusal();
    for (const ReadyUpdate& update : ready) {
        if (update.kind == manifest::Kind::catalogue) {
            ASSERT_TRUE(apply_catalogue(update)) << last_refusal();
        } else {
            ASSERT_EQ(update.kind, manifest::Kind::config);
            auto read = read_config_update(KioskConfig{}, KioskConfig{}, update);
            ASSERT_TRUE(read) << read.error().text();
            EXPECT_EQ(read.value().config.town, "Laholm");  // the keys it knows are in force
            ASSERT_TRUE(updater.accepted(update));
        }
    }
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(m_store->catalogue_version().value(), 3);
    EXPECT_EQ(m_store->activity_count().value(), 20);
    EXPECT_FALSE(updater.status().last_refusal) << last_refusal();
    EXPECT_EQ(state_on_disk().seen.catalogue_version, 3);
    EXPECT_EQ(state_on_disk().seen.config_version, 4);
    EXPECT_EQ(occurrences(log, "lotsen: catalogue 3 \"Vinter\": ignored members this kiosk does not know: "
                               "$.activities[].sign_up_url (20 times)\n"),
              1)
        << log;
    EXPECT_EQ(occurrences(log, "lotsen: config 4 \"Laholm\": ignored members this kiosk does not know: screen.brightness\n"), 1)
        << log;
}
