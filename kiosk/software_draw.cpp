// software_draw.cpp — see software_draw.hpp. What SDL 2.26 does with a draw on its software
// renderer, and so what has to come out the same here:
// - SDL_SW_RenderGeometryRaw walks the triangles in order and takes two in a row as one rectangle
//   when they share two corners, both have right angles on one axis-aligned box and all four
//   corners have one colour (a glyph: SDL_RenderCopy; one texel: SDL_RenderFillRect, blended);
//   every other triangle is queued alone. `pairs_as_rect` repeats that test, so every triangle
//   is known to be one of a pair or one alone, and a batch handed to SDL starts where SDL's own
//   walk would start afresh.
// - A triangle alone: its corners are truncated to whole pixels; a pixel is filled when its centre
//   passes the three edge functions (a top-left rule for centres on an edge) inside the corners'
//   bounding box and the clip rectangle; its colour is the texel times the corners' colour, blended
//   with what is there. `add_spans` finds the same pixels row by row, in exact integers, and a
//   blended SDL_RenderFillRects of that colour does the same arithmetic per pixel (SDL_draw.h's
//   blend against SDL_triangle.c's; the same premultiplication and rounding).
// - Pixels covered twice (by overlapping triangles of one colour) are blended twice here too:
//   spans are joined only where they touch.
#include "kiosk/software_draw.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace lotsen::kiosk {

namespace {

// Corners further out than this could overflow SDL's 32-bit edge arithmetic; such triangles are
// left to SDL, whatever it makes of them.
constexpr int k_max_coordinate = 4096;
constexpr std::int64_t k_int_max = 0x7FFFFFFF;

SDL_Color color_of(const ImDrawVert& vertex)
{
    SDL_Color color;
    static_assert(sizeof(color) == sizeof(vertex.col));
    std::memcpy(&color, &vertex.col, sizeof(color));
    return color;
}

bool same_color(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; }

std::int64_t floor_div(std::int64_t a, std::int64_t b)  // b > 0
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// The texel SDL samples for a vertex: (int)(u * width), as SW_QueueGeometry computes it.
int texel_at(float coordinate, int size) { return static_cast<int>(coordinate * static_cast<float>(size)); }

// SDL's is_top_left, on corners in its doubled coordinates.
bool top_left(std::int64_t ax, std::int64_t ay, std::int64_t bx, std::int64_t by, bool clockwise)
{
    if (clockwise)
        return (ay == by && ax < bx) || by < ay;
    return (ay == by && bx < ax) || ay < by;
}

}  // namespace

struct SoftwareDraw::Command {
    const ImDrawVert* vertices = nullptr;  ///< from the command's VtxOffset
    int vertex_count = 0;
    const ImDrawIdx* indices = nullptr;  ///< from the command's IdxOffset
    int triangle_count = 0;
    SDL_Texture* texture = nullptr;
    int texture_w = 0;
    int texture_h = 0;
    bool solid_texture = false;  ///< the solid texel's texture, blended

    int index(int t, int corner) const { return indices[3 * t + corner]; }
    const ImDrawVert& vertex(int index) const { return vertices[index]; }
};

SolidTexel solid_texel_of(const ImFontAtlas& atlas, SDL_Texture* texture)
{
    SolidTexel solid;
    if (!texture || !atlas.TexPixelsRGBA32 || atlas.TexWidth <= 0 || atlas.TexHeight <= 0)
        return solid;
    int width = 0;
    int height = 0;
    if (SDL_QueryTexture(texture, nullptr, nullptr, &width, &height) != 0 || width != atlas.TexWidth ||
        height != atlas.TexHeight)
        return solid;
    const int x = texel_at(atlas.TexUvWhitePixel.x, width);
    const int y = texel_at(atlas.TexUvWhitePixel.y, height);
    if (x < 0 || y < 0 || x >= width || y >= height)
        return solid;
    const unsigned int pixel = atlas.TexPixelsRGBA32[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x];
    // ImGui's RGBA32 is R, G, B, A in memory, as the texture's SDL_PIXELFORMAT_RGBA32 reads it.
    const auto* bytes = reinterpret_cast<const unsigned char*>(&pixel);
    solid.texture = texture;
    solid.x = x;
    solid.y = y;
    solid.value = SDL_Color{bytes[0], bytes[1], bytes[2], bytes[3]};
    return solid;
}

