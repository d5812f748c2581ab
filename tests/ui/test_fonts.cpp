// test_fonts.cpp — Tigrinya reads like the other languages at the smallest size: in the atlas the
// kiosk builds for 800×480, Ethiopic letters (all of them cap height by design) stand a tenth taller
// than Latin capitals, about as tall as Latin ascenders, yet inside the line, and their strokes are as
// dark as Latin ones (the coverage of their ink pixels), in the body, bold and small faces.
#include "kiosk/fonts.hpp"

#include <imgui.h>

#include <gtest/gtest.h>

#include <string>

using namespace lotsen::kiosk;

namespace {

struct Ink {
    float height = 0.0f;   ///< mean glyph bitmap height, pixels
    float darkness = 0.0f; ///< mean coverage of the pixels a glyph touches, 0…1
};

Ink measure(const ImFontAtlas& atlas, const ImFont* font, const unsigned char* alpha, int texture_width,
            std::u16string_view letters)
{
    Ink ink;
    double height = 0.0;
    double coverage = 0.0;
    double touched = 0.0;
    for (char16_t letter : letters) {
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(letter));
        EXPECT_NE(glyph, nullptr) << "U+" << std::hex << static_cast<unsigned>(letter);
        if (!glyph)
            continue;
        height += glyph->Y1 - glyph->Y0;
        const int x0 = static_cast<int>(glyph->U0 * static_cast<float>(atlas.TexWidth) + 0.5f);
        const int x1 = static_cast<int>(glyph->U1 * static_cast<float>(atlas.TexWidth) + 0.5f);
        const int y0 = static_cast<int>(glyph->V0 * static_cast<float>(atlas.TexHeight) + 0.5f);
        const int y1 = static_cast<int>(glyph->V1 * static_cast<float>(atlas.TexHeight) + 0.5f);
        for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) {
                const unsigned char a = alpha[y * texture_width + x];
                if (a > 0) {
                    coverage += a / 255.0;
                    touched += 1.0;
                }
            }
        }
    }
    ink.height = static_cast<float>(height / static_cast<double>(letters.size()));
    ink.darkness = touched > 0 ? static_cast<float>(coverage / touched) : 0.0f;
    return ink;
}

}  // namespace

TEST(Fonts, EthiopicStandsAsTallAndAsDarkAsLatinAt800x480)
{
    // Letters of the Tigrinya texts (ትግርኛ, ሓገዝ, መዓስ …) and Latin capitals.
    const std::u16string ethiopic = u"ትግርኛሓገዝመዓስኣብይዋጋ";
    const std::u16string latin = u"AHKTESN";
    const GlyphRanges ranges = glyph_ranges_for({"ትግርኛሓገዝመዓስኣብይዋጋ", "AHKTESN"});
    ImFontAtlas atlas;
    const UiScale scale(800, 480, 15.6);  // the shipped configuration's diagonal
    auto fonts = load_fonts(atlas, scale, ranges);
    ASSERT_TRUE(fonts.ok()) << fonts.error().text();
    unsigned char* alpha = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &width, &height);
    ASSERT_NE(alpha, nullptr);
    for (const ImFont* font : {fonts.value().body, fonts.value().bold, fonts.value().small}) {
        const Ink e = measure(atlas, font, alpha, width, ethiopic);
        const Ink l = measure(atlas, font, alpha, width, latin);
        const std::string face = std::to_string(static_cast<int>(font->FontSize)) + " px face";
        EXPECT_GE(e.height, 1.1f * l.height) << face << ": Ethiopic " << e.height << " px, Latin " << l.height << " px";
        EXPECT_GE(e.darkness, l.darkness * 0.97f) << face << ": Ethiopic ink " << e.darkness << ", Latin " << l.darkness;
        // Still inside the Latin line: no Ethiopic letter reaches out of the line box.
        for (char16_t letter : ethiopic) {
            const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(letter));
            ASSERT_NE(glyph, nullptr);
            EXPECT_GE(glyph->Y0, 0.0f) << face;
            EXPECT_LE(glyph->Y1, font->FontSize + 0.5f) << face;
        }
    }
}
