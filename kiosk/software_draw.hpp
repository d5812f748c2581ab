// software_draw.hpp — Dear ImGui's draw lists onto SDL's software renderer: the pixels
// imgui_impl_sdlrenderer gets there, without most of SDL's triangle rasterizer. SDL 2.26 fills a
// triangle by testing every pixel of its bounding box, and ImGui's filled shapes (rounded cards,
// circles) are fans of long thin triangles; that was most of a first frame's CPU. Here a solid
// triangle (one colour, every corner on the same texel) becomes the rows SDL would fill for it —
// SDL's vertex rounding, edge functions and top-left rule, in exact integers — drawn with
// SDL_RenderFillRects; an opaque solid rectangle is filled without blending; everything else goes
// to SDL_RenderGeometryRaw as before. Other renderers (OpenGL) keep the ImGui backend.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

struct ImDrawData;
struct ImFontAtlas;

namespace lotsen::kiosk {

/// The texel a texture's solid shapes are drawn from (ImGui: the font atlas's white pixel).
struct SolidTexel {
    SDL_Texture* texture = nullptr;  ///< none: every triangle goes to SDL_RenderGeometryRaw
    int x = 0;                       ///< the texel, as SDL finds it from a vertex's UV
    int y = 0;
    SDL_Color value{};               ///< what the texture holds there
};

/// The white texel of `atlas`, uploaded as `texture`; to be read while the atlas still has its RGBA pixels.
SolidTexel solid_texel_of(const ImFontAtlas& atlas, SDL_Texture* texture);

/// Where one draw's triangles went.
struct SoftwareDrawCounts {
    int filled_triangles = 0;  ///< solid triangles drawn as the rows they cover
    int opaque_quads = 0;      ///< opaque solid rectangles filled without blending
    int fill_calls = 0;        ///< SDL_RenderFillRects calls those became
    int fill_rects = 0;        ///< the rectangles in them
    int passed_triangles = 0;  ///< triangles left to SDL_RenderGeometryRaw
};

/// Draws ImGui's draw data on SDL's software renderer, as imgui_impl_sdlrenderer does (clip
/// rectangles, viewport, callbacks) and to the same pixels, in fewer instructions. Keeps its
/// scratch buffers between frames.
class SoftwareDraw {
public:
    /// True for SDL's software renderer at scale 1, where `draw` may be used.
    static bool applies_to(SDL_Renderer* renderer);

    SoftwareDrawCounts draw(SDL_Renderer* renderer, const ImDrawData& data, const SolidTexel& solid);

private:
    struct Command;
    struct Span {
        int y;
        int x0;
        int x1;
    };

    void draw_command(SDL_Renderer* renderer, const Command& command, const SolidTexel& solid, const SDL_Rect& clip);
    void single(SDL_Renderer* renderer, const Command& command, const SolidTexel& solid, const SDL_Rect& clip, int t);
    void quad(SDL_Renderer* renderer, const Command& command, int first, int second, int top_left, int bottom_right);
    void pass(SDL_Renderer* renderer, int t);
    void add_spans(const Command& command, int t, const SDL_Rect& clip);
    void start_fill(SDL_Renderer* renderer, const Command& command, SDL_BlendMode blend, SDL_Color color);
    void flush(SDL_Renderer* renderer, const Command& command);
    void flush_fill(SDL_Renderer* renderer);
    void flush_pass(SDL_Renderer* renderer, const Command& command);

    SoftwareDrawCounts m_counts;

    // Triangles waiting for SDL_RenderGeometryRaw, in order (their vertex indices).
    std::vector<int> m_pass;
    std::vector<std::uint16_t> m_pass_indices16;

    // One fill waiting: a blend mode and colour, rectangles, and rows of spans.
    bool m_filling = false;
    SDL_BlendMode m_fill_blend = SDL_BLENDMODE_NONE;
    SDL_Color m_fill_color{};
    std::vector<SDL_Rect> m_fill_rects;
    // Each row's first span (x1 > x0 where row_mark == m_fill_mark) and the rows' extent; spans
    // that are neither that span nor next to it go to m_extra_spans.
    std::vector<int> m_row_x0;
    std::vector<int> m_row_x1;
    std::vector<std::uint32_t> m_row_mark;
    std::uint32_t m_fill_mark = 0;
    int m_row_min = 0;
    int m_row_max = -1;
    std::vector<Span> m_extra_spans;
};

}  // namespace lotsen::kiosk
