// test_imgui_buffers.cpp — Dear ImGui's windows keep the buffers of the largest frame they drew; the
// end of a visit lets them go, so that a kiosk's memory after a visit does not hold every screen's
// largest frame (issue 21, the GL path's growth over rounds of visits).
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/imgui_buffers.hpp"

#include <fcntl.h>
#include <imgui.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

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

class VisitMemory : public KioskFixture {
protected:
    // A visit to the list and a detail at larger text, on a started kiosk: the screens whose windows
    // grow the largest buffers.
    void visit_list_and_detail()
    {
        app().session().larger_text = true;
        tap("##today");
        ASSERT_EQ(screen(), "list");
        m_kiosk->settle(m_now);
        app().show_screen("detail");
        app().session().activity_id = "aktivitet-1";
        m_kiosk->settle(m_now);
        ASSERT_EQ(screen(), "detail");
    }
};

// Resident pages of the main heap (glibc's main arena: [heap] up to the program break), read with
// no allocation, so that reading them touches none of the heap's freed pages.
long resident_heap_pages()
{
    static char maps[1 << 20];
    static unsigned char resident[1 << 18];
    const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    std::size_t length = 0;
    for (ssize_t got; length + 1 < sizeof(maps) && (got = ::read(fd, maps + length, sizeof(maps) - 1 - length)) > 0;)
        length += static_cast<std::size_t>(got);
    ::close(fd);
    maps[length] = '\0';
    const char* heap = std::strstr(maps, "[heap]");
    if (!heap)
        return -1;
    while (heap > maps && heap[-1] != '\n')
        --heap;
    const auto start = static_cast<std::uintptr_t>(std::strtoull(heap, nullptr, 16));
    const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    const std::size_t pages = (end - start + 4095) / 4096;
    if (end <= start || pages > sizeof(resident) || mincore(reinterpret_cast<void*>(start), pages * 4096, resident) != 0)
        return -1;
    long count = 0;
    for (std::size_t i = 0; i < pages; ++i)
        count += resident[i] & 1;
    return count;
}

}  // namespace

// A visit to the list and a detail at larger text leaves their windows' buffers held; the visit's
// end (reset_session) lets them go in the next frame, so home holds what it held at start.
TEST_F(VisitMemory, AnEndedVisitLetsGoOfItsScreensBuffers)
{
    start(800, 480);
    const std::size_t at_start = imgui_window_buffer_bytes();
    ASSERT_GT(at_start, 0u);
    visit_list_and_detail();
    ASSERT_FALSE(HasFatalFailure());
    const std::size_t visited = imgui_window_buffer_bytes();
    ASSERT_GT(visited, at_start);

    app().reset_session();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "home");
    EXPECT_LE(imgui_window_buffer_bytes(), at_start) << "held after the visit: " << visited;
}

// When a visit has ended and the next visitor's home screen has settled (where the windowed loop
// waits for input), the heap holds no freed page that a trim would give back: the kiosk trimmed after
// the frames that lay out and settle home, not before them (they touch freed pages again, and a
// kiosk then waits for hours holding them; issue 21's GL growth, docs/performance.md).
TEST_F(VisitMemory, AnEndedVisitLeavesNoFreedPagesOnceHomeSettles)
{
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's allocator stands in for glibc's heap, whose pages this test counts";
#endif
    start(800, 480);
    visit_list_and_detail();
    ASSERT_FALSE(HasFatalFailure());

    app().reset_session();
    m_kiosk->frame(m_now);  // the frame that lets the visit's buffers go and draws home
    // Then what a present does on the GL path, between that frame and the next: llvmpipe bins the
    // scene in the loop's thread, in blocks of 64 KiB it writes and frees again (lotsen-gl-memory's
    // heap walk finds them on the kiosk's heap). The software renderer here allocates nothing of
    // the kind, so the test does it in their place.
    std::vector<void*> scene;
    for (int i = 0; i < 8; ++i) {
        scene.push_back(std::malloc(64 * 1024));
        ASSERT_NE(scene.back(), nullptr);
        std::memset(scene.back(), i + 1, 64 * 1024);
        asm volatile("" : : "g"(scene.back()) : "memory");  // written, as the driver's are
    }
    for (void* block : scene)
        std::free(block);
    m_kiosk->settle(m_now);
    ASSERT_EQ(screen(), "home");
    ASSERT_FALSE(app().wants_frame());
    const long settled = resident_heap_pages();
    ASSERT_GT(settled, 0);
    malloc_trim(0);
    const long trimmed = resident_heap_pages();
    EXPECT_LE(settled - trimmed, 2) << "pages a trim still gave back after home settled: " << settled - trimmed;
}
