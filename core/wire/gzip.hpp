// gzip.hpp — gzip (RFC 1952) for request bodies: the kiosk compresses every batch it uploads, and
// a bounded decompression for whoever receives one. zlib does the work; this file owns the framing
// (windowBits 31 = deflate inside a gzip header and trailer) and the limits.
#pragma once

#include "core/base/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace lotsen {

/// `data` as one gzip member (RFC 1952) at zlib level `level` (1 fastest … 9 smallest).
Result<std::string> gzip_compress(std::string_view data, int level = 6);

/// The content of a gzip body, refused as soon as it would exceed `max_bytes` (a small body can
/// inflate to gigabytes; `*over_limit` then says so, for a 413 instead of a 400), or when it is not
/// gzip, is truncated (its end or its trailer missing), or has data after its end.
Result<std::string> gzip_decompress(std::string_view data, std::size_t max_bytes, bool* over_limit = nullptr);

}  // namespace lotsen
