// detail_screen.cpp — facts as short labelled paragraphs in a scroll area with the actions (check in,
// be contacted) under them; the "take it with you" QR code and its caption on a card beside them
// (between them in portrait, where the actions are full-width buttons along the bottom). The way
// there (distance, walk, how to find it, and a directions code) is one of the facts, under "where".
#include "kiosk/screens/detail_screen.hpp"

#include "kiosk/activity_card.hpp"
#include "core/catalogue/freshness.hpp"
#include "core/catalogue/geo.hpp"
#include "kiosk/catalogue_image.hpp"
#include "core/catalogue/ical.hpp"
#include "core/url/directions_link.hpp"
#include "kiosk/screens/checkin_screen.hpp"
#include "kiosk/reply_text.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace lotsen::kiosk {

namespace {
constexpr int k_listed_occurrences = 4;
constexpr int k_lookahead_days = 60;
constexpr int k_quiet_modules = 4;  // the light margin scanners need around a QR code (ISO/IEC 18004)

// Draws `code` with its quiet zone at `min` in whole-pixel modules; returns the origin used.
ImVec2 draw_modules(const QrCode& code, const ImVec2& min, float module_px)
{
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int modules = code.size + 2 * k_quiet_modules;
    const float drawn = module_px * static_cast<float>(modules);
    // Whole-pixel origin and modules: every module edge falls on a pixel edge, so the software
    // renderer draws no blurred seams a scanner would have to guess at.
    const ImVec2 origin(std::round(min.x), std::round(min.y));
    draw->AddRectFilled(origin, ImVec2(origin.x + drawn, origin.y + drawn), IM_COL32_WHITE);
    for (int y = 0; y < code.size; ++y) {
        for (int x = 0; x < code.size; ++x) {
            if (!code.dark(x, y))
                continue;
            const ImVec2 a(origin.x + static_cast<float>(x + k_quiet_modules) * module_px,
                           origin.y + static_cast<float>(y + k_quiet_modules) * module_px);
            draw->AddRectFilled(a, ImVec2(a.x + module_px, a.y + module_px), IM_COL32_BLACK);
        }
    }
    return origin;
}
}  // namespace

void DetailScreen::on_reset()
{
    m_activity.reset();
    m_organisation.reset();
    m_reply_time.clear();
    m_needs.clear();
    m_offers.clear();
    m_checked.clear();
    m_next.clear();
    m_qr.reset();
    m_calendar.clear();
    m_directions_qr.reset();
    m_directions.clear();
    m_way_there_offset = -1.0f;
    m_show_way_there = false;
    m_organiser_offset = -1.0f;
    m_show_organiser = false;
    m_loaded_id.clear();
    m_scroll.set_offset(0.0f);
}

void DetailScreen::prepare_tour(UiContext& ui)
{
    // The next activity near the kiosk, so the tour shows a walking time; any next one otherwise.
    UpcomingQuery query;
    query.from = ui.now;
    query.to = ui.now + 7 * 86400;
    query.near = near_here(ui);
    query.limit = 1;
    if (auto items = ui.store.upcoming(query); items && !items.value().empty())
        ui.session.activity_id = items.value().front().activity_id;
    else
        choose_tour_activity(ui);
}

void DetailScreen::on_enter(UiContext& ui)
{
    m_scroll.set_offset(0.0f);
    m_loaded_id = ui.session.activity_id;
    m_loaded_language = ui.session.language;
    m_activity.reset();
    m_organisation.reset();
    m_reply_time.clear();
    m_needs.clear();
    m_offers.clear();
    m_checked.clear();
    m_next.clear();
    m_qr.reset();
    m_calendar.clear();
    m_directions_qr.reset();
    m_directions.clear();
    auto activity = ui.store.activity(ui.session.activity_id);
    if (!activity || !activity.value())
        return;
    m_activity = std::move(activity).value();
    auto organisation = ui.store.organisation(m_activity->organisation_id);
    if (organisation && organisation.value())
        m_organisation = std::move(organisation).value();
    for (const Occurrence& occurrence : expand(m_activity->schedule, ui.now - 6 * 3600, ui.now + k_lookahead_days * 86400)) {
        if (occurrence.end > ui.now && static_cast<int>(m_next.size()) < k_listed_occurrences)
            m_next.push_back(occurrence);
    }
    if (const std::optional<GeoPoint> there = geo_point(m_activity->place.latitude, m_activity->place.longitude)) {
        m_directions = directions_link(ui.config.directions, there->latitude, there->longitude);
        auto qr = make_qr_code(m_directions);
        if (qr)
            m_directions_qr = std::move(qr).value();
    }
    if (!m_next.empty()) {
        // The description stays on the screen, not in the code: every byte makes the QR modules
        // smaller, and a phone camera must still read them from a step away.
        Activity compact = *m_activity;
        compact.description = LocalizedText{};
        CalendarOrganiser organiser;
        if (m_organisation) {
            organiser.name = ui.text(m_organisation->name);
            organiser.phone = m_organisation->contact.phone;
            organiser.email = m_organisation->contact.email;
        }
        m_calendar = make_vevent(compact, m_next.front(), ui.session.language, organiser, ui.now);
        auto qr = make_qr_code(m_calendar);
        if (qr)
            m_qr = std::move(qr).value();
    }
}

