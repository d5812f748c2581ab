// screen.cpp — the frame every screen is drawn in. In right-to-left languages it mirrors: back on
// the right, the clock on the left, "help now" on the right of the bottom bar.
#include "kiosk/screen.hpp"

#include "core/speech/read_aloud.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::kiosk {

namespace {

// The top bar's toggles in reading order from the clock inward: read aloud (where the screen has text
// for it), larger text, high contrast. Each shows its picture and its name.
struct Toggle {
    const char* id;
    Icon glyph;
    const char* label_key;
};
constexpr Toggle k_read_aloud{"##read-aloud", icon::read_aloud, "toggle_read_aloud"};
constexpr Toggle k_larger_text{"##larger-text", icon::larger_text, "toggle_larger_text"};
constexpr Toggle k_contrast{"##contrast", icon::contrast, "toggle_contrast"};

// Width of every toggle with the gaps after them.
float toggles_width(const UiContext& ui, const Screen& screen, float side, float pad)
{
    float width = 0.0f;
    for (const Toggle* toggle : {&k_read_aloud, &k_larger_text, &k_contrast}) {
        if (toggle == &k_read_aloud && !screen.offers_read_aloud())
            continue;
        width += toggle_width(ui, ui.tr(toggle->label_key), side) + pad;
    }
    return width;
}

}  // namespace

float top_bar_height(const UiContext& ui)
{
    return std::max(ui.scale.em(2.8f), ui.scale.touch_target() + ui.scale.em(0.6f));
}

namespace {

// Side of the top bar's square buttons: the bar less a thin margin above and below, so a toggle holds
// its picture with a line of small text under it (widgets' toggle_button: 2.05 em) in a 2.8 em bar.
float top_bar_button_side(const UiContext& ui)
{
    return top_bar_height(ui) - 2 * ui.scale.em(0.3f);
}

}  // namespace

