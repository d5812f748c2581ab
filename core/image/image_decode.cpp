// image_decode.cpp — see image_decode.hpp. Both decoders report errors through setjmp/longjmp (their
// documented way): the setjmp is in a small run_* function whose locals do not change after it, the
// state lives in a DecodeJob the caller owns, and the rows go to a RowScaler that sums each source
// pixel into the destination pixel it falls on.
#include "core/image/image_decode.hpp"

#include <png.h>

#include <cstddef>
#include <cstdio>  // jpeglib.h needs FILE and size_t declared first
#include <csetjmp>
#include <cstring>
#include <jpeglib.h>

#include <algorithm>
#include <memory>
#include <string>

namespace lotsen {

namespace {

// Area-averages rows of `source_width` RGBA pixels into an image fitted to the destination size.
class RowScaler {
public:
    RowScaler(int source_width, int source_height, int width, int height)
        : m_source_width(source_width), m_source_height(source_height), m_width(width), m_height(height),
          m_sums(static_cast<std::size_t>(width) * 4, 0), m_counts(static_cast<std::size_t>(width), 0)
    {
        m_image.width = width;
        m_image.height = height;
        m_image.rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
    }

    /// Adds source row `y` (RGBA).
    void add_row(int y, const std::uint8_t* row)
    {
        const int target = static_cast<int>(static_cast<std::int64_t>(y) * m_height / m_source_height);
        if (target != m_row)
            flush();
        m_row = target;
        for (int x = 0; x < m_source_width; ++x) {
            const auto tx = static_cast<std::size_t>(static_cast<std::int64_t>(x) * m_width / m_source_width);
            for (std::size_t c = 0; c < 4; ++c)
                m_sums[tx * 4 + c] += row[static_cast<std::size_t>(x) * 4 + c];
            ++m_counts[tx];
        }
    }

    DecodedImage finish() &&
    {
        flush();
        return std::move(m_image);
    }

private:
    void flush()
    {
        if (m_row < 0 || m_row >= m_height)
            return;
        std::uint8_t* out = m_image.rgba.data() + static_cast<std::size_t>(m_row) * static_cast<std::size_t>(m_width) * 4;
        for (std::size_t x = 0; x < static_cast<std::size_t>(m_width); ++x) {
            const std::uint32_t count = std::max<std::uint32_t>(m_counts[x], 1);
            for (std::size_t c = 0; c < 4; ++c)
                out[x * 4 + c] = static_cast<std::uint8_t>(m_sums[x * 4 + c] / count);
        }
        std::fill(m_sums.begin(), m_sums.end(), 0);
        std::fill(m_counts.begin(), m_counts.end(), 0);
    }

    int m_source_width;
    int m_source_height;
    int m_width;
    int m_height;
    int m_row = -1;
    std::vector<std::uint32_t> m_sums;
    std::vector<std::uint32_t> m_counts;
    DecodedImage m_image;
};

// ---------------------------------------------------------------------------------------------
// PNG

struct PngInput {
    std::string_view bytes;
    std::size_t at = 0;
    char error[200] = {};
};

void png_read_memory(png_structp png, png_bytep out, png_size_t length)
{
    auto* input = static_cast<PngInput*>(png_get_io_ptr(png));
    if (input->bytes.size() - input->at < length)
        png_error(png, "the file ends inside the image data");
    std::memcpy(out, input->bytes.data() + input->at, length);
    input->at += length;
}

void png_fail(png_structp png, png_const_charp message)
{
    auto* input = static_cast<PngInput*>(png_get_error_ptr(png));
    std::snprintf(input->error, sizeof input->error, "%s", message);
    png_longjmp(png, 1);
}

void png_warn(png_structp, png_const_charp) {}

// What a decode works on, owned by the caller so nothing in the frame that calls setjmp changes
// after it (a longjmp would leave such a local indeterminate).
struct DecodeJob {
    ImageHeader header;
    int box_width = 0;
    int box_height = 0;
    std::unique_ptr<RowScaler> scaler;
    std::vector<std::uint8_t> row;
    std::vector<std::uint8_t> rgba;
};

// Runs libpng over the file; false when it jumped out with an error (in input.error).
bool run_png(png_structp png, png_infop info, PngInput& input, DecodeJob& job)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    // The header was probed; libpng checks it again and also bounds its own allocations.
    png_set_user_limits(png, static_cast<png_uint_32>(job.header.width), static_cast<png_uint_32>(job.header.height));
    png_set_chunk_malloc_max(png, 8u << 20);
    png_set_read_fn(png, &input, png_read_memory);
    png_read_info(png, info);
    if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE)
        png_error(png, "interlaced PNGs are not read (save it without interlacing)");
    png_set_expand(png);  // palette and low-bit grey to 8 bits, tRNS to alpha
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    const int width = static_cast<int>(png_get_image_width(png, info));
    const int height = static_cast<int>(png_get_image_height(png, info));
    if (width != job.header.width || height != job.header.height ||
        png_get_rowbytes(png, info) != static_cast<std::size_t>(width) * 4)
        png_error(png, "the header changed between reads");
    const auto [out_width, out_height] = fit_inside(width, height, job.box_width, job.box_height);
    job.scaler = std::make_unique<RowScaler>(width, height, out_width, out_height);
    job.row.resize(static_cast<std::size_t>(width) * 4);
    for (int y = 0; y < height; ++y) {
        png_read_row(png, job.row.data(), nullptr);
        job.scaler->add_row(y, job.row.data());
    }
    return true;
}

