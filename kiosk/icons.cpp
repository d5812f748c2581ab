// icons.cpp — the interest → picture table and the list of glyphs the atlas takes from the icon font.
#include "kiosk/icons.hpp"

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

}  // namespace lotsen::kiosk