std::string DetailScreen::reply_time_text(UiContext& ui) const
{
    // Only what the hub measured is said here; a declared reply time is the association's promise
    // and stays on the contact screens.
    if (!m_organisation || !m_organisation->accepts_contact_requests || !m_organisation->measured_reply)
        return {};
    return measured_reply_text(ui, *m_organisation->measured_reply);
}

std::string DetailScreen::checked_text(UiContext& ui) const
{
    if (!m_activity || !m_activity->last_checked)
        return {};
    const std::int64_t days = days_since_checked(*m_activity->last_checked, stockholm::to_local(ui.now).date);
    if (days == 0)
        return std::string(ui.tr("detail_checked_today"));
    return ui.strings.format_count(ui.session.language, "detail_checked_days", "days", static_cast<std::uint64_t>(days));
}

std::string DetailScreen::read_aloud_text(UiContext& ui)
{
    if (!m_activity)
        return {};
    const Activity& a = *m_activity;
    std::string text = std::string(ui.text(a.title)) + ".\n";
    if (a.drop_in)
        text += std::string(ui.tr("detail_drop_in")) + "\n";
    text += std::string(ui.text(a.description)) + "\n";
    if (!m_next.empty())
        text += std::string(ui.tr("detail_when")) + ": " + format_occurrence(ui, m_next.front()) + ".\n";
    text += std::string(ui.tr("detail_where")) + ": " + std::string(ui.text(a.place.name)) + ", " + a.place.address +
            ", " + a.place.town + ".\n";
    const std::optional<GeoPoint> there = geo_point(a.place.latitude, a.place.longitude);
    const std::optional<GeoPoint> here = geo_point(ui.config.latitude, ui.config.longitude);
    if (there && here)
        text += format_distance_and_walk(ui.strings, ui.session.language, distance_metres(*here, *there)) + ".\n";
    if (!a.place.how_to_find_us.empty())
        text += std::string(ui.text(a.place.how_to_find_us)) + "\n";
    text += std::string(ui.tr("detail_cost")) + ": " +
            (a.cost.free() ? std::string(ui.tr("free")) : std::to_string(a.cost.sek) + " kr") + ".";
    if (const std::string reply = reply_time_text(ui); !reply.empty())
        text += "\n" + reply;
    if (m_organisation) {
        for (const auto& [key, words] : {std::pair{"detail_needs", &m_organisation->needs},
                                         std::pair{"detail_offers", &m_organisation->offers}}) {
            if (!words->empty())
                text += "\n" + std::string(ui.tr(key)) + ": " + std::string(ui.text(*words));
        }
    }
    if (const std::string checked = checked_text(ui); !checked.empty())
        text += "\n" + checked + ".";
    return text;
}

void DetailScreen::draw_qr(const ImVec2& min, float module_px)
{
    if (!m_qr || module_px < 1.0f)
        return;
    m_qr_placement.min = draw_modules(*m_qr, min, module_px);
    m_qr_placement.module_px = module_px;
    m_qr_placement.modules = m_qr->size + 2 * k_quiet_modules;
}

