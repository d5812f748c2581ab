// test_apply_update.cpp — what a kiosk of this release does with a published catalogue or config of a
// newer format (core/update/apply_update): members of a newer minor are skipped, the rest applied, and
// one journal line names what was skipped; a newer major is refused with a message naming both formats.
// The stored overlay read at every start is just as tolerant, so a rollback cannot stop the kiosk.
#include "core/update/apply_update.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/storage/store.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

using namespace lotsen;
namespace fs = std::filesystem;

namespace {

using lotsen::testing::write_file;

// `text` with `to` inserted before every occurrence of `before` (which must occur).
std::string inserted_before_each(std::string_view text, std::string_view before, std::string_view to)
{
    std::string out;
    std::size_t from = 0;
    std::size_t at = text.find(before);
    EXPECT_NE(at, std::string_view::npos) << before;
    while (at != std::string_view::npos) {
        out.append(text.substr(from, at - from));
        out.append(to);
        from = at;
        at = text.find(before, at + before.size());
    }
    out.append(text.substr(from));
    return out;
}

// A small valid catalogue as catalogue_to_json writes it (format 1.0, no format_minor).
std::string catalogue_text()
{
    SyntheticSpec spec;
    spec.activities = 20;
    spec.organisations = 4;
    return catalogue_to_json(generate_synthetic_catalogue(spec));
}

ReadyUpdate ready(manifest::Kind kind, std::int64_t version, std::string name, const fs::path& path)
{
    ReadyUpdate update;
    update.kind = kind;
    update.entry.version = version;
    update.entry.name = std::move(name);
    update.path = path.string();
    return update;
}

class ApplyUpdate : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_FALSE(m_dir.path().empty()); }

    lotsen::testing::TempDir m_dir{"lotsen-apply"};
};

TEST_F(ApplyUpdate, CatalogueOfANewerMinorIsAppliedAndItsNewMembersLoggedOnce)
{
    const std::string plain = catalogue_text();
    // What a newer hub might publish as format 1.1: a new top-level member and a video per activity.
    std::string grown = inserted_before_each(plain, "\"version\":", "\"format_minor\": 1,\n  \"owner\": {\"sv\": \"Region Halland\"},\n  ");
    grown = inserted_before_each(grown, "\"drop_in\":", "\"video\": \"a.webm\",\n      ");
    const ReadyUpdate update = ready(manifest::Kind::catalogue, 8, "Spring", m_dir / "c.json");
    ASSERT_TRUE(write_file(update.path, grown));

    ::testing::internal::CaptureStderr();
    auto read = read_catalogue_update(update);
    const std::string log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(read) << read.error().text();
    EXPECT_EQ(log, "lotsen: catalogue 8 \"Spring\": ignored members this kiosk does not know: "
                   "$.owner, $.activities[].video (20 times)\n");
    EXPECT_EQ(read.value(), [&] {
        Catalogue expected = parse_catalogue_json(plain).catalogue.value();
        expected.version = 8;  // the signed entry's
        return expected;
    }());

    auto store = Store::open(":memory:");
    ASSERT_TRUE(store);
    ASSERT_TRUE(store_catalogue_update(*store.value(), read.value(), update, 1763900000));
    EXPECT_EQ(store.value()->catalogue_version().value(), 8);
    EXPECT_EQ(store.value()->activity_count().value(), 20);

    // Nothing unknown: nothing said.
    ASSERT_TRUE(write_file(update.path, plain));
    ::testing::internal::CaptureStderr();
    EXPECT_TRUE(read_catalogue_update(update));
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(ApplyUpdate, CatalogueOfANewerMajorIsRefusedWithBothFormats)
{
    // Format 2 with a member format 1 never had: the version is what is said.
    std::string text = catalogue_text();
    const std::size_t at = text.find("\"format_version\": 1,");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string_view("\"format_version\": 1,").size(), "\"format_version\": 2, \"owner\": 1,");
    const ReadyUpdate update = ready(manifest::Kind::catalogue, 9, "Spring", m_dir / "c.json");
    ASSERT_TRUE(write_file(update.path, text));
    ::testing::internal::CaptureStderr();
    auto read = read_catalogue_update(update);
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    ASSERT_FALSE(read);
    // The refusal the kiosk hands to Updater::refused, which remembers it.
    EXPECT_EQ(read.error().text(), "catalogue 9 \"Spring\" does not parse; the current catalogue stays:\n"
                                   "$.format_version: catalogue format 2.0 is newer than lotsen " LOTSEN_VERSION
                                   " reads (1.5); upgrade lotsen, or publish format 1 beside it");
}

