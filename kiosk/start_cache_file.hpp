// start_cache_file.hpp — one file format for what the kiosk keeps in DATA_DIR/cache to start faster
// (the glyph set, the string tables): magic, format, the key of the inputs it was made from, the size
// of the contents, the contents, and last the BLAKE2b digest of all that comes before it. A reader gets
// the contents only when the magic and key are the ones it asks for and the digest matches.
#pragma once

#include "core/base/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen::kiosk {

/// A BLAKE2b-256 digest of a cache file's inputs.
using StartCacheKey = std::array<unsigned char, 32>;

/// Writes the inputs of one cache file down in order; key() is their digest, with this machine's byte
/// order and the running program's identity (a rebuilt or updated program never reads another's file).
class StartCacheInputs {
public:
    StartCacheInputs();
    /// A text (its length first, so neighbouring texts cannot run into each other).
    void add(std::string_view text);
    void add(std::uint64_t number);
    /// The key, or nothing when the program cannot be looked at (nothing is then kept).
    std::optional<StartCacheKey> key() const;

private:
    std::string m_bytes;
};

/// What reading a cache file found.
struct StartCacheRead {
    enum class Kind { contents, missing, stale, damaged };
    Kind kind = Kind::missing;
    std::string contents;  ///< for `contents`
    std::string problem;   ///< for `damaged`: names the file and what is wrong with it
};

/// Reads `path`, a file of `magic` (8 characters) written for `key`.
StartCacheRead read_start_cache(const std::string& path, std::string_view magic, const StartCacheKey& key);

/// Writes `contents` to `path` as a file of `magic` for `key`, atomically; makes its folder.
Result<void> write_start_cache(const std::string& path, std::string_view magic, const StartCacheKey& key,
                               std::string_view contents);

}  // namespace lotsen::kiosk