bool SoftwareDraw::applies_to(SDL_Renderer* renderer)
{
    SDL_RendererInfo info{};
    if (!renderer || SDL_GetRendererInfo(renderer, &info) != 0 || !(info.flags & SDL_RENDERER_SOFTWARE))
        return false;
    float scale_x = 0.0f;
    float scale_y = 0.0f;
    SDL_RenderGetScale(renderer, &scale_x, &scale_y);
    return scale_x == 1.0f && scale_y == 1.0f;
}

SoftwareDrawCounts SoftwareDraw::draw(SDL_Renderer* renderer, const ImDrawData& data, const SolidTexel& solid)
{
    m_counts = {};
    // As imgui_impl_sdlrenderer: the framebuffer's size, then each command's clip rectangle.
    const ImVec2 render_scale = data.FramebufferScale;
    const int fb_width = static_cast<int>(data.DisplaySize.x * render_scale.x);
    const int fb_height = static_cast<int>(data.DisplaySize.y * render_scale.y);
    if (fb_width == 0 || fb_height == 0)
        return m_counts;

    SDL_Rect old_viewport{};
    SDL_Rect old_clip{};
    const bool old_clip_enabled = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
    SDL_RenderGetViewport(renderer, &old_viewport);
    SDL_RenderGetClipRect(renderer, &old_clip);
    SDL_BlendMode old_blend = SDL_BLENDMODE_NONE;
    SDL_Color old_color{};
    SDL_GetRenderDrawBlendMode(renderer, &old_blend);
    SDL_GetRenderDrawColor(renderer, &old_color.r, &old_color.g, &old_color.b, &old_color.a);

    auto setup = [&] {
        SDL_RenderSetViewport(renderer, nullptr);
        SDL_RenderSetClipRect(renderer, nullptr);
    };
    setup();
    SDL_Rect target{};
    SDL_RenderGetViewport(renderer, &target);
    if (static_cast<int>(m_row_mark.size()) < target.h) {
        m_row_x0.resize(target.h);
        m_row_x1.resize(target.h);
        m_row_mark.resize(target.h, 0);
    }

    const ImVec2 clip_off = data.DisplayPos;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        for (int i = 0; i < list->CmdBuffer.Size; ++i) {
            const ImDrawCmd& cmd = list->CmdBuffer[i];
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    setup();
                else
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            ImVec2 clip_min((cmd.ClipRect.x - clip_off.x) * render_scale.x, (cmd.ClipRect.y - clip_off.y) * render_scale.y);
            ImVec2 clip_max((cmd.ClipRect.z - clip_off.x) * render_scale.x, (cmd.ClipRect.w - clip_off.y) * render_scale.y);
            clip_min.x = std::max(clip_min.x, 0.0f);
            clip_min.y = std::max(clip_min.y, 0.0f);
            clip_max.x = std::min(clip_max.x, static_cast<float>(fb_width));
            clip_max.y = std::min(clip_max.y, static_cast<float>(fb_height));
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y)
                continue;
            const SDL_Rect clip{static_cast<int>(clip_min.x), static_cast<int>(clip_min.y),
                                static_cast<int>(clip_max.x - clip_min.x), static_cast<int>(clip_max.y - clip_min.y)};
            SDL_RenderSetClipRect(renderer, &clip);

            Command command;
            command.vertices = list->VtxBuffer.Data + cmd.VtxOffset;
            command.vertex_count = list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
            command.indices = list->IdxBuffer.Data + cmd.IdxOffset;
            command.triangle_count = static_cast<int>(cmd.ElemCount / 3);
            command.texture = static_cast<SDL_Texture*>(cmd.GetTexID());
            if (command.texture) {
                SDL_QueryTexture(command.texture, nullptr, nullptr, &command.texture_w, &command.texture_h);
                SDL_BlendMode blend = SDL_BLENDMODE_NONE;
                SDL_GetTextureBlendMode(command.texture, &blend);
                command.solid_texture = command.texture == solid.texture && blend == SDL_BLENDMODE_BLEND;
            }
            // The part of the target SDL draws in: the clip rectangle within the viewport.
            SDL_Rect visible{};
            if (!SDL_IntersectRect(&clip, &target, &visible))
                visible = SDL_Rect{0, 0, 0, 0};
            draw_command(renderer, command, solid, visible);
        }
    }

    SDL_RenderSetViewport(renderer, &old_viewport);
    SDL_RenderSetClipRect(renderer, old_clip_enabled ? &old_clip : nullptr);
    SDL_SetRenderDrawBlendMode(renderer, old_blend);
    SDL_SetRenderDrawColor(renderer, old_color.r, old_color.g, old_color.b, old_color.a);
    return m_counts;
}

