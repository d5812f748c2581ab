// icons.cpp — the interest → picture table and the list of glyphs the atlas takes from the icon font.
#include "kiosk/icons.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <utility>

namespace lotsen::kiosk {

namespace {

// The interests of core/catalogue's default vocabulary (default_interests(), the ids the demo and the
// region's catalogues use). A new interest id gets icon::neutral until it has a line here.
constexpr std::array<std::pair<std::string_view, Icon>, 12> k_interest_icons{{
    {"outdoors", 0xF1BB},       // fa-tree
    {"music", 0xF001},          // fa-music
    {"crafts", 0xF1FC},         // fa-paint-brush
    {"talk", 0xF086},           // fa-comments
    {"language-cafe", 0xF0F4},  // fa-coffee
    {"cooking", 0xF0F5},        // fa-cutlery
    {"games", 0xF12E},          // fa-puzzle-piece
    {"sport", 0xF1E3},          // fa-futbol-o
    {"culture", 0xF19C},        // fa-university: a museum's columns
    {"volunteering", 0xF2B5},   // fa-handshake-o
    {"books", 0xF02D},          // fa-book
    {"gardening", 0xF06C},      // fa-leaf
}};

}  // namespace

Icon interest_icon(std::string_view id)
{
    for (const auto& [interest, glyph] : k_interest_icons) {
        if (interest == id)
            return glyph;
    }
    return icon::neutral;
}

const std::vector<Icon>& all_icons()
{
    static const std::vector<Icon> icons = [] {
        std::vector<Icon> list{icon::search,      icon::today,    icon::contact,    icon::help,     icon::checkin,    icon::send,
                               icon::everything,  icon::larger_text, icon::contrast, icon::read_aloud,
                               icon::language,    icon::walk,     icon::directions, icon::neutral};
        for (const auto& entry : k_interest_icons)
            list.push_back(entry.second);
        return list;
    }();
    return icons;
}

namespace {

const std::vector<Icon>& icons_in_order()
{
    static const std::vector<Icon> sorted = [] {
        std::vector<Icon> list = all_icons();
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        return list;
    }();
    return sorted;
}

constexpr unsigned short k_first_slot = 0x21;  // after the space, which ImGui would give a tab glyph

}  // namespace

unsigned short icon_slot(Icon glyph)
{
    const std::vector<Icon>& sorted = icons_in_order();
    const auto at = std::lower_bound(sorted.begin(), sorted.end(), glyph);
    if (glyph == icon::none || at == sorted.end() || *at != glyph)
        return 0;
    return static_cast<unsigned short>(k_first_slot + (at - sorted.begin()));
}

void renumber_icon_glyphs(ImFont& font)
{
    ImVector<ImFontGlyph> glyphs;
    for (const ImFontGlyph& glyph : font.Glyphs) {
        if (glyph.Codepoint == '\t')
            continue;  // ImGui's own copy of another glyph, which BuildLookupTable makes where it wants one
        ImFontGlyph renumbered = glyph;
        if (renumbered.Codepoint >= 0xE000)
            renumbered.Codepoint = icon_slot(static_cast<Icon>(renumbered.Codepoint));
        glyphs.push_back(renumbered);
    }
    font.Glyphs.swap(glyphs);
    // The fallback is chosen anew from the glyphs alone, the same for an atlas built and one restored.
    font.FallbackGlyph = nullptr;
    font.FallbackChar = 0;
    font.BuildLookupTable();  // frees the tables sized for U+F2BD and makes them for the slots
}

}  // namespace lotsen::kiosk
