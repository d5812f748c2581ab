// widgets.cpp — every piece of text the kiosk draws passes through core's layout_line() /
// layout_paragraph() (bidi reordering, Arabic shaping, wrapping), once per font, text and width:
// the lines are kept in the fonts' TextLayoutCache. This file only positions the visual lines and
// handles touch.
#include "kiosk/widgets.hpp"

#include "core/text/text_layout.hpp"
#include "kiosk/text_layout_cache.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

namespace lotsen::kiosk {

namespace {

// The width of `drawn`, a visual line already in the faces' own code points (a laid-out line).
float drawn_width(ImFont* font, std::string_view drawn)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, drawn.data(), drawn.data() + drawn.size()).x;
}

// The measure core's layout calls with visual text in Unicode: translated first to the code points
// the text faces hold their glyphs at (glyph_slots.hpp), into a buffer the measure keeps.
MeasureFn measure_with(const UiContext& ui, ImFont* font)
{
    return [font, slots = &ui.fonts.slots, buffer = std::string()](std::string_view visual) mutable {
        return drawn_width(font, slots->to_atlas(visual, buffer) ? std::string_view(buffer) : visual);
    };
}

// Core's lines as the faces draw them: their visual text in the faces' code points (widths stay).
LaidOutLines drawn_lines(const UiContext& ui, LaidOutLines lines)
{
    std::string buffer;
    for (LaidOutLine& line : lines) {
        if (ui.fonts.slots.to_atlas(line.visual, buffer))
            line.visual.swap(buffer);
    }
    return lines;
}

// Text takes its direction from its own first strong letter (a Swedish fallback string in an
// Arabic screen stays left-to-right inside); placement follows the UI language (see aligned_x).
constexpr Direction k_text_direction = Direction::auto_;

// The faces' layout cache, for the visitor's language (emptied when that changed since its last use).
TextLayoutCache& layouts_for(const UiContext& ui)
{
    TextLayoutCache& layouts = *ui.fonts.layouts;
    layouts.use_language(ui.session.language);
    return layouts;
}

// One line of `text` in `font`, laid out once and then kept (text_layout_cache.hpp).
std::shared_ptr<const LaidOutLines> line_of(const UiContext& ui, ImFont* font, std::string_view text)
{
    auto lay_out = [&] { return drawn_lines(ui, LaidOutLines{layout_line(text, measure_with(ui, font), k_text_direction)}); };
    if (!ui.fonts.layouts)
        return std::make_shared<const LaidOutLines>(lay_out());
    return layouts_for(ui).get(font, TextLayoutCache::Kind::line, text, 0.0f, lay_out);
}

// `text` wrapped greedily at `width`, laid out once and then kept.
std::shared_ptr<const LaidOutLines> greedy_lines(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    auto lay_out = [&] { return drawn_lines(ui, layout_paragraph(text, width, measure_with(ui, font), k_text_direction)); };
    if (!ui.fonts.layouts)
        return std::make_shared<const LaidOutLines>(lay_out());
    return layouts_for(ui).get(font, TextLayoutCache::Kind::paragraph, text, width, lay_out);
}

// x of a line of `width` inside [x_min, x_min + box] for the alignment and direction.
float aligned_x(const UiContext& ui, Align align, float x_min, float box, float width)
{
    if (align == Align::center)
        return x_min + (box - width) / 2.0f;
    const bool at_right = (align == Align::end) != ui.rtl();
    return at_right ? x_min + box - width : x_min;
}

// Records a text that cannot be read whole (tests and the tour ask; production records nothing).
void lost(UiContext& ui, std::string_view text, const char* how, const ImVec2& min, const ImVec2& max)
{
    if (ui.text_losses)
        ui.text_losses->push_back(TextLoss{std::string(text), how, min, max});
}

// Draws a visual line whose logical text is `text`. When recording, a line that reaches outside the
// clip rectangle is a loss: sideways always (nothing scrolls sideways), up or down only outside a
// scroll area (inside one, what lies above or below is reached by scrolling).
void draw_visual(UiContext& ui, ImFont* font, const ImVec2& at, ImU32 color, std::string_view visual,
                 std::string_view text, float width)
{
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(font, font->FontSize, at, color, visual.data(), visual.data() + visual.size());
    if (!ui.text_losses || visual.empty())
        return;
    const ImVec2 max(at.x + width, at.y + font->FontSize);
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    constexpr float slack = 1.0f;  // rounding of centred text
    const bool sideways = at.x < clip_min.x - slack || max.x > clip_max.x + slack;
    const bool scrolls = (ImGui::GetCurrentWindow()->Flags & ImGuiWindowFlags_ChildWindow) != 0;
    const bool above_or_below = !scrolls && (at.y < clip_min.y - slack || max.y > clip_max.y + slack);
    if (sideways || above_or_below)
        lost(ui, text, "drawn outside the visible area", at, max);
}

