// search_screen.hpp — search as you type with the on-screen keyboard; results update per key.
#pragma once

#include "kiosk/activity_card.hpp"
#include "kiosk/keyboard.hpp"
#include "kiosk/screen.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lotsen::kiosk {

class SearchScreen final : public Screen {
public:
    const char* id() const override { return "search"; }
    const char* title_key() const override { return "search_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;

    /// The current results (for tests).
    const std::vector<ActivityListItem>& results() const { return m_results; }
    /// The line the last frame drew above the keyboard instead of the results ("27 träffar"), or ""
    /// when the results had room of their own (or nothing was typed).
    std::string_view line_above_keys() const
    {
        return m_count_shown ? std::string_view(m_count_line) : std::string_view();
    }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void run_query(UiContext& ui);

    std::vector<ActivityListItem> m_results;
    std::string m_count_line;    ///< how many hits, in the searched language ("27 träffar")
    bool m_count_shown = false;  ///< the last frame drew m_count_line above the keyboard
    CardLayouts m_cards;  ///< of m_results, cleared when they are read
    std::string m_searched;
    LanguageCode m_searched_language;  ///< the language m_results' texts are in
    KeyboardState m_keyboard;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
