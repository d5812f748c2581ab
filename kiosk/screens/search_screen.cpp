// search_screen.cpp — the field on top, results in the middle, the keyboard below while typing.
#include "kiosk/screens/search_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/screens/wish_screen.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

namespace {
constexpr std::size_t k_max_query_bytes = 60;
constexpr int k_max_results = 50;
}  // namespace

void SearchScreen::on_enter(UiContext& ui)
{
    m_scroll.set_offset(0.0f);
    run_query(ui);
}

void SearchScreen::on_reset()
{
    m_results.clear();
    m_count_line.clear();
    m_count_shown = false;
    m_cards.clear();
    m_searched.clear();
    m_searched_language.clear();
    m_keyboard = KeyboardState{};
    m_scroll.set_offset(0.0f);
}

void SearchScreen::prepare_tour(UiContext& ui)
{
    ui.session.search_text = "promen";
    ui.session.typing = TextTarget::search;
}

void SearchScreen::run_query(UiContext& ui)
{
    m_searched = ui.session.search_text;
    m_searched_language = ui.session.language;
    // Only the visitor's language (with its fallbacks) is read for the hits: a card shows no other,
    // and a new language asks again (draw_content).
    // One more than is shown: whether there are more is said while the keyboard is up.
    auto results = ui.store.search(m_searched, ui.now, k_max_results + 1, m_searched_language);
    m_results = results ? std::move(results).value() : std::vector<ActivityListItem>{};
    const bool more = m_results.size() > static_cast<std::size_t>(k_max_results);
    if (more)
        m_results.resize(k_max_results);
    // Said when the keyboard leaves no room for the cards (draw_content); made here, once per query
    // and language, not in every frame.
    m_count_line = m_results.empty() ? std::string(ui.tr("search_none"))
                   : more ? ui.strings.format_count(m_searched_language, "search_found_more", "count", k_max_results)
                          : ui.strings.format_count(m_searched_language, "search_found", "count", m_results.size());
    m_cards.clear();
}

void SearchScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.6f);
    const float width = area.width() - 2 * margin;
    VisitorSession& session = ui.session;
    const bool typing = session.typing == TextTarget::search;

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    if (text_field(ui, "##query", session.search_text, ui.tr("search_placeholder"), typing, width))
        session.typing = TextTarget::search;
    const float results_top = area.min.y + margin + s.touch_target() + s.em(0.4f);

    float results_bottom = area.max.y - margin;
    if (typing) {
        const float height = keyboard_height(ui, KeyboardMode::text, width, (area.height() - s.touch_target()) * 0.8f);
        const ImVec2 keyboard_min(area.min.x + margin, area.max.y - margin - height);
        const KeyboardAction action = on_screen_keyboard(ui, "##keyboard", session.search_text, k_max_query_bytes,
                                                         KeyboardMode::text, m_keyboard, keyboard_min,
                                                         ImVec2(width, height));
        if (action == KeyboardAction::done)
            session.typing = TextTarget::none;
        results_bottom = keyboard_min.y - s.em(0.4f);
    }
    if (session.search_text != m_searched) {
        run_query(ui);
        m_scroll.set_offset(0.0f);
    } else if (session.language != m_searched_language) {
        run_query(ui);  // the same hits, their texts in the new language; the list stays where it was
    }

    // A keyboard that leaves no room for results (an 800x480 screen, larger text) hides them until
    // it is closed; an empty child would take the whole window and lie under the keys. The line left
    // above the keys says how many there are, so every key typed is answered.
    m_count_shown = false;
    if (results_bottom - results_top < s.touch_target()) {
        if (!session.search_text.empty() && results_bottom - results_top >= ui.fonts.body->FontSize) {
            ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, results_top));
            text_line(ui, ui.fonts.body, m_count_line, p.text_muted, width);
            m_count_shown = true;
        }
        return;
    }
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, results_top));
    if (session.search_text.empty()) {
        paragraph(ui, ui.fonts.body, ui.tr("search_hint"), p.text_muted, width);
        return;
    }
    if (m_results.empty()) {
        paragraph(ui, ui.fonts.body, ui.tr("search_none"), p.text_muted, width);
        // What was typed is never sent: the wish screen asks with chips only.
        const float offer_width = std::min(width, s.em(24.0f));
        const float offer_top = ImGui::GetCursorScreenPos().y + s.em(0.6f);
        if (offer_top + wish_offer_height(ui, offer_width) <= results_bottom) {
            const float offer_x = ui.rtl() ? area.max.x - margin - offer_width : area.min.x + margin;  // reading start
            ImGui::SetCursorScreenPos(ImVec2(offer_x, offer_top));
            wish_offer(ui, "##wish-offer", offer_width);
        }
        return;
    }
    const ActivityListItem* tapped =
        activity_list(ui, "##results", m_results, m_cards, ImVec2(width, results_bottom - results_top), m_scroll);
    if (tapped) {
        session.activity_id = tapped->activity_id;
        session.typing = TextTarget::none;
        ui.nav.navigate("detail");
    }
}

}  // namespace lotsen::kiosk
