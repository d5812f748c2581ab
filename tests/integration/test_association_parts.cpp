// Two associations keep their own parts of the region catalogue (issue 20, "Proof"), against the
// real hub on loopback: each publishes its own spreadsheet with `lotsen-hub publish` (the shipped
// examples in docs/examples/: Swedish headers and values, semicolons, one of them Windows-1252),
// `lotsen-hub serve` serves the result, and the kiosk's Updater takes each catalogue and applies it
// as KioskApp does. After the second association's update the kiosk has both; the command says what
// changed per association, refuses another association's rows and says how the file was read. A
// listing nobody checked for more than a year disappears from the next catalogue the kiosk takes.
#include "tests/integration/processes.hpp"

#include "core/storage/store.hpp"
#include "core/time/civil_time.hpp"
#include "core/update/apply_update.hpp"
#include "core/update/updater.hpp"
#include "core/wire/protocol.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto k_wait = 30s;  // a deadline for asynchronous outcomes, never a sleep

fs::path example(const std::string& name)
{
    return fs::path(LOTSEN_SOURCE_DIR) / "docs" / "examples" / name;
}

class AssociationPartsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        m_root = fs::temp_directory_path() / ("lotsen-parts-" + std::to_string(::getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_root);
        m_hub_dir = m_root / "hub";
        m_kiosk_dir = m_root / "kiosk";
        fs::create_directories(m_hub_dir);
        fs::create_directories(m_kiosk_dir);
        const CommandResult keygen = run_command({hub_program(), "keygen", "--out-dir", (m_root / "keys").string()});
        ASSERT_EQ(keygen.exit_code, 0) << keygen.output;
        std::string pub = read_file(m_root / "keys" / "publisher.pub");
        while (!pub.empty() && (pub.back() == '\n' || pub.back() == ' '))
            pub.pop_back();
        auto key = protocol::from_base64(pub, "publisher.pub", 32);
        ASSERT_TRUE(key) << key.error().text();
        std::copy(key.value().begin(), key.value().end(), m_publisher.begin());
        m_hub = std::make_unique<HubProcess>(m_hub_dir.string());
        ASSERT_GT(m_hub->port(), 0) << "lotsen-hub serve did not come up";
        auto store = Store::open((m_kiosk_dir / "lotsen.db").string());
        ASSERT_TRUE(store) << store.error().text();
        m_store = std::move(store).value();
    }

    void TearDown() override
    {
        m_updater.reset();
        m_hub.reset();
        m_store.reset();
        fs::remove_all(m_root);
    }

    CommandResult publish(const fs::path& file, std::vector<std::string> extra = {})
    {
        std::vector<std::string> argv{hub_program(), "publish", "catalogue", file.string(), "--data-dir",
                                      m_hub_dir.string(), "--key", (m_root / "keys" / "publisher.key").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run_command(argv);
    }

    /// Lets the kiosk check the hub and applies the catalogue it offers, as KioskApp does.
    void kiosk_takes_the_catalogue(std::int64_t version)
    {
        if (!m_updater) {
            UpdaterOptions o;
            o.url = "http://127.0.0.1:" + std::to_string(m_hub->port());
            o.data_dir = m_kiosk_dir.string();
            o.publisher_key = m_publisher;
            o.interval = 1h;
            o.retry_base = 1h;
            o.connect_timeout = 2s;
            o.manifest_timeout = 5s;
            o.low_speed_time = 5s;
            auto updater = Updater::create(o);
            ASSERT_TRUE(updater) << updater.error().text();
            m_updater = std::move(updater).value();
            m_updater->start();
            const auto give_up = std::chrono::steady_clock::now() + k_wait;
            while (m_updater->status().checks < 1 && std::chrono::steady_clock::now() < give_up)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        } else {
            ASSERT_TRUE(m_updater->check_and_wait(k_wait));
        }
        std::vector<ReadyUpdate> ready = m_updater->take_ready();
        ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error;
        ASSERT_EQ(ready[0].kind, manifest::Kind::catalogue);
        EXPECT_EQ(ready[0].entry.version, version);
        auto catalogue = read_catalogue_update(ready[0]);
        ASSERT_TRUE(catalogue) << catalogue.error().text();
        ASSERT_TRUE(store_catalogue_update(*m_store, catalogue.value(), ready[0], unix_now()));
        ASSERT_TRUE(m_updater->accepted(ready[0]));
    }

    bool kiosk_has(const std::string& association)
    {
        auto organisation = m_store->organisation(association);
        return organisation && organisation.value().has_value();
    }

    fs::path m_root;
    fs::path m_hub_dir;
    fs::path m_kiosk_dir;
    protocol::SigningPublicKey m_publisher{};
    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Updater> m_updater;
};

TEST_F(AssociationPartsTest, TwoAssociationsPublishSeparatelyAndTheKioskKeepsBoth)
{
    // The stickcafé's Windows-1252 spreadsheet with Swedish headers and values.
    const CommandResult first = publish(example("stickcafe.csv"));
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("stickcafe.csv: read as Windows-1252"), std::string::npos) << first.output;
    EXPECT_NE(first.output.find("association \"varberg-stickcafe\": new, 3 activities"), std::string::npos)
        << first.output;
    kiosk_takes_the_catalogue(1);
    EXPECT_TRUE(kiosk_has("varberg-stickcafe"));
    EXPECT_EQ(m_store->activity_count().value(), 3);

    // The chess club's own spreadsheet, published separately: the stickcafé stays.
    const CommandResult second = publish(example("schack.csv"));
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("association \"halmstad-schack\": new, 2 activities"), std::string::npos)
        << second.output;
    EXPECT_NE(second.output.find("untouched: \"varberg-stickcafe\""), std::string::npos) << second.output;
    EXPECT_EQ(second.output.find("Windows-1252"), std::string::npos) << second.output;
    kiosk_takes_the_catalogue(2);
    EXPECT_TRUE(kiosk_has("varberg-stickcafe"));
    EXPECT_TRUE(kiosk_has("halmstad-schack"));
    EXPECT_EQ(m_store->activity_count().value(), 5);
    auto organisation = m_store->organisation("varberg-stickcafe");
    ASSERT_TRUE(organisation && organisation.value());
    EXPECT_EQ(organisation.value()->name.get("sv"), "Stickcaféet i Varberg");  // read from Windows-1252
}

