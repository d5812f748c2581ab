// wish_screen.cpp — four optional questions as chips (an interest, a day, a time of day, a language),
// then "send". At least one of the first three must be chosen; a second tap on a chip takes it back.
// The visitor is thanked only after the event log has committed the wish to disk; a wish too soon
// after the previous one is not counted again, but the visitor is thanked all the same.
#include "kiosk/screens/wish_screen.hpp"

#include "kiosk/visitor_outbox.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <array>

namespace lotsen::kiosk {

namespace {

// Monday first, as Swedish weeks start; the keys are the string tables' short day names (and the
// chips' ids).
constexpr std::array<const char*, 7> k_weekday_keys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

struct DayPartChoice {
    DayPart part;
    const char* key;  ///< string table key, and the chip's id after "##"
};
constexpr std::array<DayPartChoice, 3> k_day_parts{{{DayPart::morning, "wish_morning"},
                                                    {DayPart::afternoon, "wish_afternoon"},
                                                    {DayPart::evening, "wish_evening"}}};

}  // namespace

float wish_offer_height(const UiContext& ui, float width)
{
    return button_height(ui, ui.tr("wish_offer"), width);
}

float wish_offer(UiContext& ui, const char* id, float width, const std::string& interest)
{
    const float height = wish_offer_height(ui, width);
    if (button(ui, id, ui.tr("wish_offer"), ImVec2(width, height), ButtonKind::secondary)) {
        ui.session.wish = MissedWish{};
        ui.session.wish.interest = interest;  // what the empty list was of: one tap less
        ui.session.wish_sent = false;
        ui.nav.navigate("wish");
    }
    return height;
}

void WishScreen::on_enter(UiContext& ui)
{
    auto interests = ui.store.interests();
    m_interests = interests ? std::move(interests).value() : std::vector<Interest>{};
    m_message.clear();
    m_bring_message = false;
    m_content_height = 0.0f;
    m_scroll.set_offset(0.0f);
}

void WishScreen::on_reset()
{
    m_message.clear();
    m_bring_message = false;
    m_content_height = 0.0f;
    m_scroll.set_offset(0.0f);
}

void WishScreen::prepare_tour(UiContext& ui)
{
    on_enter(ui);
    ui.session.wish.interest = m_interests.empty() ? std::string() : m_interests.front().id;
    ui.session.wish.weekday = 5;  // Saturday
    ui.session.wish.day_part = DayPart::evening;
}

void WishScreen::send(UiContext& ui)
{
    const MissedWish& wish = ui.session.wish;
    if (wish.interest.empty() && !wish.weekday && !wish.day_part) {
        m_message = std::string(ui.tr("wish_choose_one"));
        m_bring_message = true;
        return;
    }
    if (!ui.outbox.available()) {
        m_message = std::string(ui.tr("send_unavailable"));
        m_bring_message = true;
        return;
    }
    if (auto outcome = ui.outbox.record_missed(wish, ui.now); !outcome) {
        m_message = std::string(ui.tr("send_failed"));
        m_bring_message = true;
        return;
    }
    ui.session.wish = MissedWish{};
    ui.session.wish_sent = true;
    ui.session.receipt_code.clear();
    ui.session.support_offered = false;
    ui.nav.navigate("thanks");
}

void WishScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    const float send_height = button_height(ui, ui.tr("wish_send"), width);
    const float cue_height = ui.fonts.bold->FontSize + s.em(0.8f);
    float view_height = area.height() - 3 * margin - send_height;
    // What the last frame laid out says whether the form scrolls; then a row under it says "more below".
    const bool scrolls = m_content_height > view_height + 0.5f;
    if (scrolls)
        view_height -= cue_height;
    const ImVec2 view_size(width, view_height);

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##wish", view_size, m_scroll);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x = origin.x;
    const float inner = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);
    float y = origin.y;

    ImGui::SetCursorScreenPos(ImVec2(x, y));
    y += paragraph(ui, ui.fonts.body, ui.tr("wish_intro"), p.text_muted, inner) + s.em(0.6f);

    MissedWish& wish = ui.session.wish;
    auto question = [&](std::string_view key) {
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        y += paragraph(ui, ui.fonts.bold, ui.tr(key), p.text, inner) + s.em(0.3f);
    };
    const float chip_gap = s.em(0.4f);
    const float question_gap = s.em(0.8f);

    question("wish_q_interest");
    {
        FlowRow row(ui, x, x + inner, y, chip_gap);
        for (const Interest& interest : m_interests) {
            const std::string_view label = ui.text(interest.label);
            row.next(chip_width(ui, label), s.touch_target());
            const std::string id = "##wish-interest-" + interest.id;
            const bool selected = wish.interest == interest.id;
            if (chip(ui, id.c_str(), label, selected))
                wish.interest = selected ? std::string() : interest.id;
        }
        y = row.bottom() + question_gap;
    }

    question("wish_q_day");
    {
        FlowRow row(ui, x, x + inner, y, chip_gap);
        for (int day = 0; day < 7; ++day) {
            const std::string_view label = ui.tr(k_weekday_keys[static_cast<std::size_t>(day)]);
            row.next(chip_width(ui, label), s.touch_target());
            const std::string id = std::string("##wish-day-") + k_weekday_keys[static_cast<std::size_t>(day)];
            const bool selected = wish.weekday == day;
            if (chip(ui, id.c_str(), label, selected))
                wish.weekday = selected ? std::nullopt : std::optional<int>(day);
        }
        y = row.bottom() + question_gap;
    }

    question("wish_q_time");
    {
        FlowRow row(ui, x, x + inner, y, chip_gap);
        for (const DayPartChoice& choice : k_day_parts) {
            const std::string_view label = ui.tr(choice.key);
            row.next(chip_width(ui, label), s.touch_target());
            const std::string id = std::string("##") + choice.key;
            const bool selected = wish.day_part == choice.part;
            if (chip(ui, id.c_str(), label, selected))
                wish.day_part = selected ? std::nullopt : std::optional<DayPart>(choice.part);
        }
        y = row.bottom() + question_gap;
    }

    question("wish_q_language");
    {
        // Each language in its own name, as the language bar shows them.
        FlowRow row(ui, x, x + inner, y, chip_gap);
        for (const LanguageCode& language : ui.config.languages) {
            const std::string_view label = ui.strings.get(language, "language_name");
            row.next(chip_width(ui, label), s.touch_target());
            const std::string id = "##wish-language-" + language;
            const bool selected = wish.language == language;
            if (chip(ui, id.c_str(), label, selected))
                wish.language = selected ? LanguageCode{} : language;
        }
        y = row.bottom();
    }
    if (!m_message.empty()) {
        y += s.em(0.5f);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        y += paragraph(ui, ui.fonts.bold, m_message, p.danger, inner);
        if (m_bring_message && scrolls)
            m_scroll.scroll_to(std::max(0.0f, y - origin.y - view_height));  // the message is what matters now
        m_bring_message = false;
    }
    m_content_height = y - origin.y;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::Dummy(ImVec2(0, 0));
    const bool more_below = scrolls && m_scroll.offset() + view_height < m_content_height - 1.0f;
    end_scroll_area(m_scroll);
    if (more_below) {
        more_below_cue(ui, ui.tr("checkin_more"), ImVec2(area.min.x + margin, area.min.y + margin + view_height),
                       ImVec2(width, cue_height));
    }

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.max.y - margin - send_height));
    if (button(ui, "##send", ui.tr("wish_send"), ImVec2(width, send_height)))
        send(ui);
}

}  // namespace lotsen::kiosk