Result<DecodedImage> decode_png(std::string_view bytes, DecodeJob& job)
{
    PngInput input{bytes, 0, {}};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &input, png_fail, png_warn);
    if (!png)
        return Error{"PNG: out of memory"};
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        return Error{"PNG: out of memory"};
    }
    const bool ok = run_png(png, info, input, job);
    png_destroy_read_struct(&png, &info, nullptr);
    if (!ok)
        return Error{std::string("PNG: ") + input.error};
    return std::move(*job.scaler).finish();
}

// ---------------------------------------------------------------------------------------------
// JPEG

struct JpegError {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr info)
{
    auto* error = reinterpret_cast<JpegError*>(info->err);
    (*info->err->format_message)(info, error->message);
    std::longjmp(error->jump, 1);
}

void jpeg_quiet(j_common_ptr, int) {}

// Runs libjpeg over the file; false when it jumped out with an error (in error.message) or refused.
bool run_jpeg(jpeg_decompress_struct& info, JpegError& error, std::string_view bytes, DecodeJob& job)
{
    if (setjmp(error.jump))
        return false;
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    if (static_cast<int>(info.image_width) != job.header.width || static_cast<int>(info.image_height) != job.header.height) {
        std::snprintf(error.message, sizeof error.message, "the frame header the decoder read is not the one probed");
        return false;
    }
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        std::snprintf(error.message, sizeof error.message, "CMYK images are not read (save it as RGB)");
        return false;
    }
    info.out_color_space = JCS_RGB;
    // The decoder scales by 1/2, 1/4 or 1/8 for nearly nothing: the largest step that stays at
    // least the fitted size, so the area average after it still has whole pixels to work with.
    const auto [fit_width, fit_height] = fit_inside(job.header.width, job.header.height, job.box_width, job.box_height);
    unsigned denominator = 1;
    while (denominator < 8 && job.header.width / static_cast<int>(denominator * 2) >= fit_width &&
           job.header.height / static_cast<int>(denominator * 2) >= fit_height)
        denominator *= 2;
    info.scale_num = 1;
    info.scale_denom = denominator;
    jpeg_start_decompress(&info);
    const int width = static_cast<int>(info.output_width);
    const int height = static_cast<int>(info.output_height);
    if (info.output_components != 3) {
        std::snprintf(error.message, sizeof error.message, "%d colour components after conversion", info.output_components);
        return false;
    }
    const auto [out_width, out_height] = fit_inside(width, height, fit_width, fit_height);
    job.scaler = std::make_unique<RowScaler>(width, height, out_width, out_height);
    job.row.resize(static_cast<std::size_t>(width) * 3);
    job.rgba.resize(static_cast<std::size_t>(width) * 4);
    while (info.output_scanline < info.output_height) {
        const int y = static_cast<int>(info.output_scanline);
        JSAMPROW line = job.row.data();
        if (jpeg_read_scanlines(&info, &line, 1) != 1) {
            std::snprintf(error.message, sizeof error.message, "the decoder stopped at row %d", y);
            return false;
        }
        for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) {
            job.rgba[x * 4] = job.row[x * 3];
            job.rgba[x * 4 + 1] = job.row[x * 3 + 1];
            job.rgba[x * 4 + 2] = job.row[x * 3 + 2];
            job.rgba[x * 4 + 3] = 0xFF;
        }
        job.scaler->add_row(y, job.rgba.data());
    }
    jpeg_finish_decompress(&info);
    return true;
}

Result<DecodedImage> decode_jpeg(std::string_view bytes, DecodeJob& job)
{
    jpeg_decompress_struct info{};
    JpegError error{};
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_fail;
    error.manager.emit_message = jpeg_quiet;
    jpeg_create_decompress(&info);
    const bool ok = run_jpeg(info, error, bytes, job);
    jpeg_destroy_decompress(&info);
    if (!ok)
        return Error{std::string("JPEG: ") + error.message};
    return std::move(*job.scaler).finish();
}

}  // namespace

std::pair<int, int> fit_inside(int width, int height, int box_width, int box_height)
{
    if (width <= 0 || height <= 0)
        return {1, 1};
    box_width = std::max(box_width, 1);
    box_height = std::max(box_height, 1);
    if (width <= box_width && height <= box_height)
        return {width, height};
    // Compare width/box_width with height/box_height without rounding.
    if (static_cast<std::int64_t>(width) * box_height >= static_cast<std::int64_t>(height) * box_width) {
        const auto h = static_cast<int>(static_cast<std::int64_t>(height) * box_width / width);
        return {box_width, std::max(h, 1)};
    }
    const auto w = static_cast<int>(static_cast<std::int64_t>(width) * box_height / height);
    return {std::max(w, 1), box_height};
}

Result<DecodedImage> decode_image(std::string_view bytes, int box_width, int box_height)
{
    DecodeJob job;
    job.header = LOTSEN_TRY(probe_image(bytes));
    job.box_width = box_width;
    job.box_height = box_height;
    if (job.header.type == ImageType::png)
        return decode_png(bytes, job);
    return decode_jpeg(bytes, job);
}

}  // namespace lotsen
