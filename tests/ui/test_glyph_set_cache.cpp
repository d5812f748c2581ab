// test_glyph_set_cache.cpp — the font atlas's character set kept on disk (kiosk/glyph_set_cache.hpp):
// a second load reads back exactly what glyph_ranges_for gathers, other texts are never answered from a
// file made for the first ones, and a damaged, cut or foreign file is gathered anew with a log line.
#include "kiosk/glyph_set_cache.hpp"

#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace lotsen::kiosk;
using lotsen::testing::TempDir;

namespace {

// Another of the kiosk's cache files where the glyph set should be.
const std::string k_foreign = "LOTSENST and then as many bytes as a header and a digest would take, and some more";

const std::vector<std::string_view> k_texts = {"Hej världen", "مرحبا بالعالم (لا)", "ሰላም ዓለም", "Привіт"};

class GlyphSetCache : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_FALSE(m_temp.path().empty());
        m_file = glyph_set_cache_path(m_temp.str() + "/cache");  // the folder is made by the first save
    }

    TempDir m_temp{"glyph-set"};
    std::string m_file;
};

}  // namespace

TEST_F(GlyphSetCache, SecondLoadRestoresWhatIsGathered)
{
    const GlyphRanges gathered = glyph_ranges_for(k_texts);
    const GlyphSet first = glyph_set_for(k_texts, m_file);
    EXPECT_EQ(first.source, GlyphSet::Source::gathered);
    EXPECT_EQ(first.message, "");
    EXPECT_EQ(first.ranges, gathered);
    ASSERT_TRUE(std::filesystem::exists(m_file));

    const GlyphSet second = glyph_set_for(k_texts, m_file);
    EXPECT_EQ(second.source, GlyphSet::Source::restored);
    EXPECT_EQ(second.message, "");
    EXPECT_EQ(second.ranges, gathered);
}

TEST_F(GlyphSetCache, OtherTextsAreGatheredAndReplaceTheFile)
{
    (void)glyph_set_for(k_texts, m_file);
    // One more text, one text changed by a letter, and the same texts in another split: each is new.
    const std::vector<std::vector<std::string_view>> others = {
        {"Hej världen", "مرحبا بالعالم (لا)", "ሰላም ዓለም", "Привіт", "Україна"},
        {"Hej världen", "مرحبا بالعالم (لا)", "ሰላም ዓለም", "Привет"},
        {"Hej världenمرحبا بالعالم (لا)", "ሰላም ዓለም", "Привіт"},
    };
    for (const auto& texts : others) {
        const GlyphSet set = glyph_set_for(texts, m_file);
        EXPECT_EQ(set.source, GlyphSet::Source::gathered);
        EXPECT_EQ(set.message, "") << "a set for other texts is not a problem";
        EXPECT_EQ(set.ranges, glyph_ranges_for(texts));
        EXPECT_EQ(glyph_set_for(texts, m_file).source, GlyphSet::Source::restored) << "kept for the next load";
    }
    // The first texts again: the file now holds the last set, so they are gathered, not misread.
    const GlyphSet again = glyph_set_for(k_texts, m_file);
    EXPECT_EQ(again.source, GlyphSet::Source::gathered);
    EXPECT_EQ(again.ranges, glyph_ranges_for(k_texts));
}

TEST_F(GlyphSetCache, DamagedCutOrForeignFilesAreGatheredAnewAndSaid)
{
    (void)glyph_set_for(k_texts, m_file);
    const std::string good = lotsen::testing::read_file(m_file);
    ASSERT_GT(good.size(), 100u);
    const GlyphRanges gathered = glyph_ranges_for(k_texts);

    std::string flipped = good;
    flipped[good.size() - 40] = static_cast<char>(flipped[good.size() - 40] ^ 0x04);  // a range value
    const struct {
        std::string bytes;
        std::string says;
    } cases[] = {
        {flipped, m_file + ": its contents do not match their digest; the glyph set was gathered anew and replaces it"},
        {good.substr(0, good.size() - 7), m_file + ": holds " + std::to_string(good.size() - 7) + " bytes, its header says " +
                                              std::to_string(good.size()) + "; the glyph set was gathered anew and replaces it"},
        {"", m_file + ": not a cache file of this kind (0 bytes, no LOTSENGS header); the glyph set was gathered anew and "
             "replaces it"},
        {k_foreign, m_file + ": not a cache file of this kind (" + std::to_string(k_foreign.size()) +
                        " bytes, no LOTSENGS header); the glyph set was gathered anew and replaces it"},
    };
    for (const auto& damaged : cases) {
        lotsen::testing::write_file(m_file, damaged.bytes);
        const GlyphSet set = glyph_set_for(k_texts, m_file);
        EXPECT_EQ(set.source, GlyphSet::Source::gathered);
        EXPECT_EQ(set.message, damaged.says);
        EXPECT_EQ(set.ranges, gathered);
        EXPECT_EQ(lotsen::testing::read_file(m_file), good) << "replaced by a good file";
    }
}

TEST_F(GlyphSetCache, AFolderThatCannotBeMadeOnlyCostsTheCache)
{
    lotsen::testing::write_file(m_temp.str() + "/cache", "a file where the folder should be");
    const GlyphSet set = glyph_set_for(k_texts, m_file);
    EXPECT_EQ(set.source, GlyphSet::Source::gathered);
    EXPECT_EQ(set.ranges, glyph_ranges_for(k_texts));
    EXPECT_NE(set.message.find("the glyph set is not kept: " + m_temp.str() + "/cache: cannot create the folder"),
              std::string::npos)
        << set.message;
}

TEST_F(GlyphSetCache, NoCachePathOnlyGathers)
{
    const GlyphSet set = glyph_set_for(k_texts, "");
    EXPECT_EQ(set.source, GlyphSet::Source::gathered);
    EXPECT_EQ(set.ranges, glyph_ranges_for(k_texts));
    EXPECT_FALSE(std::filesystem::exists(m_file));
}
