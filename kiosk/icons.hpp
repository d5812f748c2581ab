// icons.hpp — the kiosk's pictures: glyphs of Font Awesome 4.7 (Debian's fonts-font-awesome, SIL Open
// Font License 1.1), only those named here, in the one font atlas; and which picture stands for each
// interest of the catalogue.
#pragma once

#include <string_view>
#include <vector>

struct ImFont;

namespace lotsen::kiosk {

/// A Font Awesome 4.7 code point (Private Use Area, so it fits Debian's 16-bit ImWchar). 0 = none.
using Icon = unsigned short;

/// Where fonts-font-awesome installs the font.
inline constexpr const char* k_icon_font = "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf";

/// The pictures for actions and facts; names say what they stand for, the comment which glyph it is.
namespace icon {
inline constexpr Icon none = 0;
inline constexpr Icon search = 0xF002;       // fa-search: a magnifying glass
inline constexpr Icon today = 0xF073;        // fa-calendar
inline constexpr Icon contact = 0xF2BD;      // fa-user-circle: a person gets in touch
inline constexpr Icon help = 0xF1CD;         // fa-life-ring
inline constexpr Icon checkin = 0xF058;      // fa-check-circle: "I am here"
inline constexpr Icon send = 0xF1D8;         // fa-paper-plane: send the contact request
inline constexpr Icon everything = 0xF00A;   // fa-th: all of them
inline constexpr Icon larger_text = 0xF034;  // fa-text-height
inline constexpr Icon contrast = 0xF042;     // fa-adjust: a half-filled circle
inline constexpr Icon read_aloud = 0xF028;   // fa-volume-up: a loudspeaker
inline constexpr Icon language = 0xF0AC;     // fa-globe
inline constexpr Icon walk = 0xF183;         // fa-male: a person (the way there on foot)
inline constexpr Icon directions = 0xF124;   // fa-location-arrow
inline constexpr Icon neutral = 0xF005;      // fa-star: an interest the kiosk has no picture for
}  // namespace icon

/// The picture for catalogue interest `id` ("music" → a note); icon::neutral for one it does not know
/// (a catalogue may declare its own interests), so every tile has a picture.
Icon interest_icon(std::string_view id);

/// Every icon the kiosk draws: the atlas holds these and no other glyph of the icon font.
const std::vector<Icon>& all_icons();

/// The code point the loaded icon faces hold `glyph` at (draw_icon asks for it): the icons of
/// all_icons() numbered from U+0021 in order of their Font Awesome code points; 0 for any other.
/// Dear ImGui keeps two tables per face indexed by code point up to its highest, 6 bytes an entry:
/// at Font Awesome's U+F000–U+F2BD they took 370 KiB per icon face for some 25 pictures.
unsigned short icon_slot(Icon glyph);

/// Renumbers `font`'s Font Awesome glyphs (code points from U+E000) to their icon_slot() and rebuilds
/// its look-up tables; glyphs already renumbered stay as they are.
void renumber_icon_glyphs(ImFont& font);

}  // namespace lotsen::kiosk
