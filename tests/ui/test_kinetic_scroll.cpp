// test_kinetic_scroll.cpp — drag-to-scroll physics: taps stay taps, drags follow the finger,
// flings decay and stop at the ends, independent of frame rate.
#include "kiosk/kinetic_scroll.hpp"

#include <gtest/gtest.h>

using lotsen::kiosk::KineticScroll;

namespace {
KineticScroll make_scroll(float max_offset)
{
    KineticScroll scroll;
    scroll.set_tap_slop(10.0f);
    scroll.set_max_offset(max_offset);
    return scroll;
}
}  // namespace

TEST(KineticScroll, SmallMovementStaysATap)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.press(300.0f, 0.0);
    scroll.move(305.0f, 0.02);
    scroll.move(296.0f, 0.04);
    EXPECT_FALSE(scroll.dragging());
    EXPECT_EQ(scroll.offset(), 0.0f);
    scroll.release(0.06);
    EXPECT_FALSE(scroll.animating());
}

TEST(KineticScroll, DragFollowsTheFingerOneToOne)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.press(400.0f, 0.0);
    scroll.move(380.0f, 0.05);
    EXPECT_TRUE(scroll.dragging());
    EXPECT_FLOAT_EQ(scroll.offset(), 20.0f);
    scroll.move(250.0f, 0.10);
    EXPECT_FLOAT_EQ(scroll.offset(), 150.0f);
    scroll.move(300.0f, 0.15);  // finger back down: content follows back
    EXPECT_FLOAT_EQ(scroll.offset(), 100.0f);
}

TEST(KineticScroll, DragIsClampedToTheContent)
{
    KineticScroll scroll = make_scroll(100.0f);
    scroll.press(400.0f, 0.0);
    scroll.move(100.0f, 0.05);
    EXPECT_FLOAT_EQ(scroll.offset(), 100.0f);
    scroll.move(600.0f, 0.10);
    EXPECT_FLOAT_EQ(scroll.offset(), 0.0f);
}

TEST(KineticScroll, FlingContinuesThenDecaysToRest)
{
    KineticScroll scroll = make_scroll(100000.0f);
    scroll.press(500.0f, 0.0);
    for (int i = 1; i <= 5; ++i)
        scroll.move(500.0f - 40.0f * i, 0.016 * i);  // 2500 px/s upwards
    const float at_release = scroll.offset();
    scroll.release(0.08);
    ASSERT_TRUE(scroll.animating());
    EXPECT_NEAR(scroll.velocity(), 2500.0f, 1.0f);
    double t = 0.08;
    float previous = at_release;
    while (scroll.animating() && t < 10.0) {
        t += 1.0 / 60.0;
        scroll.update(t);
        EXPECT_GE(scroll.offset(), previous);
        previous = scroll.offset();
    }
    EXPECT_FALSE(scroll.animating());
    // Total glide distance of v·τ·(1 − e^(−t/τ)) approaches 2500 × 0.325 ≈ 812 px.
    EXPECT_NEAR(scroll.offset() - at_release, 2500.0f * 0.325f, 15.0f);
    EXPECT_LT(t, 3.0);
}

TEST(KineticScroll, GlideDistanceDoesNotDependOnFrameRate)
{
    auto glide = [](double frame_seconds) {
        KineticScroll scroll = make_scroll(100000.0f);
        scroll.press(500.0f, 0.0);
        scroll.move(450.0f, 0.02);
        scroll.move(400.0f, 0.04);
        scroll.release(0.04);
        for (double t = 0.04; t < 0.54; t += frame_seconds)
            scroll.update(t);
        scroll.update(0.54);
        return scroll.offset();
    };
    EXPECT_NEAR(glide(1.0 / 30.0), glide(1.0 / 120.0), 0.5f);
}

TEST(KineticScroll, FlingStopsAtTheEnd)
{
    KineticScroll scroll = make_scroll(300.0f);
    scroll.press(500.0f, 0.0);
    scroll.move(400.0f, 0.02);
    scroll.move(300.0f, 0.04);
    scroll.release(0.04);
    ASSERT_TRUE(scroll.animating());
    for (double t = 0.04; t < 2.0; t += 1.0 / 60.0)
        scroll.update(t);
    EXPECT_FLOAT_EQ(scroll.offset(), 300.0f);
    EXPECT_FALSE(scroll.animating());
}

