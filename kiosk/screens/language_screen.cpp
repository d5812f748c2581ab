// language_screen.cpp — a grid of language tiles; choosing one goes back where the visitor was.
#include "kiosk/screens/language_screen.hpp"

#include "kiosk/widgets.hpp"

#include <cmath>
#include <string>

namespace lotsen::kiosk {

void LanguageScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    const float gap = s.em(0.5f);
    const int count = static_cast<int>(ui.config.languages.size());
    const int columns = s.portrait() ? 2 : 4;
    const int rows = (count + columns - 1) / columns;
    const float tile_width = (area.width() - 2 * margin - (columns - 1) * gap) / columns;
    const float tile_height = std::min((area.height() - 2 * margin - (rows - 1) * gap) / rows, s.em(5.0f));
    for (int i = 0; i < count; ++i) {
        const LanguageCode& language = ui.config.languages[static_cast<std::size_t>(i)];
        const int column = ui.rtl() ? columns - 1 - i % columns : i % columns;
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin + column * (tile_width + gap),
                                         area.min.y + margin + (i / columns) * (tile_height + gap)));
        const bool current = language == ui.session.language;
        const std::string id = "##language-" + language;
        if (tile(ui, id.c_str(), ui.strings.get(language, "language_name"), "", ImVec2(tile_width, tile_height),
                 current ? ui.palette.accent : ui.palette.surface, current ? ui.palette.on_accent : ui.palette.text)) {
            ui.nav.set_language(language);
            ui.nav.back();
        }
    }
}

}  // namespace lotsen::kiosk