// Cuts a visual line to `width` with an ellipsis on the side where the logical text ends.
std::string ellipsize(ImFont* font, const LaidOutLine& line, float width)
{
    const std::string ellipsis = "…";  // U+2026 keeps its own code point (below GlyphSlots::k_moved_from)
    auto measure = [font](std::string_view drawn) { return drawn_width(font, drawn); };
    std::string visual = line.visual;
    // Remove whole code points from the logical end (the left end of an RTL line).
    while (!visual.empty() && measure(visual) + measure(ellipsis) > width) {
        if (line.rtl) {
            std::size_t cut = 1;
            while (cut < visual.size() && (static_cast<unsigned char>(visual[cut]) & 0xC0) == 0x80)
                cut++;
            visual.erase(0, cut);
        } else {
            std::size_t cut = visual.size() - 1;
            while (cut > 0 && (static_cast<unsigned char>(visual[cut]) & 0xC0) == 0x80)
                cut--;
            visual.erase(cut);
        }
    }
    return line.rtl ? ellipsis + visual : visual + ellipsis;
}

ImU32 fill_for(const Palette& p, ButtonKind kind, bool held)
{
    switch (kind) {
    case ButtonKind::primary:
        return held ? p.accent_pressed : p.accent;
    case ButtonKind::secondary:
        return held ? p.surface_pressed : p.surface;
    case ButtonKind::danger:
        return held ? p.danger_pressed : p.danger;
    case ButtonKind::quiet:
        return held ? p.surface_pressed : IM_COL32(0, 0, 0, 0);
    }
    return p.accent;
}

ImU32 ink_for(const Palette& p, ButtonKind kind)
{
    switch (kind) {
    case ButtonKind::primary:
        return p.on_accent;
    case ButtonKind::danger:
        return p.on_danger;
    case ButtonKind::secondary:
    case ButtonKind::quiet:
        return p.text;
    }
    return p.text;
}

}  // namespace

void note_target(UiContext& ui, std::string_view id, const ImVec2& min, const ImVec2& size)
{
    if (!ui.targets)
        return;
    const ImVec2 max(min.x + size.x, min.y + size.y);
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    // The visible part is the widget's rectangle cut to the clip rectangle. A widget scrolled wholly
    // out of sight gets an empty one on the clip's edge, not one at its own position: that lies
    // outside the scroll area, over whatever is drawn there (a Send button below it).
    auto inside = [](float v, float lo, float hi) { return std::clamp(v, lo, std::max(lo, hi)); };
    const ImVec2 visible_min(inside(min.x, clip_min.x, clip_max.x), inside(min.y, clip_min.y, clip_max.y));
    const ImVec2 visible_max(inside(max.x, visible_min.x, clip_max.x), inside(max.y, visible_min.y, clip_max.y));
    ui.targets->push_back(TapTarget{std::string(id), min, max, visible_min, visible_max});
}

namespace {

// A touch-safe hit area of `size` at the cursor, recorded for tests: true on release over it. ImGui
// never sees a dragging finger (the app moves it off-screen), so a drag that starts on a button can
// never press it.
bool touch_area(UiContext& ui, const char* id, const ImVec2& size, bool& held)
{
    note_target(ui, id, ImGui::GetCursorScreenPos(), size);
    const bool pressed = ImGui::InvisibleButton(id, size);
    held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    return pressed;
}

}  // namespace

float text_width([[maybe_unused]] const UiContext& ui, ImFont* font, std::string_view text)
{
    return line_of(ui, font, text)->front().width;
}

void text_line(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width, Align align)
{
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const auto laid_out = line_of(ui, font, text);
    const LaidOutLine& line = laid_out->front();
    if (line.width <= width) {
        draw_visual(ui, font, ImVec2(aligned_x(ui, align, cursor.x, width, line.width), cursor.y), color, line.visual,
                    text, line.width);
    } else {
        const std::string cut = ellipsize(font, line, width);
        const float cut_width = drawn_width(font, cut);
        const ImVec2 at(aligned_x(ui, align, cursor.x, width, cut_width), cursor.y);
        draw_visual(ui, font, at, color, cut, text, cut_width);
        lost(ui, text, "cut short with an ellipsis", at, ImVec2(at.x + cut_width, at.y + font->FontSize));
    }
    ImGui::Dummy(ImVec2(width, font->FontSize));
}