namespace {

// How the top bar shows its title: in the heading face when it fits its room, else in the bold face
// (still the chosen text size), wrapped when even that needs more than one line; the bar then grows
// to hold every line instead of cutting the title short. Where the labelled toggles leave the title
// less room than its widest word (a narrow screen at larger text), the title takes a row of its own
// under the buttons, rather than break a word.
struct TitleLayout {
    ImFont* font = nullptr;
    float room = 0.0f;       ///< width between the back button and the toggles (own row: the bar's width)
    bool wraps = false;
    bool own_row = false;    ///< the title stands under the buttons
    float bar_height = 0.0f;
};

TitleLayout title_layout(const UiContext& ui, const Screen& screen, float width)
{
    const UiScale& s = ui.scale;
    const float base = top_bar_height(ui);
    const float pad = s.em(0.5f);
    const float button_side = top_bar_button_side(ui);
    const std::string clock = stockholm::to_local(ui.now).time.to_string();
    TitleLayout layout;
    layout.room = width - s.em(1.6f) - (screen.has_back() ? button_side + pad : 0.0f) -
                  text_width(ui, ui.fonts.heading, clock) - s.em(0.8f) - toggles_width(ui, screen, button_side, pad);
    layout.bar_height = base;
    const std::string title = screen.title(ui);
    layout.font = ui.fonts.heading;
    if (text_width(ui, ui.fonts.heading, title) <= layout.room)
        return layout;
    layout.font = ui.fonts.bold;
    if (text_width(ui, ui.fonts.bold, title) <= layout.room)
        return layout;
    if (widest_word(ui, ui.fonts.bold, title) > layout.room) {
        layout.own_row = true;
        layout.room = width - s.em(1.6f);
        layout.font = text_width(ui, ui.fonts.heading, title) <= layout.room ? ui.fonts.heading : ui.fonts.bold;
        layout.wraps = text_width(ui, layout.font, title) > layout.room;
        const float text = layout.wraps ? paragraph_height(ui, layout.font, title, layout.room) - layout.font->FontSize * 0.25f
                                        : layout.font->FontSize;
        layout.bar_height = base + text + pad;
        return layout;
    }
    layout.wraps = true;
    const float text = paragraph_height(ui, ui.fonts.bold, title, layout.room) - ui.fonts.bold->FontSize * 0.25f;
    layout.bar_height = std::max(base, text + 2 * pad);
    return layout;
}

// Widths of the bottom bar's parts, shared by its height and its drawing.
struct BottomBarLayout {
    float pad;
    float gap;
    float help_width;
    float row_width;       ///< room for the languages
    int language_rows;     ///< rows the language buttons need
    float name_pad;        ///< beside each language's name in its button
    float help_gap;        ///< between the languages and "help now"
    float globe = 0.0f;    ///< room for the globe before the languages; 0 when it would cost a row
    bool help_icon = true; ///< "help now" shows its picture; not when the picture would cost a row
};

float language_button_width(const UiContext& ui, const LanguageCode& language, float pad)
{
    return std::max(text_width(ui, ui.fonts.body, ui.strings.get(language, "language_name")) + 2 * pad,
                    ui.scale.touch_target());
}

// Rows the language buttons take in `row_width` with `pad` beside each name.
int language_rows(const UiContext& ui, float row_width, float pad, float gap)
{
    int rows = 1;
    float used = 0.0f;
    for (const LanguageCode& language : ui.config.languages) {
        const float width = language_button_width(ui, language, pad);
        if (used > 0.0f && used + width > row_width) {
            rows++;
            used = 0.0f;
        }
        used += width + gap;
    }
    return rows;
}

BottomBarLayout bottom_bar_layout(const UiContext& ui)
{
    const UiScale& s = ui.scale;
    BottomBarLayout layout{};
    layout.pad = s.em(0.4f);
    layout.gap = s.em(0.3f);
    layout.help_width = text_width(ui, ui.fonts.bold, ui.tr("help_now")) + ui.fonts.icons->FontSize + s.em(2.0f);
    layout.help_gap = s.em(0.6f);
    layout.row_width = static_cast<float>(s.width()) - 2 * layout.pad - layout.help_width - layout.help_gap;
    // Every language one tap away, always: the names move closer together before they wrap, and
    // then wrap to as many rows as they need (larger text, a narrow screen, many languages) rather
    // than hide behind a button to the language screen.
    layout.name_pad = s.em(0.5f);
    int rows = language_rows(ui, layout.row_width, layout.name_pad, layout.gap);
    if (rows > 1) {
        // Closer, when that saves a row: less air beside the names, between them and inside "help
        // now" (a second row takes from the content what the keyboard needs on a small landscape
        // screen).
        BottomBarLayout closer = layout;
        closer.name_pad = s.em(0.25f);
        closer.gap = s.em(0.15f);
        closer.help_width = text_width(ui, ui.fonts.bold, ui.tr("help_now")) + ui.fonts.icons->FontSize + s.em(1.2f);
        closer.help_gap = s.em(0.3f);
        closer.row_width = static_cast<float>(s.width()) - 2 * closer.pad - closer.help_width - closer.help_gap;
        const int closer_rows = language_rows(ui, closer.row_width, closer.name_pad, closer.gap);
        if (closer_rows < rows) {
            layout = closer;
            rows = closer_rows;
        }
        // Closer still, when that saves a row: "help now" gives up its picture (its words say it all).
        BottomBarLayout plain = closer;
        plain.help_icon = false;
        plain.help_width = text_width(ui, ui.fonts.bold, ui.tr("help_now")) + s.em(1.2f);
        plain.row_width = static_cast<float>(s.width()) - 2 * plain.pad - plain.help_width - plain.help_gap;
        const int plain_rows = language_rows(ui, plain.row_width, plain.name_pad, plain.gap);
        if (plain_rows < rows) {
            layout = plain;
            rows = plain_rows;
        }
    }
    layout.language_rows = rows;
    // The globe marks the row as the languages, where it fits without another row.
    const float globe = ui.fonts.icons->FontSize + layout.gap;
    if (language_rows(ui, layout.row_width - globe, layout.name_pad, layout.gap) == rows)
        layout.globe = globe;
    return layout;
}

}  // namespace

float bottom_bar_height(const UiContext& ui)
{
    const BottomBarLayout layout = bottom_bar_layout(ui);
    const float row = std::max(ui.scale.em(2.0f), ui.scale.touch_target());
    const int rows = layout.language_rows;
    return rows * row + (rows - 1) * layout.gap + 2 * layout.pad;
}

