// test_screens.cpp — every screen at small and large, landscape and portrait sizes, left-to-right
// and right-to-left: touch targets are large enough, and golden screenshots match within a tolerance.
#include "tests/ui/kiosk_fixture.hpp"

#include "core/catalogue/catalogue_file.hpp"
#include "kiosk/fonts.hpp"
#include "kiosk/png_writer.hpp"
#include "core/text/text_layout.hpp"
#include "kiosk/theme.hpp"

#include <cstdlib>
#include <cmath>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

struct Size {
    int width;
    int height;
};

class EveryScreen : public KioskFixture, public testing::WithParamInterface<Size> {
protected:
    void SetUp() override { start(GetParam().width, GetParam().height); }

    // Shows `id` as the tour does: a fresh visitor, the language, typical input.
    void show(const std::string& id, const LanguageCode& language)
    {
        app().reset_session();
        app().set_language(language);
        app().show_screen(id);
        app().prepare_tour(m_now, m_kiosk->time());
        m_kiosk->settle(m_now);
    }
};

}  // namespace

TEST_P(EveryScreen, TouchTargetsAreAtLeastNineMillimetres)
{
    const UiScale scale(GetParam().width, GetParam().height, app().config().screen_diagonal_inches);
    const float minimum = scale.touch_target();
    EXPECT_GE(minimum, 48.0f);
    EXPECT_GE(minimum, scale.mm(9.0) - 0.01f);
    for (const std::string& id : app().screen_ids()) {
        for (const LanguageCode language : {"sv", "ar"}) {
            show(id, language);
            ASSERT_FALSE(app().targets().empty()) << id;
            for (const TapTarget& target : app().targets()) {
                EXPECT_GE(target.max.x - target.min.x, minimum - 0.5f) << id << "/" << language << " " << target.id;
                EXPECT_GE(target.max.y - target.min.y, minimum - 0.5f) << id << "/" << language << " " << target.id;
            }
        }
    }
}

TEST_P(EveryScreen, VisibleTapTargetsNeverOverlap)
{
    // Two widgets under one finger would make a tap ambiguous (and one of them drawn over the other).
    auto area = [](const ImVec2& a, const ImVec2& b) { return std::max(0.0f, b.x - a.x) * std::max(0.0f, b.y - a.y); };
    for (const std::string& id : app().screen_ids()) {
        for (const LanguageCode language : {"sv", "ar"}) {
            show(id, language);
            const auto& targets = app().targets();
            for (std::size_t i = 0; i < targets.size(); ++i) {
                for (std::size_t j = i + 1; j < targets.size(); ++j) {
                    const TapTarget& a = targets[i];
                    const TapTarget& b = targets[j];
                    const bool same_widget = a.min.x == b.min.x && a.min.y == b.min.y && a.max.x == b.max.x &&
                                             a.max.y == b.max.y;  // a keyboard key records itself twice
                    if (same_widget)
                        continue;
                    const ImVec2 overlap_min(std::max(a.visible_min.x, b.visible_min.x), std::max(a.visible_min.y, b.visible_min.y));
                    const ImVec2 overlap_max(std::min(a.visible_max.x, b.visible_max.x), std::min(a.visible_max.y, b.visible_max.y));
                    EXPECT_LE(area(overlap_min, overlap_max), 1.0f)
                        << id << "/" << language << ": " << a.id << " overlaps " << b.id;
                }
            }
        }
    }
}

TEST_P(EveryScreen, RightToLeftMirrorsTheBackButtonAndHelp)
{
    show("list", "sv");
    const TapTarget* back_ltr = m_kiosk->find_target("##back");
    const TapTarget* help_ltr = m_kiosk->find_target("##help-now");
    ASSERT_TRUE(back_ltr && help_ltr);
    const float middle = GetParam().width / 2.0f;
    EXPECT_LT(back_ltr->max.x, middle);
    EXPECT_GT(help_ltr->min.x, middle);
    show("list", "ar");
    const TapTarget* back_rtl = m_kiosk->find_target("##back");
    const TapTarget* help_rtl = m_kiosk->find_target("##help-now");
    ASSERT_TRUE(back_rtl && help_rtl);
    EXPECT_GT(back_rtl->min.x, middle);
    EXPECT_LT(help_rtl->max.x, middle);
}

