// activity_card.cpp — the activity card and the list of them, mirrored for right-to-left languages.
// A card's layout (its wording, distance and measured lines) is worked out once and kept in the
// list's CardLayouts; a frame that scrolls only positions and draws.
#include "kiosk/activity_card.hpp"

#include "kiosk/catalogue_image.hpp"
#include "kiosk/widgets.hpp"

#include "core/catalogue/geo.hpp"
#include "core/catalogue/occurrence_wording.hpp"

#include <algorithm>

namespace lotsen::kiosk {

std::string format_occurrence(const UiContext& ui, const Occurrence& occurrence)
{
    return describe_occurrence(ui.strings, ui.session.language, occurrence, ui.now);
}

Nearby near_here(const UiContext& ui)
{
    return Nearby{geo_point(ui.config.latitude, ui.config.longitude), ui.config.town, ui.config.near_km * 1000.0};
}

std::string distance_text(const KioskConfig& config, const StringTables& strings, std::string_view language,
                          const ActivityListItem& item)
{
    const std::optional<GeoPoint> here = geo_point(config.latitude, config.longitude);
    if (!here || !item.position)
        return {};
    // As the crow flies (haversine on the Earth's mean sphere, geo.hpp), and the walk estimated from
    // it ("about 17 min walk", within an hour's walk): the kiosk cannot know the way, so both are a
    // rough size, not a route.
    return format_distance_and_walk(strings, language, distance_metres(*here, *item.position));
}

namespace {

// The card's place line, "1,2 km · ca 15 min promenad · Stadsbiblioteket, Halmstad": the distance
// first, so it stays at the reading start however the place's name wraps. Built to break well at
// any width and in either direction: a "·" goes to the next line with the part it introduces (a line
// never ends in one), and each part — the distance, the walk, the place's name — is kept whole by
// no-break spaces when it fits on a line, so a Swedish name is not split in an Arabic line.
std::string place_line(const UiContext& ui, const ActivityListItem& item, float width)
{
    constexpr std::string_view no_break = "\u00A0";
    constexpr std::string_view separator = " \u00B7\u00A0";  // " · ", breakable only before the dot
    auto whole = [&](std::string_view part) {
        std::string text(part);
        if (text_width(ui, ui.fonts.body, "\u00B7 " + text) > width)
            return text;  // wider than a line anyway: it may break at its spaces
        for (std::size_t at = text.find(' '); at != std::string::npos; at = text.find(' ', at))
            text.replace(at, 1, no_break);
        return text;
    };
    std::vector<std::string> parts;
    const std::optional<GeoPoint> here = geo_point(ui.config.latitude, ui.config.longitude);
    if (here && item.position) {
        // As distance_text says: as the crow flies, the walk a rough size, not a route.
        const double metres = distance_metres(*here, *item.position);
        parts.push_back(whole(format_distance(ui.strings, ui.session.language, metres)));
        if (const std::optional<int> minutes = walking_minutes(metres))
            parts.push_back(whole(format_walk(ui.strings, ui.session.language, *minutes)));
    }
    const std::string_view place = ui.text(item.place_name);
    std::string where = place.empty() ? std::string(item.town) : whole(place) + ", " + item.town;
    if (!where.empty())
        parts.push_back(std::move(where));
    std::string line;
    for (const std::string& part : parts)
        line += (line.empty() ? "" : std::string(separator)) + part;
    return line;
}

float badge_width(const UiContext& ui, std::string_view label)
{
    return text_width(ui, ui.fonts.small, label) + ui.scale.em(0.8f);
}

float badge_height(const UiContext& ui) { return ui.fonts.small->FontSize + ui.scale.em(0.3f); }

// Height of a paragraph drawn where one line used to be: one line takes the font size, each further
// line the paragraph's line height.
float lines_height(const UiContext& ui, ImFont* font, std::string_view text, float width)
{
    const float paragraph = paragraph_height(ui, font, text, width);
    return paragraph - font->FontSize * 0.25f;
}

CardLayout card_layout(const UiContext& ui, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    CardLayout layout;
    layout.pad = s.em(0.7f);
    layout.inner = width - 2 * layout.pad;
    if (item.free)
        layout.badges.emplace_back(ui.tr("free"), p.badge_free);
    if (item.drop_in)
        layout.badges.emplace_back(ui.tr("drop_in"), p.accent);
    if (item.accessible)
        layout.badges.emplace_back(ui.tr("accessible"), p.accent);
    float badges_width = 0.0f;
    for (const auto& [label, fill] : layout.badges)
        badges_width += badge_width(ui, label) + s.em(0.3f);

    float y = layout.pad;
    if (item.occurrence) {
        layout.when = format_occurrence(ui, *item.occurrence);
        layout.running = item.occurrence->start <= ui.now && ui.now < item.occurrence->end;
        layout.dot = ui.fonts.bold->FontSize * 0.5f;
        // Badges sit along the time's line, at its reading end, when all of them fit in the card's
        // far half without reaching the time.
        const float dot_room = layout.running ? layout.dot + s.em(0.4f) : 0.0f;
        const float time_width = text_width(ui, ui.fonts.bold, layout.when) + dot_room;
        layout.badges_beside_time = !layout.badges.empty() && badges_width <= width * 0.5f - layout.pad &&
                                    time_width + s.em(0.6f) + badges_width <= layout.inner;
        // "Starts in 20 minutes · 10:00–11:30" is long in some languages: at larger text it wraps.
        y += lines_height(ui, ui.fonts.bold, layout.when, layout.inner - dot_room) + s.em(0.2f);
    }
    layout.title_top = y;
    y += lines_height(ui, ui.fonts.bold, ui.text(item.title), layout.inner) + s.em(0.2f);
    layout.where = place_line(ui, item, layout.inner);
    layout.where_top = y;
    y += lines_height(ui, ui.fonts.body, layout.where, layout.inner);
    if (!layout.badges.empty() && !layout.badges_beside_time) {
        // A row (or more) of its own: measured as FlowRow will lay it out.
        y += s.em(0.4f);
        layout.badges_top = y;
        float used = 0.0f;
        int rows = 1;
        for (const auto& [label, fill] : layout.badges) {
            const float w = badge_width(ui, label);
            if (used > 0.0f && used + w > layout.inner) {
                rows++;
                used = 0.0f;
            }
            used += w + s.em(0.3f);
        }
        y += static_cast<float>(rows) * badge_height(ui) + static_cast<float>(rows - 1) * s.em(0.3f);
    }
    // The card keeps its usual height when everything fits on its lines.
    const float usual = ui.fonts.bold->FontSize + ui.fonts.body->FontSize + ui.fonts.small->FontSize + s.em(2.0f);
    layout.height = std::max({y + layout.pad, usual, s.touch_target()});
    return layout;
}

void draw_badge(UiContext& ui, std::string_view label, ImU32 fill, const ImVec2& at)
{
    const UiScale& s = ui.scale;
    const float w = badge_width(ui, label);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + w, at.y + badge_height(ui)), fill, s.em(0.3f));
    ImGui::SetCursorScreenPos(ImVec2(at.x + s.em(0.4f), at.y + s.em(0.15f)));
    text_line(ui, ui.fonts.small, label, ui.palette.on_badge, w - s.em(0.8f) + 1.0f);
}

}  // namespace