void Screen::draw(UiContext& ui)
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id(), nullptr, flags);
    ImGui::PopStyleVar();

    const ImVec2 origin = viewport->Pos;
    const ImVec2 size = viewport->Size;
    ContentArea area{origin, ImVec2(origin.x + size.x, origin.y + size.y)};
    if (has_chrome()) {
        const float top = title_layout(ui, *this, size.x).bar_height;
        const float bottom = bottom_bar_height(ui);
        draw_top_bar(ui, top);
        draw_bottom_bar(ui, area.max.y - bottom, bottom);
        area.min.y += top;
        area.max.y -= bottom;
    }
    if (has_chrome() && !ui.config.notice.text.empty()) {
        // The region's notice ([notice] in the config), on every visitor screen, wrapped, never cut.
        const bool warning = ui.config.notice.level == Notice::Level::warning;
        const float pad = ui.scale.em(0.5f);
        const float inset = ui.scale.em(0.8f);
        const std::string_view text = ui.text(ui.config.notice.text);
        const float height = paragraph_height(ui, ui.fonts.bold, text, area.width() - 2 * inset) + 2 * pad;
        ImGui::GetWindowDrawList()->AddRectFilled(area.min, ImVec2(area.max.x, area.min.y + height),
                                                  warning ? ui.palette.danger : ui.palette.surface_strong);
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + inset, area.min.y + pad));
        paragraph(ui, ui.fonts.bold, text, warning ? ui.palette.on_danger : ui.palette.text, area.width() - 2 * inset);
        area.min.y += height;
    }
    if (m_awaiting_voice && !ui.voice.speaking()) {
        m_awaiting_voice = false;
        m_no_voice_notice = ui.voice.refused_last();  // the first request found no engine or no voice
    }
    if (m_no_voice_notice) {
        // Said where it was asked for, in a band above the content, until the screen is left.
        const float pad = ui.scale.em(0.5f);
        const float height = ui.fonts.body->FontSize + 2 * pad;
        ImGui::GetWindowDrawList()->AddRectFilled(area.min, ImVec2(area.max.x, area.min.y + height), ui.palette.surface_strong);
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + ui.scale.em(0.8f), area.min.y + pad));
        text_line(ui, ui.fonts.body, ui.tr("read_no_voice"), ui.palette.text, area.width() - ui.scale.em(1.6f));
        area.min.y += height;
    }
    ImGui::SetCursorScreenPos(area.min);
    // Content stays between the bars: what does not fit is cut off here (and counted as lost when
    // recording), never drawn over the languages or "help now".
    ImGui::PushClipRect(area.min, area.max, true);
    draw_content(ui, area);
    ImGui::PopClipRect();
    ImGui::End();
}

void Screen::draw_top_bar(UiContext& ui, float height)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.accent);

    const float pad = s.em(0.5f);
    // The buttons keep their size and sit in the middle of a bar that grew for a wrapped title (or at
    // the top of one whose title has a row of its own).
    const TitleLayout layout = title_layout(ui, *this, width);
    const float row = layout.own_row ? top_bar_height(ui) : height;
    const float button_side = top_bar_button_side(ui);
    const float button_y = origin.y + (row - button_side) / 2;
    float title_start = origin.x + s.em(0.8f);
    float title_end = origin.x + width - s.em(0.8f);

    if (has_back()) {
        // The arrow is drawn, not a glyph (Noto Sans has no arrows), and points toward the reading start.
        const float x = ui.rtl() ? origin.x + width - pad - button_side : origin.x + pad;
        ImGui::SetCursorScreenPos(ImVec2(x, button_y));
        if (arrow_button(ui, "##back", ImVec2(button_side, button_side), ButtonKind::primary))
            ui.nav.back();
        if (ui.rtl())
            title_end -= button_side + pad;
        else
            title_start += button_side + pad;
    }

    // The clock sits at the reading end.
    const std::string clock = stockholm::to_local(ui.now).time.to_string();
    const float clock_width = text_width(ui, ui.fonts.heading, clock);
    const float clock_x = ui.rtl() ? origin.x + s.em(0.8f) : origin.x + width - s.em(0.8f) - clock_width;
    ImGui::SetCursorScreenPos(ImVec2(clock_x, origin.y + (row - ui.fonts.heading->FontSize) / 2));
    text_line(ui, ui.fonts.heading, clock, p.on_accent, clock_width + 1.0f);
    if (ui.rtl())
        title_start += clock_width + s.em(0.8f);
    else
        title_end -= clock_width + s.em(0.8f);

    // Read aloud (where the screen has text for it), larger text and high contrast, beside the clock:
    // each a picture with its name under it, so nobody has to guess what a sign means.
    for (const Toggle* toggle : {&k_read_aloud, &k_larger_text, &k_contrast}) {
        if (toggle == &k_read_aloud && !offers_read_aloud())
            continue;
        const std::string_view label = ui.tr(toggle->label_key);
        const float toggle_side = toggle_width(ui, label, button_side);
        const float x = ui.rtl() ? title_start : title_end - toggle_side;
        ImGui::SetCursorScreenPos(ImVec2(x, button_y));
        const bool on = toggle == &k_read_aloud ? ui.voice.speaking()
                        : toggle == &k_larger_text ? ui.session.larger_text
                                                  : ui.session.high_contrast;
        if (toggle_button(ui, toggle->id, toggle->glyph, label, ImVec2(toggle_side, button_side), on)) {
            if (toggle == &k_read_aloud)
                toggle_reading(ui);
            else if (toggle == &k_larger_text)
                ui.session.larger_text = !ui.session.larger_text;
            else
                ui.session.high_contrast = !ui.session.high_contrast;
        }
        if (ui.rtl())
            title_start += toggle_side + pad;
        else
            title_end -= toggle_side + pad;
    }

    const std::string text = title(ui);
    if (layout.own_row) {
        title_start = origin.x + s.em(0.8f);
        title_end = origin.x + width - s.em(0.8f);
        ImGui::SetCursorScreenPos(ImVec2(title_start, origin.y + row));
        if (layout.wraps)
            paragraph(ui, layout.font, text, p.on_accent, title_end - title_start);
        else
            text_line(ui, layout.font, text, p.on_accent, title_end - title_start);
    } else if (layout.wraps) {
        const float text_height = paragraph_height(ui, layout.font, text, title_end - title_start) - layout.font->FontSize * 0.25f;
        ImGui::SetCursorScreenPos(ImVec2(title_start, origin.y + (height - text_height) / 2));
        paragraph(ui, layout.font, text, p.on_accent, title_end - title_start);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(title_start, origin.y + (height - layout.font->FontSize) / 2));
        text_line(ui, layout.font, text, p.on_accent, title_end - title_start);
    }
}

