// keyboard.cpp — keys are laid out from the scale (never pixel literals), each at least the touch
// target high; letters follow the Swedish layout.
#include "kiosk/keyboard.hpp"

#include "kiosk/widgets.hpp"

#include "core/text/text_layout.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lotsen::kiosk {

namespace {

// Lower → upper case for the letters on the Swedish layout.
std::string upper(std::string_view key)
{
    if (key == "å")
        return "Å";
    if (key == "ä")
        return "Ä";
    if (key == "ö")
        return "Ö";
    std::string result(key);
    if (result.size() == 1 && result[0] >= 'a' && result[0] <= 'z')
        result[0] = static_cast<char>(result[0] - 'a' + 'A');
    return result;
}

const std::vector<std::vector<std::string>>& letter_rows()
{
    static const std::vector<std::vector<std::string>> rows{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä"},
        {"z", "x", "c", "v", "b", "n", "m", "-", "."},
    };
    return rows;
}

// Letter rows of the visitor's own script, after the common PC layouts (Arabic 101, Persian
// ISIRI 9147 without its digits row, Ukrainian ЙЦУКЕН), for typing a search or a name.
const std::vector<std::vector<std::string>>* native_rows(std::string_view language)
{
    static const std::vector<std::vector<std::string>> arabic{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"},
        {"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط"},
        {"ذ", "ئ", "ء", "ؤ", "ر", "ى", "ة", "و", "ز", "ظ", "أ", "إ"},
    };
    static const std::vector<std::vector<std::string>> persian{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "چ"},
        {"ش", "س", "ی", "ب", "ل", "ا", "ت", "ن", "م", "ک", "گ"},
        {"ظ", "ط", "ز", "ر", "ذ", "د", "پ", "و", "ژ", "آ"},
    };
    static const std::vector<std::vector<std::string>> ukrainian{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ї"},
        {"ф", "і", "в", "а", "п", "р", "о", "л", "д", "ж", "є"},
        {"я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ґ", "'"},
    };
    if (language == "ar")
        return &arabic;
    if (language == "fa" || language == "prs")
        return &persian;
    if (language == "uk")
        return &ukrainian;
    return nullptr;
}

// The label of the key that switches back to the visitor's own layout.
std::string_view native_layout_label(std::string_view language)
{
    if (language == "ar")
        return "أبجد";
    if (language == "fa" || language == "prs")
        return "الفبا";
    return "АБВ";
}

const std::vector<std::vector<std::string>>& phone_rows()
{
    static const std::vector<std::vector<std::string>> rows{
        {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"+", "0", " "}};
    return rows;
}

}  // namespace

std::string keyboard_characters()
{
    std::string characters;
    for (std::string_view language : {"ar", "fa", "uk"}) {
        for (const auto& row : *native_rows(language)) {
            for (const std::string& key : row)
                characters += key;
        }
        characters += native_layout_label(language);
    }
    return characters;
}

void erase_last_character(std::string& text)
{
    if (text.empty())
        return;
    std::size_t cut = text.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        cut--;
    text.erase(cut);
}

// The key rows as drawn at `width`: rows longer than fit at the touch-target width are split in two
// (or more) rows of nearly equal length.
std::vector<std::vector<std::string>> fitted_rows(const UiContext& ui, KeyboardMode mode, const KeyboardState& state,
                                                 float width)
{
    const auto* native = mode == KeyboardMode::text && !state.latin ? native_rows(ui.session.language) : nullptr;
    const auto& rows = mode == KeyboardMode::phone ? phone_rows() : native ? *native : letter_rows();
    const float gap = ui.scale.em(0.25f);
    const auto per_row = static_cast<std::size_t>(std::max(1.0f, std::floor((width + gap) / (ui.scale.touch_target() + gap))));
    std::vector<std::vector<std::string>> fitted;
    for (const auto& row : rows) {
        const std::size_t parts = (row.size() + per_row - 1) / per_row;
        const std::size_t length = (row.size() + parts - 1) / parts;
        for (std::size_t start = 0; start < row.size(); start += length)
            fitted.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(start),
                                row.begin() + static_cast<std::ptrdiff_t>(std::min(row.size(), start + length)));
    }
    return fitted;
}

