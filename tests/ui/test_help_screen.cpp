// test_help_screen.cpp — the "help now" cards mirror in right-to-left languages: the red stripe that
// marks where a card's text starts is on the left in LTR and on the right in Arabic and Persian.
#include "kiosk_fixture.hpp"

#include "kiosk/png_writer.hpp"
#include "kiosk/theme.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class HelpScreen : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }

    // The x of every pixel column that holds a tall run of the "help now" red: the cards' stripes.
    // Glyphs of the red numbers are far shorter than a card, so they never count.
    std::vector<int> stripe_columns(const LanguageCode& language)
    {
        app().set_language(language);
        app().show_screen("help");
        m_kiosk->settle(m_now);
        const std::string path = m_dir + "/help-" + language + ".png";
        EXPECT_TRUE(m_kiosk->save_png(path).ok());
        auto image = read_png(path);
        EXPECT_TRUE(image.ok());
        if (!image.ok())
            return {};
        const RgbaImage& png = image.value();
        const ImU32 red = default_palette().danger;
        const int r = static_cast<int>(red & 0xFF), g = static_cast<int>((red >> 8) & 0xFF),
                  b = static_cast<int>((red >> 16) & 0xFF);
        std::vector<int> columns;
        for (int x = 0; x < png.width; ++x) {
            int run = 0, longest = 0;
            for (int y = 0; y < png.height; ++y) {
                const std::uint8_t* p = &png.pixels[(static_cast<std::size_t>(y) * png.width + x) * 4];
                const bool is_red = std::abs(p[0] - r) <= 8 && std::abs(p[1] - g) <= 8 && std::abs(p[2] - b) <= 8;
                run = is_red ? run + 1 : 0;
                longest = std::max(longest, run);
            }
            if (longest >= 60)  // a card is at least two lines of text high
                columns.push_back(x);
        }
        return columns;
    }
};

}  // namespace

TEST_F(HelpScreen, StripeIsOnTheLeftInLeftToRight)
{
    for (const char* language : {"sv", "uk"}) {
        const std::vector<int> columns = stripe_columns(language);
        ASSERT_FALSE(columns.empty()) << language << ": no card stripe found";
        EXPECT_LT(columns.back(), 800 / 4) << language;
    }
}

TEST_F(HelpScreen, StripeIsOnTheRightInRightToLeft)
{
    for (const char* language : {"ar", "fa"}) {
        const std::vector<int> columns = stripe_columns(language);
        ASSERT_FALSE(columns.empty()) << language << ": no card stripe found";
        EXPECT_GT(columns.front(), 800 * 3 / 4) << language << ": the stripe must mirror to the right";
    }
}