void DetailScreen::draw_way_there(UiContext& ui, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const Place& place = m_activity->place;
    const std::optional<GeoPoint> there = geo_point(place.latitude, place.longitude);
    const std::optional<GeoPoint> here = geo_point(ui.config.latitude, ui.config.longitude);
    const std::string_view find_us = ui.text(place.how_to_find_us);
    if (!there && find_us.empty())
        return;
    ImGui::Dummy(ImVec2(0, s.em(0.4f)));
    m_way_there_offset = ImGui::GetCursorScreenPos().y - m_info_top + m_scroll.offset();
    text_lines(ui, ui.fonts.bold, ui.tr("detail_way_there"), p.text_muted, width);
    if (there && here)
        paragraph(ui, ui.fonts.body, format_distance_and_walk(ui.strings, ui.session.language, distance_metres(*here, *there)),
                  p.text, width);
    if (!find_us.empty())
        paragraph(ui, ui.fonts.body, find_us, p.text, width);
    if (!m_directions_qr)
        return;
    // The code at the reading start, its caption beside it. A geo: link is short (a version 2 code),
    // so its modules can be large at a small size: at least three pixels, as the calendar code's.
    ImGui::Dummy(ImVec2(0, s.em(0.3f)));
    const int modules = m_directions_qr->size + 2 * k_quiet_modules;
    const float target = std::min(width * 0.4f, s.em(7.0f));
    const float module = std::max(3.0f, std::floor(target / static_cast<float>(modules)));
    const float side = module * static_cast<float>(modules);
    const float gap = s.em(0.6f);
    const float caption_width = std::max(s.em(4.0f), width - side - gap);
    const std::string_view caption = ui.tr("detail_directions");
    const float caption_height = paragraph_height(ui, ui.fonts.body, caption, caption_width);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float qr_x = ui.rtl() ? top.x + width - side : top.x;
    m_directions_placement.min = draw_modules(*m_directions_qr, ImVec2(qr_x, top.y), module);
    m_directions_placement.module_px = module;
    m_directions_placement.modules = modules;
    const float caption_x = ui.rtl() ? top.x : top.x + side + gap;
    ImGui::SetCursorScreenPos(ImVec2(caption_x, top.y + std::max(0.0f, (side - caption_height) / 2)));
    paragraph(ui, ui.fonts.body, caption, p.text, caption_width);
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + std::max(side, caption_height)));
    ImGui::Dummy(ImVec2(0, 0));
}

void DetailScreen::draw_info(UiContext& ui, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const Activity& a = *m_activity;
    paragraph(ui, ui.fonts.heading, ui.text(a.title), p.text, width);
    ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    draw_picture(ui, width);
    if (a.drop_in) {
        paragraph(ui, ui.fonts.bold, ui.tr("detail_drop_in"), p.badge_free, width);
        ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    }
    if (!a.description.empty())
        paragraph(ui, ui.fonts.body, ui.text(a.description), p.text, width);

    auto fact = [&](std::string_view label_key, const std::string& value) {
        if (value.empty())
            return;
        ImGui::Dummy(ImVec2(0, s.em(0.4f)));
        text_lines(ui, ui.fonts.bold, ui.tr(label_key), p.text_muted, width);
        paragraph(ui, ui.fonts.body, value, p.text, width);
    };

    std::string when;
    for (const Occurrence& occurrence : m_next)
        when += (when.empty() ? "" : "\n") + format_occurrence(ui, occurrence);
    fact("detail_when", when.empty() ? std::string(ui.tr("detail_no_dates")) : when);

    std::string where(ui.text(a.place.name));
    where += (where.empty() ? "" : "\n") + a.place.address + ", " + a.place.town;
    fact("detail_where", where);
    draw_way_there(ui, width);

    std::string cost = a.cost.free() ? std::string(ui.tr("free")) : std::to_string(a.cost.sek) + " kr";
    if (!a.cost.note.empty())
        cost += " — " + std::string(ui.text(a.cost.note));
    fact("detail_cost", cost);

    std::string access;
    for (const std::string& feature : a.accessibility)
        access += (access.empty() ? "" : "\n") + std::string(ui.tr("access_" + feature));
    fact("detail_access", access);

    std::string languages;
    for (const LanguageCode& language : a.languages) {
        const std::string_view name = ui.strings.has(language, "language_name") ? ui.strings.get(language, "language_name")
                                                                              : std::string_view(language);
        languages += (languages.empty() ? "" : ", ") + std::string(name);
    }
    fact("detail_languages", languages);

    if (m_organisation) {
        std::string organiser(ui.text(m_organisation->name));
        if (!m_organisation->contact.phone.empty())
            organiser += "\n" + m_organisation->contact.phone;
        if (!m_organisation->contact.email.empty())
            organiser += "\n" + m_organisation->contact.email;
        m_organiser_offset = ImGui::GetCursorScreenPos().y - m_info_top + m_scroll.offset();
        m_reply_time = reply_time_text(ui);
        if (!m_reply_time.empty())
            organiser += "\n" + m_reply_time;
        fact("detail_organiser", organiser);
        // What the association needs and offers (catalogue format 1.5), in its own words, under it.
        m_needs = std::string(ui.text(m_organisation->needs));
        m_offers = std::string(ui.text(m_organisation->offers));
        fact("detail_needs", m_needs);
        fact("detail_offers", m_offers);
    }
    // How fresh the listing is: the association's last check (catalogue format 1.4).
    m_checked = checked_text(ui);
    if (!m_checked.empty()) {
        ImGui::Dummy(ImVec2(0, s.em(0.4f)));
        paragraph(ui, ui.fonts.body, m_checked, p.text_muted, width);
    }
    ImGui::Dummy(ImVec2(0, s.em(1.0f)));
}