float keyboard_height(const UiContext& ui, KeyboardMode mode, float width, float available)
{
    // Every layout of a mode has the same number of rows, so the state does not change the height.
    const int rows = static_cast<int>(fitted_rows(ui, mode, KeyboardState{}, width).size()) + 1;  // + the wide keys
    const float gap = ui.scale.em(0.25f);
    // Keys grow up to 2 em when there is room, and never shrink below the touch target.
    const float key = std::clamp((available - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                 ui.scale.touch_target(), std::max(ui.scale.touch_target(), ui.scale.em(2.0f)));
    return static_cast<float>(rows) * key + static_cast<float>(rows - 1) * gap;
}

KeyboardAction on_screen_keyboard(UiContext& ui, const char* id, std::string& text, std::size_t max_bytes,
                                  KeyboardMode mode, KeyboardState& state, const ImVec2& min, const ImVec2& size)
{
    const UiScale& s = ui.scale;
    const float gap = s.em(0.25f);
    const bool has_native = mode == KeyboardMode::text && native_rows(ui.session.language) != nullptr;
    const bool native = has_native && !state.latin;
    const auto rows = fitted_rows(ui, mode, state, size.x);
    const int row_count = static_cast<int>(rows.size()) + 1;  // + the bottom row of wide keys
    const float key_height = (size.y - gap * (row_count - 1)) / row_count;
    ImGui::PushID(id);
    KeyboardAction action = KeyboardAction::none;
    auto type = [&](const std::string& characters) {
        if (text.size() + characters.size() <= max_bytes) {
            text += characters;
            action = KeyboardAction::edited;
        }
    };

    float y = min.y;
    std::size_t widest = 1;
    for (const auto& row : rows)
        widest = std::max(widest, row.size());
    const float key_width = (size.x - gap * static_cast<float>(widest - 1)) / static_cast<float>(widest);
    for (const auto& row : rows) {
        const float row_width = key_width * static_cast<float>(row.size()) + gap * static_cast<float>(row.size() - 1);
        float x = min.x + (size.x - row_width) / 2;
        for (const std::string& key : row) {
            const std::string label = state.shift ? upper(key) : key;
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            ImGui::PushID(key.c_str());
            note_target(ui, "key:" + key, ImVec2(x, y), ImVec2(key_width, key_height));
            const std::string shown = key == " " ? std::string(ui.tr("key_space")) : label;
            if (button(ui, "##key", shown, ImVec2(key_width, key_height), ButtonKind::secondary, ui.fonts.bold)) {
                type(label);
                state.shift = false;  // like a phone: shift applies to one letter
            }
            ImGui::PopID();
            x += key_width + gap;
        }
        y += key_height + gap;
    }

    // Bottom row: shift (letters only), space or @, erase, done.
    std::vector<std::pair<std::string, float>> wide;
    if (has_native)
        wide.emplace_back("layout", 1.5f);
    if (mode != KeyboardMode::phone && !native)
        wide.emplace_back("shift", 1.5f);
    if (mode == KeyboardMode::email)
        wide.emplace_back("@", 1.0f);
    if (mode == KeyboardMode::text)
        wide.emplace_back("space", 4.0f);
    wide.emplace_back("erase", 2.0f);
    wide.emplace_back("done", 2.0f);
    float units = 0.0f;
    for (const auto& [name, weight] : wide)
        units += weight;
    const float unit = (size.x - gap * static_cast<float>(wide.size() - 1)) / units;
    float x = ui.rtl() ? min.x + size.x : min.x;
    for (const auto& [name, weight] : wide) {
        const float width = unit * weight;
        if (ui.rtl())
            x -= width;
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        std::string label;
        ButtonKind kind = ButtonKind::secondary;
        if (name == "layout")
            label = native ? "ABC" : std::string(native_layout_label(ui.session.language));
        else if (name == "shift")
            label = state.shift ? "abc" : "ABC";
        else if (name == "@")
            label = "@";
        else if (name == "space")
            label = std::string(ui.tr("key_space"));
        else if (name == "erase")
            label = std::string(ui.tr("key_erase"));
        else {
            label = std::string(ui.tr("key_done"));
            kind = ButtonKind::primary;
        }
        if (button(ui, ("##key-" + name).c_str(), label, ImVec2(width, key_height), kind)) {
            if (name == "layout") {
                state.latin = !state.latin;
                state.shift = false;
            } else if (name == "shift")
                state.shift = !state.shift;
            else if (name == "@")
                type("@");
            else if (name == "space")
                type(" ");
            else if (name == "erase") {
                erase_last_character(text);
                action = KeyboardAction::edited;
            } else
                action = KeyboardAction::done;
        }
        if (!ui.rtl())
            x += width + gap;
        else
            x -= gap;
    }
    ImGui::PopID();
    return action;
}

namespace {

// True when the text's logical end is its left edge: right-to-left text (by its own first strong
// letter, as text_line() lays it out), or an empty field in a right-to-left UI.
bool caret_end_is_left(const UiContext& ui, std::string_view text)
{
    if (text.empty())
        return ui.rtl();
    return detect_direction(text) == Direction::rtl;  // digits alone are laid out left to right
}

}  // namespace

float caret_x(const UiContext& ui, std::string_view text, float box_x, float box_width)
{
    // text_line() puts the text at the UI's start side of the box (right in RTL, left in LTR); which
    // end of it is the logical end depends on the text's own direction: Latin typed in an Arabic UI
    // stands at the right and ends at its right edge.
    const float gap = ui.scale.mm(0.3);
    const float width = text.empty() ? 0.0f : std::min(text_width(ui, ui.fonts.body, text), box_width);
    const float left = ui.rtl() ? box_x + box_width - width : box_x;
    return caret_end_is_left(ui, text) ? left - (text.empty() ? 0.0f : gap) : left + width + (text.empty() ? 0.0f : gap);
}

bool text_field(UiContext& ui, const char* id, const std::string& text, std::string_view placeholder, bool focused,
                float width, bool invalid)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float height = s.touch_target();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::InvisibleButton(id, ImVec2(width, height));
    note_target(ui, id, min, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + width, min.y + height);
    draw->AddRectFilled(min, max, p.surface, s.em(0.3f));
    const ImU32 border = invalid ? p.danger : focused ? p.accent : p.divider;
    draw->AddRect(min, max, border, s.em(0.3f), 0, focused || invalid ? s.mm(0.8) : s.mm(0.3));
    const float pad = s.em(0.5f);
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + (height - ui.fonts.body->FontSize) / 2));
    const bool empty = text.empty();
    const std::string shown = empty ? std::string(placeholder) : text;
    text_line(ui, ui.fonts.body, shown, empty ? p.text_muted : p.text, width - 2 * pad);
    if (focused) {
        const float caret_w = s.mm(0.5);
        const float x = caret_x(ui, text, min.x + pad, width - 2 * pad) - (caret_end_is_left(ui, text) ? caret_w : 0.0f);
        draw->AddRectFilled(ImVec2(x, min.y + height * 0.2f), ImVec2(x + caret_w, min.y + height * 0.8f), p.accent);
    }
    ImGui::SetCursorScreenPos(after);
    ImGui::Dummy(ImVec2(0, 0));
    return tapped;
}

}  // namespace lotsen::kiosk
