// glyph_set_cache.cpp — the glyph set file (kiosk/start_cache_file.hpp, magic LOTSENGS): the range
// values, 16 bits each, under a key of the texts and FriBidi's version.
#include "kiosk/glyph_set_cache.hpp"

#include "core/text/codepoint_sets.hpp"
#include "kiosk/start_cache_file.hpp"

#include <cstring>
#include <optional>

namespace lotsen::kiosk {

namespace {

constexpr std::string_view k_magic = "LOTSENGS";

std::optional<StartCacheKey> key_of(const std::vector<std::string_view>& texts)
{
    StartCacheInputs inputs;
    inputs.add("lotsen glyph set");
    inputs.add(static_cast<std::uint64_t>(sizeof(GlyphRanges::value_type)));
    inputs.add(codepoint_shaping_version());
    inputs.add(static_cast<std::uint64_t>(texts.size()));
    for (std::string_view text : texts)
        inputs.add(text);
    return inputs.key();
}

// Ranges as ImGui reads them: pairs of first and last code point (neither 0, first ≤ last), then 0.
bool well_formed(const GlyphRanges& ranges)
{
    if (ranges.empty() || ranges.size() % 2 != 1 || ranges.back() != 0)
        return false;
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        if (ranges[i] == 0 || ranges[i] > ranges[i + 1])
            return false;
    }
    return true;
}

}  // namespace

std::string glyph_set_cache_path(const std::string& cache_dir)
{
    return cache_dir + "/glyph-set.bin";
}

GlyphSet glyph_set_for(const std::vector<std::string_view>& texts, const std::string& cache_path)
{
    GlyphSet set;
    const std::optional<StartCacheKey> key = cache_path.empty() ? std::nullopt : key_of(texts);
    std::string problem;
    if (key) {
        StartCacheRead read = read_start_cache(cache_path, k_magic, *key);
        if (read.kind == StartCacheRead::Kind::contents) {
            GlyphRanges ranges(read.contents.size() / sizeof(GlyphRanges::value_type));
            std::memcpy(ranges.data(), read.contents.data(), ranges.size() * sizeof(GlyphRanges::value_type));
            if (read.contents.size() % sizeof(GlyphRanges::value_type) == 0 && well_formed(ranges)) {
                set.ranges = std::move(ranges);
                set.source = GlyphSet::Source::restored;
                return set;
            }
            problem = cache_path + ": its ranges do not hold together";
        } else {
            problem = std::move(read.problem);
        }
    }
    set.ranges = glyph_ranges_for(texts);
    if (!key)
        return set;
    if (!problem.empty())
        set.message = problem + "; the glyph set was gathered anew";
    const std::string_view contents(reinterpret_cast<const char*>(set.ranges.data()),
                                    set.ranges.size() * sizeof(GlyphRanges::value_type));
    if (auto saved = write_start_cache(cache_path, k_magic, *key, contents); !saved)
        set.message += (set.message.empty() ? "" : "; ") + ("the glyph set is not kept: " + saved.error().text());
    else if (!problem.empty())
        set.message += " and replaces it";
    return set;
}

}  // namespace lotsen::kiosk