namespace {

// True when SDL_SW_RenderGeometryRaw draws triangles `prev` and `cur` (in that order) as one
// rectangle; `top_left` and `bottom_right` are then the corners it takes it from. The test is
// SDL 2.26's, comparison for comparison: which pairs it takes decides the pixels.
template <class Command>
bool pairs_as_rect(const Command& c, int prev, int cur, int& top_left, int& bottom_right)
{
    const int p[3] = {c.index(prev, 0), c.index(prev, 1), c.index(prev, 2)};
    const int k[3] = {c.index(cur, 0), c.index(cur, 1), c.index(cur, 2)};
    int shared = 0;
    for (int j = 0; j < 3; ++j) {
        if (p[j] == k[0] || p[j] == k[1] || p[j] == k[2])
            ++shared;
    }
    if (shared != 2)
        return false;
    const ImVec2 v0 = c.vertex(k[0]).pos;
    const ImVec2 v1 = c.vertex(k[1]).pos;
    const ImVec2 v2 = c.vertex(k[2]).pos;
    int a = 0;
    if (v0.x <= v1.x && v0.y <= v1.y)
        a = (v0.x <= v2.x && v0.y <= v2.y) ? k[0] : k[2];
    else
        a = (v1.x <= v2.x && v1.y <= v2.y) ? k[1] : k[2];
    int b = 0;
    if (v0.x >= v1.x && v0.y >= v1.y)
        b = (v0.x >= v2.x && v0.y >= v2.y) ? k[0] : k[2];
    else
        b = (v1.x >= v2.x && v1.y >= v2.y) ? k[1] : k[2];
    const int third = (k[0] != a && k[0] != b) ? k[0] : (k[1] != a && k[1] != b) ? k[1] : k[2];
    const int other = (p[0] != a && p[0] != b) ? p[0] : (p[1] != a && p[1] != b) ? p[1] : p[2];
    const ImVec2 pa = c.vertex(a).pos;
    const ImVec2 pb = c.vertex(b).pos;
    auto right_angled = [&](ImVec2 corner) {
        return (pa.x == corner.x && pb.y == corner.y) || (pa.y == corner.y && pb.x == corner.x);
    };
    if (!right_angled(c.vertex(third).pos) || !right_angled(c.vertex(other).pos))
        return false;
    const ImU32 color = c.vertex(a).col;
    if (c.vertex(b).col != color || c.vertex(third).col != color || c.vertex(other).col != color)
        return false;
    top_left = a;
    bottom_right = b;
    return true;
}

}  // namespace

void SoftwareDraw::draw_command(SDL_Renderer* renderer, const Command& command, const SolidTexel& solid,
                                const SDL_Rect& clip)
{
    if (!command.texture || command.vertex_count < 3) {
        // Not what ImGui draws here; SDL decides alone.
        for (int t = 0; t < command.triangle_count; ++t)
            pass(renderer, t);
        flush(renderer, command);
        return;
    }
    // SDL's walk: a triangle waits for the next, and the two are a rectangle or the first is drawn alone.
    int waiting = -1;
    for (int t = 0; t < command.triangle_count; ++t) {
        if (waiting < 0) {
            waiting = t;
            continue;
        }
        int top_left = 0;
        int bottom_right = 0;
        if (pairs_as_rect(command, waiting, t, top_left, bottom_right)) {
            quad(renderer, command, waiting, t, top_left, bottom_right);
            waiting = -1;
        } else {
            single(renderer, command, solid, clip, waiting);
            waiting = t;
        }
    }
    if (waiting >= 0)
        single(renderer, command, solid, clip, waiting);
    flush(renderer, command);
}

