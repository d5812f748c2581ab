// image_probe.hpp — what a PNG or JPEG file is, read from its header alone: the type and the pixel
// size, checked against the catalogue's image limits (core/catalogue/model.hpp) before any decoder
// sees the bytes. Everything a kiosk fetches or a person hands in passes here first.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace lotsen {

/// The two formats a catalogue image may be.
enum class ImageType { png, jpeg };

/// "png" or "jpeg", as the catalogue writes it.
std::string_view image_type_name(ImageType type);

/// What the header says.
struct ImageHeader {
    ImageType type = ImageType::png;
    int width = 0;
    int height = 0;
    bool operator==(const ImageHeader&) const = default;
};

/// Reads the header of `bytes`: PNG (signature and IHDR) or JPEG (SOI, then markers up to the first
/// start-of-frame). Refuses, naming why, a file over k_max_image_bytes, one that is neither, and a
/// pixel size of 0 or over k_max_image_side or k_max_image_pixels. Decodes nothing.
Result<ImageHeader> probe_image(std::string_view bytes);

}  // namespace lotsen
