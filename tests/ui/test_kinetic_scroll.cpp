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