float widest_word(const UiContext& ui, ImFont* font, std::string_view text)
{
    float widest = 0.0f;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start)
            widest = std::max(widest, text_width(ui, font, text.substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

float paragraph_height([[maybe_unused]] const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    return static_cast<float>(greedy_lines(ui, font, text, width)->size()) * font->FontSize * 1.25f;
}

namespace {

std::size_t words_in(std::string_view visual)
{
    std::size_t words = 0;
    bool in_word = false;
    for (char c : visual) {
        const bool space = c == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

// A title whose last line holds one word, while the line above could give it company: the same text
// broken before its last two words, when that takes no more lines (greedy wrapping fills the line
// above, so no narrower width can do it). Nothing when there is no such orphan to mend.
std::optional<std::vector<LaidOutLine>> without_orphan(const UiContext& ui, ImFont* font, std::string_view text, float width,
                                                       const std::vector<LaidOutLine>& lines)
{
    if (lines.size() < 2 || words_in(lines.back().visual) != 1 || words_in(lines[lines.size() - 2].visual) < 3 ||
        text.find('\n') != std::string_view::npos)
        return std::nullopt;
    std::size_t end = text.find_last_not_of(' ');
    if (end == std::string_view::npos)
        return std::nullopt;
    const std::size_t last_space = text.rfind(' ', end);
    if (last_space == std::string_view::npos || last_space == 0)
        return std::nullopt;
    const std::size_t break_at = text.rfind(' ', last_space - 1);
    if (break_at == std::string_view::npos)
        return std::nullopt;
    std::string mended(text);
    mended[break_at] = '\n';
    auto relaid = layout_paragraph(mended, width, measure_with(ui, font), k_text_direction);
    if (relaid.size() != lines.size())
        return std::nullopt;
    return relaid;
}

// Titles (the heading and bold faces) wrap balanced: the narrowest width that needs no more lines
// than the full width does, so the lines come out even; a last word that would still stand alone
// takes the word before it along.
// Body text wraps greedily, as a reader expects of running text.
std::vector<LaidOutLine> lay_out_wrapped(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    const MeasureFn measure = measure_with(ui, font);
    auto lines = layout_paragraph(text, width, measure, k_text_direction);
    const bool title = font == ui.fonts.heading || font == ui.fonts.bold;
    if (!title || lines.size() < 2 || width <= 0.0f)
        return lines;
    float fits = width;  // the narrowest width known to keep the line count
    float too_narrow = 0.0f;  // no narrower width holds the words in as many lines
    for (const LaidOutLine& line : lines)
        too_narrow += line.width;
    too_narrow /= static_cast<float>(lines.size());
    // Nor one narrower than its widest word: that word would be broken between letters.
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start)
            too_narrow = std::max(too_narrow, layout_line(text.substr(start, end - start), measure, k_text_direction).width);
        start = end + 1;
    }
    for (int step = 0; step < 8 && fits - too_narrow > 1.0f; ++step) {
        const float middle = (fits + too_narrow) / 2.0f;
        auto narrower = layout_paragraph(text, middle, measure, k_text_direction);
        if (narrower.size() <= lines.size()) {
            fits = middle;
            lines = std::move(narrower);
        } else {
            too_narrow = middle;
        }
    }
    if (auto mended = without_orphan(ui, font, text, width, lines))
        return std::move(*mended);
    return lines;
}

// The lines of lay_out_wrapped(), laid out once and then kept.
std::shared_ptr<const LaidOutLines> wrap_lines(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    auto lay_out = [&] { return drawn_lines(ui, lay_out_wrapped(ui, font, text, width)); };
    if (!ui.fonts.layouts)
        return std::make_shared<const LaidOutLines>(lay_out());
    return layouts_for(ui).get(font, TextLayoutCache::Kind::wrapped, text, width, lay_out);
}

// When recording: a word wider than the whole line (broken between letters), and a title whose last
// line holds one word under a line that could have given it company.
void check_wrapping(UiContext& ui, ImFont* font, std::string_view text, float width,
                    const std::vector<LaidOutLine>& lines, const ImVec2& at)
{
    const MeasureFn measure = measure_with(ui, font);
    const float height = static_cast<float>(lines.size()) * font->FontSize * 1.25f;
    const ImVec2 max(at.x + width, at.y + height);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start && layout_line(text.substr(start, end - start), measure, k_text_direction).width > width + 0.5f) {
            lost(ui, text, "a word broken across lines", at, max);
            return;
        }
        start = end + 1;
    }
    const bool title = font == ui.fonts.heading || font == ui.fonts.bold;
    if (title && without_orphan(ui, font, text, width, lines))
        lost(ui, text, "one word alone on the last line", at, max);
}

}  // namespace