void DetailScreen::draw_picture(UiContext& ui, float width)
{
    // The activity's photo, wide; else its organisation's logo, a small square; at the reading start.
    const UiScale& s = ui.scale;
    const ImageRef* image = m_activity->image ? &*m_activity->image
                            : m_organisation && m_organisation->logo ? &*m_organisation->logo
                                                                     : nullptr;
    if (!image)
        return;
    const bool photo = m_activity->image.has_value();
    const float w = photo ? std::min(width, s.em(18.0f)) : std::min(width, s.em(6.0f));
    // The photo's own proportions (from the catalogue), no taller than 11 lines of text.
    const float aspect = image->width > 0 ? static_cast<float>(image->height) / static_cast<float>(image->width) : 0.6f;
    const float h = std::floor(photo ? std::min(w * aspect, s.em(11.0f)) : w);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float x = ui.rtl() ? at.x + width - w : at.x;
    draw_catalogue_image(ui, *image, ImVec2(x, at.y), ImVec2(x + w, at.y + h));
    ImGui::Dummy(ImVec2(width, h + s.em(0.4f)));
}

void DetailScreen::draw_caption(UiContext& ui, const ImVec2& min, float width)
{
    // Body size in the body ink: the caption tells the visitor what the code is for, so it reads like
    // the rest of the screen (not small print).
    ImGui::SetCursorScreenPos(min);
    const float height = paragraph(ui, ui.fonts.body, ui.tr("detail_take_with_you"), ui.palette.text, width);
    m_qr_placement.caption_min = min;
    m_qr_placement.caption_max = ImVec2(min.x + width, min.y + height);
    m_qr_placement.caption_font_px = ui.fonts.body->FontSize;
    m_qr_placement.caption_color = ui.palette.text;
}

bool DetailScreen::actions_side_by_side(UiContext& ui, float width, bool can_checkin, bool can_contact) const
{
    if (!can_checkin || !can_contact || ui.scale.portrait())
        return false;  // portrait: one full-width button a row, under the content
    const float half = (width - ui.scale.em(0.4f)) / 2.0f;
    const float pad = 2.0f * ui.scale.em(0.5f) + ui.fonts.icons->FontSize + ui.scale.em(0.4f);  // and the picture
    return text_width(ui, ui.fonts.bold, ui.tr("detail_checkin")) + pad <= half &&
           text_width(ui, ui.fonts.bold, ui.tr("detail_contact")) + pad <= half;
}

float DetailScreen::action_height(UiContext& ui, float width, bool can_checkin, bool can_contact) const
{
    // As tall as the longer label needs at the width each button gets (larger text wraps them).
    const bool side_by_side = actions_side_by_side(ui, width, can_checkin, can_contact);
    const float each = side_by_side ? (width - ui.scale.em(0.4f)) / 2.0f : width;
    float height = ui.scale.touch_target();
    if (can_checkin)
        height = std::max(height, icon_button_height(ui, ui.tr("detail_checkin"), each));
    if (can_contact)
        height = std::max(height, icon_button_height(ui, ui.tr("detail_contact"), each));
    return height;
}

