// glyph_slots.hpp — the text faces' glyphs of high code points (Arabic presentation forms, which
// shaping draws with, at U+FB50–U+FEFC) held at free low code points ("slots"), and laid-out text
// translated to them. Dear ImGui 1.86 keeps two tables per face indexed by code point up to the
// face's highest (6 bytes an entry): up to U+FEFC they took 1.5 MiB for the four text faces, for a
// few hundred glyphs above U+2100. The visitor sees the same glyphs; only their numbers change.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct ImFont;

namespace lotsen::kiosk {

class GlyphSlots {
public:
    /// Code points from here up are moved to slots (presentation forms, symbols, CJK …); those
    /// below (Latin, Cyrillic, Arabic, Ethiopic, punctuation, €) keep their own.
    static constexpr char32_t k_moved_from = 0x2100;
    /// The first slot: 3-byte UTF-8 from here on, so text of 1- and 2-byte characters (Latin,
    /// Cyrillic, Arabic letters) is never translated.
    static constexpr char32_t k_first_slot = 0x0800;
    /// What a code point that is itself a slot draws as: none of the faces holds it, so ImGui draws
    /// its fallback glyph, as it did for that code point before the slots were made.
    static constexpr char32_t k_not_held = 0xFFFF;

    /// No glyph moved: translating changes nothing.
    GlyphSlots() = default;

    /// The slots of an atlas whose text faces hold `ranges` (ImGui range pairs ending in 0): each code
    /// point of `ranges` from k_moved_from up, in order, at the lowest code points from k_first_slot
    /// (below k_moved_from) that `ranges` does not hold. Depends on `ranges` alone, so an atlas
    /// restored from its cache file gets the slots it was built with.
    static GlyphSlots for_ranges(const std::vector<unsigned short>& ranges);

    /// The code point the text faces hold `c` at: its slot when moved; k_not_held for a slot
    /// itself; `c` otherwise.
    char32_t to_atlas(char32_t c) const;
    /// Unicode again for a code point the faces hold (the inverse of to_atlas on those).
    char32_t from_atlas(char32_t c) const;

    /// Writes UTF-8 `visual` with every code point to_atlas'd into `out` and returns true; returns
    /// false (`out` untouched) when that would change nothing, which a text without a 3-byte or
    /// longer character never does.
    bool to_atlas(std::string_view visual, std::string& out) const;
    /// `visual` as the text faces draw it.
    std::string to_atlas_text(std::string_view visual) const;

    /// Renumbers `font`'s glyphs of moved code points to their slots (its fallback character too)
    /// and rebuilds its look-up tables. Glyphs already at slots stay: a face restored from the
    /// atlas cache was renumbered before it was kept.
    void renumber(ImFont& font) const;

    /// How many code points are moved.
    std::size_t size() const { return m_moved.size(); }

private:
    std::vector<std::pair<char32_t, char32_t>> m_moved;    ///< (code point, slot), by code point
    std::vector<std::pair<char32_t, char32_t>> m_by_slot;  ///< (slot, code point), by slot
};

}  // namespace lotsen::kiosk