TEST_P(EveryScreen, LargerTextKeepsTargetsLargeAndApart)
{
    for (const std::string& id : app().screen_ids()) {
        show(id, "sv");
        app().session().larger_text = true;
        m_kiosk->settle(m_now);
        const UiScale scale(GetParam().width, GetParam().height, app().config().screen_diagonal_inches,
                            k_larger_text_factor);
        for (const TapTarget& target : app().targets()) {
            EXPECT_GE(target.max.x - target.min.x, scale.touch_target() - 0.5f) << id << " " << target.id;
            EXPECT_GE(target.max.y - target.min.y, scale.touch_target() - 0.5f) << id << " " << target.id;
        }
        const auto& targets = app().targets();
        for (std::size_t i = 0; i < targets.size(); ++i) {
            for (std::size_t j = i + 1; j < targets.size(); ++j) {
                const TapTarget& a = targets[i];
                const TapTarget& b = targets[j];
                if (a.min.x == b.min.x && a.min.y == b.min.y && a.max.x == b.max.x && a.max.y == b.max.y)
                    continue;
                const float w = std::min(a.visible_max.x, b.visible_max.x) - std::max(a.visible_min.x, b.visible_min.x);
                const float h = std::min(a.visible_max.y, b.visible_max.y) - std::max(a.visible_min.y, b.visible_min.y);
                EXPECT_FALSE(w > 1.0f && h > 1.0f) << id << ": " << a.id << " overlaps " << b.id;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, EveryScreen,
                         testing::Values(Size{800, 480}, Size{1920, 1080}, Size{480, 800}, Size{1080, 1920}),
                         [](const testing::TestParamInfo<Size>& size_info) {
                             return std::to_string(size_info.param.width) + "x" + std::to_string(size_info.param.height);
                         });

namespace {

// Renders `screen` in `language` and compares with tests/ui/golden/<screen>-<language>-<W>x<H><suffix>.png:
// at most 0.5 % of the pixels may differ by more than 48 in a channel (anti-aliasing, not layout).
// With LOTSEN_UPDATE_GOLDEN=1 the reference is rewritten instead. `adjust` sets the visitor's state
// after the tour's (for a state the tour does not show).
class GoldenAt : public KioskFixture {
protected:
    void expect_matches(const std::string& screen, const LanguageCode& language,
                        const std::function<void(VisitorSession&)>& adjust = {}, const std::string& suffix = "")
    {
        app().reset_session();
        app().set_language(language);
        app().show_screen(screen);
        app().prepare_tour(m_now, m_kiosk->time());
        if (adjust)
            adjust(app().session());
        m_kiosk->settle(m_now);
        const std::string name = screen + "-" + language + "-" + std::to_string(m_width) + "x" + std::to_string(m_height) +
                                 suffix + ".png";
        const std::string reference = std::string(LOTSEN_SOURCE_DIR) + "/tests/ui/golden/" + name;
        const std::string actual = m_dir + "/" + name;
        ASSERT_TRUE(m_kiosk->save_png(actual).ok());
        if (const char* update = std::getenv("LOTSEN_UPDATE_GOLDEN"); update && std::string(update) == "1") {
            ASSERT_TRUE(m_kiosk->save_png(reference).ok());
            return;
        }
        auto expected = read_png(reference);
        ASSERT_TRUE(expected.ok()) << expected.error().text() << " (LOTSEN_UPDATE_GOLDEN=1 creates it)";
        auto got = read_png(actual);
        ASSERT_TRUE(got.ok());
        ASSERT_EQ(got.value().width, expected.value().width);
        ASSERT_EQ(got.value().height, expected.value().height);
        std::size_t differing = 0;
        const auto& a = got.value().pixels;
        const auto& b = expected.value().pixels;
        for (std::size_t i = 0; i < a.size(); i += 4) {
            for (std::size_t c = 0; c < 3; ++c) {
                if (std::abs(int(a[i + c]) - int(b[i + c])) > 48) {
                    differing++;
                    break;
                }
            }
        }
        const std::size_t total = a.size() / 4;
        EXPECT_LE(differing, total / 200) << name << ": " << differing << " of " << total
                                          << " pixels differ; the rendering is in " << actual;
    }

    void start_at(int width, int height)
    {
        m_width = width;
        m_height = height;
        start(width, height);
    }

    int m_width = 0;
    int m_height = 0;
};

class Golden : public GoldenAt {
protected:
    void SetUp() override { start_at(800, 480); }
};

class GoldenPortrait : public GoldenAt {
protected:
    void SetUp() override { start_at(1080, 1920); }
};

// The thanks screen after a check-in with the heaviest mood.
void heavy_checkin(VisitorSession& session)
{
    session.receipt_code.clear();
    session.support_offered = true;
}

}  // namespace

TEST_F(Golden, HomeSwedish) { expect_matches("home", "sv"); }
TEST_F(Golden, HomeArabic) { expect_matches("home", "ar"); }
TEST_F(Golden, ListSwedish) { expect_matches("list", "sv"); }
TEST_F(Golden, HelpSwedish) { expect_matches("help", "sv"); }
TEST_F(Golden, HelpArabic) { expect_matches("help", "ar"); }
TEST_F(Golden, DetailSwedish) { expect_matches("detail", "sv"); }
TEST_F(Golden, ListArabic) { expect_matches("list", "ar"); }
TEST_F(Golden, DetailTigrinya) { expect_matches("detail", "ti"); }  // Ethiopic script
TEST_F(Golden, DetailArabic) { expect_matches("detail", "ar"); }
TEST_F(Golden, ContactSwedish) { expect_matches("contact", "sv"); }
TEST_F(Golden, ContactArabic) { expect_matches("contact", "ar"); }
TEST_F(Golden, CheckInSwedish) { expect_matches("checkin", "sv"); }
TEST_F(Golden, CheckInArabic) { expect_matches("checkin", "ar"); }
TEST_F(Golden, ThanksAfterAHeavyMoodSwedish) { expect_matches("thanks", "sv", heavy_checkin, "-support"); }
TEST_F(Golden, ThanksAfterAHeavyMoodArabic) { expect_matches("thanks", "ar", heavy_checkin, "-support"); }
// The search screen with its on-screen keyboard up (Swedish letters; Arabic letters), "promen" typed;
// nothing in the test catalogue matches, so the portrait ones also show the no-hits line and the wish.
TEST_F(Golden, SearchWithTheKeyboardSwedish) { expect_matches("search", "sv"); }
TEST_F(Golden, SearchWithTheKeyboardArabic) { expect_matches("search", "ar"); }
TEST_F(GoldenPortrait, HomeSwedish) { expect_matches("home", "sv"); }
TEST_F(GoldenPortrait, HomeArabic) { expect_matches("home", "ar"); }
TEST_F(GoldenPortrait, ListSwedish) { expect_matches("list", "sv"); }
TEST_F(GoldenPortrait, ListArabic) { expect_matches("list", "ar"); }
TEST_F(GoldenPortrait, HelpSwedish) { expect_matches("help", "sv"); }
TEST_F(GoldenPortrait, HelpArabic) { expect_matches("help", "ar"); }
TEST_F(GoldenPortrait, ContactSwedish) { expect_matches("contact", "sv"); }
TEST_F(GoldenPortrait, ContactArabic) { expect_matches("contact", "ar"); }
TEST_F(GoldenPortrait, CheckInSwedish) { expect_matches("checkin", "sv"); }
TEST_F(GoldenPortrait, CheckInArabic) { expect_matches("checkin", "ar"); }
TEST_F(GoldenPortrait, DetailSwedish) { expect_matches("detail", "sv"); }
TEST_F(GoldenPortrait, DetailArabic) { expect_matches("detail", "ar"); }
TEST_F(GoldenPortrait, SearchWithTheKeyboardSwedish) { expect_matches("search", "sv"); }
TEST_F(GoldenPortrait, SearchWithTheKeyboardArabic) { expect_matches("search", "ar"); }

namespace {

bool in_ranges(const GlyphRanges& ranges, char32_t codepoint)
{
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2) {
        if (codepoint >= ranges[i] && codepoint <= ranges[i + 1])
            return true;
    }
    return false;
}

std::u32string decode(std::string_view utf8)
{
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length; ++k)
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out.push_back(c);
        i += static_cast<std::size_t>(length);
    }
    return out;
}

}  // namespace

