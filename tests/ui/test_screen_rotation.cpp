// test_screen_rotation.cpp — the arithmetic of a turned panel ([screen] rotation): where the upright
// picture's corners land on the output, and touches turned back to where they were drawn.
#include "kiosk/screen_rotation.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace lotsen::kiosk;

TEST(ScreenRotation, SidewaysSwapsTheSizeTheKioskDrawsAt)
{
    EXPECT_EQ(ScreenRotation(0, 800, 480).logical_width(), 800);
    EXPECT_EQ(ScreenRotation(90, 800, 480).logical_width(), 480);
    EXPECT_EQ(ScreenRotation(90, 800, 480).logical_height(), 800);
    EXPECT_EQ(ScreenRotation(180, 800, 480).logical_height(), 480);
    EXPECT_EQ(ScreenRotation(270, 1920, 1080).logical_width(), 1080);
    EXPECT_FALSE(ScreenRotation().turned());
}

TEST(ScreenRotation, TheUprightTopLeftCornerLandsWhereTheTurnTakesIt)
{
    // A 480×800 portrait picture on an 800×480 output. Turned 90° clockwise its top edge runs down
    // the output's right edge; turned 270° down the left edge, starting at the bottom.
    EXPECT_EQ(ScreenRotation(90, 800, 480).to_output({0, 0}), (ScreenPoint{800, 0}));
    EXPECT_EQ(ScreenRotation(90, 800, 480).to_output({480, 0}), (ScreenPoint{800, 480}));
    EXPECT_EQ(ScreenRotation(270, 800, 480).to_output({0, 0}), (ScreenPoint{0, 480}));
    EXPECT_EQ(ScreenRotation(270, 800, 480).to_output({480, 0}), (ScreenPoint{0, 0}));
    EXPECT_EQ(ScreenRotation(180, 800, 480).to_output({0, 0}), (ScreenPoint{800, 480}));
    EXPECT_EQ(ScreenRotation(0, 800, 480).to_output({10, 20}), (ScreenPoint{10, 20}));
}

TEST(ScreenRotation, ATouchIsTurnedBackToWhereItWasDrawn)
{
    for (const int degrees : {0, 90, 180, 270}) {
        const ScreenRotation rotation(degrees, 800, 480);
        for (const ScreenPoint p : std::array<ScreenPoint, 4>{{{0, 0}, {12.5f, 700}, {479, 1}, {240, 400}}}) {
            const ScreenPoint back = rotation.to_logical(rotation.to_output(p));
            EXPECT_FLOAT_EQ(back.x, p.x) << degrees;
            EXPECT_FLOAT_EQ(back.y, p.y) << degrees;
        }
    }
    // A finger near the output's top-right corner is near the picture's top-left when turned 90°.
    EXPECT_EQ(ScreenRotation(90, 800, 480).to_logical({790, 10}), (ScreenPoint{10, 10}));
    EXPECT_EQ(ScreenRotation(270, 800, 480).to_logical({10, 470}), (ScreenPoint{10, 10}));
}