void Screen::toggle_reading(UiContext& ui)
{
    if (ui.voice.speaking()) {
        ui.voice.stop();
        return;
    }
    if (ui.voice.loaded() && (!ui.voice.available() || !ui.voice.has_voice(ui.session.language))) {
        m_no_voice_notice = true;
        return;
    }
    std::string text = read_aloud_text(ui);
    if (!text.empty()) {
        // Before espeak-ng is loaded (the first request) nobody knows yet whether it can read this:
        // the notice follows when the voice refuses (see draw()).
        m_awaiting_voice = !ui.voice.loaded();
        ui.voice.speak(std::move(text), ui.session.language);
    }
}

void Screen::draw_bottom_bar(UiContext& ui, float top, float height)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(origin.x, top), ImVec2(origin.x + width, top + height), p.surface);
    draw->AddLine(ImVec2(origin.x, top), ImVec2(origin.x + width, top), p.divider, std::max(1.0f, s.mm(0.3)));

    const BottomBarLayout layout = bottom_bar_layout(ui);
    const float pad = layout.pad;
    const float gap = layout.gap;
    const float help_width = layout.help_width;
    const int rows = layout.language_rows;
    const float button_height = (height - 2 * pad - (rows - 1) * gap) / rows;
    const std::string_view help = ui.tr("help_now");

    // Languages first in reading order, each named in its own script; "help now" at the end.
    float row_start = ui.rtl() ? origin.x + pad + help_width + layout.help_gap : origin.x + pad;
    float row_end = row_start + layout.row_width;
    if (layout.globe > 0.0f) {
        const float half = ui.fonts.icons->FontSize / 2;
        const float x = ui.rtl() ? row_end - half : row_start + half;
        draw_icon(ui.fonts.icons, icon::language, ImVec2(x, top + pad + (height - 2 * pad - (rows - 1) * gap) / rows / 2), p.text_muted);
        if (ui.rtl())
            row_end -= layout.globe;
        else
            row_start += layout.globe;
    }
    FlowRow row(ui, row_start, row_end, top + pad, gap);
    for (const LanguageCode& language : ui.config.languages) {
        const float name_width = language_button_width(ui, language, layout.name_pad);
        row.next(name_width, button_height);
        const bool current = language == ui.session.language;
        const std::string id = "##lang-" + language;
        if (button(ui, id.c_str(), ui.strings.get(language, "language_name"), ImVec2(name_width, button_height),
                   current ? ButtonKind::primary : ButtonKind::quiet, ui.fonts.body))
            ui.nav.set_language(language);
    }

    const float help_x = ui.rtl() ? origin.x + pad : origin.x + width - pad - help_width;
    ImGui::SetCursorScreenPos(ImVec2(help_x, top + pad));
    const ImVec2 help_size(help_width, height - 2 * pad);
    const bool help_tapped = layout.help_icon ? icon_button(ui, "##help-now", icon::help, help, help_size, ButtonKind::danger)
                                              : button(ui, "##help-now", help, help_size, ButtonKind::danger);
    if (help_tapped)
        ui.nav.navigate("help");
}

}  // namespace lotsen::kiosk
