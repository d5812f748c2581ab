// test_font_atlas_cache.cpp — the font atlas kept on disk (kiosk/font_atlas_cache.hpp): an atlas
// restored from its file is the one FreeType builds, field by field and pixel by pixel, and a second
// start of the kiosk draws the same frame from it; a damaged, cut or foreign file is rebuilt with a
// log line; other characters, another font file or a changed one make the file stale.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/fonts.hpp"
#include "tests/common/files.hpp"

#include <imgui.h>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

const UiScale k_scale(800, 480, 15.6);  // the shipped configuration's diagonal

GlyphRanges some_ranges()
{
    return glyph_ranges_for({"Hej världen", "مرحبا بالعالم", "ሰላም ዓለም", "Привіт"});
}

// Loads into `atlas` with the cache in `cache_dir`; fails the test on an error.
AtlasCacheOutcome load(ImFontAtlas& atlas, const std::string& cache_dir, const GlyphRanges& ranges,
                       const std::string& font_dir = k_noto_dir, const UiScale& scale = k_scale)
{
    FontSources sources;
    sources.font_dir = font_dir;
    sources.cache_dir = cache_dir;
    auto fonts = load_fonts(atlas, scale, ranges, sources);
    EXPECT_TRUE(fonts.ok()) << fonts.error().text();
    return fonts.ok() ? fonts.value().cache : AtlasCacheOutcome{};
}

// Every field a frame reads from the atlas and its fonts, equal in both.
void expect_same_atlas(const ImFontAtlas& a, const ImFontAtlas& b)
{
    ASSERT_EQ(a.TexWidth, b.TexWidth);
    ASSERT_EQ(a.TexHeight, b.TexHeight);
    ASSERT_NE(a.TexPixelsAlpha8, nullptr);
    ASSERT_NE(b.TexPixelsAlpha8, nullptr);
    EXPECT_EQ(std::memcmp(a.TexPixelsAlpha8, b.TexPixelsAlpha8, static_cast<std::size_t>(a.TexWidth) * a.TexHeight), 0);
    EXPECT_EQ(a.TexUvScale.x, b.TexUvScale.x);
    EXPECT_EQ(a.TexUvScale.y, b.TexUvScale.y);
    EXPECT_EQ(a.TexUvWhitePixel.x, b.TexUvWhitePixel.x);
    EXPECT_EQ(a.TexUvWhitePixel.y, b.TexUvWhitePixel.y);
    EXPECT_EQ(std::memcmp(a.TexUvLines, b.TexUvLines, sizeof a.TexUvLines), 0);
    EXPECT_EQ(a.TexReady, b.TexReady);
    EXPECT_TRUE(b.IsBuilt());
    ASSERT_EQ(a.Fonts.Size, b.Fonts.Size);
    for (int f = 0; f < a.Fonts.Size; ++f) {
        const ImFont& x = *a.Fonts[f];
        const ImFont& y = *b.Fonts[f];
        SCOPED_TRACE("font " + std::to_string(f) + " (" + std::to_string(x.FontSize) + " px)");
        EXPECT_EQ(x.FontSize, y.FontSize);
        EXPECT_EQ(x.Scale, y.Scale);
        EXPECT_EQ(x.Ascent, y.Ascent);
        EXPECT_EQ(x.Descent, y.Descent);
        EXPECT_EQ(x.FallbackAdvanceX, y.FallbackAdvanceX);
        EXPECT_EQ(x.FallbackChar, y.FallbackChar);
        EXPECT_EQ(x.EllipsisChar, y.EllipsisChar);
        EXPECT_EQ(x.DotChar, y.DotChar);
        EXPECT_EQ(x.MetricsTotalSurface, y.MetricsTotalSurface);
        EXPECT_EQ(x.DirtyLookupTables, y.DirtyLookupTables);
        EXPECT_EQ(y.ContainerAtlas, &b);
        ASSERT_EQ(x.Glyphs.Size, y.Glyphs.Size);
        for (int g = 0; g < x.Glyphs.Size; ++g) {
            const ImFontGlyph& p = x.Glyphs[g];
            const ImFontGlyph& q = y.Glyphs[g];
            ASSERT_EQ(p.Codepoint, q.Codepoint) << "glyph " << g;
            EXPECT_EQ(p.Visible, q.Visible) << "U+" << std::hex << p.Codepoint;
            EXPECT_EQ(p.Colored, q.Colored) << "U+" << std::hex << p.Codepoint;
            const float pf[] = {p.AdvanceX, p.X0, p.Y0, p.X1, p.Y1, p.U0, p.V0, p.U1, p.V1};
            const float qf[] = {q.AdvanceX, q.X0, q.Y0, q.X1, q.Y1, q.U0, q.V0, q.U1, q.V1};
            EXPECT_EQ(std::memcmp(pf, qf, sizeof pf), 0) << "U+" << std::hex << p.Codepoint;
        }
        ASSERT_EQ(x.IndexAdvanceX.Size, y.IndexAdvanceX.Size);
        EXPECT_EQ(std::memcmp(x.IndexAdvanceX.Data, y.IndexAdvanceX.Data, sizeof(float) * x.IndexAdvanceX.Size), 0);
        ASSERT_EQ(x.IndexLookup.Size, y.IndexLookup.Size);
        EXPECT_EQ(std::memcmp(x.IndexLookup.Data, y.IndexLookup.Data, sizeof(ImWchar) * x.IndexLookup.Size), 0);
        EXPECT_EQ(std::memcmp(x.Used4kPagesMap, y.Used4kPagesMap, sizeof x.Used4kPagesMap), 0);
        ASSERT_NE(y.FallbackGlyph, nullptr);
        EXPECT_EQ(x.FallbackGlyph - x.Glyphs.Data, y.FallbackGlyph - y.Glyphs.Data);
    }
}