void SoftwareDraw::quad(SDL_Renderer* renderer, const Command& command, int first, int second, int top_left,
                        int bottom_right)
{
    // SDL fills a pair from one texel (no texture extent) with the colour of the second triangle's
    // first corner, blended; opaque, that is the colour itself, which a fill without blending writes.
    const ImDrawVert& a = command.vertex(top_left);
    const ImDrawVert& b = command.vertex(bottom_right);
    const SDL_Color color = color_of(command.vertex(command.index(second, 0)));
    const float w = b.pos.x - a.pos.x;
    const float h = b.pos.y - a.pos.y;
    if (color.a != 255 || a.uv.x != b.uv.x || a.uv.y != b.uv.y || w == 0.0f || h == 0.0f) {
        pass(renderer, first);
        pass(renderer, second);
        return;
    }
    start_fill(renderer, command, SDL_BLENDMODE_NONE, color);
    // What SDL_RenderFillRectF's rectangle becomes in SDL's software renderer.
    m_fill_rects.push_back(SDL_Rect{static_cast<int>(a.pos.x), static_cast<int>(a.pos.y),
                                    std::max(static_cast<int>(w), 1), std::max(static_cast<int>(h), 1)});
    ++m_counts.opaque_quads;
}

void SoftwareDraw::single(SDL_Renderer* renderer, const Command& command, const SolidTexel& solid,
                          const SDL_Rect& clip, int t)
{
    if (!command.solid_texture) {
        pass(renderer, t);
        return;
    }
    const ImDrawVert& v0 = command.vertex(command.index(t, 0));
    const ImDrawVert& v1 = command.vertex(command.index(t, 1));
    const ImDrawVert& v2 = command.vertex(command.index(t, 2));
    const SDL_Color color = color_of(v0);
    bool solid_triangle = same_color(color, color_of(v1)) && same_color(color, color_of(v2));
    for (const ImDrawVert* v : {&v0, &v1, &v2}) {
        solid_triangle = solid_triangle && texel_at(v->uv.x, command.texture_w) == solid.x &&
                         texel_at(v->uv.y, command.texture_h) == solid.y && v->pos.x > -k_max_coordinate &&
                         v->pos.x < k_max_coordinate && v->pos.y > -k_max_coordinate && v->pos.y < k_max_coordinate;
    }
    if (!solid_triangle) {
        pass(renderer, t);
        return;
    }
    const std::int64_t x0 = static_cast<int>(v0.pos.x);
    const std::int64_t y0 = static_cast<int>(v0.pos.y);
    const std::int64_t area =
        (static_cast<int>(v1.pos.x) - x0) * (static_cast<int>(v2.pos.y) - y0) -
        (static_cast<int>(v1.pos.y) - y0) * (static_cast<int>(v2.pos.x) - x0);
    if (area == 0)
        return;  // SDL draws nothing for a flat triangle
    // SDL finds the texel as texel × area ÷ area in 32 bits: where that overflows it samples
    // elsewhere, so such a triangle is left to it.
    const std::int64_t sdl_area = 4 * (area < 0 ? -area : area);  // in its doubled coordinates
    if (sdl_area * solid.x > k_int_max || sdl_area * solid.y > k_int_max) {
        pass(renderer, t);
        return;
    }
    // The texel modulated by the corners' colour, as SDL's blit of a triangle computes it.
    const SDL_Color fill{static_cast<Uint8>(solid.value.r * color.r / 255), static_cast<Uint8>(solid.value.g * color.g / 255),
                         static_cast<Uint8>(solid.value.b * color.b / 255), static_cast<Uint8>(solid.value.a * color.a / 255)};
    if (fill.a == 0)
        return;  // blending nothing in changes no pixel
    start_fill(renderer, command, fill.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND, fill);
    add_spans(command, t, clip);
    ++m_counts.filled_triangles;
}

