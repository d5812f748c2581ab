// text_layout.hpp — the one door every visible string goes through (docs/contributing.md): line breaking by
// measured width, bidi reordering (UAX #9, FriBidi) and Arabic shaping into presentation forms. Dear
// ImGui 1.86 draws glyphs left to right with no shaping, so it is handed lines that are already in
// visual order and already shaped. No ImGui or SDL here: the caller supplies the text measurement.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Paragraph (base) direction; auto_ takes it from the first strong character, left-to-right if none.
enum class Direction { ltr, rtl, auto_ };

/// One line ready to draw: glyphs in drawing order, its measured width and how to align it.
struct LaidOutLine {
    std::string visual;  ///< UTF-8 in visual (left-to-right drawing) order, Arabic in presentation forms
    float width = 0.0f;  ///< the caller's measure of `visual`
    bool rtl = false;    ///< paragraph direction: align right when true
};

/// The caller's width of a visual-order UTF-8 string (ImGui's CalcTextSize in the kiosk).
using MeasureFn = std::function<float(std::string_view visual_utf8)>;

/// Breaks `logical_utf8` into lines no wider than `max_width` and returns them shaped, in visual order.
/// Breaks at spaces (the spaces at a break are dropped); a word wider than a line is broken between
/// characters; '\n' (also "\r\n", U+2028, U+2029) starts a new line. Lines are broken in logical order,
/// then each line is reordered on its own, so the first words stay on the first line. A phone-number-like
/// run ("035-000 00 12", "+46 35 12") is kept on one line and reads left to right even in Arabic.
/// A `max_width` that is not positive (or NaN) disables wrapping. Empty input gives no lines.
std::vector<LaidOutLine> layout_paragraph(std::string_view logical_utf8, float max_width, const MeasureFn& measure,
                                          Direction base = Direction::auto_);

/// One line without wrapping (labels, buttons); line breaks in the text become spaces.
LaidOutLine layout_line(std::string_view logical_utf8, const MeasureFn& measure, Direction base = Direction::auto_);

/// Direction of the first strong character (rule P2 of UAX #9); auto_ when there is none (digits only).
Direction detect_direction(std::string_view utf8);

/// Adds every code point `logical_utf8` may be drawn with: the logical ones and those shaping and mirroring
/// produce in either direction (U+FE8D …, lam-alef ligatures, mirrored brackets), for building font ranges.
void collect_codepoints(std::string_view logical_utf8, std::set<char32_t>& out);

}  // namespace lotsen