class FontAtlasCache : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = temp_dir();
        m_cache = m_dir + "/cache";
        m_file = font_atlas_cache_path(m_cache, k_scale);
    }

    std::string m_dir;
    std::string m_cache;
    std::string m_file;
};

}  // namespace

TEST_F(FontAtlasCache, RestoredAtlasIsTheBuiltOne)
{
    const GlyphRanges ranges = some_ranges();
    ImFontAtlas built;
    const AtlasCacheOutcome first = load(built, m_cache, ranges);
    EXPECT_EQ(first.kind, AtlasCacheOutcome::Kind::built);
    EXPECT_NE(first.message.find(m_file), std::string::npos) << first.message;
    ASSERT_TRUE(std::filesystem::exists(m_file));
    EXPECT_FALSE(std::filesystem::exists(m_file + ".tmp"));

    ImFontAtlas restored;
    const AtlasCacheOutcome second = load(restored, m_cache, ranges);
    EXPECT_EQ(second.kind, AtlasCacheOutcome::Kind::restored);
    EXPECT_EQ(second.message, "");
    expect_same_atlas(built, restored);

    // And both are what the kiosk built before the cache existed.
    ImFontAtlas plain;
    auto fonts = load_fonts(plain, k_scale, ranges);
    ASSERT_TRUE(fonts.ok()) << fonts.error().text();
    EXPECT_EQ(fonts.value().cache.kind, AtlasCacheOutcome::Kind::off);
    expect_same_atlas(plain, restored);

    // A restored atlas hands ImGui's backend its RGBA pixels like a built one.
    unsigned char* rgba = nullptr;
    int width = 0;
    int height = 0;
    restored.GetTexDataAsRGBA32(&rgba, &width, &height);
    ASSERT_NE(rgba, nullptr);
    EXPECT_EQ(width, built.TexWidth);
}

