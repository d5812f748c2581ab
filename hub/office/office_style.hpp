// office_style.hpp — the office's one stylesheet (served as /office.css; the pages load nothing
// else) and the palette it is made from, with the WCAG 2.1 contrast ratio the tests check it by.
#pragma once

#include <string>
#include <string_view>

namespace lotsen::hub::office {

/// The office's colours, "#rrggbb". Text pairs need 4.5:1; focus rings and field borders 3:1
/// against the page (WCAG 2.1 1.4.3 and 1.4.11).
struct Palette {
    std::string_view page = "#ffffff";
    std::string_view text = "#1b1b1b";
    std::string_view muted = "#595959";  ///< secondary text on the page and on panels
    std::string_view panel = "#f3f4f6";  ///< cards and the header
    std::string_view link = "#0b4f8a";
    std::string_view button = "#0b4f8a";
    std::string_view button_text = "#ffffff";
    std::string_view focus = "#b34700";  ///< the focus ring
    std::string_view border = "#767676";  ///< form fields' borders
    std::string_view error_text = "#8f0000";
    std::string_view error_panel = "#fdecec";
    std::string_view ok_text = "#155724";
    std::string_view ok_panel = "#e6f4ea";
};

/// The palette in use.
const Palette& office_palette();

/// The WCAG 2.1 contrast ratio of two "#rrggbb" colours (1 to 21).
double contrast_ratio(std::string_view a, std::string_view b);

/// The stylesheet.
const std::string& office_stylesheet();

}  // namespace lotsen::hub::office
