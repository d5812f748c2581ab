// png_writer.hpp — writes RGBA pixels to a PNG file (headless tour, golden screenshots).
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace lotsen::kiosk {

/// Writes `width`×`height` RGBA8 pixels (rows `pitch` bytes apart) to `path`.
Result<void> write_png(const std::string& path, const std::uint8_t* rgba, int width, int height, int pitch);

/// Reads an RGBA8 PNG (for comparing screenshots); pixels are packed rows of width*4 bytes.
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
};
Result<RgbaImage> read_png(const std::string& path);

}  // namespace lotsen::kiosk
