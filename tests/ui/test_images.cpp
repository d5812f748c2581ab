// test_images.cpp — catalogue images on screen: an activity's picture in DATA_DIR/images is drawn in
// its card's square at the reading end (the right in Swedish, the left in Arabic) and on the detail
// screen; a card whose picture file is missing or damaged is drawn with its text alone, and admin
// counts it; the textures stay within their count and bytes however many pictures are asked for.
#include "kiosk/image_textures.hpp"
#include "kiosk/screens/list_screen.hpp"
#include "tests/ui/kiosk_fixture.hpp"
#include "tests/common/files.hpp"
#include "tests/common/test_images.hpp"

#include "core/image/image_cache.hpp"
#include "core/image/image_refs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <utility>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class CardImages : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }

    /// Gives every activity a picture of one colour (red), with its file in DATA_DIR/images unless
    /// `file_there` is false; the catalogue replaces the fixture's.
    ImageRef give_pictures(bool file_there, const std::string& bytes = lotsen::testing::make_png(90, 60, 220, 20, 20))
    {
        const ImageRef image{"", sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()), 90, 60, "png"};
        if (file_there) {
            auto folder = ImageFolder::open(images_dir(m_dir + "/data"));
            EXPECT_TRUE(folder);
            lotsen::testing::write_file(folder.value().path_of(image), bytes);
        }
        Catalogue catalogue = make_catalogue();
        for (Activity& activity : catalogue.activities)
            activity.image = image;
        EXPECT_TRUE(app().store().replace_catalogue(catalogue, m_now));
        app().home();
        m_kiosk->settle(m_now);
        return image;
    }

    /// How many pixels of a row through the middle of the first card are red (the picture).
    int red_pixels_in_first_card(float from_fraction, float to_fraction)
    {
        auto& list = dynamic_cast<ListScreen&>(app().current_screen());
        EXPECT_FALSE(list.items().empty());
        const TapTarget* card = m_kiosk->find_target("card:" + list.items().front().activity_id);
        EXPECT_NE(card, nullptr);
        if (!card)
            return 0;
        const int y = static_cast<int>((card->min.y + card->max.y) / 2);
        const float width = card->max.x - card->min.x;
        int red = 0;
        for (int x = static_cast<int>(card->min.x + width * from_fraction);
             x < static_cast<int>(card->min.x + width * to_fraction); ++x) {
            const std::uint32_t c = m_kiosk->pixel(x, y);
            const int r = static_cast<int>(c & 0xFF);
            const int g = static_cast<int>((c >> 8) & 0xFF);
            const int b = static_cast<int>((c >> 16) & 0xFF);
            if (r > 180 && g < 60 && b < 60)
                ++red;
        }
        return red;
    }
};

}  // namespace

TEST_F(CardImages, APictureIsDrawnAtTheCardsReadingEnd)
{
    give_pictures(true);
    tap("##today");
    ASSERT_EQ(screen(), "list");
    EXPECT_GT(red_pixels_in_first_card(0.8f, 1.0f), 30);  // Swedish: the right end
    EXPECT_EQ(red_pixels_in_first_card(0.0f, 0.5f), 0);
    tap("##lang-ar");
    m_kiosk->settle(m_now);
    EXPECT_GT(red_pixels_in_first_card(0.0f, 0.2f), 30);  // Arabic: the left end
    EXPECT_EQ(red_pixels_in_first_card(0.5f, 1.0f), 0);
}

TEST_F(CardImages, TheDetailScreenShowsThePhoto)
{
    give_pictures(true);
    tap("##today");
    auto& list = dynamic_cast<ListScreen&>(app().current_screen());
    tap("card:" + list.items().front().activity_id);
    ASSERT_EQ(screen(), "detail");
    int red = 0;
    for (int y = 0; y < 480; y += 4) {
        for (int x = 0; x < 800; x += 4) {
            const std::uint32_t c = m_kiosk->pixel(x, y);
            if ((c & 0xFF) > 180 && ((c >> 8) & 0xFF) < 60 && ((c >> 16) & 0xFF) < 60)
                ++red;
        }
    }
    EXPECT_GT(red, 200);  // a photo of about 18 lines' width, sampled every 4th pixel
}

