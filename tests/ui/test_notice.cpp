// test_notice.cpp — the region's notice ([notice] in the config): a band under the top bar on every
// visitor screen, in the visitor's language, red for a warning, with the content moved below it, and
// characters of its own in the font atlas.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/theme.hpp"

#include <imgui.h>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class NoticeBand : public KioskFixture {
protected:
    /// A little below the top bar (found as the first row under it in the left column that is not
    /// the accent colour), where the band is.
    int below_top_bar()
    {
        int y = 0;
        while (y < 200 && m_kiosk->pixel(4, y) == default_palette().accent)
            ++y;
        return y + 4;
    }

    /// The top of the widget `id` on the current screen.
    float top_of(const std::string& id)
    {
        const TapTarget* target = m_kiosk->find_target(id);
        EXPECT_NE(target, nullptr) << id;
        return target ? target->min.y : 0.0f;
    }
};

}  // namespace

TEST_F(NoticeBand, NoNoticeNoBand)
{
    start(800, 480);
    EXPECT_EQ(m_kiosk->pixel(4, below_top_bar()), default_palette().background);
}

TEST_F(NoticeBand, AWarningIsARedBandAboveTheContentOnEveryScreen)
{
    start(800, 480, [](KioskConfig& config) {
        // Ethiopic letters that no string table or built-in text has: the atlas must get them from
        // the config (a made-up word; only its letters matter).
        config.notice.text.set("sv", "Kiosken lagas i dag. Personalen i receptionen hjälper dig.");
        config.notice.text.set("ti", "ሀሁሂ ቨቩቪ");
        config.notice.level = Notice::Level::warning;
    });
    for (const char* step : {"", "##find"}) {
        if (*step)
            tap(step);
        const int band_y = below_top_bar();
        EXPECT_EQ(m_kiosk->pixel(4, band_y), default_palette().danger) << screen();
        int band_end = band_y;
        while (band_end < 480 && m_kiosk->pixel(4, band_end) == default_palette().danger)
            ++band_end;
        EXPECT_GT(band_end - band_y, 10) << screen();
        // The content starts below the band: nothing of it is drawn over or under the notice.
        const std::string first = screen() == "home" ? "##find" : "##interest-music";
        EXPECT_GE(top_of(first), static_cast<float>(band_end)) << screen();
    }
    ASSERT_EQ(screen(), "interests");
    // The kiosk's ImGui context is current after a frame; its first font is the body face.
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    ASSERT_NE(font, nullptr);
    for (char32_t letter : {U'ሀ', U'ሁ', U'ሂ', U'ቨ', U'ቩ', U'ቪ'}) {
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(letter));
        EXPECT_NE(glyph, nullptr) << "U+" << std::hex << static_cast<unsigned>(letter) << " is not in the atlas";
    }
}

TEST_F(NoticeBand, AnInfoNoticeIsAQuietBand)
{
    start(800, 480, [](KioskConfig& config) { config.notice.text.set("sv", "Biblioteket stänger 16 i dag."); });
    EXPECT_EQ(m_kiosk->pixel(4, below_top_bar()), default_palette().surface_strong);
}
