// png_writer.cpp — PNG encoding and decoding through libpng's simplified API.
#include "kiosk/png_writer.hpp"

#include <png.h>

namespace lotsen::kiosk {

Result<void> write_png(const std::string& path, const std::uint8_t* rgba, int width, int height, int pitch)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&image, path.c_str(), 0, rgba, pitch, nullptr))
        return Error{path + ": cannot write PNG: " + image.message};
    return success();
}

Result<RgbaImage> read_png(const std::string& path)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
        return Error{path + ": cannot read PNG: " + image.message};
    image.format = PNG_FORMAT_RGBA;
    RgbaImage result;
    result.width = static_cast<int>(image.width);
    result.height = static_cast<int>(image.height);
    result.pixels.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, result.pixels.data(), 0, nullptr))
        return Error{path + ": cannot decode PNG: " + image.message};
    return result;
}

}  // namespace lotsen::kiosk