float paragraph(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width, Align align)
{
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const auto laid_out = wrap_lines(ui, font, text, width);
    const LaidOutLines& lines = *laid_out;
    if (ui.text_losses)
        check_wrapping(ui, font, text, width, lines, cursor);
    const float line_height = font->FontSize * 1.25f;  // a little air between lines reads easier
    float y = cursor.y;
    for (const LaidOutLine& line : lines) {
        // Lines align to the UI's reading start, so a mirrored screen stays tidy even where a text
        // fell back to another language.
        draw_visual(ui, font, ImVec2(aligned_x(ui, align, cursor.x, width, line.width), y), color, line.visual, text,
                    line.width);
        y += line_height;
    }
    const float height = std::max(line_height, y - cursor.y);
    ImGui::Dummy(ImVec2(width, height));
    return height;
}

namespace {

// Padding around a button's label: beside it, and above and below a label of more than one line.
float label_pad(const UiContext& ui) { return ui.scale.em(0.5f); }
float label_pad_y(const UiContext& ui) { return ui.scale.em(0.3f); }

// True when a one-line label of `width` fits a button of `box`: labels keep a small margin, but one
// word may use the whole button (wrapping could only break it).
bool fits_one_line(const UiContext& ui, std::string_view label, float width, float box)
{
    const bool one_word = label.find(' ') == std::string_view::npos;
    return width <= box - (one_word ? 0.0f : ui.scale.em(0.2f));
}

}  // namespace

float button_height(const UiContext& ui, std::string_view label, float width, ImFont* font)
{
    font = font ? font : ui.fonts.bold;
    const float box = std::max(width, ui.scale.touch_target());
    if (fits_one_line(ui, label, text_width(ui, font, label), box))
        return ui.scale.touch_target();
    const auto lines = wrap_lines(ui, font, label, box - 2 * label_pad(ui));
    const float text = static_cast<float>(lines->size()) * font->FontSize * 1.25f - font->FontSize * 0.25f;
    return std::max(ui.scale.touch_target(), text + 2 * label_pad_y(ui));
}

float text_lines(UiContext& ui, ImFont* font, std::string_view text, ImU32 color, float width, Align align)
{
    if (text_width(ui, font, text) <= width) {
        text_line(ui, font, text, color, width, align);
        return font->FontSize;
    }
    return paragraph(ui, font, text, color, width, align);
}

float text_lines_height(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    return text_width(ui, font, text) <= width ? font->FontSize : paragraph_height(ui, font, text, width);
}

bool button(UiContext& ui, const char* id, std::string_view label, const ImVec2& requested, ButtonKind kind,
            ImFont* font)
{
    font = font ? font : ui.fonts.bold;
    const float min_side = ui.scale.touch_target();
    const ImVec2 size(std::max(requested.x, min_side), std::max(requested.y, min_side));
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touch_area(ui, id, size, held);
    const Palette& p = ui.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    draw->AddRectFilled(min, max, fill_for(p, kind, held), ui.scale.em(0.4f));
    if (kind == ButtonKind::secondary)
        draw->AddRect(min, max, p.divider, ui.scale.em(0.4f), 0, std::max(1.0f, ui.scale.mm(0.3)));
    const auto laid_out = line_of(ui, font, label);
    const LaidOutLine& line = laid_out->front();
    if (fits_one_line(ui, label, line.width, size.x)) {
        draw_visual(ui, font, ImVec2(min.x + (size.x - line.width) / 2.0f, min.y + (size.y - font->FontSize) / 2.0f),
                    ink_for(p, kind), line.visual, label, line.width);
        return tapped;
    }
    // A label longer than the button wraps, centred line by line; button_height() says how tall the
    // button must be for it. Cutting it short would hide what the button does.
    const float room = size.x - 2 * label_pad(ui);
    const auto wrapped_lines = wrap_lines(ui, font, label, room);
    const LaidOutLines& lines = *wrapped_lines;
    const float line_height = font->FontSize * 1.25f;
    const float text_height = static_cast<float>(lines.size()) * line_height - font->FontSize * 0.25f;
    float y = min.y + (size.y - text_height) / 2.0f;
    if (ui.text_losses) {
        check_wrapping(ui, font, label, room, lines, ImVec2(min.x + label_pad(ui), y));
        if (text_height > size.y + 0.5f)
            lost(ui, label, "drawn outside its box", ImVec2(min.x, y), ImVec2(max.x, y + text_height));
    }
    for (const LaidOutLine& wrapped : lines) {
        draw_visual(ui, font, ImVec2(min.x + (size.x - wrapped.width) / 2.0f, y), ink_for(p, kind), wrapped.visual,
                    label, wrapped.width);
        y += line_height;
    }
    return tapped;
}

