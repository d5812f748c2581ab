// gzip.cpp — zlib's deflate/inflate with gzip framing (windowBits 15 + 16), in chunks, so neither
// direction needs the whole output size up front and decompression can stop at its limit.
#include "core/wire/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>

namespace lotsen {

namespace {

constexpr int k_gzip_window_bits = 15 + 16;  // 32 KiB window; +16 asks zlib for a gzip wrapper
constexpr int k_memory_level = 8;            // zlib's default
constexpr std::size_t k_chunk = 64 << 10;

// zlib counts in uInt; feed it pieces no larger than that.
uInt chunk_size(std::size_t remaining)
{
    return static_cast<uInt>(std::min<std::size_t>(remaining, 1u << 30));
}

}  // namespace

Result<std::string> gzip_compress(std::string_view data, int level)
{
    z_stream stream{};
    if (deflateInit2(&stream, std::clamp(level, 1, 9), Z_DEFLATED, k_gzip_window_bits, k_memory_level,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return Error{"gzip: zlib could not start compressing (out of memory?)"};
    std::string out;
    out.reserve(deflateBound(&stream, static_cast<uLong>(data.size())));
    std::array<unsigned char, k_chunk> buffer{};
    // zlib's API takes a non-const input pointer but never writes through it.
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    std::size_t remaining = data.size();
    int rc = Z_OK;
    do {
        if (stream.avail_in == 0 && remaining > 0) {
            stream.avail_in = chunk_size(remaining);
            remaining -= stream.avail_in;
        }
        stream.next_out = buffer.data();
        stream.avail_out = static_cast<uInt>(buffer.size());
        rc = deflate(&stream, remaining == 0 ? Z_FINISH : Z_NO_FLUSH);  // FINISH once all input is handed over
        if (rc == Z_STREAM_ERROR) {
            deflateEnd(&stream);
            return Error{"gzip: zlib failed while compressing"};
        }
        out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    } while (rc != Z_STREAM_END);
    deflateEnd(&stream);
    return out;
}

Result<std::string> gzip_decompress(std::string_view data, std::size_t max_bytes, bool* over_limit)
{
    if (over_limit != nullptr)
        *over_limit = false;
    z_stream stream{};
    // 15 + 16: gzip only (15 + 32 would also take a zlib stream, which RFC 1952 bodies are not).
    if (inflateInit2(&stream, k_gzip_window_bits) != Z_OK)
        return Error{"gzip: zlib could not start decompressing (out of memory?)"};
    std::string out;
    std::array<unsigned char, k_chunk> buffer{};
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    std::size_t remaining = data.size();
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (stream.avail_in == 0) {
            if (remaining == 0) {
                inflateEnd(&stream);
                return Error{"gzip: the body ends before the gzip stream does (truncated)"};
            }
            stream.avail_in = chunk_size(remaining);
            remaining -= stream.avail_in;
        }
        stream.next_out = buffer.data();
        stream.avail_out = static_cast<uInt>(buffer.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            const std::string reason = stream.msg ? stream.msg : "error " + std::to_string(rc);
            inflateEnd(&stream);
            return Error{"gzip: not a valid gzip body at byte " + std::to_string(stream.total_in) + ": " + reason};
        }
        const std::size_t produced = buffer.size() - stream.avail_out;
        if (out.size() + produced > max_bytes) {
            inflateEnd(&stream);
            if (over_limit != nullptr)
                *over_limit = true;
            return Error{"gzip: the body decompresses to more than " + std::to_string(max_bytes) + " bytes"};
        }
        out.append(reinterpret_cast<const char*>(buffer.data()), produced);
    }
    const bool trailing = stream.avail_in > 0 || remaining > 0;
    inflateEnd(&stream);
    if (trailing)
        return Error{"gzip: data after the end of the gzip stream"};
    return out;
}

}  // namespace lotsen
