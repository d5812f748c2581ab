// test_software_draw.cpp — SoftwareDraw (kiosk/software_draw.hpp) draws ImGui's lists on SDL's
// software renderer to exactly the pixels imgui_impl_sdlrenderer draws there: every shape ImGui
// makes (rounded and plain rectangles, circles, polygons, lines, text, gradients), opaque and
// translucent, overlapping, clipped, off the edges and far out, on a background of noise, in the
// three surface formats the kiosk draws into. The counts show which way the triangles went, so a
// draw that handed everything to SDL would fail here too.
#include "kiosk/software_draw.hpp"
#include "tests/ui/kiosk_fixture.hpp"

#include <SDL.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

using namespace lotsen::kiosk;

namespace {

constexpr int k_width = 320;
constexpr int k_height = 200;

class SoftwareDrawPixels : public testing::TestWithParam<Uint32> {
protected:
    void SetUp() override
    {
        m_surface = SDL_CreateRGBSurfaceWithFormat(0, k_width, k_height, 32, GetParam());
        ASSERT_NE(m_surface, nullptr) << SDL_GetError();
        m_renderer = SDL_CreateSoftwareRenderer(m_surface);
        ASSERT_NE(m_renderer, nullptr) << SDL_GetError();
        m_previous = ImGui::GetCurrentContext();
        m_context = ImGui::CreateContext();
        ImGui::SetCurrentContext(m_context);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(k_width), static_cast<float>(k_height));
        io.Fonts->AddFontDefault();
        ASSERT_TRUE(ImGui_ImplSDLRenderer_Init(m_renderer));
        ASSERT_TRUE(ImGui_ImplSDLRenderer_CreateFontsTexture());
        m_solid = solid_texel_of(*io.Fonts, static_cast<SDL_Texture*>(io.Fonts->TexID));
        ASSERT_NE(m_solid.texture, nullptr);
        EXPECT_EQ(m_solid.value.a, 255);
    }

    void TearDown() override
    {
        if (m_context) {
            ImGui_ImplSDLRenderer_Shutdown();
            ImGui::DestroyContext(m_context);
        }
        ImGui::SetCurrentContext(m_previous);
        if (m_renderer)
            SDL_DestroyRenderer(m_renderer);
        if (m_surface)
            SDL_FreeSurface(m_surface);
    }

    /// Noise in every byte, alpha included: blending must meet every kind of pixel.
    void fill_noise()
    {
        std::mt19937 random(7);
        auto* row = static_cast<Uint8*>(m_surface->pixels);
        for (int y = 0; y < k_height; ++y, row += m_surface->pitch) {
            for (int x = 0; x < k_width * 4; ++x)
                row[x] = static_cast<Uint8>(random());
        }
    }

    std::vector<Uint8> pixels() const
    {
        std::vector<Uint8> copy;
        const auto* row = static_cast<const Uint8*>(m_surface->pixels);
        for (int y = 0; y < k_height; ++y, row += m_surface->pitch)
            copy.insert(copy.end(), row, row + k_width * 4);
        return copy;
    }

    /// Draws the frame `build` makes with ImGui's backend and with SoftwareDraw, from the same noise,
    /// expects the same bytes, and returns SoftwareDraw's counts.
    SoftwareDrawCounts expect_same_pixels(const std::function<void(ImDrawList&)>& build)
    {
        ImGui::NewFrame();
        build(*ImGui::GetForegroundDrawList());
        ImGui::Render();
        fill_noise();
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        SDL_RenderFlush(m_renderer);
        const std::vector<Uint8> expected = pixels();
        fill_noise();
        SoftwareDraw draw;
        const SoftwareDrawCounts counts = draw.draw(m_renderer, *ImGui::GetDrawData(), m_solid);
        SDL_RenderFlush(m_renderer);
        const std::vector<Uint8> drawn = pixels();
        int differing = 0;
        int first = -1;
        for (std::size_t i = 0; i < expected.size(); i += 4) {
            if (std::memcmp(&expected[i], &drawn[i], 4) != 0) {
                ++differing;
                if (first < 0)
                    first = static_cast<int>(i / 4);
            }
        }
        EXPECT_EQ(differing, 0) << "first at x " << first % k_width << ", y " << first / k_width;
        return counts;
    }

    SDL_Surface* m_surface = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    ImGuiContext* m_previous = nullptr;
    ImGuiContext* m_context = nullptr;
    SolidTexel m_solid;
};