bool arrow_button(UiContext& ui, const char* id, const ImVec2& size, ButtonKind kind, bool toward_start)
{
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = button(ui, id, "", size, kind);
    const ImVec2 drawn(std::max(size.x, ui.scale.touch_target()), std::max(size.y, ui.scale.touch_target()));
    const ImVec2 c(min.x + drawn.x / 2, min.y + drawn.y / 2);
    const float arm = std::min(drawn.x, drawn.y) * 0.22f;
    // Pointing left means toward the start in LTR; mirrored in RTL.
    const float dir = (toward_start != ui.rtl()) ? 1.0f : -1.0f;
    const float thickness = std::max(2.0f, ui.scale.mm(0.8));
    const ImU32 ink = ink_for(ui.palette, kind);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(c.x + dir * arm, c.y), ImVec2(c.x - dir * arm, c.y), ink, thickness);
    draw->AddLine(ImVec2(c.x - dir * arm, c.y), ImVec2(c.x - dir * arm * 0.1f, c.y - arm * 0.9f), ink, thickness);
    draw->AddLine(ImVec2(c.x - dir * arm, c.y), ImVec2(c.x - dir * arm * 0.1f, c.y + arm * 0.9f), ink, thickness);
    return tapped;
}

void draw_icon(ImFont* font, Icon glyph, const ImVec2& centre, ImU32 color)
{
    const ImWchar slot = icon_slot(glyph);
    const ImFontGlyph* g = font && slot ? font->FindGlyphNoFallback(slot) : nullptr;
    if (!g)
        return;
    // Centred on the glyph's own ink box, not its advance: Font Awesome's pictures differ in width.
    const ImVec2 at(std::round(centre.x - (g->X0 + g->X1) / 2), std::round(centre.y - (g->Y0 + g->Y1) / 2));
    font->RenderChar(ImGui::GetWindowDrawList(), font->FontSize, at, color, slot);
}

namespace {

float icon_room(const UiContext& ui) { return ui.fonts.icons->FontSize + ui.scale.em(0.5f); }

}  // namespace

float icon_button_height(const UiContext& ui, std::string_view label, float width)
{
    return button_height(ui, label, width - icon_room(ui));
}

bool icon_button(UiContext& ui, const char* id, Icon glyph, std::string_view label, const ImVec2& requested,
                 ButtonKind kind)
{
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = button(ui, id, "", requested, kind);
    const ImVec2 size(std::max(requested.x, ui.scale.touch_target()), std::max(requested.y, ui.scale.touch_target()));
    ImFont* font = ui.fonts.bold;
    const ImU32 ink = ink_for(ui.palette, kind);
    const float gap = ui.scale.em(0.4f);
    const float icon_width = ui.fonts.icons->FontSize;
    const float label_width = text_width(ui, font, label);
    const float centre_y = min.y + size.y / 2;
    const ImVec2 saved = ImGui::GetCursorScreenPos();
    if (icon_width + gap + label_width + 2 * label_pad(ui) <= size.x) {
        // Picture and label as one group in the middle, the picture first in reading order.
        const float group = icon_width + gap + label_width;
        const float start = min.x + (size.x - group) / 2;
        const float icon_x = ui.rtl() ? start + group - icon_width / 2 : start + icon_width / 2;
        draw_icon(ui.fonts.icons, glyph, ImVec2(icon_x, centre_y), ink);
        ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? start : start + icon_width + gap, centre_y - font->FontSize / 2));
        text_line(ui, font, label, ink, label_width + 1.0f);
    } else {
        // The picture keeps a column at the reading start; the label wraps in the rest.
        const float room = icon_room(ui);
        const float icon_x = ui.rtl() ? min.x + size.x - label_pad(ui) - icon_width / 2 : min.x + label_pad(ui) + icon_width / 2;
        draw_icon(ui.fonts.icons, glyph, ImVec2(icon_x, centre_y), ink);
        const float text_x = ui.rtl() ? min.x : min.x + room;
        const float text_room = size.x - room;
        const float height = text_lines_height(ui, font, label, text_room - 2 * label_pad(ui));
        ImGui::SetCursorScreenPos(ImVec2(text_x + label_pad(ui), centre_y - (height > font->FontSize ? height - font->FontSize * 0.25f : height) / 2));
        text_lines(ui, font, label, ink, text_room - 2 * label_pad(ui), Align::center);
    }
    ImGui::SetCursorScreenPos(saved);
    return tapped;
}

