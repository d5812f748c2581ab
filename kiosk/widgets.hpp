// widgets.hpp — the kiosk's touch widgets: text through the one text door, buttons with pressed
// states and minimum touch sizes, chips, and kinetic scroll areas. Screens build from these and
// never call ImGui's text or button functions themselves, so direction (RTL), shaping and touch
// rules live in one place.
#pragma once

#include "kiosk/icons.hpp"
#include "kiosk/ui_context.hpp"

#include <imgui.h>

#include <string_view>

namespace lotsen::kiosk {

/// Horizontal placement of text within its box. `start` is left in LTR and right in RTL.
enum class Align { start, center, end };

/// Visual weight of a button.
enum class ButtonKind { primary, secondary, danger, quiet };

/// Draws one line of text in `font` at the cursor, within `width` (ellipsis when too long);
/// advances the cursor by one line. Direction follows the text and the UI language.
void text_line(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width,
               Align align = Align::start);

/// Draws a wrapped paragraph within `width` at the cursor and advances past it; returns its height.
float paragraph(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width,
                Align align = Align::start);

/// Height a paragraph would take (for layout before drawing).
float paragraph_height(const UiContext& ui, ImFont* font, std::string_view text, float width);

/// Like text_line() when `text` fits `width`; else wraps like paragraph(), never cut short. Returns
/// the height it took (one line: the font size, as text_line() advances).
float text_lines(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width,
                 Align align = Align::start);

/// Height text_lines() will take.
float text_lines_height(const UiContext& ui, ImFont* font, std::string_view text, float width);

/// Width of one line of text as it will be drawn.
float text_width(const UiContext& ui, ImFont* font, std::string_view text);

/// The widest word of `text` in `font` (words end at spaces and line breaks): a room narrower than
/// that would break a word across lines.
float widest_word(const UiContext& ui, ImFont* font, std::string_view text);

/// Records a tappable rectangle under `id` when the context records targets (tests, tour).
void note_target(UiContext& ui, std::string_view id, const ImVec2& min, const ImVec2& size);

/// A button of at least the touch-target size; true when tapped (released on it, not dragged). A
/// label too long for one line wraps; give the button button_height() so it holds every line.
bool button(UiContext& ui, const char* id, std::string_view label, const ImVec2& size,
            ButtonKind kind = ButtonKind::primary, ImFont* font = nullptr);

/// Height a button of `width` needs for `label` in `font` (bold when null): the touch-target size, or
/// more when the label wraps.
float button_height(const UiContext& ui, std::string_view label, float width, ImFont* font = nullptr);

/// A button showing a drawn arrow (back, erase) instead of text; `toward_start` points to the
/// reading start (left in LTR, right in RTL).
bool arrow_button(UiContext& ui, const char* id, const ImVec2& size, ButtonKind kind, bool toward_start = true);

/// Draws `glyph` of the icon face `font` (fonts.icons or fonts.icons_large) centred on `centre`.
void draw_icon(ImFont* font, Icon glyph, const ImVec2& centre, ImU32 color);

/// A button with a picture before its label (at the reading start); true when tapped. Give it
/// icon_button_height() so a label that wraps beside the picture keeps every line.
bool icon_button(UiContext& ui, const char* id, Icon glyph, std::string_view label, const ImVec2& size,
                 ButtonKind kind = ButtonKind::primary);

/// Height an icon_button() of `width` needs for `label`.
float icon_button_height(const UiContext& ui, std::string_view label, float width);

/// A toggle of the top bar: its picture with its name in small text under it (never a picture alone);
/// `on` draws it as pressed. True when tapped.
bool toggle_button(UiContext& ui, const char* id, Icon glyph, std::string_view label, const ImVec2& size, bool on);

/// Width toggle_button() needs for `label` at a height of `side`: the square, or wider for a long name.
float toggle_width(const UiContext& ui, std::string_view label, float side);

/// A large tile with a picture (icon::none: without), a title and an optional subtitle (home choices,
/// interests). The picture stands above the title when the tile has the height for it, else beside the
/// title at the reading start.
bool tile(UiContext& ui, const char* id, std::string_view title, std::string_view subtitle, const ImVec2& size,
          ImU32 fill, ImU32 ink, Icon glyph = icon::none);

/// Width chip() will take for `label` (for laying chips out in a FlowRow).
float chip_width(const UiContext& ui, std::string_view label);

/// A toggle chip for filters; true when tapped. `selected` draws it filled.
bool chip(UiContext& ui, const char* id, std::string_view label, bool selected);

/// A mood choice: a drawn face (0 = heavy … 3 = good, the mouth curving from down to up) above its
/// label; true when tapped.
bool face_chip(UiContext& ui, const char* id, std::string_view label, int mood, bool selected);

/// Says what is wrong with the field just above it: `message` in the danger colour after a "!" mark
/// at the reading start, wrapped within `width`; advances the cursor past it and returns its height.
float field_error(UiContext& ui, std::string_view message, float width);

/// A "more below" cue: a downward chevron and `label`, centred in the box at `min` of `size`. Drawn
/// where a scroll area at rest keeps more content out of sight below.
void more_below_cue(UiContext& ui, std::string_view label, const ImVec2& min, const ImVec2& size);

/// Starts a vertically scrolling area of `size` at the cursor, driven by `scroll` (drag, fling,
/// mouse wheel). Pair with end_scroll_area().
void begin_scroll_area(UiContext& ui, const char* id, const ImVec2& size, KineticScroll& scroll);
void end_scroll_area(KineticScroll& scroll);

/// Lays out widgets left-to-right in LTR and right-to-left in RTL: call next() before each item
/// with its width; it positions the cursor.
class FlowRow {
public:
    FlowRow(UiContext& ui, float x_min, float x_max, float y, float gap);
    /// Positions the cursor for an item of `width`, wrapping to a new row of `row_height` when full.
    void next(float width, float row_height);
    /// Bottom of the last row.
    float bottom() const { return m_y + m_row_height; }

private:
    bool m_rtl;
    float m_x_min;
    float m_x_max;
    float m_cursor;
    float m_y;
    float m_gap;
    float m_row_height = 0.0f;
    bool m_first = true;
};

}  // namespace lotsen::kiosk