TEST_F(ApplyUpdate, ConfigOfANewerMinorIsAppliedAndItsNewKeysLoggedOnce)
{
    KioskConfig local;
    local.town = "Falkenberg";
    const std::string published = "format_minor = 3\n[screen]\nbrightness = 80\n[checkin]\nmin_gap_seconds = 0\n";
    const ReadyUpdate update = ready(manifest::Kind::config, 4, "Laholm kiosks", m_dir / "c.toml");
    ASSERT_TRUE(write_file(update.path, published));

    ::testing::internal::CaptureStderr();
    auto read = read_config_update(local, local, update);
    const std::string log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(read) << read.error().text();
    EXPECT_EQ(log, "lotsen: config 4 \"Laholm kiosks\": ignored members this kiosk does not know: screen.brightness\n");
    EXPECT_EQ(read.value().config.checkin_min_gap_seconds, 0);
    EXPECT_EQ(read.value().config.town, "Falkenberg");
    EXPECT_FALSE(read.value().needs_restart);  // the unknown [screen] key changed nothing here
    // Stored whole: after an upgrade, the next start reads brightness too.
    EXPECT_EQ(read.value().text, published);

    // A key this release knows keeps its checks.
    ASSERT_TRUE(write_file(update.path, "[screen]\nbrightness = 80\nwidth = \"1024\"\n"));
    ::testing::internal::CaptureStderr();
    auto wrong = read_config_update(local, local, update);
    ::testing::internal::GetCapturedStderr();
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().text(), "published config 4 \"Laholm kiosks\":3: screen.width: expected an integer from 200 "
                                    "to 8192 (refused; the current configuration stays)");
}

TEST_F(ApplyUpdate, ConfigOfANewerMajorIsRefusedWithBothFormats)
{
    const ReadyUpdate update = ready(manifest::Kind::config, 5, "", m_dir / "c.toml");
    ASSERT_TRUE(write_file(update.path, "format_version = 2\n[screen]\nbrightness = 80\n"));
    KioskConfig local;
    ::testing::internal::CaptureStderr();
    auto read = read_config_update(local, local, update);
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().text(), "published config 5:1: format_version: config format 2.0 is newer than lotsen " LOTSEN_VERSION
                                   " reads (1.4); upgrade lotsen, or publish format 1 beside it (refused; the current "
                                   "configuration stays)");
}

