// detail_screen.hpp — one activity: what, when (next occurrences), where, cost, accessibility,
// languages, organiser, "you can just come", and "take it with you" as a calendar QR code.
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
    bool offers_read_aloud() const override { return true; }
    std::string read_aloud_text(UiContext& ui) override;

    /// The calendar event the QR code holds (for tests); empty when there is no next occurrence.
    const std::string& calendar_text() const { return m_calendar; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void draw_info(UiContext& ui, float width);
    void draw_qr(const ImVec2& min, float side);

    std::optional<Activity> m_activity;
    std::optional<Organisation> m_organisation;
    std::vector<Occurrence> m_next;
    std::optional<QrCode> m_qr;
    std::string m_calendar;
    std::string m_loaded_id;
    LanguageCode m_loaded_language;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