TEST_P(SoftwareDrawPixels, RoundedCardsCirclesAndTextAsTheKioskDrawsThem)
{
    const SoftwareDrawCounts counts = expect_same_pixels([](ImDrawList& list) {
        list.AddRectFilled({0, 0}, {k_width, k_height}, IM_COL32(244, 241, 236, 255));  // a window
        list.AddRectFilled({10.5f, 12.25f}, {300.7f, 70.9f}, IM_COL32(255, 255, 255, 255), 9.0f);
        list.AddRect({10.5f, 12.25f}, {300.7f, 70.9f}, IM_COL32(200, 200, 200, 255), 9.0f, 0, 1.5f);
        list.AddText({20.0f, 20.0f}, IM_COL32(30, 30, 30, 255), "Stickcafé i Varberg 10:00");
        list.AddRectFilled({10, 80}, {150, 150}, IM_COL32(0, 100, 120, 255), 24.0f, ImDrawFlags_RoundCornersTop);
        list.AddCircleFilled({220.3f, 120.6f}, 30.2f, IM_COL32(180, 30, 40, 255));
        list.AddCircleFilled({260, 160}, 12.0f, IM_COL32(20, 20, 200, 128), 7);
        list.AddRectFilled({160, 150}, {310, 190}, IM_COL32(10, 120, 10, 90), 6.0f);
        list.AddText({170.0f, 160.0f}, IM_COL32(255, 255, 255, 200), "Hjälp nu");
    });
    EXPECT_GT(counts.filled_triangles, 50);
    EXPECT_GT(counts.opaque_quads, 0);
    EXPECT_GT(counts.passed_triangles, 0);  // the glyphs and the anti-aliased edges
}

TEST_P(SoftwareDrawPixels, OverlappingTranslucentTrianglesAreBlendedAsOftenAsSdlBlendsThem)
{
    const SoftwareDrawCounts counts = expect_same_pixels([](ImDrawList& list) {
        list.Flags &= ~ImDrawListFlags_AntiAliasedFill;  // bare fans, no edges between them
        for (int i = 0; i < 6; ++i) {
            const float x = 20.0f + 37.3f * static_cast<float>(i);
            list.AddTriangleFilled({x, 10}, {x + 90.5f, 60.2f}, {x - 10.7f, 150.9f}, IM_COL32(200, 50, 10, 100));
            list.AddTriangleFilled({x + 5, 15}, {x + 70, 140}, {x - 30, 90}, IM_COL32(200, 50, 10, 100));
        }
        list.AddRectFilled({30, 30}, {200, 180}, IM_COL32(0, 0, 0, 60), 30.0f);
        list.AddRectFilled({40, 40}, {190, 170}, IM_COL32(0, 0, 0, 60), 30.0f);
        list.AddCircleFilled({160, 100}, 80.0f, IM_COL32(255, 255, 255, 0));  // blends nothing
    });
    EXPECT_GT(counts.filled_triangles, 20);
}

TEST_P(SoftwareDrawPixels, ClippedEdgesAndFarCornersDrawTheSame)
{
    const SoftwareDrawCounts counts = expect_same_pixels([](ImDrawList& list) {
        list.AddRectFilled({-40.6f, -30.3f}, {60.2f, 50.8f}, IM_COL32(90, 0, 90, 255), 20.0f);
        list.AddCircleFilled({k_width - 5.5f, k_height - 3.5f}, 40.0f, IM_COL32(0, 90, 90, 200));
        list.PushClipRect({50.5f, 40.5f}, {250.2f, 130.7f});
        list.AddRectFilled({30, 30}, {290, 160}, IM_COL32(255, 200, 0, 255), 15.0f);
        list.AddCircleFilled({150, 85}, 70.0f, IM_COL32(0, 0, 255, 77));
        list.AddText({60, 60}, IM_COL32(0, 0, 0, 255), "clipped text clipped text clipped text");
        list.PopClipRect();
        // Corners beyond what SDL's 32-bit arithmetic is safe for go to SDL as they are.
        list.AddTriangleFilled({-9000, -50}, {9000, 20}, {100, 190}, IM_COL32(0, 200, 0, 120));
        list.AddRectFilledMultiColor({200, 140}, {300, 190}, IM_COL32(255, 0, 0, 255), IM_COL32(0, 255, 0, 255),
                                     IM_COL32(0, 0, 255, 128), IM_COL32(255, 255, 255, 0));
        list.AddLine({0, 199}, {319, 0}, IM_COL32(0, 0, 0, 255), 3.0f);
        list.AddNgonFilled({60, 150}, 30.0f, IM_COL32(120, 120, 0, 255), 5);
        list.AddQuadFilled({250, 10}, {310, 30}, {300, 90}, {230, 60}, IM_COL32(0, 60, 200, 255));
    });
    EXPECT_GT(counts.filled_triangles, 20);
    EXPECT_GT(counts.passed_triangles, 0);
}

