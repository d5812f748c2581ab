// draw_interposer.hpp — a switch in front of SDL's rasterizer for programs that drive the kiosk
// headless (lotsen-soak, lotsen-bench). Linked into such a program (the lotsen_draw_interposer object
// library), its SDL_RenderGeometryRaw — the one call through which ImGui's SDL_Renderer backend draws —
// takes the place of SDL's, and so does its SDL_RenderClear: with drawing on both hand over to SDL's
// own; with drawing off a draw is checked (every index must name a vertex, else the program aborts)
// and dropped, and so is the clear, so everything up to the rasterizer runs as in the kiosk (layout,
// text shaping, the draw lists, textures) and no pixel is filled.
#pragma once

namespace lotsen::testing {

/// On (the default): draws reach SDL's rasterizer. Off: they are checked and dropped.
void set_rasterize(bool on);
bool rasterizing();

/// Draws dropped since the program started.
long dropped_draws();

}  // namespace lotsen::testing
