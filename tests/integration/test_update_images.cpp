// Catalogue images through the real hub on loopback (issue 15, "Proof"): `lotsen-hub publish` reads
// the image files a catalogue names beside it and publishes them content-addressed beside the
// catalogue; `lotsen-hub serve` serves them; the kiosk's Updater, told the images of the catalogue it
// applied, fetches them with its resume and SHA-256 check into DATA_DIR/images, within its budget
// (what the catalogue no longer references goes first). An image refused — larger than the budget,
// other bytes than its hash, not an image — is logged and left out, and the catalogue stays applied.
#include "tests/integration/hub_kiosk_fixture.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/image/image_cache.hpp"
#include "core/image/image_refs.hpp"
#include "core/storage/store.hpp"
#include "core/update/updater.hpp"
#include "core/wire/protocol.hpp"
#include "tests/common/files.hpp"
#include "tests/common/test_images.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto k_wait = k_hub_wait;

class UpdateImagesTest : public HubKioskTest {
protected:
    std::string root_prefix() const override { return "lotsen-update-images-"; }

    void SetUp() override
    {
        HubKioskTest::SetUp();
        if (HasFatalFailure())
            return;
        m_source_dir = m_root / "source";
        fs::create_directories(m_source_dir);
    }

    static Catalogue catalogue(std::int64_t version, int activities)
    {
        return synthetic_catalogue(version, activities, 2, 7);
    }

    /// Writes `png` beside the source catalogue as `name`; its reference as published.
    ImageRef image_file(const std::string& name, const std::string& png)
    {
        write_file(m_source_dir / name, png);
        const auto header = probe_image_size(png);
        return ImageRef{"", sha256_hex(png), static_cast<std::int64_t>(png.size()), header.first, header.second, "png"};
    }

    static std::pair<int, int> probe_image_size(const std::string& png)
    {
        // make_png writes IHDR at a fixed place: width at byte 16, height at 20.
        const auto be32 = [&](std::size_t at) {
            return static_cast<int>((static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
                                    (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]));
        };
        return {be32(16), be32(20)};
    }

    CommandResult publish(const Catalogue& source)
    {
        const fs::path file = m_source_dir / ("catalogue-" + std::to_string(source.version) + ".json");
        write_file(file, catalogue_to_json(source));
        return publish_file("catalogue", file);
    }

    Updater& start_updater(std::uint64_t budget)
    {
        UpdaterOptions o = updater_options();
        o.image_budget_bytes = budget;
        return start_updater_with(o);
    }

    /// Applies what the updater has ready as KioskApp does, then tells it the catalogue's images and
    /// waits for the check that fetches them.
    void apply_ready_and_fetch_images()
    {
        for (const ReadyUpdate& update : m_updater->take_ready())
            ASSERT_TRUE(apply_catalogue(update)) << last_refusal();
        auto images = m_store->images();
        ASSERT_TRUE(images) << images.error().text();
        m_updater->set_wanted_images(images.value());
        ASSERT_TRUE(m_updater->check_and_wait(k_wait));
    }

    bool kiosk_has(const ImageRef& image) const
    {
        const fs::path path = fs::path(images_dir(m_kiosk_dir.string())) / image_file_name(image);
        return fs::exists(path) && sha256_hex(read_file(path)) == image.sha256;
    }

    fs::path hub_file(const ImageRef& image) const { return m_hub_dir / "published" / "files" / image_file_name(image); }

    fs::path m_source_dir;
};

}  // namespace

TEST_F(UpdateImagesTest, PublishedImagesReachTheKioskVerifiedAndAreEvictedOverBudget)
{
    const ImageRef logo = image_file("logo.png", make_png(64, 64, 40, 90, 160));
    const ImageRef walk = image_file("walk.png", make_png(120, 80, 90, 160, 40));
    const ImageRef choir = image_file("choir.png", make_png(120, 80, 160, 40, 90));
    Catalogue first = catalogue(2, 6);
    first.organisations[0].logo = ImageRef{"logo.png", {}, 0, 0, 0, {}};
    first.activities[0].image = ImageRef{"walk.png", {}, 0, 0, 0, {}};
    first.activities[1].image = ImageRef{"choir.png", {}, 0, 0, 0, {}};
    const CommandResult published = publish(first);
    ASSERT_EQ(published.exit_code, 0) << published.output;
    // Content-addressed beside the catalogue, the bytes the source had.
    for (const ImageRef& image : {logo, walk, choir})
        EXPECT_EQ(sha256_hex(read_file(hub_file(image))), image.sha256);

    Updater& updater = start_updater(1 << 20);
    apply_ready_and_fetch_images();
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    const auto stored = m_store->activity(first.activities[0].id);
    ASSERT_TRUE(stored && stored.value());
    EXPECT_EQ(stored.value()->image, walk);  // the store keeps what the kiosk checks, no file name
    for (const ImageRef& image : {logo, walk, choir})
        EXPECT_TRUE(kiosk_has(image)) << image_file_name(image);
    EXPECT_EQ(updater.status().images_fetched, 3u);
    EXPECT_EQ(updater.status().images_kept, 3u);
    EXPECT_EQ(updater.status().images_refused, 0u);
    EXPECT_FALSE(updater.status().last_image_refusal.has_value());
    EXPECT_TRUE(fs::is_empty(fs::path(images_dir(m_kiosk_dir.string())) / "partial"));

    // The next catalogue keeps the walk, drops the logo and the choir, and brings a swim; the budget
    // holds two images: what it no longer references goes, and what it does stays.
    const ImageRef swim = image_file("swim.png", make_png(120, 80, 10, 120, 200));
    Catalogue second = catalogue(3, 6);
    second.activities[0].image = ImageRef{"walk.png", {}, 0, 0, 0, {}};
    second.activities[2].image = ImageRef{"swim.png", {}, 0, 0, 0, {}};
    const CommandResult again = publish(second);
    ASSERT_EQ(again.exit_code, 0) << again.output;
    start_updater(static_cast<std::uint64_t>(walk.bytes + swim.bytes + 16));
    apply_ready_and_fetch_images();
    EXPECT_EQ(m_store->catalogue_version().value(), 3);
    EXPECT_TRUE(kiosk_has(walk));
    EXPECT_TRUE(kiosk_has(swim));
    EXPECT_FALSE(kiosk_has(logo));
    EXPECT_FALSE(kiosk_has(choir));
    EXPECT_EQ(m_updater->status().images_fetched, 1u);  // the walk was there already
    EXPECT_EQ(m_updater->status().images_evicted, 2u);
    EXPECT_EQ(m_updater->status().images_kept, 2u);
}