void SoftwareDraw::add_spans(const Command& command, int t, const SDL_Rect& clip)
{
    // SDL's corners: whole pixels (truncated), doubled, so a pixel's centre is (2x + 1, 2y + 1).
    std::int64_t dx[3];
    std::int64_t dy[3];
    int min_x = 0;
    int max_x = 0;
    int min_y = 0;
    int max_y = 0;
    for (int corner = 0; corner < 3; ++corner) {
        const ImDrawVert& v = command.vertex(command.index(t, corner));
        const int px = static_cast<int>(v.pos.x);
        const int py = static_cast<int>(v.pos.y);
        dx[corner] = 2 * static_cast<std::int64_t>(px);
        dy[corner] = 2 * static_cast<std::int64_t>(py);
        min_x = corner == 0 ? px : std::min(min_x, px);
        max_x = corner == 0 ? px : std::max(max_x, px);
        min_y = corner == 0 ? py : std::min(min_y, py);
        max_y = corner == 0 ? py : std::max(max_y, py);
    }
    const std::int64_t area = (dx[1] - dx[0]) * (dy[2] - dy[0]) - (dy[1] - dy[0]) * (dx[2] - dx[0]);
    const bool clockwise = area > 0;
    const std::int64_t sign = clockwise ? 1 : -1;
    // Edge e runs from corner e+1 to corner e+2 (SDL's w0, w1, w2). At pixel (x, y) its function is
    // constant + per_y·y + per_x·x; the pixel is in when that plus the bias is ≥ 0 for all three.
    std::int64_t constant[3];
    std::int64_t per_y[3];
    std::int64_t per_x[3];
    for (int e = 0; e < 3; ++e) {
        const int a = (e + 1) % 3;
        const int b = (e + 2) % 3;
        const std::int64_t ex = dx[b] - dx[a];
        const std::int64_t ey = dy[b] - dy[a];
        const std::int64_t bias = top_left(dx[a], dy[a], dx[b], dy[b], clockwise) ? 0 : -1;
        constant[e] = sign * (ex * (1 - dy[a]) - ey * (1 - dx[a])) + bias;
        per_y[e] = sign * 2 * ex;
        per_x[e] = -sign * 2 * ey;
    }
    // The bounding box SDL walks stops short of the largest corner's column and row.
    const int left = std::max(min_x, clip.x);
    const int right = std::min(max_x, clip.x + clip.w);  // exclusive
    const int top = std::max(min_y, clip.y);
    const int bottom = std::min(max_y, clip.y + clip.h);  // exclusive
    if (left >= right || top >= bottom)
        return;
    // Each edge bounds a row's pixels from one side: x ≥ ⌈−value ÷ per_x⌉ or x ≤ ⌊value ÷ −per_x⌋.
    // The quotient is carried from row to row with its remainder (no division per row).
    struct Bound {
        int side;  // +1: from the left; -1: from the right; 0: the whole row or none
        std::int64_t q;
        std::int64_t r;
        std::int64_t divisor;
        std::int64_t step_q;
        std::int64_t step_r;
    };
    Bound bounds[3];
    for (int e = 0; e < 3; ++e) {
        Bound& bound = bounds[e];
        const std::int64_t value = constant[e] + per_y[e] * top;
        if (per_x[e] == 0) {
            bound = Bound{0, value, 0, 1, per_y[e], 0};
            continue;
        }
        // The numerator grows by `step` a row; q, r = its quotient and remainder (0 ≤ r < divisor).
        const std::int64_t divisor = per_x[e] > 0 ? per_x[e] : -per_x[e];
        const std::int64_t numerator = per_x[e] > 0 ? -value : value;
        const std::int64_t step = per_x[e] > 0 ? -per_y[e] : per_y[e];
        const std::int64_t q = floor_div(numerator, divisor);
        const std::int64_t step_q = floor_div(step, divisor);
        bound = Bound{per_x[e] > 0 ? 1 : -1, q, numerator - q * divisor, divisor, step_q, step - step_q * divisor};
    }
    for (int y = top; y < bottom; ++y) {
        std::int64_t lo = left;
        std::int64_t hi = right - 1;
        for (Bound& bound : bounds) {
            if (bound.side > 0)
                lo = std::max(lo, bound.q + (bound.r != 0 ? 1 : 0));
            else if (bound.side < 0)
                hi = std::min(hi, bound.q);
            else if (bound.q < 0)
                hi = lo - 1;
            bound.q += bound.step_q;
            bound.r += bound.step_r;
            if (bound.r >= bound.divisor) {
                bound.r -= bound.divisor;
                ++bound.q;
            }
        }
        if (lo > hi)
            continue;
        const int x0 = static_cast<int>(lo);
        const int x1 = static_cast<int>(hi) + 1;
        if (m_row_mark[y] != m_fill_mark) {
            m_row_mark[y] = m_fill_mark;
            m_row_x0[y] = x0;
            m_row_x1[y] = x1;
            m_row_min = std::min(m_row_min, y);
            m_row_max = std::max(m_row_max, y);
        } else if (m_row_x1[y] == x0) {
            m_row_x1[y] = x1;
        } else if (m_row_x0[y] == x1) {
            m_row_x0[y] = x0;
        } else {
            m_extra_spans.push_back(Span{y, x0, x1});
        }
    }
}

