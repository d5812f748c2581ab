// text_layout_cache.hpp — laid-out text kept between frames. Laying a label out (bidi reordering,
// Arabic shaping, measuring, balanced wrapping of titles) costs far more than drawing it, and a
// kiosk draws the same labels frame after frame while a list scrolls. The cache belongs to one
// FontSet: fonts rebuilt (larger text, new glyphs) come with an empty cache, so a measure made with
// an old font is never reused. It keeps one language's texts: the first use in another language
// empties it (use_language), so a day of visitors in seven languages never fills it with the six
// not on screen.
#pragma once

#include "core/text/text_layout.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct ImFont;

namespace lotsen::kiosk {

using LaidOutLines = std::vector<LaidOutLine>;

class TextLayoutCache {
public:
    /// What was asked of the layout: one line, greedy wrapping, or the widgets' own wrapping
    /// (balanced titles); the same text at the same width gives different lines for each.
    enum class Kind : std::uint8_t { line, paragraph, wrapped };

    /// At most this many layouts are kept; the least recently used goes first. A screen shows a
    /// few hundred labels at most (a 1920×1080 list about 20 cards of about ten layouts each, with
    /// the measures of their parts), so one language's screens fit many times over, while a list of
    /// thousands scrolled end to end cannot grow it without bound. An entry is its key and lines
    /// (about three times the text) and the nodes that hold them: a few hundred bytes for a card's
    /// label, so 8,192 of them stay within a few MiB (docs/performance.md).
    static constexpr std::size_t k_capacity = 8192;

    explicit TextLayoutCache(std::size_t capacity = k_capacity) : m_capacity(capacity) {}

    /// The lines for (`font`, `kind`, `text`, `width`), from the cache or from `lay_out` (then kept).
    /// The result stays valid as long as the caller holds it, whatever the cache drops meanwhile.
    std::shared_ptr<const LaidOutLines> get(const ImFont* font, Kind kind, std::string_view text, float width,
                                            const std::function<LaidOutLines()>& lay_out);

    /// Empties the cache when `language` is not the one it was last used for.
    void use_language(std::string_view language);
    /// Forgets every layout (counters stay).
    void clear();

    std::size_t size() const { return m_entries.size(); }
    std::uint64_t hits() const { return m_hits; }
    std::uint64_t misses() const { return m_misses; }

private:
    struct Entry {
        std::shared_ptr<const LaidOutLines> lines;
        std::list<const std::string*>::iterator use;  ///< its place in m_uses
    };

    std::size_t m_capacity;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<const std::string*> m_uses;  ///< keys of m_entries, most recently used first
    std::string m_key;  ///< reused for lookups: a hit allocates nothing
    std::string m_language;  ///< the language of the texts kept
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

}  // namespace lotsen::kiosk
