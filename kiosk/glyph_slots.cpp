// glyph_slots.cpp — which high code points the text faces hold at which low slots, renumbering a
// face's glyphs to them and translating laid-out UTF-8 text the same way.
#include "kiosk/glyph_slots.hpp"

#include "core/base/text_checks.hpp"

#include <imgui.h>

#include <algorithm>

namespace lotsen::kiosk {

namespace {

// The code point `map` (sorted by .first) pairs with `key`, or 0 when it has none.
char32_t paired(const std::vector<std::pair<char32_t, char32_t>>& map, char32_t key)
{
    const auto at = std::lower_bound(map.begin(), map.end(), key,
                                     [](const std::pair<char32_t, char32_t>& entry, char32_t c) { return entry.first < c; });
    return at != map.end() && at->first == key ? at->second : 0;
}

void append_three_bytes(std::string& out, char32_t c)
{
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
}

}  // namespace

GlyphSlots GlyphSlots::for_ranges(const std::vector<unsigned short>& ranges)
{
    std::vector<bool> held_low(k_moved_from - k_first_slot, false);
    std::vector<char32_t> moved;
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2) {
        for (char32_t c = ranges[i]; c <= ranges[i + 1]; ++c) {
            if (c >= k_moved_from)
                moved.push_back(c);
            else if (c >= k_first_slot)
                held_low[c - k_first_slot] = true;
        }
    }
    std::sort(moved.begin(), moved.end());
    moved.erase(std::unique(moved.begin(), moved.end()), moved.end());
    GlyphSlots slots;
    char32_t slot = k_first_slot;
    for (char32_t c : moved) {
        while (slot < k_moved_from && held_low[slot - k_first_slot])
            ++slot;
        if (slot >= k_moved_from)
            break;  // more high code points than free slots: the rest keep their own (and tables grow)
        slots.m_moved.emplace_back(c, slot);
        slots.m_by_slot.emplace_back(slot, c);
        ++slot;
    }
    return slots;
}

char32_t GlyphSlots::to_atlas(char32_t c) const
{
    if (c >= k_moved_from) {
        const char32_t slot = paired(m_moved, c);
        return slot ? slot : c;
    }
    if (c >= k_first_slot && !m_by_slot.empty() && c <= m_by_slot.back().first && paired(m_by_slot, c))
        return k_not_held;
    return c;
}

char32_t GlyphSlots::from_atlas(char32_t c) const
{
    const char32_t original = c >= k_first_slot ? paired(m_by_slot, c) : 0;
    return original ? original : c;
}

bool GlyphSlots::to_atlas(std::string_view visual, std::string& out) const
{
    if (m_moved.empty())
        return false;
    std::size_t first = 0;  // the first byte that can start a code point from U+0800
    while (first < visual.size() && static_cast<unsigned char>(visual[first]) < 0xE0)
        ++first;
    if (first == visual.size())
        return false;
    out.assign(visual.substr(0, first));
    bool changed = false;
    for (std::size_t i = first; i < visual.size();) {
        // Moved code points and slots are all U+0800…U+FFFF: three bytes. Anything else is copied.
        const Utf8Step step = utf8_step(visual.substr(i));
        const char32_t atlas = step.valid && step.length == 3 ? to_atlas(step.code) : step.code;
        if (atlas != step.code) {
            append_three_bytes(out, atlas);
            changed = true;
        } else {
            out.append(visual.substr(i, step.length));
        }
        i += step.length;
    }
    return changed;
}

std::string GlyphSlots::to_atlas_text(std::string_view visual) const
{
    std::string out;
    if (to_atlas(visual, out))
        return out;
    return std::string(visual);
}

void GlyphSlots::renumber(ImFont& font) const
{
    if (m_moved.empty())
        return;
    ImVector<ImFontGlyph> glyphs;
    glyphs.reserve(font.Glyphs.Size);
    for (const ImFontGlyph& glyph : font.Glyphs) {
        if (glyph.Codepoint == '\t')
            continue;  // ImGui's own copy of the space, which BuildLookupTable adds again at the end
        ImFontGlyph renumbered = glyph;
        if (const char32_t slot = paired(m_moved, glyph.Codepoint))
            renumbered.Codepoint = slot;
        glyphs.push_back(renumbered);
    }
    font.Glyphs.swap(glyphs);
    if (const char32_t slot = paired(m_moved, font.FallbackChar))
        font.FallbackChar = static_cast<ImWchar>(slot);
    font.BuildLookupTable();  // frees the tables sized for the highest code point and makes them anew
}

}  // namespace lotsen::kiosk
