// detail_screen.hpp — one activity: what, when (next occurrences), where and the way there (distance,
// walking time, how to find it, a directions QR code), cost, accessibility, languages, organiser (with
// the reply time the hub measured, and what it needs and offers), "you can just come", and "take it with you" as a calendar QR code.
#pragma once

#include "core/qr/qr_code.hpp"
#include "kiosk/screen.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::kiosk {

class DetailScreen final : public Screen {
public:
    const char* id() const override { return "detail"; }
    const char* title_key() const override { return "detail_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;
    void show_tour_part(std::string_view part) override
    {
        m_show_way_there = part == "way";
        m_show_organiser = part == "organiser";
    }
    bool offers_read_aloud() const override { return true; }
    std::string read_aloud_text(UiContext& ui) override;

    /// The reply time the last frame showed under the organiser (for tests): the hub's measured one,
    /// for an association that takes contact requests; empty otherwise.
    const std::string& reply_time_shown() const { return m_reply_time; }

    /// The organiser's "we need" and "we offer" as the last frame showed them, in the visitor's language
    /// (for tests); empty when the organisation says nothing.
    const std::string& needs_shown() const { return m_needs; }
    const std::string& offers_shown() const { return m_offers; }

    /// "Checked by the association N days ago" as the last frame showed it (for tests); empty when the
    /// listing carries no last-checked date.
    const std::string& checked_shown() const { return m_checked; }

    /// The calendar event the QR code holds (for tests); empty when there is no next occurrence.
    const std::string& calendar_text() const { return m_calendar; }

    /// Where the last frame drew the take-away code and its caption (for tests); module_px is 0
    /// when no code was drawn.
    struct QrPlacement {
        ImVec2 min;             ///< top left of the light square, quiet zone included
        float module_px = 0.0f; ///< side of one module: whole pixels
        int modules = 0;        ///< modules per side, quiet zone included
        ImVec2 caption_min;
        ImVec2 caption_max;
        float caption_font_px = 0.0f;
        ImU32 caption_color = 0;
        ImVec2 card_min;        ///< the surface card holding code and caption
        ImVec2 card_max;
        ImVec2 area_min;        ///< the screen's content area
        ImVec2 area_max;
    };
    const QrPlacement& qr_placement() const { return m_qr_placement; }

    /// The directions link the second code holds ([kiosk] directions); empty when the place has no position.
    const std::string& directions_text() const { return m_directions; }
    /// Where the last frame drew the directions code (module_px 0: not drawn); the caption fields are unused.
    const QrPlacement& directions_placement() const { return m_directions_placement; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    /// The organiser's reply time as detail says it: the hub's measured one, for an association that
    /// takes contact requests; empty otherwise (the declared one stays on the contact screens).
    std::string reply_time_text(UiContext& ui) const;
    /// "Checked by the association N days ago" in the visitor's language (plural forms); empty
    /// without a last-checked date.
    std::string checked_text(UiContext& ui) const;
    void draw_info(UiContext& ui, float width);
    void draw_picture(UiContext& ui, float width);
    void draw_way_there(UiContext& ui, float width);
    void draw_qr(const ImVec2& min, float module_px);
    void draw_caption(UiContext& ui, const ImVec2& min, float width);
    bool actions_side_by_side(UiContext& ui, float width, bool can_checkin, bool can_contact) const;
    /// Height of each action button in `width`: a touch target, or more when a label wraps.
    float action_height(UiContext& ui, float width, bool can_checkin, bool can_contact) const;
    void draw_actions(UiContext& ui, const ImVec2& min, float width, bool can_checkin, bool can_contact);

    std::optional<Activity> m_activity;
    std::string m_checked;
    std::optional<Organisation> m_organisation;
    std::vector<Occurrence> m_next;
    std::optional<QrCode> m_qr;
    std::string m_calendar;
    std::string m_reply_time;  ///< what the last frame said under the organiser
    std::string m_needs;       ///< the organiser's "we need" as the last frame showed it
    std::string m_offers;      ///< the organiser's "we offer" as the last frame showed it
    QrPlacement m_qr_placement;
    std::optional<QrCode> m_directions_qr;
    std::string m_directions;
    QrPlacement m_directions_placement;
    float m_info_top = 0.0f;           ///< screen y of the facts' scroll area in the last frame
    float m_way_there_offset = -1.0f;  ///< scroll offset that puts "the way there" at the top; -1: none
    bool m_show_way_there = false;     ///< scroll there in the next frame (the tour)
    float m_organiser_offset = -1.0f;  ///< scroll offset that puts the organiser at the top; -1: none
    bool m_show_organiser = false;     ///< scroll there in the next frame (the tour)
    std::string m_loaded_id;
    LanguageCode m_loaded_language;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
