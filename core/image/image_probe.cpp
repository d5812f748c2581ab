// image_probe.cpp — see image_probe.hpp. The header is read by hand, bounds-checked at every step,
// so that limits hold before libpng or libjpeg allocate anything.
#include "core/image/image_probe.hpp"

#include "core/catalogue/model.hpp"

#include <array>

namespace lotsen {

namespace {

constexpr std::array<unsigned char, 8> k_png_signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

std::uint32_t big_endian_32(std::string_view bytes, std::size_t at)
{
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

std::uint32_t big_endian_16(std::string_view bytes, std::size_t at)
{
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1]));
}

bool starts_with_png_signature(std::string_view bytes)
{
    if (bytes.size() < k_png_signature.size())
        return false;
    for (std::size_t i = 0; i < k_png_signature.size(); ++i) {
        if (static_cast<unsigned char>(bytes[i]) != k_png_signature[i])
            return false;
    }
    return true;
}

Result<ImageHeader> probe_png(std::string_view bytes)
{
    // Signature (8), then the first chunk must be IHDR: length 13, "IHDR", width, height.
    if (bytes.size() < 8 + 8 + 13 || big_endian_32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR")
        return Error{"a PNG file whose first chunk is not a whole IHDR header"};
    const std::uint32_t width = big_endian_32(bytes, 16);
    const std::uint32_t height = big_endian_32(bytes, 20);
    if (width > static_cast<std::uint32_t>(k_max_image_side) || height > static_cast<std::uint32_t>(k_max_image_side))
        return Error{"a PNG of " + std::to_string(width) + " x " + std::to_string(height) +
                     " pixels, more than the limit of " + std::to_string(k_max_image_side) + " on a side"};
    return ImageHeader{ImageType::png, static_cast<int>(width), static_cast<int>(height)};
}

bool is_start_of_frame(unsigned char marker)
{
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<ImageHeader> probe_jpeg(std::string_view bytes)
{
    std::size_t at = 2;  // after SOI (FF D8)
    while (at + 4 <= bytes.size()) {
        if (static_cast<unsigned char>(bytes[at]) != 0xFF)
            return Error{"a JPEG file with something other than a marker at byte " + std::to_string(at)};
        const auto marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {  // no length
            at += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            break;  // end of image, or scan data before any frame header
        const std::uint32_t length = big_endian_16(bytes, at + 2);
        if (length < 2)
            return Error{"a JPEG file with a segment length of " + std::to_string(length) + " at byte " +
                         std::to_string(at + 2)};
        if (is_start_of_frame(marker)) {
            // length(2) precision(1) height(2) width(2) components(1)
            if (length < 8 || at + 2 + 8 > bytes.size())
                return Error{"a JPEG file whose frame header is cut short"};
            const std::uint32_t height = big_endian_16(bytes, at + 5);
            const std::uint32_t width = big_endian_16(bytes, at + 7);
            if (width > static_cast<std::uint32_t>(k_max_image_side) ||
                height > static_cast<std::uint32_t>(k_max_image_side))
                return Error{"a JPEG of " + std::to_string(width) + " x " + std::to_string(height) +
                             " pixels, more than the limit of " + std::to_string(k_max_image_side) + " on a side"};
            return ImageHeader{ImageType::jpeg, static_cast<int>(width), static_cast<int>(height)};
        }
        at += 2 + length;
    }
    return Error{"a JPEG file without a frame header (no pixel size)"};
}

}  // namespace

std::string_view image_type_name(ImageType type)
{
    return type == ImageType::png ? "png" : "jpeg";
}

Result<ImageHeader> probe_image(std::string_view bytes)
{
    if (bytes.size() > static_cast<std::uint64_t>(k_max_image_bytes))
        return Error{std::to_string(bytes.size()) + " bytes, more than the limit of " +
                     std::to_string(k_max_image_bytes) + " for an image"};
    Result<ImageHeader> header = Error{"not a PNG or JPEG file"};
    if (starts_with_png_signature(bytes))
        header = probe_png(bytes);
    else if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
             static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF)
        header = probe_jpeg(bytes);
    if (!header)
        return header;
    const ImageHeader& h = header.value();
    if (h.width == 0 || h.height == 0)
        return Error{"an image of " + std::to_string(h.width) + " x " + std::to_string(h.height) + " pixels"};
    const std::int64_t pixels = static_cast<std::int64_t>(h.width) * h.height;
    if (pixels > k_max_image_pixels)
        return Error{"an image of " + std::to_string(h.width) + " x " + std::to_string(h.height) + " = " +
                     std::to_string(pixels) + " pixels, more than the limit of " + std::to_string(k_max_image_pixels)};
    return header;
}

}  // namespace lotsen