CardLayouts::Kept& CardLayouts::kept(const UiContext& ui, std::size_t index, const ActivityListItem& item)
{
    // What every card's layout depends on besides its item: all kept ones go when any changes.
    const void* faces = ui.fonts.layouts.get();
    const float em = ui.scale.em(1.0f);
    if (ui.session.language != m_language || faces != m_faces || &ui.palette != m_palette || em != m_em) {
        m_cards.clear();
        m_language = ui.session.language;
        m_faces = faces;
        m_palette = &ui.palette;
        m_em = em;
    }
    if (m_cards.size() <= index)
        m_cards.resize(index + 1);
    Kept& card = m_cards[index];
    const UnixSeconds start = item.occurrence ? item.occurrence->start : 0;
    const UnixSeconds end = item.occurrence ? item.occurrence->end : 0;
    const bool whole_minutes = start % 60 == 0 && end % 60 == 0;
    const bool same_time = whole_minutes ? card.made_at / 60 == ui.now / 60 : card.made_at == ui.now;
    if (card.activity_id != item.activity_id || card.start != start || card.end != end || !same_time) {
        card = Kept{};
        card.activity_id = item.activity_id;
        card.start = start;
        card.end = end;
        card.made_at = ui.now;
    }
    return card;
}

const CardLayout& CardLayouts::get(const UiContext& ui, std::size_t index, const ActivityListItem& item, float width)
{
    Kept& card = kept(ui, index, item);
    if (!card.has_layout || card.width != width) {
        card.layout = card_layout(ui, item, width);
        card.width = width;
        card.has_layout = true;
        ++m_made;
    }
    return card.layout;
}