TEST_F(AssociationPartsTest, AnotherAssociationsRowsAndDroppingAnAssociationAreRefused)
{
    ASSERT_EQ(publish(example("stickcafe.csv")).exit_code, 0);
    ASSERT_EQ(publish(example("schack.csv")).exit_code, 0);
    const std::string manifest_before = read_file(m_hub_dir / "published" / "manifest.json");

    // The chess club's spreadsheet published as the stickcafé's part.
    const CommandResult wrong = publish(example("schack.csv"), {"--association", "varberg-stickcafe"});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("row 2, column 'förenings-id': \"halmstad-schack\" is another association"),
              std::string::npos)
        << wrong.output;

    // A whole catalogue holding only the chess club would drop the stickcafé.
    const fs::path region = m_root / "region.json";
    const std::string chess_only =
        R"({"format": "lotsen-catalogue", "format_version": 1, "version": 10,
            "organisations": [{"id": "halmstad-schack", "name": {"sv": "Halmstads schackklubb"}, "municipality": "Halmstad"}],
            "activities": [{"id": "schack-torsdag", "organisation": "halmstad-schack", "title": {"sv": "Schack"},
              "interests": ["games"], "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
              "place": {"address": "Storgatan 12", "town": "Halmstad"}}]})";
    ASSERT_TRUE(write_file(region, chess_only));
    const CommandResult dropped = publish(region);
    EXPECT_EQ(dropped.exit_code, 1) << dropped.output;
    EXPECT_NE(dropped.output.find("would remove association(s) \"varberg-stickcafe\" (3 activities)"), std::string::npos)
        << dropped.output;
    EXPECT_EQ(read_file(m_hub_dir / "published" / "manifest.json"), manifest_before);

    const CommandResult allowed = publish(region, {"--allow-removing-association", "varberg-stickcafe"});
    ASSERT_EQ(allowed.exit_code, 0) << allowed.output;
    EXPECT_NE(allowed.output.find("association \"varberg-stickcafe\": removed with its 3 activities"), std::string::npos)
        << allowed.output;
}

// Freshness (issue 20): a listing not checked for more than 365 days is not published. The commands
// run with their wall clock moved by libfaketime, never a sleep: the stickcafé publishes its
// spreadsheet 200 days ago, and the kiosk takes it with the date it was checked; 170 days from now
// the chess club publishes, which leaves the stickcafé's listings (370 days old) out, saying so per
// association; the next catalogue the kiosk takes has the chess club's listings and not the
// stickcafé's, whose association stays.
TEST_F(AssociationPartsTest, AStaleListingDisappearsFromTheNextCatalogueTheKioskTakes)
{
    constexpr const char* faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
    if (!fs::exists(faketime))
        GTEST_SKIP() << faketime << " is missing (Debian package libfaketime, which `make test` installs)";
    const auto publish_at = [&](const std::string& offset, const fs::path& file, const std::vector<std::string>& extra) {
        std::vector<std::string> argv{"/usr/bin/env", std::string("LD_PRELOAD=") + faketime, asan_options_allowing_preload(),
                                      "FAKETIME=" + offset, "FAKETIME_DONT_FAKE_MONOTONIC=1"};
        for (const std::string& word : {hub_program(), std::string("publish"), std::string("catalogue"), file.string(),
                                        std::string("--data-dir"), m_hub_dir.string(), std::string("--key"),
                                        (m_root / "keys" / "publisher.key").string()})
            argv.push_back(word);
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run_command(argv);
    };

    // 200 days ago, with an expiry that still holds today.
    const CommandResult first = publish_at("-200d", example("stickcafe.csv"), {"--expires-days", "366"});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    kiosk_takes_the_catalogue(1);
    EXPECT_EQ(m_store->activity_count().value(), 3);
    auto tuesday = m_store->activity("stickcafe-tisdag");
    ASSERT_TRUE(tuesday && tuesday.value());
    ASSERT_TRUE(tuesday.value()->last_checked);
    EXPECT_EQ(*tuesday.value()->last_checked, stockholm::to_local(unix_now() - 200 * 86400).date);

    const CommandResult second = publish_at("+170d", example("schack.csv"), {});
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("association \"varberg-stickcafe\": 3 listings not published, last checked more than "
                                 "365 days ago"),
              std::string::npos)
        << second.output;
    kiosk_takes_the_catalogue(2);
    EXPECT_TRUE(kiosk_has("halmstad-schack"));
    EXPECT_TRUE(kiosk_has("varberg-stickcafe"));
    EXPECT_EQ(m_store->activity_count().value(), 2);
    auto gone = m_store->activity("stickcafe-tisdag");
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone.value().has_value());
    // The association's part keeps its listings for when it checks them again.
    EXPECT_NE(read_file(m_hub_dir / "published" / "sources" / "varberg-stickcafe.json").find("stickcafe-tisdag"),
              std::string::npos);
}

}  // namespace
