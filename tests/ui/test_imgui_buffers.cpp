// test_imgui_buffers.cpp — Dear ImGui's windows keep the buffers of the largest frame they drew; the
// end of a visit lets them go, so that a kiosk's memory after a visit does not hold every screen's
// largest frame (issue 21, the GL path's growth over rounds of visits).
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/imgui_buffers.hpp"

#include <imgui.h>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

// A bare ImGui context drawing one window with `rectangles` filled rectangles a frame.
class OneWindow : public testing::Test {
protected:
    void SetUp() override
    {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(320, 200);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    }
    void TearDown() override { ImGui::DestroyContext(m_context); }

    void frame(int rectangles)
    {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(320, 200));
        ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        for (int i = 0; i < rectangles; ++i) {
            const float x = static_cast<float>(i % 300);
            draw->AddRectFilled(ImVec2(x, 10), ImVec2(x + 5, 20), IM_COL32(200, 0, 0, 255));
        }
        ImGui::End();
        ImGui::Render();
    }

    ImGuiContext* m_context = nullptr;
};

}  // namespace

TEST_F(OneWindow, KeepsItsLargestFrameUntilReleased)
{
    frame(10000);
    const std::size_t largest = imgui_window_buffer_bytes();
    ASSERT_GT(largest, 10000u * 4 * sizeof(ImDrawVert)) << "four vertices a rectangle";
    frame(10);
    EXPECT_GE(imgui_window_buffer_bytes(), largest) << "a draw list does not shrink by itself";

    release_imgui_window_buffers();
    EXPECT_LT(imgui_window_buffer_bytes(), largest / 100);
    // ImGui's own collection would take the old sizes again when the window is next drawn: the
    // next small frame must hold what a small frame needs, not the largest.
    frame(10);
    EXPECT_LT(imgui_window_buffer_bytes(), largest / 100);
    frame(10000);
    EXPECT_GE(imgui_window_buffer_bytes(), largest / 2) << "the window draws a large frame again";
}

namespace {

class VisitMemory : public KioskFixture {};

}  // namespace

// A visit to the list and a detail at larger text leaves their windows' buffers held; the visit's
// end (reset_session) lets them go in the next frame, so home holds what it held at start.
TEST_F(VisitMemory, AnEndedVisitLetsGoOfItsScreensBuffers)
{
    start(800, 480);
    const std::size_t at_start = imgui_window_buffer_bytes();
    ASSERT_GT(at_start, 0u);
    app().session().larger_text = true;
    tap("##today");
    ASSERT_EQ(screen(), "list");
    m_kiosk->settle(m_now);
    app().show_screen("detail");
    app().session().activity_id = "aktivitet-1";
    m_kiosk->settle(m_now);
    ASSERT_EQ(screen(), "detail");
    const std::size_t visited = imgui_window_buffer_bytes();
    ASSERT_GT(visited, at_start);

    app().reset_session();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "home");
    EXPECT_LE(imgui_window_buffer_bytes(), at_start) << "held after the visit: " << visited;
}