TEST(KineticScroll, FingerThatRestsBeforeLiftingDoesNotFling)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.press(500.0f, 0.0);
    scroll.move(300.0f, 0.05);
    scroll.release(0.6);  // held still for half a second
    EXPECT_FALSE(scroll.animating());
    EXPECT_FLOAT_EQ(scroll.offset(), 200.0f);
}

TEST(KineticScroll, PressStopsAFling)
{
    KineticScroll scroll = make_scroll(100000.0f);
    scroll.press(500.0f, 0.0);
    scroll.move(400.0f, 0.02);
    scroll.move(300.0f, 0.04);
    scroll.release(0.04);
    scroll.update(0.1);
    ASSERT_TRUE(scroll.animating());
    scroll.press(300.0f, 0.12);
    EXPECT_FALSE(scroll.animating());
}

TEST(KineticScroll, ScrollToGlidesThereAndStops)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.scroll_to(400.0f);
    ASSERT_TRUE(scroll.animating());
    double t = 0.0;
    scroll.update(t);  // a glide starts moving from the frame after it was asked for
    EXPECT_FLOAT_EQ(scroll.offset(), 0.0f);
    float previous = 0.0f;
    while (scroll.animating() && t < 10.0) {
        t += 1.0 / 60.0;
        scroll.update(t);
        EXPECT_GE(scroll.offset(), previous);
        EXPECT_LE(scroll.offset(), 400.0f);
        previous = scroll.offset();
    }
    EXPECT_FLOAT_EQ(scroll.offset(), 400.0f);
    EXPECT_LT(t, 1.5);  // within a second or so, not an endless ease
    // A target past the end stops at the end.
    scroll.scroll_to(5000.0f);
    for (t += 1.0 / 60.0; scroll.animating() && t < 20.0; t += 1.0 / 60.0)
        scroll.update(t);
    EXPECT_FLOAT_EQ(scroll.offset(), 1000.0f);
}

TEST(KineticScroll, PressStopsAGlide)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.scroll_to(600.0f);
    scroll.update(0.0);
    scroll.update(0.05);
    ASSERT_TRUE(scroll.animating());
    const float at_press = scroll.offset();
    scroll.press(300.0f, 0.06);
    EXPECT_FALSE(scroll.animating());
    scroll.update(0.5);
    EXPECT_FLOAT_EQ(scroll.offset(), at_press);
}

TEST(KineticScroll, AReleasedDragComesToRestOnTheNearestRestPoint)
{
    KineticScroll scroll = make_scroll(1000.0f);
    scroll.set_rest_points({0.0f, 120.0f, 300.0f, 520.0f});
    // A slow drag of 170 px that rests before lifting: no fling, nearest point 120.
    scroll.press(500.0f, 0.0);
    scroll.move(330.0f, 0.2);
    scroll.release(0.6);
    for (double t = 0.6; scroll.animating() && t < 5.0; t += 1.0 / 60.0)
        scroll.update(t);
    EXPECT_FLOAT_EQ(scroll.offset(), 120.0f);
    // A fling upward would come to rest near 120 + 1000 × 0.325 = 445: the nearest point is 520.
    scroll.press(500.0f, 1.0);
    scroll.move(490.0f, 1.01);
    scroll.move(480.0f, 1.02);
    scroll.release(1.02);
    for (double t = 1.02; scroll.animating() && t < 5.0; t += 1.0 / 60.0)
        scroll.update(t);
    EXPECT_FLOAT_EQ(scroll.offset(), 520.0f);
    // Without rest points it rests where the finger left it.
    scroll.set_rest_points({});
    scroll.press(500.0f, 6.0);
    scroll.move(470.0f, 6.2);
    scroll.release(6.6);
    EXPECT_FALSE(scroll.animating());
    EXPECT_FLOAT_EQ(scroll.offset(), 550.0f);
}
