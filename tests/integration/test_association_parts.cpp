// Two associations keep their own parts of the region catalogue (issue 20, "Proof"), against the
// real hub on loopback: each publishes its own spreadsheet with `lotsen-hub publish` (the shipped
// examples in docs/examples/: Swedish headers and values, semicolons, one of them Windows-1252),
// `lotsen-hub serve` serves the result, and the kiosk's Updater takes each catalogue and applies it
// as KioskApp does. After the second association's update the kiosk has both; the command says what
// changed per association, refuses another association's rows and says how the file was read; the
// chess club's "we need / we offer" (catalogue format 1.5) arrive with its part. A
// listing nobody checked for more than a year disappears from the next catalogue the kiosk takes.
#include "tests/integration/hub_kiosk_fixture.hpp"

#include "core/time/civil_time.hpp"
#include "core/wire/manifest.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;

namespace {

fs::path example(const std::string& name)
{
    return fs::path(LOTSEN_SOURCE_DIR) / "docs" / "examples" / name;
}

class AssociationPartsTest : public HubKioskTest {
protected:
    std::string root_prefix() const override { return "lotsen-parts-"; }

    CommandResult publish(const fs::path& file, std::vector<std::string> extra = {})
    {
        return publish_file("catalogue", file, std::move(extra));
    }

    /// Lets the kiosk check the hub and applies the catalogue it offers, as KioskApp does.
    void kiosk_takes_the_catalogue(std::int64_t version)
    {
        if (!m_updater)
            start_updater_with(updater_options());
        else
            ASSERT_TRUE(m_updater->check_and_wait(k_hub_wait));
        std::vector<ReadyUpdate> ready = m_updater->take_ready();
        ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error;
        ASSERT_EQ(ready[0].kind, manifest::Kind::catalogue);
        EXPECT_EQ(ready[0].entry.version, version);
        ASSERT_TRUE(apply_catalogue(ready[0])) << last_refusal();
    }

    bool kiosk_has(const std::string& association)
    {
        auto organisation = m_store->organisation(association);
        return organisation && organisation.value().has_value();
    }
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
    // The chess club's "Vi behöver" and "Vi erbjuder" (catalogue format 1.5) reach the kiosk with its part;
    // the stickcafé's part, which says neither, stays without them.
    auto chess = m_store->organisation("halmstad-schack");
    ASSERT_TRUE(chess && chess.value());
    EXPECT_EQ(chess.value()->needs.get("sv"),
              "Någon som kan leda schackskolan för barn varannan söndag, och fler brädor och klockor.");
    EXPECT_EQ(chess.value()->offers.get("sv"),
              "En lugn kväll med schack, för nybörjare och vana. Vi lär dig gärna reglerna.");
    EXPECT_TRUE(organisation.value()->needs.empty());
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
