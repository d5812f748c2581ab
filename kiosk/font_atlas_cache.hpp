// font_atlas_cache.hpp — a built font atlas kept on disk between starts: its pixels and every font's
// glyph table, restored in a few milliseconds instead of rasterising each glyph with FreeType again.
// A file is used only when its header names the same inputs and its contents hash to what it says.
#pragma once

#include "core/base/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct ImFontAtlas;

namespace lotsen::kiosk {

/// A BLAKE2b-256 digest of everything an atlas is built from.
using AtlasKey = std::array<unsigned char, 32>;

/// The inputs of one atlas build, written down in order; the key is their digest. Every input that can
/// change a pixel or a glyph must pass through here (fonts.cpp: each face's file, size and settings,
/// the characters, the builder's flags and the versions of Dear ImGui and FreeType).
class AtlasInputs {
public:
    /// A text (length first, so neighbouring texts cannot run into each other).
    void add(std::string_view text);
    /// A whole number.
    void add(std::uint64_t number);
    /// A size or factor, by its bits.
    void add(float number);
    /// A font file by its identity: device, inode, size, modification and change times (a package
    /// update replaces the file, which changes at least the inode and the change time). An error when
    /// the file cannot be looked at.
    Result<void> add_file(const std::string& path);
    /// The digest of everything added.
    AtlasKey key() const;

private:
    std::string m_bytes;
};

/// What became of the cache at one load of the fonts.
struct AtlasCacheOutcome {
    enum class Kind {
        off,              ///< no cache file asked for: built
        restored,         ///< read from the cache file
        built,            ///< no cache file yet: built and saved
        rebuilt_stale,    ///< the file was whole but made from other fonts, characters or sizes: built and saved
        rebuilt_damaged,  ///< the file was unreadable or its contents did not match its digest: built and saved
    };
    Kind kind = Kind::off;
    /// A log line for everything but `off` and a quiet `restored`: why it was rebuilt, and whether saving
    /// failed (the kiosk then runs on the built atlas and tries again at its next start).
    std::string message;
};

/// Why a cache file was not used.
struct AtlasRestoreFailure {
    enum class Kind { missing, stale, damaged };
    Kind kind = Kind::missing;
    std::string reason;  ///< names the file and what was wrong with it
};

/// Restores `atlas` (cleared first) from `path` when the file was written for `key` and its contents
/// match their digest: the texture's alpha pixels (TexPixelsAlpha8), its UVs and baked lines, and each
/// font's metrics and glyphs in the order they were saved, lookup tables rebuilt. The atlas is then
/// built (IsBuilt()). Returns nothing when restored, or why the file was not used (the atlas is then
/// left cleared).
std::optional<AtlasRestoreFailure> restore_atlas(ImFontAtlas& atlas, const std::string& path, const AtlasKey& key);

/// Writes the built `atlas` (its alpha pixels still held) to `path` under `key`, atomically (a
/// temporary file renamed over it, so a reader never meets half a file).
Result<void> save_atlas(const ImFontAtlas& atlas, const std::string& path, const AtlasKey& key);

}  // namespace lotsen::kiosk