Date CardLayouts::day(const UiContext& ui, std::size_t index, const ActivityListItem& item)
{
    Kept& card = kept(ui, index, item);
    if (!card.has_day && item.occurrence) {
        card.day = listing_day(*item.occurrence, ui.now);
        card.has_day = true;
    }
    return card.day;
}

bool activity_card(UiContext& ui, CardLayouts& cards, std::size_t index, const ActivityListItem& item, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    // A picture takes a square at the card's reading end; the text is laid out in what is left.
    const float picture = item.image ? card_image_side(ui) : 0.0f;
    const float picture_room = item.image ? picture + s.em(0.7f) : 0.0f;
    const CardLayout& layout = cards.get(ui, index, item, width - picture_room);
    const float height = std::max(layout.height, picture + 2 * layout.pad);
    const ImVec2 card_min = ImGui::GetCursorScreenPos();
    const ImVec2 card_max(card_min.x + width, card_min.y + height);
    // The text's part of the card: every position below is measured from it.
    const ImVec2 min(card_min.x + (ui.rtl() ? picture_room : 0.0f), card_min.y);
    const ImVec2 max(card_max.x - (ui.rtl() ? 0.0f : picture_room), card_max.y);
    // An activity is on several lines (one per occurrence): its id alone would clash.
    ImGui::PushID(item.activity_id.c_str());
    ImGui::PushID(item.occurrence ? static_cast<int>(item.occurrence->start / 60) : 0);
    ImGui::SetCursorScreenPos(card_min);
    const bool tapped = ImGui::InvisibleButton("card", ImVec2(width, height));
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    ImGui::PopID();
    note_target(ui, "card:" + item.activity_id, card_min, ImVec2(width, height));
    if (!ImGui::IsRectVisible(card_min, card_max)) {
        // Scrolled out of sight: it takes its room, and nothing is laid out or drawn.
        ImGui::SetCursorScreenPos(ImVec2(card_min.x, card_max.y + s.em(0.4f)));
        ImGui::Dummy(ImVec2(0, 0));
        return tapped;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(card_min, card_max, held ? p.surface_pressed : p.surface, s.em(0.4f));
    if (item.image) {
        const float px = ui.rtl() ? card_min.x + layout.pad : card_max.x - layout.pad - picture;
        const float py = card_min.y + layout.pad;
        draw_catalogue_image(ui, *item.image, ImVec2(px, py), ImVec2(px + picture, py + picture));
    }

    const float x = min.x + layout.pad;
    if (item.occurrence) {
        float when_x = x;
        float when_width = layout.inner;
        if (layout.running) {
            // On now: a filled dot at the reading start, beside "Pågår nu".
            const float dot = layout.dot;
            const float dot_x = ui.rtl() ? x + layout.inner - dot : x;
            draw->AddCircleFilled(ImVec2(dot_x + dot / 2, min.y + layout.pad + ui.fonts.bold->FontSize * 0.55f), dot / 2,
                                  p.danger);
            when_width -= dot + s.em(0.4f);
            if (!ui.rtl())
                when_x += dot + s.em(0.4f);
        }
        ImGui::SetCursorScreenPos(ImVec2(when_x, min.y + layout.pad));
        paragraph(ui, ui.fonts.bold, layout.when, p.accent, when_width);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + layout.title_top));
    paragraph(ui, ui.fonts.bold, ui.text(item.title), p.text, layout.inner);
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + layout.where_top));
    paragraph(ui, ui.fonts.body, layout.where, p.text_muted, layout.inner);

    if (layout.badges_beside_time) {
        // Along the top line's reading end.
        float edge = ui.rtl() ? min.x + layout.pad : max.x - layout.pad;
        for (const auto& [label, fill] : layout.badges) {
            const float w = badge_width(ui, label);
            const float bx = ui.rtl() ? edge : edge - w;
            draw_badge(ui, label, fill, ImVec2(bx, min.y + layout.pad));
            edge = ui.rtl() ? bx + w + s.em(0.3f) : bx - s.em(0.3f);
        }
    } else if (!layout.badges.empty()) {
        FlowRow row(ui, x, x + layout.inner, min.y + layout.badges_top, s.em(0.3f));
        for (const auto& [label, fill] : layout.badges) {
            row.next(badge_width(ui, label), badge_height(ui));
            draw_badge(ui, label, fill, ImGui::GetCursorScreenPos());
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(card_min.x, card_max.y + s.em(0.4f)));
    ImGui::Dummy(ImVec2(0, 0));
    return tapped;
}