TEST(FontRanges, EveryDemoCatalogueTextCanBeDrawnWithTheAtlasBuiltFromIt)
{
    const auto parsed = load_catalogue_file(std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json");
    ASSERT_TRUE(parsed.ok()) << parsed.summary();
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->replace_catalogue(*parsed.catalogue, morning()).ok());
    auto characters = store.value()->text_characters();
    ASSERT_TRUE(characters.ok());
    const GlyphRanges ranges = glyph_ranges_for({characters.value()});
    // Lines are shaped as drawn (narrow lines split words, so letters take every joining form).
    const MeasureFn measure = [](std::string_view visual) { return static_cast<float>(visual.size()); };
    std::size_t checked = 0;
    for (const Activity& activity : parsed.catalogue->activities) {
        for (const LocalizedText* text : {&activity.title, &activity.description}) {
            for (const auto& [language, content] : text->all()) {
                for (float width : {40.0f, 4000.0f}) {
                    for (const LaidOutLine& line : layout_paragraph(content, width, measure)) {
                        for (char32_t c : decode(line.visual)) {
                            ASSERT_TRUE(in_ranges(ranges, c)) << activity.id << "/" << language << ": U+" << std::hex
                                                              << static_cast<unsigned>(c) << " missing";
                            checked++;
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(checked, 100'000u);
}