TEST_P(SoftwareDrawPixels, RandomSolidTrianglesMatchSdlPixelForPixel)
{
    // Triangles of every size, orientation and slope, many sharing edges and corners, with the
    // white texel's UV: the edge cases of SDL's top-left rule and of its bounding box.
    const SoftwareDrawCounts counts = expect_same_pixels([this](ImDrawList& list) {
        std::mt19937 random(21);
        std::uniform_real_distribution<float> x(-30.0f, k_width + 30.0f);
        std::uniform_real_distribution<float> y(-30.0f, k_height + 30.0f);
        std::uniform_int_distribution<int> byte(0, 255);
        const ImVec2 uv = ImGui::GetIO().Fonts->TexUvWhitePixel;
        for (int i = 0; i < 300; ++i) {
            const ImU32 color = i % 3 == 0 ? IM_COL32(byte(random), byte(random), byte(random), 255)
                                           : IM_COL32(byte(random), byte(random), byte(random), byte(random));
            list.PrimReserve(3, 3);
            const ImDrawIdx base = static_cast<ImDrawIdx>(list._VtxCurrentIdx);
            // Whole and half pixels as often as not: the corners SDL truncates and the centres on edges.
            auto corner = [&](float value) { return i % 2 == 0 ? std::floor(value) : std::floor(value) + 0.5f; };
            list.PrimWriteVtx({corner(x(random)), corner(y(random))}, uv, color);
            list.PrimWriteVtx({corner(x(random)), corner(y(random))}, uv, color);
            list.PrimWriteVtx({corner(x(random)), corner(y(random))}, uv, color);
            list.PrimWriteIdx(base);
            list.PrimWriteIdx(static_cast<ImDrawIdx>(base + 1));
            list.PrimWriteIdx(static_cast<ImDrawIdx>(base + 2));
        }
        // A fan with vertical and horizontal edges and a shared centre.
        list.PrimReserve(18, 7);
        const ImDrawIdx centre = static_cast<ImDrawIdx>(list._VtxCurrentIdx);
        const ImU32 color = IM_COL32(10, 20, 30, 140);
        list.PrimWriteVtx({160, 100}, uv, color);
        const ImVec2 ring[6] = {{100, 40}, {220, 40}, {260, 100}, {220, 160}, {100, 160}, {60, 100}};
        for (const ImVec2& point : ring)
            list.PrimWriteVtx(point, uv, color);
        for (int i = 0; i < 6; ++i) {
            list.PrimWriteIdx(centre);
            list.PrimWriteIdx(static_cast<ImDrawIdx>(centre + 1 + i));
            list.PrimWriteIdx(static_cast<ImDrawIdx>(centre + 1 + (i + 1) % 6));
        }
        (void)this;
    });
    EXPECT_GT(counts.filled_triangles, 250);
}

INSTANTIATE_TEST_SUITE_P(Formats, SoftwareDrawPixels,
                         testing::Values(SDL_PIXELFORMAT_ABGR8888, SDL_PIXELFORMAT_ARGB8888, SDL_PIXELFORMAT_RGB888),
                         [](const testing::TestParamInfo<Uint32>& format) {
                             std::string name = SDL_GetPixelFormatName(format.param);
                             return name.substr(name.rfind('_') + 1);
                         });

class KioskSoftwareDraw : public testing_support::KioskFixture {};

TEST_F(KioskSoftwareDraw, TheKioskFillsItsShapesOnTheSoftwareRenderer)
{
    start(800, 480);
    m_kiosk->settle(m_now);
    const SoftwareDrawCounts& drawn = app().software_drawn();
    EXPECT_GT(drawn.filled_triangles, 100);  // the cards' and buttons' rounded fills
    EXPECT_GT(drawn.fill_rects, 0);
    EXPECT_GT(drawn.passed_triangles, 0);
}

}  // namespace
