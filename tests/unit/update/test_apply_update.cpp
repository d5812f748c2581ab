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
                                   " reads (1.4); upgrade lotsen, or publish format 1 beside it");
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

}  // namespace
