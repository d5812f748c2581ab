// glyph_set_cache.hpp — the font atlas's character set kept on disk between starts. Gathering it
// (glyph_ranges_for over every string table, the config's texts, the catalogue's characters and the
// keyboard's: decoding, Arabic shaping, FriBidi) was a fifth of a kiosk's work up to its first frame
// (issue 21), and the texts rarely change between two starts. A file is used only when it was made from
// the very same texts by the same program and FriBidi, and its contents match their digest; any other
// is gathered anew and replaced.
#pragma once

#include "kiosk/fonts.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lotsen::kiosk {

/// A character set and where it came from.
struct GlyphSet {
    enum class Source {
        gathered,  ///< glyph_ranges_for ran (no file, or a file for other texts, or a damaged one)
        restored,  ///< read from the cache file
    };
    GlyphRanges ranges;
    Source source = Source::gathered;
    /// A log line when something needs saying: a damaged file replaced, or a set that could not be kept.
    std::string message;
};

/// glyph_ranges_for(`texts`), read from `cache_path` when that file was written for the same texts
/// (their digest, with the running program's identity and FriBidi's version), otherwise gathered and
/// written there (atomically; its folder is made when missing). An empty `cache_path` only gathers.
GlyphSet glyph_set_for(const std::vector<std::string_view>& texts, const std::string& cache_path);

/// The file glyph_set_for uses in a kiosk's cache folder.
std::string glyph_set_cache_path(const std::string& cache_dir);

}  // namespace lotsen::kiosk