TEST_F(CardImages, AMissingOrDamagedPictureLeavesTheCardsText)
{
    give_pictures(false);
    tap("##today");
    ASSERT_EQ(screen(), "list");
    EXPECT_EQ(red_pixels_in_first_card(0.0f, 1.0f), 0);
    const TapTarget* card = m_kiosk->find_target("card:aktivitet-0");
    EXPECT_NE(card, nullptr);

    // Bytes that are not an image under the picture's name: refused by the decoder, nothing drawn.
    std::string damaged = lotsen::testing::make_png(90, 60, 220, 20, 20);
    damaged.resize(damaged.size() / 2);
    give_pictures(true, damaged);
    tap("##today");
    EXPECT_EQ(red_pixels_in_first_card(0.0f, 1.0f), 0);
}

// Admin's image lines (kiosk/admin_desk.hpp, image_report): a picture that does not decode is counted
// as refused with its file named, the textures in memory against their limits; without an update
// thread there are no disk figures (the updater keeps them).
TEST_F(CardImages, AdminCountsAPictureThatCouldNotBeShown)
{
    give_pictures(true);
    tap("##today");
    ImageReport report = app().admin_desk().report(0).images;
    EXPECT_FALSE(report.updates);
    ASSERT_TRUE(report.textures);
    EXPECT_EQ(report.refused, 0u);
    EXPECT_FALSE(report.last_refusal.has_value());
    EXPECT_GE(report.texture_count, 1u);  // one picture, one size: the cards share a texture
    EXPECT_GT(report.texture_bytes, 0u);
    EXPECT_EQ(report.texture_limits.max_textures, 48u);
    EXPECT_EQ(report.texture_limits.max_texture_bytes, std::size_t{12} << 20);

    std::string damaged = lotsen::testing::make_png(90, 60, 220, 20, 20);
    damaged.resize(damaged.size() / 2);
    const ImageRef image = give_pictures(true, damaged);
    tap("##today");
    report = app().admin_desk().report(0).images;
    EXPECT_GE(report.refused, 1u);
    ASSERT_TRUE(report.last_refusal.has_value());
    EXPECT_NE(report.last_refusal->reason.find(image_file_name(image)), std::string::npos) << report.last_refusal->reason;
    EXPECT_GT(report.last_refusal->at, 0);
}

// The texture budget (kiosk/image_textures.hpp) holds however many pictures are asked for: 5,000
// activities with pictures are never more than 48 textures and 12 MiB in memory. Asked for 200
// different pictures at a card's size the count is the bound; at a detail photo's size the bytes are.
TEST(ImageTextureBudget, HoldsForManyPicturesAtAnySize)
{
    lotsen::testing::TempDir temp("lotsen-textures");
    const std::string dir = temp.str();
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    ASSERT_NE(surface, nullptr) << SDL_GetError();
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    ASSERT_NE(renderer, nullptr) << SDL_GetError();
    auto folder = ImageFolder::open(images_dir(dir));
    ASSERT_TRUE(folder) << folder.error().text();
    std::vector<ImageRef> images;
    for (int i = 0; i < 200; ++i) {
        const std::string bytes = lotsen::testing::make_png(320, 240, static_cast<std::uint8_t>(i), 40, 90);
        images.push_back(ImageRef{"", sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()), 320, 240, "png"});
        lotsen::testing::write_file(folder.value().path_of(images.back()), bytes);
    }
    {
        ImageTextures textures(renderer, images_dir(dir));
        textures.set_synchronous(true);
        const ImageTextureLimits limits = textures.limits();
        std::size_t most = 0;
        for (const auto& [side_w, side_h] : {std::pair{96, 96}, std::pair{640, 480}}) {
            for (const ImageRef& image : images) {
                EXPECT_NE(textures.get(image, side_w, side_h).texture, nullptr);  // the newest is always there
                EXPECT_LE(textures.texture_count(), limits.max_textures);
                EXPECT_LE(textures.texture_bytes(), limits.max_texture_bytes);
                most = std::max(most, textures.texture_count());
            }
        }
        EXPECT_EQ(most, limits.max_textures);  // at a card's size the count bound is reached
        // 640 x 480 is fitted to 320 x 240 (never enlarged): 300 KiB each, so 40 fit in 12 MiB.
        EXPECT_LE(textures.texture_count(), limits.max_texture_bytes / (320 * 240 * 4));
        EXPECT_EQ(textures.counts().not_shown, 0u);
    }
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}
