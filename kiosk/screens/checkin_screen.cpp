// checkin_screen.cpp — three optional questions as chips, then "check in". The visitor is told
// "thank you" only after the event log has committed the check-in to disk.
//
// Where the form does not fit (800×480, larger text), the view at rest shows whole blocks only (the
// heading, or a question with all its answers): a drag or fling comes to rest at the top of a block,
// a block the view would cut is not drawn, and "more questions below" stands in its place. After an
// answer, the view glides on until the next question is whole in sight.
#include "kiosk/screens/checkin_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "kiosk/visitor_outbox.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace lotsen::kiosk {

bool checkin_open(const std::vector<Occurrence>& occurrences, UnixSeconds now)
{
    return std::any_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& occurrence) {
        return occurrence.start - k_checkin_opens_before <= now && now < occurrence.end;
    });
}

void CheckInScreen::on_reset()
{
    m_message.clear();
    m_bring.reset();
    m_blocks.clear();
    m_scroll.set_offset(0.0f);
}

void CheckInScreen::on_enter(UiContext& ui)
{
    m_message.clear();
    m_title.clear();
    m_bring.reset();
    m_blocks.clear();
    m_scroll.set_offset(0.0f);
    auto activity = ui.store.activity(ui.session.activity_id);
    if (activity && activity.value())
        m_title = std::string(ui.text(activity.value()->title));
}

void CheckInScreen::prepare_tour(UiContext& ui)
{
    choose_tour_activity(ui);
    ui.session.checkin.first_visit = true;
    ui.session.checkin.how_heard = HowHeard::kiosk;
    ui.session.checkin.mood = Mood::okay;
}

void CheckInScreen::send(UiContext& ui)
{
    if (!ui.outbox.available()) {
        m_message = std::string(ui.tr("send_unavailable"));
        m_bring = m_blocks.empty() ? 0 : m_blocks.size() - 1;  // the message ends the last block
        return;
    }
    CheckIn checkin;
    checkin.activity_id = ui.session.activity_id;
    checkin.first_visit = ui.session.checkin.first_visit;
    checkin.how_heard = ui.session.checkin.how_heard;
    checkin.mood = ui.session.checkin.mood;
    // Who runs it, for the hub's counts per association; left out when the store cannot say.
    if (auto activity = ui.store.activity(checkin.activity_id); activity && activity.value())
        checkin.organisation_id = activity.value()->organisation_id;
    if (auto outcome = ui.outbox.record_checkin(checkin, ui.now); !outcome) {
        m_message = std::string(ui.tr("send_failed"));
        m_bring = m_blocks.empty() ? 0 : m_blocks.size() - 1;
        return;
    }
    // A check-in too soon after the previous one is not counted again, but the visitor is thanked
    // all the same: they did nothing wrong, and the count stays honest.
    // The heaviest face gets a gentle offer of help on the thanks screen (and nothing is kept of it
    // but this flag, which ends with the visit).
    ui.session.support_offered = checkin.mood == Mood::heavy;
    ui.session.checkin = CheckInForm{};
    ui.session.receipt_code.clear();
    ui.nav.navigate("thanks");
}

bool CheckInScreen::bring_into_view(std::size_t block, float view_height, float cue_height)
{
    // The smallest rest point (a block's top) from which the block is whole in sight, above the cue
    // when more follows it; the view never moves back up for it.
    const Block& wanted = m_blocks[block];
    const float room = view_height - (block + 1 < m_blocks.size() ? cue_height : 0.0f);
    const float offset = m_scroll.offset();
    if (wanted.top >= offset - 0.5f && wanted.bottom <= offset + room + 0.5f)
        return true;
    float target = wanted.top;
    for (const Block& candidate : m_blocks) {
        if (candidate.top >= offset && wanted.bottom - candidate.top <= room + 0.5f) {
            target = candidate.top;
            break;
        }
    }
    if (std::fabs(target - offset) < 0.5f)
        return true;  // as near as it gets (a block taller than the view)
    m_scroll.scroll_to(target);
    return false;
}

void CheckInScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    const float send_height = icon_button_height(ui, ui.tr("checkin_send"), width);
    const float block_gap = s.em(0.7f);
    const float cue_height = ui.fonts.bold->FontSize + s.em(0.8f);
    const ImVec2 view_size(width, area.height() - 3 * margin - send_height);

    // What the last frame laid out decides this one's rest points and what is whole in sight (the
    // layout does not depend on either, so it is the same).
    const float content_end = m_blocks.empty() ? 0.0f : m_blocks.back().bottom;
    const bool scrolls = content_end > view_size.y + 0.5f;
    // The last rest point is the first block from which all that follows fits; the content is made
    // tall enough to scroll that far.
    float last_rest = 0.0f;
    std::vector<float> rest_points;
    if (scrolls) {
        for (const Block& block : m_blocks) {
            rest_points.push_back(block.top);
            if (content_end - block.top <= view_size.y + 0.5f) {
                last_rest = block.top;
                break;
            }
        }
    }
    m_scroll.set_rest_points(scrolls ? rest_points : std::vector<float>{});
    // Kept until the block is in sight: it may still grow (a message under the mood faces).
    if (m_bring && (*m_bring >= m_blocks.size() || !scrolls))
        m_bring.reset();
    if (m_bring && !m_scroll.animating() && !m_scroll.pressed() && bring_into_view(*m_bring, view_size.y, cue_height))
        m_bring.reset();

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##checkin", view_size, m_scroll);
    m_view_min = ImGui::GetWindowPos();
    m_view_max = ImVec2(m_view_min.x + view_size.x, m_view_min.y + view_size.y);
    const ImVec2 origin = ImGui::GetCursorScreenPos();  // the content's top, scrolled
    const float offset = m_view_min.y - origin.y;
    const float x = origin.x;
    // Inside the scroll area the scrollbar (always on the right) takes its share.
    const float inner = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);

    // At rest, only whole blocks are drawn (and can be tapped); while a finger drags or the view
    // glides, everything moves together.
    float drawn_top = offset;
    float drawn_bottom = offset + view_size.y;
    m_more_below = false;
    const bool at_rest = !m_scroll.dragging() && !m_scroll.animating();
    if (scrolls && at_rest) {
        m_more_below = content_end > offset + view_size.y + 0.5f;
        const float room_bottom = offset + view_size.y - (m_more_below ? cue_height : 0.0f);
        std::optional<float> first;
        std::optional<float> last;
        for (const Block& block : m_blocks) {
            if (block.top >= offset - 0.5f && block.bottom <= room_bottom + 0.5f) {
                first = first.value_or(block.top);
                last = block.bottom;
            } else if (block.top > offset) {
                m_more_below = true;
            }
        }
        if (first && last) {
            // Half a gap of air either side: ImGui rounds positions above the screen's edge toward
            // zero, so a block may sit a pixel off where the last frame had it.
            drawn_top = std::max(offset, *first - block_gap / 2);
            drawn_bottom = std::min(room_bottom, *last + block_gap / 2);
        }
    }
    m_drawn_min = ImVec2(m_view_min.x, origin.y + drawn_top);
    m_drawn_max = ImVec2(m_view_max.x, std::min(m_view_max.y, origin.y + drawn_bottom));
    ImGui::PushClipRect(m_drawn_min, m_drawn_max, true);

    std::vector<Block> blocks;
    float y = origin.y;
    auto end_block = [&](float top) {
        blocks.push_back(Block{top - origin.y, y - origin.y});
        y += block_gap;
    };
    const float heading_top = y;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    y += paragraph(ui, ui.fonts.heading, m_title, p.text, inner) + s.em(0.1f);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    y += paragraph(ui, ui.fonts.body, ui.tr("checkin_intro"), p.text_muted, inner);
    end_block(heading_top);

    CheckInForm& form = ui.session.checkin;
    auto question = [&](std::string_view key) {
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        y += paragraph(ui, ui.fonts.bold, ui.tr(key), p.text, inner) + s.em(0.3f);
    };
    auto chips = [&](auto& field, const auto& options) {
        FlowRow row(ui, x, x + inner, y, s.em(0.4f));
        for (const auto& [value, key] : options) {
            row.next(chip_width(ui, ui.tr(key)), s.touch_target());
            const std::string id = std::string("##") + key;
            const bool selected = field == value;
            if (chip(ui, id.c_str(), ui.tr(key), selected)) {
                field = selected ? std::nullopt : std::optional(value);  // a second tap clears: all optional
                if (!selected)
                    m_bring = blocks.size() + 1;  // the next question (this one becomes blocks[blocks.size()])
            }
        }
        y = row.bottom();
    };

    float top = y;
    question("checkin_first_time");
    const std::pair<bool, const char*> first[] = {{true, "yes"}, {false, "no"}};
    chips(form.first_visit, first);
    end_block(top);

    top = y;
    question("checkin_how_heard");
    const std::pair<HowHeard, const char*> heard[] = {{HowHeard::kiosk, "heard_kiosk"},
                                                      {HowHeard::friend_or_family, "heard_friend"},
                                                      {HowHeard::healthcare, "heard_healthcare"},
                                                      {HowHeard::social_services, "heard_social"},
                                                      {HowHeard::other, "heard_other"}};
    chips(form.how_heard, heard);
    end_block(top);

    top = y;
    question("checkin_mood");
    {
        const std::pair<Mood, const char*> moods[] = {{Mood::heavy, "mood_heavy"},
                                                      {Mood::low, "mood_low"},
                                                      {Mood::okay, "mood_okay"},
                                                      {Mood::good, "mood_good"}};
        FlowRow row(ui, x, x + inner, y, s.em(0.4f));
        int index = 0;
        for (const auto& [mood, key] : moods) {
            const float face_width = std::max({text_width(ui, ui.fonts.body, ui.tr(key)) + s.em(1.2f), s.em(3.2f),
                                               s.touch_target()});
            row.next(face_width, s.em(2.0f) + ui.fonts.body->FontSize + s.em(1.8f));
            const std::string id = std::string("##") + key;
            const bool selected = form.mood == mood;
            if (face_chip(ui, id.c_str(), ui.tr(key), index++, selected))
                form.mood = selected ? std::nullopt : std::optional(mood);
        }
        y = row.bottom();
    }
    if (!m_message.empty()) {
        y += s.em(0.5f);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        y += paragraph(ui, ui.fonts.bold, m_message, p.danger, inner);
    }
    blocks.push_back(Block{top - origin.y, y - origin.y});
    m_blocks = std::move(blocks);

    // Tall enough to rest with the last whole blocks at the top (the space below stays empty).
    const float padded_end = std::max(y, origin.y + last_rest + view_size.y);
    ImGui::SetCursorScreenPos(ImVec2(x, padded_end));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopClipRect();
    if (m_more_below) {
        more_below_cue(ui, ui.tr("checkin_more"), ImVec2(m_view_min.x, m_drawn_max.y),
                       ImVec2(inner, std::min(cue_height, m_view_max.y - m_drawn_max.y)));
    }
    end_scroll_area(m_scroll);

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.max.y - margin - send_height));
    if (icon_button(ui, "##send", icon::checkin, ui.tr("checkin_send"), ImVec2(width, send_height)))
        send(ui);
}

}  // namespace lotsen::kiosk
