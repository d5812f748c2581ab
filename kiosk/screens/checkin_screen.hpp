// checkin_screen.hpp — anonymous check-in at an activity: optional "first time?", "how did you
// hear of it?" and a four-face mood. No identifiers are asked for or stored.
#pragma once

#include "core/catalogue/schedule.hpp"
#include "kiosk/screen.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::kiosk {

/// How long before an occurrence starts "I'm here – check in" is offered: people come early to
/// find the room and have a coffee, and half an hour does not reach back into the last session.
constexpr UnixSeconds k_checkin_opens_before = 30 * 60;

/// True when one of `occurrences` is under way at `now` or starts within k_checkin_opens_before:
/// only then does the detail screen offer a check-in.
bool checkin_open(const std::vector<Occurrence>& occurrences, UnixSeconds now);

class CheckInScreen final : public Screen {
public:
    const char* id() const override { return "checkin"; }
    const char* title_key() const override { return "checkin_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;

    /// One part of the form that is shown whole or not at all when the view is at rest: the heading,
    /// or one question with its answers. Pixels from the top of the scrolled content.
    struct Block {
        float top = 0.0f;
        float bottom = 0.0f;
    };
    /// What the last frame laid out and drew (for tests): the blocks, the scroll area, the part of it
    /// drawn into (at rest, whole blocks only), and whether the "more below" cue was shown.
    const std::vector<Block>& blocks() const { return m_blocks; }
    ImVec2 view_min() const { return m_view_min; }
    ImVec2 view_max() const { return m_view_max; }
    ImVec2 drawn_min() const { return m_drawn_min; }
    ImVec2 drawn_max() const { return m_drawn_max; }
    bool more_below() const { return m_more_below; }
    const KineticScroll& scroll() const { return m_scroll; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    void send(UiContext& ui);
    /// Starts the view toward `block`; true when it is in sight (or as near as it can get).
    bool bring_into_view(std::size_t block, float view_height, float cue_height);

    std::string m_title;
    std::string m_message;
    std::vector<Block> m_blocks;               ///< as laid out in the last frame
    std::optional<std::size_t> m_bring;        ///< a block to bring into view (the next question)
    ImVec2 m_view_min;
    ImVec2 m_view_max;
    ImVec2 m_drawn_min;
    ImVec2 m_drawn_max;
    bool m_more_below = false;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
