// keyboard.hpp — the on-screen keyboard (a kiosk has no physical one) and the text field it types
// into. Swedish layout with å ä ö and digits; a phone-number pad; extra keys for e-mail.
#pragma once

#include "kiosk/ui_context.hpp"

#include <string>

namespace lotsen::kiosk {

/// Which keys the keyboard offers. `text` follows the UI language: Arabic, Persian and Ukrainian
/// have their own layouts (with a key to switch to the Swedish one), every other language the Swedish.
enum class KeyboardMode { text, email, phone };

/// View state of one keyboard (shift); forgotten at reset.
struct KeyboardState {
    bool shift = false;
    bool latin = false;  ///< the visitor switched from their language's layout to the Swedish one
};

/// Every character the keyboards can type (the font atlas must hold them).
std::string keyboard_characters();

/// What happened on the keyboard this frame.
enum class KeyboardAction { none, edited, done };

/// Draws the keyboard in the rectangle at `min` of `size`, editing `text` (at most `max_bytes`).
KeyboardAction on_screen_keyboard(UiContext& ui, const char* id, std::string& text, std::size_t max_bytes,
                                  KeyboardMode mode, KeyboardState& state, const ImVec2& min, const ImVec2& size);

/// Height the keyboard wants for `mode` at `width`, given `available` height. On narrow screens long
/// rows are split so that no key is narrower than the touch target.
float keyboard_height(const UiContext& ui, KeyboardMode mode, float width, float available);

/// A one-line text field showing `text` (or `placeholder` when empty); a caret when `focused`, a
/// border in the danger colour when `invalid` (its message stands right below it). True when tapped
/// (to focus it).
bool text_field(UiContext& ui, const char* id, const std::string& text, std::string_view placeholder, bool focused,
                float width, bool invalid = false);

/// x where text_field() draws its caret for `text` in a text box from `box_x`, `box_width` wide: at
/// the logical end of the text as it is laid out (after Latin, also in a right-to-left UI; before
/// Arabic, also in a left-to-right one); at the start side of the UI when empty. The caret bar
/// extends from this x to the left where the text ends at its left edge (or an empty RTL field
/// starts), else to the right.
float caret_x(const UiContext& ui, std::string_view text, float box_x, float box_width);

/// Removes the last UTF-8 character of `text`.
void erase_last_character(std::string& text);

}  // namespace lotsen::kiosk