float toggle_width(const UiContext& ui, std::string_view label, float side)
{
    return std::max(side, text_width(ui, ui.fonts.small, label) + ui.scale.em(0.6f));
}

bool toggle_button(UiContext& ui, const char* id, Icon glyph, std::string_view label, const ImVec2& size, bool on)
{
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ButtonKind kind = on ? ButtonKind::secondary : ButtonKind::primary;
    const bool tapped = button(ui, id, "", size, kind);
    const ImVec2 drawn(std::max(size.x, ui.scale.touch_target()), std::max(size.y, ui.scale.touch_target()));
    const ImU32 ink = ink_for(ui.palette, kind);
    ImFont* small = ui.fonts.small;
    const float icon_height = ui.fonts.icons->FontSize;
    const float gap = ui.scale.em(0.1f);
    const float top = min.y + (drawn.y - icon_height - gap - small->FontSize) / 2;
    draw_icon(ui.fonts.icons, glyph, ImVec2(min.x + drawn.x / 2, top + icon_height / 2), ink);
    const ImVec2 saved = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(min.x, top + icon_height + gap));
    text_line(ui, small, label, ink, drawn.x, Align::center);
    ImGui::SetCursorScreenPos(saved);
    return tapped;
}

bool tile(UiContext& ui, const char* id, std::string_view title, std::string_view subtitle, const ImVec2& size,
          ImU32 fill, ImU32 ink, Icon glyph)
{
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touch_area(ui, id, size, held);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    draw->AddRectFilled(min, max, fill, ui.scale.em(0.6f));
    if (held)
        draw->AddRectFilled(min, max, IM_COL32(0, 0, 0, 0x38), ui.scale.em(0.6f));
    const float pad = ui.scale.em(0.8f);
    const ImVec2 saved = ImGui::GetCursorScreenPos();
    // The first of these that fits: the large picture above a title in the heading face, then in the
    // bold face; the small picture beside the title (at the reading start); no picture at all. The
    // words come first: at larger text on a small screen the picture gives way to them.
    enum class Place { above, beside, none };
    struct Option {
        Place place;
        ImFont* font;
    };
    const Option options[] = {{Place::above, ui.fonts.heading}, {Place::above, ui.fonts.bold},
                              {Place::beside, ui.fonts.heading}, {Place::beside, ui.fonts.bold},
                              {Place::none, ui.fonts.heading}, {Place::none, ui.fonts.bold}};
    const float beside_room = ui.fonts.icons->FontSize + ui.scale.em(0.5f);
    const float above_height = ui.fonts.icons_large->FontSize + ui.scale.em(0.3f);
    Place place = Place::none;
    ImFont* title_font = ui.fonts.bold;
    float inner = size.x - 2 * pad;
    float icon_height = 0.0f;
    float title_height = 0.0f;
    float subtitle_height = 0.0f;
    for (const Option& option : options) {
        if (option.place != Place::none && glyph == icon::none)
            continue;
        const float room = size.x - 2 * pad - (option.place == Place::beside ? beside_room : 0.0f);
        if (option.place == Place::beside &&
            (widest_word(ui, option.font, title) > room || widest_word(ui, ui.fonts.body, subtitle) > room))
            continue;  // beside the picture a word would break: the picture gives way
        const float above = option.place == Place::above ? above_height : 0.0f;
        const float title_there = paragraph_height(ui, option.font, title, room);
        const float subtitle_there = subtitle.empty() ? 0.0f : paragraph_height(ui, ui.fonts.body, subtitle, room);
        place = option.place;
        title_font = option.font;
        inner = room;
        icon_height = above;
        title_height = title_there;
        subtitle_height = subtitle_there;
        if (above + title_there + subtitle_there + pad <= size.y)
            break;  // else the last option stands, and what does not fit is reported below
    }
    float text_x = min.x + pad;
    if (place == Place::beside && !ui.rtl())
        text_x += beside_room;
    const float content = icon_height + title_height + subtitle_height;
    if (content + pad / 2 > size.y + 0.5f)
        lost(ui, title, "drawn outside its box", min, ImVec2(min.x + size.x, min.y + content + pad / 2));
    float y = min.y + std::max(pad / 2, (size.y - content) / 2.0f);
    if (place != Place::none) {
        if (place == Place::above) {
            draw_icon(ui.fonts.icons_large, glyph, ImVec2(min.x + size.x / 2, y + ui.fonts.icons_large->FontSize / 2), ink);
            y += icon_height;
        } else {
            const float half = ui.fonts.icons->FontSize / 2;
            const float x = ui.rtl() ? max.x - pad - half : min.x + pad + half;
            draw_icon(ui.fonts.icons, glyph, ImVec2(x, y + (title_height + subtitle_height - title_font->FontSize * 0.25f) / 2), ink);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(text_x, y));
    paragraph(ui, title_font, title, ink, inner, Align::center);
    if (!subtitle.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(text_x, y + title_height));
        paragraph(ui, ui.fonts.body, subtitle, ink, inner, Align::center);
    }
    ImGui::SetCursorScreenPos(saved);
    return tapped;
}

