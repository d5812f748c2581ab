// contact_screen.hpp — "I want to be contacted": the least data that works (a first name or
// nickname, and a phone number, an e-mail address or "meet me here at …"), preferred language,
// plain consent. Sealed for the hub before it touches disk (core/outbox).
#pragma once

#include "kiosk/keyboard.hpp"
#include "kiosk/screen.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::kiosk {

/// The fields of the contact form that can be wrong, top to bottom.
enum class ContactField { name, reach, consent };

/// What is wrong with one field: the string key of the message that stands next to it.
struct ContactProblem {
    ContactField field = ContactField::name;
    std::string_view message_key;
    bool operator==(const ContactProblem&) const = default;
};

/// The form's problems in the order the fields appear (empty when it can be sent). Each field is
/// checked on its own by core's validate_contact_request, the one rule for what may be sent, with
/// the other fields filled in by values that pass.
std::vector<ContactProblem> contact_form_problems(const ContactForm& form);

class ContactScreen final : public Screen {
public:
    const char* id() const override { return "contact"; }
    const char* title_key() const override { return "contact_title"; }
    void on_enter(UiContext& ui) override;
    void on_reset() override;
    bool animating() const override { return m_scroll.animating() || m_scroll.pressed(); }
    void prepare_tour(UiContext& ui) override;
    bool offers_read_aloud() const override { return true; }
    std::string read_aloud_text(UiContext& ui) override;

    /// An error message as drawn in the last frame, in screen pixels (for tests).
    struct DrawnProblem {
        ContactField field = ContactField::name;
        ImVec2 min;
        ImVec2 max;
    };
    const std::vector<DrawnProblem>& drawn_problems() const { return m_drawn_problems; }
    /// The form's scroll area in the last frame, in screen pixels (for tests).
    ImVec2 view_min() const { return m_view_min; }
    ImVec2 view_max() const { return m_view_max; }
    const KineticScroll& scroll() const { return m_scroll; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    // Where a field's parts lie in the form, in pixels from the top of the scrolled content.
    struct FieldBox {
        float top = 0.0f;         ///< its label (or the field itself, when it has none of its own)
        float field_top = 0.0f;   ///< the input (text field or consent chip)
        float field_bottom = 0.0f;
        float bottom = 0.0f;      ///< the end of its error message, or of the input
    };

    void draw_organisation_choice(UiContext& ui, const ContentArea& area);
    void draw_form(UiContext& ui, float x, float width, float content_top);
    void send(UiContext& ui);
    void reveal(ContactField field) { m_reveal = field; m_reveal_max = -1.0f; }
    void bring_into_view(float view_height, float scroll_max, float air);
    bool has_problem(ContactField field) const;
    void draw_problem(UiContext& ui, ContactField field, float width, float content_top);

    std::vector<Organisation> m_organisations;
    std::optional<Organisation> m_organisation;
    std::string m_message;
    std::vector<ContactProblem> m_problems;  ///< shown since the last Send, each until its field is right
    std::array<FieldBox, 3> m_boxes{};
    std::optional<ContactField> m_reveal;    ///< a field to bring into view (focused, or first error)
    float m_reveal_max = -1.0f;              ///< the scroll range when the view last moved for it
    TextTarget m_last_typing = TextTarget::none;
    std::vector<DrawnProblem> m_drawn_problems;
    ImVec2 m_view_min;
    ImVec2 m_view_max;
    KeyboardState m_keyboard;
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
