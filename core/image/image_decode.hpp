// image_decode.hpp — decodes a catalogue image (PNG with libpng, JPEG with libjpeg) into RGBA pixels
// already scaled down to the box it is drawn in. The header is probed first (probe_image), so limits
// on bytes and pixels hold before a decoder starts; pixels are then streamed a row at a time into the
// scaled result, so decoding never holds the full-size picture (JPEGs are also scaled by the decoder
// itself, by 1/2, 1/4 or 1/8). Pure function of its input: safe on any thread.
#pragma once

#include "core/base/result.hpp"
#include "core/image/image_probe.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace lotsen {

/// Decoded pixels, 4 bytes per pixel (R, G, B, A), rows top to bottom without padding.
struct DecodedImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

/// The size `width` x `height` takes when fitted inside `box_width` x `box_height` keeping its
/// proportions; never larger than it is, never smaller than 1 x 1.
std::pair<int, int> fit_inside(int width, int height, int box_width, int box_height);

/// Decodes `bytes` (PNG or JPEG) scaled to fit inside `box_width` x `box_height` (area-averaged).
/// Refuses, naming why, what probe_image refuses and anything the decoder cannot read; never throws.
Result<DecodedImage> decode_image(std::string_view bytes, int box_width, int box_height);

}  // namespace lotsen
