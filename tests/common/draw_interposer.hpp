// draw_interposer.hpp — a switch in front of SDL's rasterizer for programs that drive the kiosk
// headless (lotsen-soak, lotsen-bench). Linked into such a program (the lotsen_draw_interposer object
// library), its SDL_RenderGeometryRaw and SDL_RenderFillRects — the calls through which the kiosk
// draws ImGui's lists on the software renderer (kiosk/software_draw.hpp: solid triangles become
// the rows they cover, filled as rectangles; the rest goes to SDL_RenderGeometryRaw) — take the place
// of SDL's, and so does its SDL_RenderClear: with drawing on they hand over to SDL's own; with
// drawing off a draw is checked (every index must name a vertex, every rectangle must be non-empty,
// else the program aborts) and dropped, and so is the clear, so everything up to SDL's rasterizer
// runs as in the kiosk (layout, text shaping, the draw lists, textures, and the software path's
// finding of the rows a triangle covers) and no pixel is filled.
#pragma once

namespace lotsen::testing {

/// On (the default): draws reach SDL's rasterizer. Off: they are checked and dropped.
void set_rasterize(bool on);
bool rasterizing();

/// Draws dropped since the program started.
long dropped_draws();

}  // namespace lotsen::testing
