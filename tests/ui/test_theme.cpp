// test_theme.cpp — every text colour pair of the palette meets WCAG 2.1 AA (4.5:1 for text),
// computed with the standard relative-luminance formula.
#include "kiosk/theme.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace lotsen::kiosk;

namespace {

double channel(unsigned value)
{
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 color)
{
    // ImU32 is ABGR: red in the lowest byte.
    return 0.2126 * channel(color & 0xFF) + 0.7152 * channel((color >> 8) & 0xFF) +
           0.0722 * channel((color >> 16) & 0xFF);
}

double contrast(ImU32 a, ImU32 b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST(Theme, ContrastFormulaMatchesKnownValues)
{
    EXPECT_NEAR(contrast(IM_COL32_BLACK, IM_COL32_WHITE), 21.0, 1e-9);
    EXPECT_NEAR(contrast(IM_COL32(0x77, 0x77, 0x77, 0xFF), IM_COL32_WHITE), 4.48, 0.01);  // the classic near-miss grey
}

class EveryPalette : public testing::TestWithParam<const Palette*> {};

TEST_P(EveryPalette, EveryTextPairMeetsWcagAA)
{
    const Palette& p = *GetParam();
    const struct {
        const char* name;
        ImU32 text;
        ImU32 background;
    } pairs[] = {
        {"text on background", p.text, p.background},
        {"text on surface", p.text, p.surface},
        {"text on pressed surface", p.text, p.surface_pressed},
        {"text on sand tiles", p.text, p.surface_strong},
        {"muted text on surface", p.text_muted, p.surface},
        {"muted text on background", p.text_muted, p.background},
        {"accent text on surface", p.accent, p.surface},
        {"accent text on background", p.accent, p.background},
        {"text on accent", p.on_accent, p.accent},
        {"text on pressed accent", p.on_accent, p.accent_pressed},
        {"text on danger", p.on_danger, p.danger},
        {"text on pressed danger", p.on_danger, p.danger_pressed},
        {"danger text on surface", p.danger, p.surface},
        {"danger text on background", p.danger, p.background},
        {"badge text on green", p.on_badge, p.badge_free},
        {"badge text on accent", p.on_badge, p.accent},
        {"green text on surface", p.badge_free, p.surface},
    };
    for (const auto& pair : pairs)
        EXPECT_GE(contrast(pair.text, pair.background), 4.5) << pair.name;
}

INSTANTIATE_TEST_SUITE_P(Theme, EveryPalette, testing::Values(&default_palette(), &high_contrast_palette()),
                         [](const testing::TestParamInfo<const Palette*>& palette_info) {
                             return std::string(palette_info.param == &default_palette() ? "Default" : "HighContrast");
                         });

TEST(Theme, HighContrastIsHigherThanDefault)
{
    // Text on its background: at least 7:1 (WCAG AAA) in the high-contrast palette.
    const Palette& p = high_contrast_palette();
    EXPECT_GE(contrast(p.text, p.background), 7.0);
    EXPECT_GE(contrast(p.text, p.surface), 7.0);
    EXPECT_GE(contrast(p.on_accent, p.accent), 7.0);
    EXPECT_GE(contrast(p.on_danger, p.danger), 7.0);
}
