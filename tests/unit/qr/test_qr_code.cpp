// test_qr_code.cpp — the QR code matrix: sizes follow the version (21 + 4k), the three finder
// patterns sit in the right corners (and not in the fourth), the timing patterns alternate, the
// version is the smallest at level L and the level the strongest that fits it, the capacity limit
// is exact, and a capped calendar event stays a readable size.
#include "core/qr/qr_code.hpp"

#include "core/catalogue/ical.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lotsen {
namespace {

// True when the 7×7 finder pattern (dark ring, light ring, dark 3×3 core) has its top-left at (x0, y0).
bool finder_at(const QrCode& code, int x0, int y0)
{
    for (int dy = 0; dy < 7; ++dy) {
        for (int dx = 0; dx < 7; ++dx) {
            const bool ring = dx == 0 || dx == 6 || dy == 0 || dy == 6;
            const bool core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
            if (code.dark(x0 + dx, y0 + dy) != (ring || core))
                return false;
        }
    }
    return true;
}

void expect_function_patterns(const QrCode& code)
{
    ASSERT_GE(code.size, 21);
    ASSERT_EQ(code.modules.size(), static_cast<std::size_t>(code.size * code.size));
    EXPECT_TRUE(finder_at(code, 0, 0));
    EXPECT_TRUE(finder_at(code, code.size - 7, 0));
    EXPECT_TRUE(finder_at(code, 0, code.size - 7));
    EXPECT_FALSE(finder_at(code, code.size - 7, code.size - 7));  // the fourth corner holds data
    // The light separator next to the top-left finder.
    for (int i = 0; i < 8; ++i) {
        EXPECT_FALSE(code.dark(7, i));
        EXPECT_FALSE(code.dark(i, 7));
    }
    // Timing patterns on row 6 and column 6 between the finders: dark on even positions.
    for (int i = 8; i < code.size - 8; ++i) {
        EXPECT_EQ(code.dark(i, 6), i % 2 == 0) << "row 6, column " << i;
        EXPECT_EQ(code.dark(6, i), i % 2 == 0) << "column 6, row " << i;
    }
}

TEST(QrCode, ShortTextIsVersion1AtTheStrongestLevel)
{
    // Version 1 holds 17 bytes at L, 14 at M, 11 at Q and 7 at H (ISO/IEC 18004 table 7).
    auto code = make_qr_code("Lotsen");
    ASSERT_TRUE(code.ok()) << code.error().text();
    EXPECT_EQ(code.value().size, 21);
    EXPECT_EQ(code.value().version(), 1);
    EXPECT_EQ(code.value().level, QrLevel::high);  // 6 bytes fit even at H: the stronger level costs nothing
    expect_function_patterns(code.value());
}

TEST(QrCode, TheVersionIsTheSmallestAtLevelLAndTheLevelTheStrongestThatFitsIt)
{
    struct Case {
        std::size_t bytes;
        int version;
        QrLevel level;
    } cases[] = {
        {7, 1, QrLevel::high},       // H holds 7 in version 1
        {8, 1, QrLevel::quartile},   // Q holds 11
        {14, 1, QrLevel::medium},    // M holds 14
        {17, 1, QrLevel::low},       // only L holds 17 in version 1
        {18, 2, QrLevel::quartile},  // version 2: L 32, M 26, Q 20, H 14
        {27, 2, QrLevel::low},
        {33, 3, QrLevel::medium},    // version 3: L 53, M 42, Q 32, H 24
        {458, 14, QrLevel::low},     // version 14 holds 458 at L (M would need version 17)
        {459, 15, QrLevel::low},
    };
    for (const Case& c : cases) {
        auto code = make_qr_code(std::string(c.bytes, 'a'));
        ASSERT_TRUE(code.ok()) << code.error().text();
        EXPECT_EQ(code.value().version(), c.version) << c.bytes << " bytes";
        EXPECT_EQ(code.value().size, 17 + 4 * c.version) << c.bytes << " bytes";
        EXPECT_EQ(code.value().level, c.level) << c.bytes << " bytes";
    }
}

TEST(QrCode, Utf8IsEncodedAsBytes)
{
    auto code = make_qr_code("Kvällspromenad vid ån — نزهة");  // 38 bytes
    ASSERT_TRUE(code.ok()) << code.error().text();
    EXPECT_EQ(code.value().size, 29);  // version 3: 33..53 bytes at level L, 38 fits M too
    EXPECT_EQ(code.value().level, QrLevel::medium);
    expect_function_patterns(code.value());
}

TEST(QrCode, LargestAtLevelLAndOneByteMore)
{
    auto largest = make_qr_code(std::string(2953, 'x'));
    ASSERT_TRUE(largest.ok()) << largest.error().text();
    EXPECT_EQ(largest.value().size, 177);  // version 40
    EXPECT_EQ(largest.value().level, QrLevel::low);
    expect_function_patterns(largest.value());

    auto too_long = make_qr_code(std::string(2954, 'x'));
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().text(),
              "QR code: 2954 bytes is too long; a QR code holds at most 2953 bytes (version 40, error correction level L)");
}

TEST(QrCode, EmptyDataIsAnError)
{
    auto code = make_qr_code("");
    ASSERT_FALSE(code.ok());
    EXPECT_EQ(code.error().text(), "QR code: there is nothing to encode (the data is empty)");
}

TEST(QrCode, CappedCalendarEventStaysAtMostVersion21)
{
    Activity activity;
    activity.id = "halmstad-lordagsvandring";
    activity.title = LocalizedText(TextMap{{"sv", "Lördagsvandring vid Tylösand med fika"}});
    std::string description;
    while (description.size() < 8000)
        description += "Vi går i lugn takt längs stranden och pratar om det som dyker upp. ";
    activity.description = LocalizedText(TextMap{{"sv", description}});
    activity.place.name = LocalizedText(TextMap{{"sv", "Parkeringen vid Tylebäck"}});
    activity.place.address = "Kungsvägen 1";
    activity.place.town = "Tylösand";
    const Occurrence occurrence{1780416000, 1780423200, stockholm::to_local(1780416000)};
    const std::string ical =
        make_vevent(activity, occurrence, "sv", {"Halmstads vandringsvänner", "035-12 34 56", "info@vandring.se"}, 1780300800);
    ASSERT_LE(ical.size(), k_ical_target_bytes);
    auto code = make_qr_code(ical);
    ASSERT_TRUE(code.ok()) << code.error().text();
    EXPECT_LE(code.value().version(), 21);  // 101 × 101 modules: k_ical_target_bytes at level L
    expect_function_patterns(code.value());
}

}  // namespace
}  // namespace lotsen