TEST_F(ApplyUpdate, StoredOverlayWithKeysOfANewerReleaseStillStarts)
{
    // As after a rollback: the overlay was accepted by a newer release that knew [screen] brightness.
    fs::create_directories(m_dir / "updates");
    const std::string path = update_paths(m_dir.str()).config_overlay;
    ASSERT_TRUE(write_file(path, "[screen]\nbrightness = 80\nwidth = 1024\n[tour]\nstops = 3\n"));
    KioskConfig local;
    ::testing::internal::CaptureStderr();
    auto overlaid = load_with_config_overlay(local, m_dir.str());
    const std::string log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(overlaid) << overlaid.error().text();
    EXPECT_EQ(overlaid.value().screen_width, 1024);
    EXPECT_EQ(log, "lotsen: " + path + ": ignored members this kiosk does not know: tour, screen.brightness\n");

    // A known key that does not hold is still an error (the caller starts with the local file).
    ASSERT_TRUE(write_file(path, "[screen]\nwidth = 10\n"));
    ::testing::internal::CaptureStderr();
    EXPECT_FALSE(load_with_config_overlay(local, m_dir.str()));
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// The kiosk's own path (KioskApp::apply_catalogue): read and stored in one pass, an activity at a time.
TEST_F(ApplyUpdate, ARefusedCatalogueLeavesNothingInTheStoreEvenAfterManyActivitiesWereWritten)
{
    auto store = Store::open((m_dir.path() / "lotsen.db").string());
    ASSERT_TRUE(store) << store.error().text();
    const ReadyUpdate first = ready(manifest::Kind::catalogue, 3, "Autumn", m_dir / "first.json");
    ASSERT_TRUE(write_file(first.path, catalogue_text()));
    const CatalogueUpdateOutcome stored = import_catalogue_update(*store.value(), first, 1763900000);
    ASSERT_EQ(stored.kind, CatalogueUpdateOutcome::Kind::stored) << stored.reason;
    EXPECT_EQ(store.value()->catalogue_version().value(), 3);
    EXPECT_EQ(store.value()->activity_count().value(), 20);
    const std::string characters = store.value()->text_characters().value();

    // 2,000 activities of which the 1,501st is broken: 1,500 were written before it was read.
    SyntheticSpec spec;
    spec.activities = 2'000;
    spec.organisations = 80;
    spec.seed = 7;
    std::string text = catalogue_to_json(generate_synthetic_catalogue(spec));
    std::size_t at = std::string::npos;
    for (int i = 0; i <= 1'500; ++i)
        at = text.find("\"drop_in\": ", at + 1);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string_view("\"drop_in\": ").size(), "\"drop_in\": 1, \"was\": ");
    const ReadyUpdate bad = ready(manifest::Kind::catalogue, 4, "Winter", m_dir / "bad.json");
    ASSERT_TRUE(write_file(bad.path, text));
    const CatalogueUpdateOutcome refused = import_catalogue_update(*store.value(), bad, 1763900000);
    EXPECT_EQ(refused.kind, CatalogueUpdateOutcome::Kind::refused);
    EXPECT_EQ(refused.reason, "catalogue 4 \"Winter\" does not parse; the current catalogue stays:\n"
                              "$.activities[1500].drop_in: expected true or false, got 1");

    // The last good catalogue stays, whole: its version, its activities, its characters, its search.
    EXPECT_EQ(store.value()->catalogue_version().value(), 3);
    EXPECT_EQ(store.value()->activity_count().value(), 20);
    EXPECT_EQ(store.value()->text_characters().value(), characters);
    EXPECT_TRUE(store.value()->check_integrity()) << store.value()->check_integrity().error().text();

    // The same file mended is stored under the signed entry's version.
    const ReadyUpdate mended = ready(manifest::Kind::catalogue, 5, "Winter", m_dir / "mended.json");
    ASSERT_TRUE(write_file(mended.path, catalogue_to_json(generate_synthetic_catalogue(spec))));
    const CatalogueUpdateOutcome applied = import_catalogue_update(*store.value(), mended, 1763900000);
    ASSERT_EQ(applied.kind, CatalogueUpdateOutcome::Kind::stored) << applied.reason;
    EXPECT_EQ(store.value()->catalogue_version().value(), 5);
    EXPECT_EQ(store.value()->activity_count().value(), 2'000);
    EXPECT_TRUE(store.value()->check_integrity());
}

TEST_F(ApplyUpdate, AFileThatCannotBeReadIsRefusedAndTheStoreKeepsItsCatalogue)
{
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store);
    const ReadyUpdate first = ready(manifest::Kind::catalogue, 3, "Autumn", m_dir / "first.json");
    ASSERT_TRUE(write_file(first.path, catalogue_text()));
    ASSERT_EQ(import_catalogue_update(*store.value(), first, 1763900000).kind, CatalogueUpdateOutcome::Kind::stored);
    // Cut in the middle of an activity, as a download cut short would be (had its hash not been checked).
    const std::string text = catalogue_text();
    const ReadyUpdate cut = ready(manifest::Kind::catalogue, 4, "Cut", m_dir / "cut.json");
    ASSERT_TRUE(write_file(cut.path, text.substr(0, text.size() * 3 / 4)));
    const CatalogueUpdateOutcome refused = import_catalogue_update(*store.value(), cut, 1763900000);
    EXPECT_EQ(refused.kind, CatalogueUpdateOutcome::Kind::refused);
    EXPECT_NE(refused.reason.find("$.activities["), std::string::npos) << refused.reason;
    EXPECT_NE(refused.reason.find("invalid JSON at byte offset"), std::string::npos) << refused.reason;
    EXPECT_EQ(store.value()->catalogue_version().value(), 3);
    EXPECT_EQ(store.value()->activity_count().value(), 20);
}

}  // namespace
