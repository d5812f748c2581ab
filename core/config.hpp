// config.hpp — the kiosk's configuration (TOML): where it stands, its languages and its screen.
// Unknown keys and wrong types are errors with file, line and key; defaults fill what is left out.
#pragma once

#include "localized_text.hpp"
#include "result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Settings of one kiosk. Defaults are what config/lotsen.toml ships.
struct KioskConfig {
    std::string town = "Halmstad";             ///< this kiosk's town; its activities are listed first
    LanguageCode default_language = "sv";      ///< language after start and after every idle reset
    std::vector<LanguageCode> languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
    int screen_width = 1280;                   ///< window size when not fullscreen, and headless size
    int screen_height = 800;
    bool fullscreen = true;
    double screen_diagonal_inches = 15.6;      ///< physical size, for touch targets in millimetres
};

/// Parses TOML text; `source_name` names the file in error messages.
Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, std::string_view source_name);

/// Reads and parses a config file.
Result<KioskConfig> load_kiosk_config(const std::string& path);

/// Parses "WxH" (e.g. "800x480"); both sides 200..8192.
Result<std::pair<int, int>> parse_screen_size(std::string_view text);

}  // namespace lotsen