float chip_width(const UiContext& ui, std::string_view label)
{
    return std::max(text_width(ui, ui.fonts.body, label) + 2 * ui.scale.em(0.8f), ui.scale.touch_target());
}

bool chip(UiContext& ui, const char* id, std::string_view label, bool selected)
{
    ImFont* font = ui.fonts.body;
    const ImVec2 size(chip_width(ui, label), ui.scale.touch_target());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touch_area(ui, id, size, held);
    const Palette& p = ui.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    const float rounding = size.y / 2.0f;
    if (selected)
        draw->AddRectFilled(min, max, held ? p.accent_pressed : p.accent, rounding);
    else {
        draw->AddRectFilled(min, max, held ? p.surface_pressed : p.surface, rounding);
        draw->AddRect(min, max, p.accent, rounding, 0, std::max(1.0f, ui.scale.mm(0.3)));
    }
    const auto laid_out = line_of(ui, font, label);
    const LaidOutLine& line = laid_out->front();
    draw_visual(ui, font, ImVec2(min.x + (size.x - line.width) / 2.0f, min.y + (size.y - font->FontSize) / 2.0f),
                selected ? p.on_accent : p.accent, line.visual, label, line.width);
    return tapped;
}

bool face_chip(UiContext& ui, const char* id, std::string_view label, int mood, bool selected)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    ImFont* font = ui.fonts.body;
    const float pad = s.em(0.6f);
    const float face = s.em(2.0f);
    const ImVec2 size(std::max({text_width(ui, font, label) + 2 * pad, face + 2 * pad, s.touch_target()}),
                      face + font->FontSize + 3 * pad);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touch_area(ui, id, size, held);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    const ImU32 fill = selected ? (held ? p.accent_pressed : p.accent) : (held ? p.surface_pressed : p.surface);
    const ImU32 ink = selected ? p.on_accent : p.accent;
    draw->AddRectFilled(min, max, fill, s.em(0.5f));
    if (!selected)
        draw->AddRect(min, max, p.accent, s.em(0.5f), 0, std::max(1.0f, s.mm(0.3)));
    // The face: a circle, two eyes, and a mouth whose curve goes from sad (0) to glad (3).
    const ImVec2 c(min.x + size.x / 2, min.y + pad + face / 2);
    const float r = face / 2;
    const float line = std::max(1.5f, s.mm(0.5));
    draw->AddCircle(c, r, ink, 32, line);
    draw->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
    draw->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
    const float curve = (static_cast<float>(std::clamp(mood, 0, 3)) - 1.5f) / 1.5f;  // −1 … 1
    const ImVec2 left(c.x - r * 0.45f, c.y + r * 0.35f - curve * r * 0.1f);
    const ImVec2 right(c.x + r * 0.45f, left.y);
    const ImVec2 middle(c.x, c.y + r * 0.35f + curve * r * 0.25f);
    draw->AddBezierQuadratic(left, middle, right, ink, line);
    const auto laid_out = line_of(ui, font, label);
    const LaidOutLine& text = laid_out->front();
    draw_visual(ui, font, ImVec2(min.x + (size.x - text.width) / 2, min.y + 2 * pad + face), ink, text.visual, label,
                text.width);
    return tapped;
}

