// test_images.hpp — small real image files made in the test: an RGB PNG written by hand (zlib for
// the data, its own CRCs), so tests need no picture files; header-only.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lotsen::testing {

inline void append_be32(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((value >> shift) & 0xFF);
}

inline void append_png_chunk(std::string& out, const char* kind, const std::string& data)
{
    append_be32(out, static_cast<std::uint32_t>(data.size()));
    const std::string body = std::string(kind, 4) + data;
    out += body;
    append_be32(out, static_cast<std::uint32_t>(
                         ::crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

/// A `width` x `height` RGB PNG filled with (r, g, b), plus `seed` in the first pixel so that images
/// of the same size can differ.
inline std::string make_png(std::uint32_t width, std::uint32_t height, std::uint8_t r, std::uint8_t g, std::uint8_t b,
                            std::uint8_t seed = 0)
{
    std::string rows;
    for (std::uint32_t y = 0; y < height; ++y) {
        rows += '\0';
        for (std::uint32_t x = 0; x < width; ++x) {
            rows += static_cast<char>(x == 0 && y == 0 ? seed : r);
            rows += static_cast<char>(g);
            rows += static_cast<char>(b);
        }
    }
    std::vector<Bytef> packed(::compressBound(static_cast<uLong>(rows.size())));
    uLongf packed_size = static_cast<uLongf>(packed.size());
    ::compress(packed.data(), &packed_size, reinterpret_cast<const Bytef*>(rows.data()), static_cast<uLong>(rows.size()));
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    append_be32(header, width);
    append_be32(header, height);
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter, no interlace
    append_png_chunk(png, "IHDR", header);
    append_png_chunk(png, "IDAT", std::string(reinterpret_cast<const char*>(packed.data()), packed_size));
    append_png_chunk(png, "IEND", "");
    return png;
}

/// Only the signature and an IHDR saying `width` x `height`: enough for a header check, nothing to decode.
inline std::string png_header_only(std::uint32_t width, std::uint32_t height)
{
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    append_be32(header, width);
    append_be32(header, height);
    header += std::string("\x08\x02\x00\x00\x00", 5);
    append_png_chunk(png, "IHDR", header);
    return png;
}

}  // namespace lotsen::testing