void DetailScreen::draw_actions(UiContext& ui, const ImVec2& min, float width, bool can_checkin, bool can_contact)
{
    const UiScale& s = ui.scale;
    const float gap = s.em(0.4f);
    const float height = action_height(ui, width, can_checkin, can_contact);
    const bool side_by_side = actions_side_by_side(ui, width, can_checkin, can_contact);
    const float each = side_by_side ? (width - gap) / 2.0f : width;
    // Check in comes first in reading order: at the start side when side by side, on top when stacked.
    ImVec2 at = min;
    if (side_by_side && ui.rtl())
        at.x = min.x + width - each;
    if (can_checkin) {
        ImGui::SetCursorScreenPos(at);
        if (icon_button(ui, "##checkin", icon::checkin, ui.tr("detail_checkin"), ImVec2(each, height))) {
            ui.session.checkin = CheckInForm{};
            ui.nav.navigate("checkin");
        }
        if (side_by_side)
            at.x = ui.rtl() ? min.x : min.x + each + gap;
        else
            at.y += height + gap;
    }
    if (can_contact) {
        ImGui::SetCursorScreenPos(at);
        if (icon_button(ui, "##contact", icon::contact, ui.tr("detail_contact"), ImVec2(each, height), ButtonKind::secondary)) {
            ui.session.contact.organisation_id = m_organisation->id;
            ui.nav.navigate("contact");
        }
    }
}

void DetailScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    if (ui.session.activity_id != m_loaded_id || ui.session.language != m_loaded_language)
        on_enter(ui);
    m_qr_placement = QrPlacement{};
    m_directions_placement = QrPlacement{};
    if (m_show_way_there && m_way_there_offset >= 0.0f) {
        m_scroll.set_offset(m_way_there_offset);
        m_show_way_there = false;
    }
    if (m_show_organiser && m_organiser_offset >= 0.0f) {
        m_scroll.set_offset(m_organiser_offset);
        m_show_organiser = false;
    }
    m_qr_placement.area_min = area.min;
    m_qr_placement.area_max = area.max;
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    const float margin = s.em(0.8f);
    if (!m_activity) {
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
        paragraph(ui, ui.fonts.heading, ui.tr("detail_missing"), p.text, area.width() - 2 * margin);
        return;
    }
    const bool portrait = s.portrait();
    const float gap = s.em(0.4f);
    const float pad = s.em(0.5f);
    const float rounding = s.em(0.4f);
    const bool can_contact = m_organisation && m_organisation->accepts_contact_requests;
    // "I'm here" only around an occurrence: from shortly before it starts until it ends.
    const bool can_checkin = checkin_open(m_next, ui.now);
    const int actions = (can_checkin ? 1 : 0) + (can_contact ? 1 : 0);
    const int qr_modules = m_qr ? m_qr->size + 2 * k_quiet_modules : 0;
    const std::string_view caption = ui.tr("detail_take_with_you");
    ImDrawList* draw = ImGui::GetWindowDrawList();

    if (portrait) {
        // Top to bottom: the facts (scrolling), the take-away card (code at the reading start, its
        // caption beside it), then the actions as full-width buttons along the bottom.
        const float width = area.width() - 2 * margin;
        float bottom = area.max.y - margin;
        if (actions > 0) {
            const float actions_height = static_cast<float>(actions) * action_height(ui, width, can_checkin, can_contact) +
                                         static_cast<float>(actions - 1) * gap;
            bottom -= actions_height;
            draw_actions(ui, ImVec2(area.min.x + margin, bottom), width, can_checkin, can_contact);
            bottom -= s.em(0.8f);
        }
        if (m_qr) {
            // Up to 60 % of the width (the caption needs the rest) and 45 % of the height: at 480×800
            // that is what makes the modules of a typical event three pixels instead of two.
            const float target = std::min(width * 0.6f, area.height() * 0.45f);
            const float module = std::max(1.0f, std::floor(target / static_cast<float>(qr_modules)));
            const float qr_side = module * static_cast<float>(qr_modules);
            const float caption_width = width - qr_side - 2 * pad;
            const float caption_height = paragraph_height(ui, ui.fonts.body, caption, caption_width);
            const float card_height = std::max(qr_side, caption_height + 2 * pad);
            const ImVec2 card_min(area.min.x + margin, bottom - card_height);
            draw->AddRectFilled(card_min, ImVec2(card_min.x + width, bottom), p.surface, rounding);
            m_qr_placement.card_min = card_min;
            m_qr_placement.card_max = ImVec2(card_min.x + width, bottom);
            const float qr_x = ui.rtl() ? card_min.x + width - qr_side : card_min.x;
            draw_qr(ImVec2(qr_x, card_min.y + (card_height - qr_side) / 2), module);
            const float caption_x = ui.rtl() ? card_min.x + pad : card_min.x + qr_side + pad;
            draw_caption(ui, ImVec2(caption_x, std::round(card_min.y + (card_height - caption_height) / 2)), caption_width);
            bottom = card_min.y - gap;
        }
        const ImVec2 info_min(area.min.x + margin, area.min.y + margin);
        const ImVec2 info_size(width, std::max(0.0f, bottom - info_min.y));
        ImGui::SetCursorScreenPos(info_min);
        m_info_top = info_min.y;
        begin_scroll_area(ui, "##detail", info_size, m_scroll);
        draw_info(ui, info_size.x - ImGui::GetStyle().ScrollbarSize - s.em(0.3f));
        end_scroll_area(m_scroll);
        return;
    }

    // Landscape: the facts with the actions under them; beside them (at the reading end) the
    // take-away card, the code as large as the column allows and its caption below it.
    // The column is as wide as a comfortable caption, or as the code at whole-pixel modules if that
    // is wider: at 800×480 one pixel more a module is a third larger code, so the column may take
    // up to 40 % of the width for it.
    float side_width = 0.0f;
    float module = 0.0f;
    float caption_height = 0.0f;
    if (m_qr) {
        const float caption_column = std::min(area.width() * 0.34f, s.em(16.0f));
        const float caption_height_there = paragraph_height(ui, ui.fonts.body, caption, caption_column - 2 * pad);
        // Vertically the card needs only a small gap above and below (it is centred): at 800×480 the
        // margin saved there is what lets a Tigrinya caption of three lines keep three-pixel modules.
        const float room = std::min(area.width() * 0.4f, area.height() - 2 * gap - caption_height_there - gap - pad);
        module = std::max(1.0f, std::floor(room / static_cast<float>(qr_modules)));
        side_width = std::max(caption_column, module * static_cast<float>(qr_modules));
        caption_height = paragraph_height(ui, ui.fonts.body, caption, side_width - 2 * pad);
    }
    const float info_width = area.width() - 2 * margin - (m_qr ? side_width + margin : 0.0f);
    const float info_x = ui.rtl() && m_qr ? area.min.x + 2 * margin + side_width : area.min.x + margin;
    float info_bottom = area.max.y;
    if (actions > 0) {
        const bool side_by_side = actions_side_by_side(ui, info_width, can_checkin, can_contact);
        const int rows = side_by_side ? 1 : actions;
        const float actions_height = static_cast<float>(rows) * action_height(ui, info_width, can_checkin, can_contact) +
                                     static_cast<float>(rows - 1) * gap;
        const float actions_y = area.max.y - margin - actions_height;
        draw_actions(ui, ImVec2(info_x, actions_y), info_width, can_checkin, can_contact);
        info_bottom = actions_y - gap;
    }
    if (m_qr) {
        const float side_x = ui.rtl() ? area.min.x + margin : area.max.x - margin - side_width;
        const float caption_width = side_width - 2 * pad;
        const float qr_side = module * static_cast<float>(qr_modules);
        // The gap keeps the caption's marks (Arabic reaches above its line) out of the quiet zone.
        const float card_height = qr_side + gap + caption_height + pad;
        // The card stands in the middle of its column, so a code without actions looks placed, not left over.
        const ImVec2 card_min(side_x, std::round(area.min.y + (area.height() - card_height) / 2));
        draw->AddRectFilled(card_min, ImVec2(side_x + side_width, card_min.y + card_height), p.surface, rounding);
        m_qr_placement.card_min = card_min;
        m_qr_placement.card_max = ImVec2(side_x + side_width, card_min.y + card_height);
        draw_qr(ImVec2(side_x + (side_width - qr_side) / 2, card_min.y), module);
        draw_caption(ui, ImVec2(side_x + pad, card_min.y + qr_side + gap), caption_width);
    }
    const ImVec2 info_min(info_x, area.min.y + margin);
    const ImVec2 info_size(info_width, std::max(0.0f, info_bottom - info_min.y));
    ImGui::SetCursorScreenPos(info_min);
    m_info_top = info_min.y;
    begin_scroll_area(ui, "##detail", info_size, m_scroll);
    draw_info(ui, info_size.x - ImGui::GetStyle().ScrollbarSize - s.em(0.3f));
    end_scroll_area(m_scroll);
}

}  // namespace lotsen::kiosk