void SoftwareDraw::pass(SDL_Renderer* renderer, int t)
{
    flush_fill(renderer);  // what was filled before comes before
    m_pass.push_back(t);
}

void SoftwareDraw::start_fill(SDL_Renderer* renderer, const Command& command, SDL_BlendMode blend, SDL_Color color)
{
    if (m_filling && m_fill_blend == blend && same_color(m_fill_color, color))
        return;
    flush(renderer, command);
    m_filling = true;
    m_fill_blend = blend;
    m_fill_color = color;
    if (++m_fill_mark == 0) {
        std::fill(m_row_mark.begin(), m_row_mark.end(), 0u);
        m_fill_mark = 1;
    }
    m_row_min = static_cast<int>(m_row_mark.size());
    m_row_max = -1;
}

void SoftwareDraw::flush(SDL_Renderer* renderer, const Command& command)
{
    flush_fill(renderer);
    flush_pass(renderer, command);
}

void SoftwareDraw::flush_fill(SDL_Renderer* renderer)
{
    if (!m_filling)
        return;
    m_filling = false;
    // Rows with the same span one under the other become one rectangle.
    SDL_Rect open{0, 0, 0, 0};
    for (int y = m_row_min; y <= m_row_max; ++y) {
        const bool here = m_row_mark[y] == m_fill_mark;
        if (open.h > 0 && here && open.y + open.h == y && open.x == m_row_x0[y] && open.x + open.w == m_row_x1[y]) {
            ++open.h;
            continue;
        }
        if (open.h > 0)
            m_fill_rects.push_back(open);
        open = here ? SDL_Rect{m_row_x0[y], y, m_row_x1[y] - m_row_x0[y], 1} : SDL_Rect{0, 0, 0, 0};
    }
    if (open.h > 0)
        m_fill_rects.push_back(open);
    for (const Span& span : m_extra_spans)
        m_fill_rects.push_back(SDL_Rect{span.x0, span.y, span.x1 - span.x0, 1});
    m_extra_spans.clear();
    if (!m_fill_rects.empty()) {
        SDL_SetRenderDrawBlendMode(renderer, m_fill_blend);
        SDL_SetRenderDrawColor(renderer, m_fill_color.r, m_fill_color.g, m_fill_color.b, m_fill_color.a);
        SDL_RenderFillRects(renderer, m_fill_rects.data(), static_cast<int>(m_fill_rects.size()));
        ++m_counts.fill_calls;
        m_counts.fill_rects += static_cast<int>(m_fill_rects.size());
    }
    m_fill_rects.clear();
}

void SoftwareDraw::flush_pass(SDL_Renderer* renderer, const Command& command)
{
    if (m_pass.empty())
        return;
    // Only the vertices the batch uses: SDL checks every vertex it is given at each call.
    int low = command.index(m_pass.front(), 0);
    int high = low;
    for (const int t : m_pass) {
        for (int corner = 0; corner < 3; ++corner) {
            low = std::min(low, command.index(t, corner));
            high = std::max(high, command.index(t, corner));
        }
    }
    static_assert(sizeof(ImDrawIdx) == sizeof(std::uint16_t), "libimgui-dev's ImGui draws with 16-bit indices");
    m_pass_indices16.clear();
    for (const int t : m_pass) {
        for (int corner = 0; corner < 3; ++corner)
            m_pass_indices16.push_back(static_cast<std::uint16_t>(command.index(t, corner) - low));
    }
    const ImDrawVert* base = command.vertices + low;
    SDL_RenderGeometryRaw(renderer, command.texture, &base->pos.x, static_cast<int>(sizeof(ImDrawVert)),
                          reinterpret_cast<const SDL_Color*>(&base->col), static_cast<int>(sizeof(ImDrawVert)),
                          &base->uv.x, static_cast<int>(sizeof(ImDrawVert)), high - low + 1,
                          m_pass_indices16.data(), static_cast<int>(m_pass_indices16.size()),
                          static_cast<int>(sizeof(std::uint16_t)));
    m_counts.passed_triangles += static_cast<int>(m_pass.size());
    m_pass.clear();
}

}  // namespace lotsen::kiosk
