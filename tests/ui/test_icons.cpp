// test_icons.cpp — every interest the demo catalogue uses has a picture of its own (an unknown one the
// neutral picture), and every picture the kiosk draws is in the atlas it builds, at both icon sizes,
// with ink: the glyph really came from Font Awesome, not an empty box.
#include "core/catalogue/catalogue_file.hpp"
#include "kiosk/fonts.hpp"
#include "kiosk/icons.hpp"
#include "tests/common/files.hpp"

#include <imgui.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace lotsen;
using namespace lotsen::kiosk;

namespace {

TEST(Icons, EveryDemoInterestHasItsOwnPicture)
{
    const CatalogueParseResult demo = load_catalogue_file(std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json");
    ASSERT_TRUE(demo.catalogue.has_value());
    std::set<std::string> used;
    for (const Activity& activity : demo.catalogue->activities)
        used.insert(activity.interests.begin(), activity.interests.end());
    ASSERT_GE(used.size(), 10u);
    std::set<Icon> pictures;
    for (const std::string& interest : used) {
        const Icon glyph = interest_icon(interest);
        EXPECT_NE(glyph, icon::neutral) << interest << " has no picture of its own";
        pictures.insert(glyph);
    }
    EXPECT_EQ(pictures.size(), used.size()) << "two interests share a picture";
    // Every interest of the default vocabulary too (a catalogue that declares none uses it).
    for (const Interest& interest : default_interests())
        EXPECT_NE(interest_icon(interest.id), icon::neutral) << interest.id;
    EXPECT_EQ(interest_icon("beekeeping"), icon::neutral);
    EXPECT_EQ(interest_icon(""), icon::neutral);
}

TEST(Icons, EveryPictureIsInTheAtlasWithInkAtBothSizes)
{
    ImFontAtlas atlas;
    const UiScale scale(800, 480, 15.6);
    auto fonts = load_fonts(atlas, scale, glyph_ranges_for({"Lotsen"}));
    ASSERT_TRUE(fonts.ok()) << fonts.error().text();
    unsigned char* alpha = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &width, &height);
    ASSERT_NE(alpha, nullptr);
    for (const ImFont* font : {fonts.value().icons, fonts.value().icons_large}) {
        ASSERT_NE(font, nullptr);
        for (Icon glyph : all_icons()) {
            const ImFontGlyph* g = font->FindGlyphNoFallback(icon_slot(glyph));
            ASSERT_NE(g, nullptr) << std::hex << glyph << " missing at " << font->FontSize << " px";
            int inked = 0;
            for (int y = static_cast<int>(g->V0 * height); y < static_cast<int>(g->V1 * height); ++y) {
                for (int x = static_cast<int>(g->U0 * width); x < static_cast<int>(g->U1 * width); ++x)
                    inked += alpha[y * width + x] > 128 ? 1 : 0;
            }
            EXPECT_GT(inked, 4) << std::hex << glyph << " has no ink at " << std::dec << font->FontSize << " px";
            // About a line tall: the large picture for tiles, the small one beside text.
            EXPECT_LE(g->Y1 - g->Y0, font->FontSize * 1.1f) << std::hex << glyph;
        }
        // Only the listed pictures: a Font Awesome glyph the kiosk does not draw is not rasterised.
        EXPECT_EQ(font->FindGlyphNoFallback(0xF0E0), nullptr);  // fa-envelope, not used
    }
    // The text faces do not carry the icon glyphs: pictures are drawn with draw_icon(), never as text.
    EXPECT_EQ(fonts.value().body->FindGlyphNoFallback(icon::search), nullptr);
}

TEST(Icons, TheIconFacesHoldTheirGlyphsAtLowCodePoints)
{
    // Dear ImGui's look-up tables run to a face's highest code point: at Font Awesome's own (U+F2BD)
    // they took 370 KiB per icon face.
    std::set<unsigned short> slots;
    for (Icon glyph : all_icons()) {
        const unsigned short slot = icon_slot(glyph);
        EXPECT_GE(slot, 0x21) << std::hex << glyph;
        EXPECT_LT(slot, 0x80) << std::hex << glyph;
        slots.insert(slot);
    }
    std::set<Icon> distinct(all_icons().begin(), all_icons().end());
    EXPECT_EQ(slots.size(), distinct.size());
    EXPECT_EQ(icon_slot(0xF0E0), 0);  // fa-envelope: not one of the kiosk's
    EXPECT_EQ(icon_slot(icon::none), 0);

    for (bool cached : {false, true}) {  // built, then restored from the cache the first load wrote
        ImFontAtlas atlas;
        ImFontAtlas again;
        FontSources sources;
        lotsen::testing::TempDir cache("lotsen-icons");
        sources.cache_dir = cache.str();
        auto fonts = load_fonts(atlas, UiScale(800, 480, 15.6), glyph_ranges_for({"Lotsen"}), sources);
        ASSERT_TRUE(fonts.ok()) << fonts.error().text();
        if (cached) {
            fonts = load_fonts(again, UiScale(800, 480, 15.6), glyph_ranges_for({"Lotsen"}), sources);
            ASSERT_TRUE(fonts.ok()) << fonts.error().text();
            EXPECT_EQ(fonts.value().cache.kind, AtlasCacheOutcome::Kind::restored);
        }
        for (const ImFont* font : {fonts.value().icons, fonts.value().icons_large}) {
            EXPECT_LE(font->IndexLookup.Size, 0x80) << "cached " << cached;
            EXPECT_LE(font->IndexAdvanceX.Size, 0x80) << "cached " << cached;
            for (Icon glyph : all_icons())
                EXPECT_NE(font->FindGlyphNoFallback(icon_slot(glyph)), nullptr) << std::hex << glyph;
        }
    }
}

}  // namespace