TEST_F(FontAtlasCache, DamagedCutOrForeignFilesAreRebuilt)
{
    const GlyphRanges ranges = some_ranges();
    {
        ImFontAtlas atlas;
        ASSERT_EQ(load(atlas, m_cache, ranges).kind, AtlasCacheOutcome::Kind::built);
    }
    const std::string good = lotsen::testing::read_file(m_file);
    ASSERT_GT(good.size(), 100'000u);

    struct Case {
        const char* name;
        std::string bytes;
        const char* says;
    };
    std::string flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x5A);  // one pixel's bits
    std::string glyph_flipped = good;
    glyph_flipped[400] = static_cast<char>(glyph_flipped[400] ^ 0x01);  // a UV or a metric, not a pixel
    const Case cases[] = {
        {"one flipped byte among the pixels", flipped, "do not match their digest"},
        {"one flipped bit in the glyph tables", glyph_flipped, "do not match their digest"},
        {"cut short (a power cut while writing)", good.substr(0, good.size() - 4096), "bytes after its header"},
        {"only the first bytes", good.substr(0, 20), "not a font atlas cache file"},
        {"empty", std::string(), "not a font atlas cache file"},
        {"another kind of file", std::string(5000, 'x'), "not a font atlas cache file"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        lotsen::testing::write_file(m_file, c.bytes);
        ImFontAtlas atlas;
        const AtlasCacheOutcome outcome = load(atlas, m_cache, ranges);
        EXPECT_EQ(outcome.kind, AtlasCacheOutcome::Kind::rebuilt_damaged);
        EXPECT_NE(outcome.message.find(m_file), std::string::npos) << outcome.message;
        EXPECT_NE(outcome.message.find(c.says), std::string::npos) << outcome.message;
        EXPECT_NE(outcome.message.find("rebuilt"), std::string::npos) << outcome.message;
        // Replaced by a good file again, which the next load uses.
        EXPECT_EQ(lotsen::testing::read_file(m_file), good);
        ImFontAtlas again;
        EXPECT_EQ(load(again, m_cache, ranges).kind, AtlasCacheOutcome::Kind::restored);
        expect_same_atlas(atlas, again);
    }
}

TEST_F(FontAtlasCache, OtherCharactersMakeTheFileStale)
{
    {
        ImFontAtlas atlas;
        ASSERT_EQ(load(atlas, m_cache, some_ranges()).kind, AtlasCacheOutcome::Kind::built);
    }
    // A new catalogue that writes one more letter (Ukrainian ї) needs one more glyph.
    const GlyphRanges more = glyph_ranges_for({"Hej världen", "مرحبا بالعالم", "ሰላም ዓለም", "Привіт", "Україна їде"});
    ImFontAtlas atlas;
    const AtlasCacheOutcome outcome = load(atlas, m_cache, more);
    EXPECT_EQ(outcome.kind, AtlasCacheOutcome::Kind::rebuilt_stale);
    EXPECT_NE(outcome.message.find("made for other fonts, characters, sizes"), std::string::npos) << outcome.message;
    EXPECT_NE(atlas.Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(u'ї')), nullptr);
    ImFontAtlas again;
    EXPECT_EQ(load(again, m_cache, more).kind, AtlasCacheOutcome::Kind::restored);
    expect_same_atlas(atlas, again);
}

TEST_F(FontAtlasCache, EachTextSizeHasItsOwnFile)
{
    const UiScale larger(800, 480, 15.6, 1.25f);  // the larger-text mode
    ASSERT_NE(font_atlas_cache_path(m_cache, larger), m_file);
    ImFontAtlas normal;
    ASSERT_EQ(load(normal, m_cache, some_ranges()).kind, AtlasCacheOutcome::Kind::built);
    ImFontAtlas big;
    EXPECT_EQ(load(big, m_cache, some_ranges(), k_noto_dir, larger).kind, AtlasCacheOutcome::Kind::built);
    EXPECT_GT(big.Fonts[0]->FontSize, normal.Fonts[0]->FontSize);
    ImFontAtlas normal_again;
    EXPECT_EQ(load(normal_again, m_cache, some_ranges()).kind, AtlasCacheOutcome::Kind::restored);
    ImFontAtlas big_again;
    EXPECT_EQ(load(big_again, m_cache, some_ranges(), k_noto_dir, larger).kind, AtlasCacheOutcome::Kind::restored);
    expect_same_atlas(big, big_again);
}