TEST_F(UpdateImagesTest, ARefusedImageLeavesTheRestOfTheCatalogueApplied)
{
    const ImageRef good = image_file("good.png", make_png(64, 48, 1, 2, 3));
    // References a person could not have published but a damaged or hostile hub could serve: bytes
    // that are not an image, a file of another size than named, one larger than the budget, and one
    // whose bytes on the hub are not its hash (the hub itself refuses to serve that: HTTP 500).
    const std::string garbage = "this is not a picture at all, whatever the catalogue says";
    const ImageRef not_image{"", sha256_hex(garbage), static_cast<std::int64_t>(garbage.size()), 64, 48, "png"};
    const std::string wrong_bytes = make_png(64, 48, 9, 9, 9);
    const ImageRef wrong_hash{"", std::string(64, 'b'), static_cast<std::int64_t>(wrong_bytes.size()), 64, 48, "png"};
    const ImageRef too_large{"", std::string(64, 'c'), 900'000, 1000, 800, "png"};
    const std::string short_bytes = make_png(64, 48, 7, 7, 7);
    const ImageRef wrong_size{"", sha256_hex(short_bytes), static_cast<std::int64_t>(short_bytes.size()) + 10, 64, 48, "png"};
    Catalogue source = catalogue(2, 6);
    source.activities[0].image = ImageRef{"good.png", {}, 0, 0, 0, {}};
    source.activities[1].image = not_image;
    source.activities[2].image = wrong_hash;
    source.activities[3].image = too_large;
    source.activities[4].image = wrong_size;
    const CommandResult published = publish(source);
    ASSERT_EQ(published.exit_code, 0) << published.output;
    write_file(hub_file(not_image), garbage);
    write_file(hub_file(wrong_hash), wrong_bytes);
    write_file(hub_file(wrong_size), short_bytes);

    Updater& updater = start_updater(500'000);
    ::testing::internal::CaptureStderr();
    apply_ready_and_fetch_images();
    const std::string log = ::testing::internal::GetCapturedStderr();
    // The catalogue is in use whole, with the one image that could be had.
    EXPECT_EQ(m_store->catalogue_version().value(), 2);
    EXPECT_EQ(m_store->activity_count().value(), 6);
    EXPECT_TRUE(kiosk_has(good));
    EXPECT_FALSE(kiosk_has(not_image));
    EXPECT_FALSE(kiosk_has(wrong_hash));
    EXPECT_FALSE(kiosk_has(wrong_size));
    EXPECT_EQ(updater.status().images_fetched, 1u);
    EXPECT_EQ(updater.status().images_refused, 3u);
    EXPECT_NE(log.find("image " + image_file_name(not_image) + ": not a PNG or JPEG file; refused"), std::string::npos) << log;
    EXPECT_NE(log.find("image " + image_file_name(wrong_size) + ": " + std::to_string(short_bytes.size()) +
                       " bytes arrived, the catalogue names " + std::to_string(wrong_size.bytes) + "; refused"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("image " + image_file_name(wrong_hash) + ": HTTP 500"), std::string::npos) << log;
    EXPECT_NE(log.find("image " + image_file_name(too_large) + ": 900000 bytes is more than the whole image budget"),
              std::string::npos)
        << log;
    // Admin and the heartbeat show the newest refusal, naming the file; the good image is kept.
    EXPECT_EQ(updater.status().images_kept, 1u);
    const std::optional<UpdateRefusal> last = updater.status().last_image_refusal;
    ASSERT_TRUE(last.has_value());
    EXPECT_GT(last->at, 0);
    EXPECT_TRUE(last->reason.starts_with(image_file_name(not_image) + ": ") ||
                last->reason.starts_with(image_file_name(wrong_size) + ": ") ||
                last->reason.starts_with(image_file_name(too_large) + ": "))
        << last->reason;
    EXPECT_NE(log.find(last->reason.substr(last->reason.find(": ") + 2)), std::string::npos) << last->reason;
    // Refused once, not fetched again at the next check.
    ASSERT_TRUE(updater.check_and_wait(k_wait));
    EXPECT_EQ(updater.status().images_refused, 3u);
}
