// test_frame_settling.cpp — the rule for when the kiosk may stop drawing (kiosk/frame_settling.hpp):
// after a change, two frames whatever they show, then on until a frame changes nothing, and never
// more than the cap for a widget that never settles; and the draw-data hash it compares frames by.
#include "kiosk/frame_settling.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

using lotsen::kiosk::draw_data_hash;
using lotsen::kiosk::FrameSettling;

namespace {

/// Frames drawn, each with the hash `hash_of(i)`, until the rule stops asking for more (or 1000).
template <typename HashOf>
int frames_until_settled(FrameSettling& settling, HashOf hash_of)
{
    int frames = 0;
    while (settling.settling() && frames < 1000)
        settling.drawn(hash_of(frames++));
    return frames;
}

}  // namespace

TEST(FrameSettling, AfterAChangeDrawsTwoFramesThenStopsWhenOneChangesNothing)
{
    FrameSettling settling;
    frames_until_settled(settling, [](int) { return 7u; });
    EXPECT_FALSE(settling.settling());
    settling.changed();
    // The same picture throughout: the two forced frames, and no more.
    EXPECT_EQ(frames_until_settled(settling, [](int) { return 7u; }), 2);

    // A change whose result shows only in the frames after it (a tap handled while drawing): frames
    // go on until two in a row are the same.
    settling.changed();
    const int drawn = frames_until_settled(settling, [](int i) { return i < 4 ? 100u + i : 200u; });
    EXPECT_EQ(drawn, 6);  // 100, 101, 102, 103, 200, 200
}

TEST(FrameSettling, AWidgetThatNeverSettlesKeepsTheKioskAwakeOnlyUpToTheCap)
{
    FrameSettling settling;
    settling.changed();
    EXPECT_EQ(frames_until_settled(settling, [](int i) { return static_cast<std::uint64_t>(i); }),
              FrameSettling::k_max_frames);
    EXPECT_FALSE(settling.settling());
    // The next input gets its frames again.
    settling.changed();
    EXPECT_TRUE(settling.settling());
    EXPECT_EQ(frames_until_settled(settling, [](int i) { return 1000u + i; }), FrameSettling::k_max_frames);
}

TEST(FrameSettling, AfterABlankScreenTheFirstFrameCountsAsAChange)
{
    FrameSettling settling;
    frames_until_settled(settling, [](int) { return 5u; });
    settling.blank();
    EXPECT_FALSE(settling.settling());
    // The screen lights up again on the same picture it showed before it went black: that first
    // frame is a change (the screen was black), so one more frame follows, and then none.
    settling.drawn(5u);
    EXPECT_TRUE(settling.settling());
    settling.drawn(5u);
    EXPECT_FALSE(settling.settling());
}

TEST(FrameSettling, TheHashSeesVerticesColoursClipsAndTheBackground)
{
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini left in the working directory
    io.DisplaySize = ImVec2(320, 200);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    auto frame = [&](ImU32 colour, float x, float clip) {
        ImGui::NewFrame();
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        draw->PushClipRect(ImVec2(0, 0), ImVec2(clip, 200));
        draw->AddRectFilled(ImVec2(x, 10), ImVec2(x + 50, 60), colour);
        draw->PopClipRect();
        ImGui::Render();
        return draw_data_hash(*ImGui::GetDrawData(), 0x101010u);
    };
    const std::uint64_t base = frame(IM_COL32(255, 0, 0, 255), 10, 300);
    EXPECT_EQ(frame(IM_COL32(255, 0, 0, 255), 10, 300), base);
    EXPECT_NE(frame(IM_COL32(0, 255, 0, 255), 10, 300), base);   // a colour
    EXPECT_NE(frame(IM_COL32(255, 0, 0, 255), 11, 300), base);   // a position
    EXPECT_NE(frame(IM_COL32(255, 0, 0, 255), 10, 299), base);   // a clip rectangle
    frame(IM_COL32(255, 0, 0, 255), 10, 300);
    EXPECT_NE(draw_data_hash(*ImGui::GetDrawData(), 0x202020u), base);  // the background
    ImGui::DestroyContext(context);
}