TEST_F(FontAtlasCache, AChangedFontFileMakesTheFileStale)
{
    // A copy of the Noto files the kiosk reads, so one can be changed as a package update would.
    const std::string fonts = m_dir + "/fonts";
    std::filesystem::create_directories(fonts);
    for (const char* name : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf",
                             "NotoSansArabic-Bold.ttf", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"})
        std::filesystem::copy_file(std::string(k_noto_dir) + "/" + name, fonts + "/" + name);
    const GlyphRanges ranges = some_ranges();
    ImFontAtlas first;
    ASSERT_EQ(load(first, m_cache, ranges, fonts).kind, AtlasCacheOutcome::Kind::built);
    {
        ImFontAtlas same;
        ASSERT_EQ(load(same, m_cache, ranges, fonts).kind, AtlasCacheOutcome::Kind::restored);
    }

    // Another font under the same name (the bold one as "Regular"): other glyphs, other pixels.
    const std::string regular = fonts + "/NotoSans-Regular.ttf";
    std::filesystem::remove(regular);
    std::filesystem::copy_file(fonts + "/NotoSans-Bold.ttf", regular);
    ImFontAtlas changed;
    const AtlasCacheOutcome outcome = load(changed, m_cache, ranges, fonts);
    EXPECT_EQ(outcome.kind, AtlasCacheOutcome::Kind::rebuilt_stale) << outcome.message;
    ASSERT_EQ(changed.TexWidth, first.TexWidth);
    EXPECT_NE(changed.Fonts[0]->FindGlyph('m')->AdvanceX, first.Fonts[0]->FindGlyph('m')->AdvanceX);

    // The same bytes written again in place (same inode and size): its times change, and that is enough.
    ImFontAtlas settled;
    ASSERT_EQ(load(settled, m_cache, ranges, fonts).kind, AtlasCacheOutcome::Kind::restored);
    lotsen::testing::write_file(regular, lotsen::testing::read_file(regular));
    ImFontAtlas rewritten;
    EXPECT_EQ(load(rewritten, m_cache, ranges, fonts).kind, AtlasCacheOutcome::Kind::rebuilt_stale);
}

// The kiosk itself: the first start builds and keeps the atlas, the second restores it and draws the
// same pixels; a damaged file is rebuilt and the kiosk says so in its log.
TEST_F(FontAtlasCache, SecondStartDrawsTheSameFrameFromTheCache)
{
    KioskOptions options;
    options.config.town = "Varberg";
    options.data_dir = m_dir + "/data";
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    options.catalogue_path = std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json";
    options.font_cache_dir = m_dir + "/data/cache";
    const UnixSeconds now = morning();

    // Home, and the list in Arabic (joined letters from the merged face), as pixels.
    const auto frames = [&](HeadlessKiosk& kiosk) {
        std::vector<std::uint32_t> pixels;
        for (const char* language : {"sv", "ar"}) {
            kiosk.app().reset_session();
            kiosk.app().set_language(language);
            kiosk.app().show_screen("list");
            kiosk.app().prepare_tour(now, kiosk.time());
            kiosk.settle(now);
            for (int y = 0; y < 480; ++y)
                for (int x = 0; x < 800; ++x)
                    pixels.push_back(kiosk.pixel(x, y));
        }
        return pixels;
    };

    ::testing::internal::CaptureStderr();
    auto first = HeadlessKiosk::create(options, 800, 480);
    const std::string first_log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(first.ok()) << first.error().text();
    EXPECT_EQ(first.value()->app().font_atlas_cache().kind, AtlasCacheOutcome::Kind::built);
    EXPECT_NE(first_log.find("lotsen: font atlas ("), std::string::npos) << first_log;
    const std::vector<std::uint32_t> built = frames(*first.value());
    first.value().reset();

    options.catalogue_path.reset();  // the store keeps it
    ::testing::internal::CaptureStderr();
    auto second = HeadlessKiosk::create(options, 800, 480);
    const std::string second_log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(second.ok()) << second.error().text();
    EXPECT_EQ(second.value()->app().font_atlas_cache().kind, AtlasCacheOutcome::Kind::restored);
    EXPECT_EQ(second_log.find("font atlas"), std::string::npos) << second_log;
    const std::vector<std::uint32_t> restored = frames(*second.value());
    second.value().reset();
    ASSERT_EQ(built.size(), restored.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < built.size(); ++i)
        differing += built[i] != restored[i] ? 1 : 0;
    EXPECT_EQ(differing, 0u) << "pixels that differ between the built and the restored atlas";

    // A damaged file: the third start rebuilds, logs why, and still draws the same.
    const std::string file = font_atlas_cache_path(options.font_cache_dir, UiScale(800, 480, options.config.screen_diagonal_inches));
    std::string bytes = lotsen::testing::read_file(file);
    ASSERT_FALSE(bytes.empty()) << file;
    bytes[bytes.size() - 1000] = static_cast<char>(bytes[bytes.size() - 1000] ^ 0x10);
    lotsen::testing::write_file(file, bytes);
    ::testing::internal::CaptureStderr();
    auto third = HeadlessKiosk::create(options, 800, 480);
    const std::string third_log = ::testing::internal::GetCapturedStderr();
    ASSERT_TRUE(third.ok()) << third.error().text();
    EXPECT_EQ(third.value()->app().font_atlas_cache().kind, AtlasCacheOutcome::Kind::rebuilt_damaged);
    EXPECT_NE(third_log.find("lotsen: " + file + ": its contents do not match their digest; font atlas ("), std::string::npos)
        << third_log;
    EXPECT_EQ(frames(*third.value()), built);
}