float field_error(UiContext& ui, std::string_view message, float width)
{
    const Palette& p = ui.palette;
    ImFont* font = ui.fonts.bold;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float mark = font->FontSize;
    const float gap = ui.scale.em(0.4f);
    ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? at.x : at.x + mark + gap, at.y));
    const float height = paragraph(ui, font, message, p.danger, width - mark - gap);
    // The mark sits beside the first line: a filled circle with "!" (a shape as well as a colour).
    const float line_height = font->FontSize * 1.25f;
    const ImVec2 centre(ui.rtl() ? at.x + width - mark / 2 : at.x + mark / 2, at.y + line_height / 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircleFilled(centre, mark / 2, p.danger, 24);
    const float bang = drawn_width(font, "!");
    draw_visual(ui, font, ImVec2(centre.x - bang / 2, centre.y - font->FontSize / 2), p.on_danger, "!", "!", bang);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + height));
    ImGui::Dummy(ImVec2(width, 0.0f));
    return height;
}

void more_below_cue(UiContext& ui, std::string_view label, const ImVec2& min, const ImVec2& size)
{
    ImFont* font = ui.fonts.bold;
    const float chevron = font->FontSize * 0.8f;
    const float gap = ui.scale.em(0.4f);
    const float label_width = std::min(text_width(ui, font, label), size.x - chevron - gap);
    const float x = min.x + (size.x - label_width - chevron - gap) / 2;
    const float y = min.y + (size.y - font->FontSize) / 2;
    // Chevron at the reading start, the words after it.
    const float chevron_x = ui.rtl() ? x + label_width + gap : x;
    const ImU32 ink = ui.palette.accent;
    const float thickness = std::max(2.0f, ui.scale.mm(0.6));
    const ImVec2 tip(chevron_x + chevron / 2, y + font->FontSize * 0.75f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(chevron_x, tip.y - chevron / 2), tip, ink, thickness);
    draw->AddLine(tip, ImVec2(chevron_x + chevron, tip.y - chevron / 2), ink, thickness);
    ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? x : x + chevron + gap, y));
    text_line(ui, font, label, ink, label_width);
}

void begin_scroll_area(UiContext& ui, const char* id, const ImVec2& size, KineticScroll& scroll)
{
    scroll.set_tap_slop(ui.scale.mm(2.5));
    scroll.update(ui.time);
    // Given before the child begins, the offset is drawn in this very frame; ImGui::SetScrollY inside
    // the child shows it only in the next. A fast drag that ends at the end of the content starts no
    // fling, so no next frame need come: the frame that took the drag must show it.
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, scroll.offset()));
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 area_min = ImGui::GetWindowPos();
    ui.touch.register_area(area_min, ImVec2(area_min.x + size.x, area_min.y + size.y), scroll);
    if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel != 0.0f) {
        // A mouse wheel (staff at a desk) is seen inside the child, so it shows from the next frame.
        scroll.set_offset(scroll.offset() - ImGui::GetIO().MouseWheel * ui.scale.em(3.0f));
        ImGui::SetScrollY(scroll.offset());
    }
}

void end_scroll_area(KineticScroll& scroll)
{
    scroll.set_max_offset(ImGui::GetScrollMaxY());
    ImGui::EndChild();
}

FlowRow::FlowRow(UiContext& ui, float x_min, float x_max, float y, float gap)
    : m_rtl(ui.rtl()), m_x_min(x_min), m_x_max(x_max), m_cursor(ui.rtl() ? x_max : x_min), m_y(y), m_gap(gap)
{
}

void FlowRow::next(float width, float row_height)
{
    const float available = m_rtl ? m_cursor - m_x_min : m_x_max - m_cursor;
    if (!m_first && width > available) {
        m_y += m_row_height + m_gap;
        m_cursor = m_rtl ? m_x_max : m_x_min;
        m_row_height = 0.0f;
    }
    m_first = false;
    m_row_height = std::max(m_row_height, row_height);
    const float x = m_rtl ? m_cursor - width : m_cursor;
    ImGui::SetCursorScreenPos(ImVec2(x, m_y));
    m_cursor = m_rtl ? m_cursor - width - m_gap : m_cursor + width + m_gap;
}

}  // namespace lotsen::kiosk