const ActivityListItem* activity_list(UiContext& ui, const char* id, const std::vector<ActivityListItem>& items,
                                      CardLayouts& cards, const ImVec2& size, KineticScroll& scroll,
                                      std::vector<DayHeaderPlace>* day_headers)
{
    const ActivityListItem* tapped = nullptr;
    if (day_headers)
        day_headers->clear();
    begin_scroll_area(ui, id, size, scroll);
    // ImGui draws the scroll bar on the right in both directions: the cards leave it a gap there,
    // in right-to-left too (where mirroring the gap to the left made them touch it).
    const float width = size.x - ImGui::GetStyle().ScrollbarSize - ui.scale.em(0.4f);
    const float x = ImGui::GetCursorScreenPos().x;
    std::optional<Date> day;
    for (std::size_t index = 0; index < items.size(); ++index) {
        const ActivityListItem& item = items[index];
        if (day_headers && item.occurrence) {
            const Date item_day = cards.day(ui, index, item);
            if (item_day != day) {
                const float top = ImGui::GetCursorScreenPos().y + (day ? ui.scale.em(0.3f) : 0.0f);
                day_headers->push_back(DayHeaderPlace{item_day, top, top + ui.fonts.heading->FontSize});
                ImGui::SetCursorScreenPos(ImVec2(x, top));
                text_line(ui, ui.fonts.heading, day_label(ui.strings, ui.session.language, item_day, ui.now),
                          ui.palette.text, width);
                ImGui::SetCursorScreenPos(ImVec2(x, top + ui.fonts.heading->FontSize + ui.scale.em(0.3f)));
                day = item_day;
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        if (activity_card(ui, cards, index, item, width))
            tapped = &item;
    }
    end_scroll_area(scroll);
    return tapped;
}

void choose_tour_activity(UiContext& ui)
{
    for (int days : {1, 7, 30}) {
        UpcomingQuery query;
        query.from = ui.now;
        query.to = ui.now + days * 86400;
        query.limit = 1;
        auto items = ui.store.upcoming(query);
        if (items && !items.value().empty()) {
            ui.session.activity_id = items.value().front().activity_id;
            return;
        }
    }
}

}  // namespace lotsen::kiosk
