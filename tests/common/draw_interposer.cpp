// draw_interposer.cpp — see draw_interposer.hpp. Built as an object library so its definition of
// SDL_RenderGeometryRaw is always in the executable: the ImGui backend (a static library linked into
// it) then calls this one, and this one finds SDL's with dlsym(RTLD_NEXT).
#include "tests/common/draw_interposer.hpp"

#include <SDL.h>
#include <dlfcn.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
std::atomic<bool> g_rasterize{true};
std::atomic<long> g_dropped{0};
}  // namespace

namespace lotsen::testing {

void set_rasterize(bool on) { g_rasterize = on; }
bool rasterizing() { return g_rasterize; }
long dropped_draws() { return g_dropped; }

}  // namespace lotsen::testing

extern "C" DECLSPEC int SDLCALL SDL_RenderGeometryRaw(SDL_Renderer* renderer, SDL_Texture* texture, const float* xy,
                                                      int xy_stride, const SDL_Color* color, int color_stride,
                                                      const float* uv, int uv_stride, int num_vertices,
                                                      const void* indices, int num_indices, int size_indices)
{
    using Real = int(SDLCALL*)(SDL_Renderer*, SDL_Texture*, const float*, int, const SDL_Color*, int, const float*, int,
                               int, const void*, int, int);
    if (g_rasterize) {
        static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "SDL_RenderGeometryRaw"));
        return real(renderer, texture, xy, xy_stride, color, color_stride, uv, uv_stride, num_vertices, indices,
                    num_indices, size_indices);
    }
    // What the rasterizer would have read must be there: vertices, and indices that name them.
    if (!renderer || !xy || !color || num_vertices < 0 || num_indices < 0 || (texture && !uv))
        return SDL_SetError("draw interposer: bad geometry");
    for (int i = 0; i < num_indices; ++i) {
        long index = 0;
        if (size_indices == 4)
            index = static_cast<const std::int32_t*>(indices)[i];
        else if (size_indices == 2)
            index = static_cast<const std::uint16_t*>(indices)[i];
        else if (size_indices == 1)
            index = static_cast<const std::uint8_t*>(indices)[i];
        if (index < 0 || index >= num_vertices) {
            std::fprintf(stderr, "draw interposer: draw index %ld of %d vertices\n", index, num_vertices);
            std::abort();
        }
    }
    ++g_dropped;
    return 0;
}

// The software path's fills (kiosk/software_draw.hpp: ImGui's solid triangles as the rows they
// cover, opaque rectangles): dropped with the draws, after the same kind of check.
extern "C" DECLSPEC int SDLCALL SDL_RenderFillRects(SDL_Renderer* renderer, const SDL_Rect* rects, int count)
{
    using Real = int(SDLCALL*)(SDL_Renderer*, const SDL_Rect*, int);
    if (g_rasterize) {
        static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "SDL_RenderFillRects"));
        return real(renderer, rects, count);
    }
    if (!renderer || !rects || count < 0)
        return SDL_SetError("draw interposer: bad rectangles");
    for (int i = 0; i < count; ++i) {
        if (rects[i].w <= 0 || rects[i].h <= 0) {
            std::fprintf(stderr, "draw interposer: empty rectangle %d of %d\n", i, count);
            std::abort();
        }
    }
    ++g_dropped;
    return 0;
}

// The clear before each frame fills every pixel too: dropped with the draws.
extern "C" DECLSPEC int SDLCALL SDL_RenderClear(SDL_Renderer* renderer)
{
    using Real = int(SDLCALL*)(SDL_Renderer*);
    if (g_rasterize) {
        static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "SDL_RenderClear"));
        return real(renderer);
    }
    return renderer ? 0 : SDL_SetError("draw interposer: no renderer");
}
