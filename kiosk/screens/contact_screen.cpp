// contact_screen.cpp — first "who should contact you" (when no activity chose it), then the form.
// The name and the way to reach the visitor leave the session as soon as they are stored. The field
// being typed into is brought into view above the keyboard; after Send, each problem is said right
// below its field and the view moves to the first one.
#include "kiosk/screens/contact_screen.hpp"

#include "core/outbox/outbox.hpp"
#include "kiosk/visitor_outbox.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

namespace {
constexpr std::size_t k_max_name_bytes = 60;
constexpr std::size_t k_max_reach_bytes = 200;

std::size_t index_of(ContactField field)
{
    return static_cast<std::size_t>(field);
}

const char* reach_problem_key(ContactChannel channel)
{
    switch (channel) {
    case ContactChannel::phone:
        return "contact_error_phone";
    case ContactChannel::email:
        return "contact_error_email";
    case ContactChannel::meet_here:
        return "contact_error_meet";
    }
    return "contact_error_meet";
}
}  // namespace

std::vector<ContactProblem> contact_form_problems(const ContactForm& form)
{
    // Stand-ins that pass, so that each check below fails for its own field only.
    ContactRequest passing;
    passing.organisation_id = "x";
    passing.name = "x";
    passing.channel = ContactChannel::meet_here;
    passing.reach = "x";
    passing.preferred_language = "sv";
    passing.consent = true;

    std::vector<ContactProblem> problems;
    ContactRequest name = passing;
    name.name = form.name;
    if (!validate_contact_request(name))
        problems.push_back({ContactField::name, "contact_error_name"});
    ContactRequest reach = passing;
    reach.channel = form.channel;
    reach.reach = form.reach;
    if (!validate_contact_request(reach))
        problems.push_back({ContactField::reach, reach_problem_key(form.channel)});
    if (!form.consent)
        problems.push_back({ContactField::consent, "contact_error_consent"});
    return problems;
}

void ContactScreen::on_enter(UiContext& ui)
{
    m_message.clear();
    m_problems.clear();
    m_reveal.reset();
    m_last_typing = ui.session.typing;
    m_scroll.set_offset(0.0f);
    m_organisation.reset();
    auto organisations = ui.store.contact_organisations(ui.config.town);
    m_organisations = organisations ? std::move(organisations).value() : std::vector<Organisation>{};
    for (const Organisation& organisation : m_organisations) {
        if (organisation.id == ui.session.contact.organisation_id)
            m_organisation = organisation;
    }
    if (ui.session.contact.preferred_language.empty())
        ui.session.contact.preferred_language = ui.session.language;
}

void ContactScreen::on_reset()
{
    m_organisation.reset();
    m_message.clear();
    m_problems.clear();
    m_reveal.reset();
    m_last_typing = TextTarget::none;
    m_keyboard = KeyboardState{};
    m_scroll.set_offset(0.0f);
}

void ContactScreen::prepare_tour(UiContext& ui)
{
    auto organisations = ui.store.contact_organisations(ui.config.town);
    if (organisations && !organisations.value().empty())
        ui.session.contact.organisation_id = organisations.value().front().id;
    ui.session.contact.name = "Sam";
    ui.session.contact.channel = ContactChannel::phone;
    ui.session.contact.reach = "070-000 00 00";
    ui.session.typing = TextTarget::none;
}

std::string ContactScreen::read_aloud_text(UiContext& ui)
{
    if (!m_organisation)
        return std::string(ui.tr("contact_choose"));
    auto fill = [&](std::string_view key) {
        std::string text(ui.tr(key));
        if (const std::size_t at = text.find("{organisation}"); at != std::string::npos)
            text.replace(at, 14, ui.text(m_organisation->name));
        return text;
    };
    return fill("contact_intro") + "\n" + fill("contact_consent");
}

void ContactScreen::send(UiContext& ui)
{
    if (!ui.outbox.available()) {
        m_message = std::string(ui.tr("send_unavailable"));
        reveal(ContactField::consent);
        return;
    }
    ContactForm& form = ui.session.contact;
    m_message.clear();
    m_problems = contact_form_problems(form);
    if (!m_problems.empty()) {
        reveal(m_problems.front().field);
        return;
    }
    ContactRequest request;
    request.organisation_id = form.organisation_id;
    request.activity_id = ui.session.activity_id;
    request.name = form.name;
    request.channel = form.channel;
    request.reach = form.reach;
    request.preferred_language = form.preferred_language.empty() ? ui.session.language : form.preferred_language;
    request.consent = form.consent;
    auto receipt = ui.outbox.record_contact_request(request, ui.now);
    if (!receipt) {
        // What the visitor entered passed: what is left is the kiosk's (a missing key, a full disk).
        m_message = std::string(ui.tr(ui.config.hub_public_key ? "send_failed" : "send_unavailable"));
        reveal(ContactField::consent);
        return;
    }
    // Sealed and stored: the plaintext has no reason to stay in memory.
    form = ContactForm{};
    ui.session.typing = TextTarget::none;
    ui.session.receipt_code = receipt.value().code;
    ui.session.receipt_reply_days = m_organisation ? m_organisation->reply_days : 0;
    ui.session.receipt_measured_reply = m_organisation ? m_organisation->measured_reply : std::nullopt;
    ui.nav.navigate("thanks");
}

bool ContactScreen::has_problem(ContactField field) const
{
    return std::any_of(m_problems.begin(), m_problems.end(), [&](const ContactProblem& p) { return p.field == field; });
}

void ContactScreen::draw_problem(UiContext& ui, ContactField field, float width, float content_top)
{
    for (const ContactProblem& problem : m_problems) {
        if (problem.field != field)
            continue;
        const ImVec2 at(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + ui.scale.em(0.2f));
        ImGui::SetCursorScreenPos(at);
        const float height = field_error(ui, ui.tr(problem.message_key), width);
        m_drawn_problems.push_back({field, at, ImVec2(at.x + width, at.y + height)});
        m_boxes[index_of(field)].bottom = at.y + height - content_top;
    }
}

void ContactScreen::draw_organisation_choice(UiContext& ui, const ContentArea& area)
{
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    const float width = area.width() - 2 * margin;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    paragraph(ui, ui.fonts.body, ui.tr("contact_choose"), ui.palette.text, width);
    const float top = ImGui::GetCursorScreenPos().y + s.em(0.3f);
    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, top));
    begin_scroll_area(ui, "##organisations", ImVec2(width, area.max.y - margin - top), m_scroll);
    const float x = ImGui::GetCursorScreenPos().x;
    const float button_width = width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f);
    for (const Organisation& organisation : m_organisations) {
        ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? x + width - button_width : x, ImGui::GetCursorScreenPos().y));
        const std::string id = "##org-" + organisation.id;
        const std::string label = std::string(ui.text(organisation.name)) + " · " + organisation.municipality;
        if (button(ui, id.c_str(), label, ImVec2(button_width, button_height(ui, label, button_width, ui.fonts.body)),
                   ButtonKind::secondary, ui.fonts.body)) {
            ui.session.contact.organisation_id = organisation.id;
            m_organisation = organisation;
            m_scroll.set_offset(0.0f);
        }
        ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    }
    end_scroll_area(m_scroll);
}

void ContactScreen::draw_form(UiContext& ui, float x, float width, float content_top)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    ContactForm& form = ui.session.contact;
    // A problem goes away as soon as its field is right; a field changed into another wrong value
    // gets that value's message (another channel, another hint).
    if (!m_problems.empty()) {
        std::vector<ContactProblem> still;
        for (const ContactProblem& now : contact_form_problems(form)) {
            if (has_problem(now.field))
                still.push_back(now);
        }
        m_problems = std::move(still);
    }
    m_drawn_problems.clear();
    auto content_y = [&] { return ImGui::GetCursorScreenPos().y - content_top; };

    std::string intro(ui.tr("contact_intro"));
    if (const std::size_t at = intro.find("{organisation}"); at != std::string::npos)
        intro.replace(at, 14, ui.text(m_organisation->name));
    paragraph(ui, ui.fonts.body, intro, p.text, width);

    auto label = [&](std::string_view key) {
        ImGui::Dummy(ImVec2(0, s.em(0.3f)));
        text_lines(ui, ui.fonts.bold, ui.tr(key), p.text, width);
    };
    auto field = [&](ContactField which, const char* id, std::string& text, std::string_view hint, TextTarget target) {
        FieldBox& box = m_boxes[index_of(which)];
        box.field_top = content_y();
        if (text_field(ui, id, text, hint, ui.session.typing == target, width, has_problem(which)))
            ui.session.typing = target;
        box.field_bottom = box.field_top + s.touch_target();
        box.bottom = box.field_bottom;
        ImGui::SetCursorScreenPos(ImVec2(x, content_top + box.field_bottom));
        draw_problem(ui, which, width, content_top);
    };

    m_boxes[index_of(ContactField::name)].top = content_y() + s.em(0.3f);
    label("contact_name");
    field(ContactField::name, "##name", form.name, ui.tr("contact_name_hint"), TextTarget::contact_name);

    m_boxes[index_of(ContactField::reach)].top = content_y() + s.em(0.3f);
    label("contact_how");
    {
        FlowRow row(ui, x, x + width, ImGui::GetCursorScreenPos().y, s.em(0.4f));
        const std::pair<ContactChannel, const char*> channels[] = {{ContactChannel::phone, "contact_phone"},
                                                                   {ContactChannel::email, "contact_email"},
                                                                   {ContactChannel::meet_here, "contact_meet"}};
        for (const auto& [channel, key] : channels) {
            row.next(chip_width(ui, ui.tr(key)), s.touch_target());
            const std::string id = std::string("##") + key;
            if (chip(ui, id.c_str(), ui.tr(key), form.channel == channel) && form.channel != channel) {
                form.channel = channel;
                form.reach.clear();
            }
        }
        ImGui::SetCursorScreenPos(ImVec2(x, row.bottom() + s.em(0.3f)));
    }
    const char* reach_hint = form.channel == ContactChannel::phone ? "contact_phone_hint"
                             : form.channel == ContactChannel::email ? "contact_email_hint"
                                                                     : "contact_meet_hint";
    field(ContactField::reach, "##reach", form.reach, ui.tr(reach_hint), TextTarget::contact_reach);

    label("contact_language");
    {
        FlowRow row(ui, x, x + width, ImGui::GetCursorScreenPos().y, s.em(0.4f));
        for (const LanguageCode& language : ui.config.languages) {
            const std::string name(ui.strings.get(language, "language_name"));
            row.next(chip_width(ui, name), s.touch_target());
            const std::string id = "##pref-" + language;
            if (chip(ui, id.c_str(), name, form.preferred_language == language))
                form.preferred_language = language;
        }
        ImGui::SetCursorScreenPos(ImVec2(x, row.bottom() + s.em(0.3f)));
    }

    std::string consent(ui.tr("contact_consent"));
    if (const std::size_t at = consent.find("{organisation}"); at != std::string::npos)
        consent.replace(at, 14, ui.text(m_organisation->name));
    ImGui::Dummy(ImVec2(0, s.em(0.3f)));
    FieldBox& consent_box = m_boxes[index_of(ContactField::consent)];
    consent_box.top = content_y();
    paragraph(ui, ui.fonts.body, consent, p.text, width);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + s.em(0.2f)));
    consent_box.field_top = content_y();
    // The chip sits at the reading start, as the fields' text does.
    const std::string_view consent_label = ui.tr(form.consent ? "contact_consent_given" : "contact_consent_give");
    ImGui::SetCursorScreenPos(ImVec2(ui.rtl() ? x + width - chip_width(ui, consent_label) : x, ImGui::GetCursorScreenPos().y));
    if (chip(ui, "##consent", consent_label, form.consent))
        form.consent = !form.consent;
    consent_box.field_bottom = consent_box.field_top + s.touch_target();
    consent_box.bottom = consent_box.field_bottom;
    ImGui::SetCursorScreenPos(ImVec2(x, content_top + consent_box.field_bottom));
    draw_problem(ui, ContactField::consent, width, content_top);
    if (!m_message.empty()) {
        // Why sending failed (the kiosk's trouble, not the visitor's) ends the form's last part, so
        // bringing that part into view shows it.
        ImGui::Dummy(ImVec2(0, s.em(0.3f)));
        paragraph(ui, ui.fonts.bold, m_message, p.danger, width);
        consent_box.bottom = content_y();
    }
    ImGui::Dummy(ImVec2(0, s.em(0.6f)));
}

void ContactScreen::bring_into_view(float view_height, float scroll_max, float air)
{
    if (!m_reveal)
        return;
    const FieldBox& box = m_boxes[index_of(*m_reveal)];
    // The label, the field and its message when they fit; else the field and as much of its message.
    float top = box.top;
    float bottom = box.bottom;
    if (bottom - top > view_height) {
        top = box.field_top;
        bottom = std::min(box.bottom, box.field_top + view_height);
    }
    const float offset = m_scroll.target().value_or(m_scroll.offset());
    const float slack = 0.5f;
    if (top >= offset - slack && bottom <= offset + view_height + slack) {
        if (!m_scroll.animating())
            m_reveal.reset();
        return;
    }
    if (m_scroll.animating() && m_scroll.target())
        return;  // gliding there
    if (scroll_max == m_reveal_max) {
        m_reveal.reset();  // moved for this very layout already: as near as the content allows
        return;
    }
    m_reveal_max = scroll_max;
    air = std::min(air, std::max(0.0f, view_height - (bottom - top)) / 2);
    m_scroll.scroll_to(top < offset ? top - air : std::min(top - air, bottom - view_height + air));
}

void ContactScreen::draw_content(UiContext& ui, const ContentArea& area)
{
    if (!m_organisation || m_organisation->id != ui.session.contact.organisation_id) {
        m_organisation.reset();
        for (const Organisation& organisation : m_organisations) {
            if (organisation.id == ui.session.contact.organisation_id)
                m_organisation = organisation;
        }
    }
    if (!m_organisation) {
        draw_organisation_choice(ui, area);
        return;
    }
    const UiScale& s = ui.scale;
    const float margin = s.em(0.8f);
    const float gap = s.em(0.4f);
    const float width = area.width() - 2 * margin;
    const float send_height = icon_button_height(ui, ui.tr("contact_send"), width);
    ContactForm& form = ui.session.contact;
    const bool typing = ui.session.typing == TextTarget::contact_name || ui.session.typing == TextTarget::contact_reach;
    if (ui.session.typing != m_last_typing) {
        if (ui.session.typing == TextTarget::contact_name)
            reveal(ContactField::name);
        else if (ui.session.typing == TextTarget::contact_reach)
            reveal(ContactField::reach);
        m_last_typing = ui.session.typing;
    }

    float bottom = area.max.y - margin - send_height - gap;
    if (typing) {
        const bool name = ui.session.typing == TextTarget::contact_name;
        const KeyboardMode mode = name ? KeyboardMode::text
                                  : form.channel == ContactChannel::phone ? KeyboardMode::phone
                                  : form.channel == ContactChannel::email ? KeyboardMode::email
                                                                          : KeyboardMode::text;
        // The keyboard leaves room above it for the field being typed into and its label; on a
        // small screen it shrinks toward keys of the touch-target size for that.
        const float field_room = ui.fonts.bold->FontSize * 1.25f + s.em(0.6f) + s.touch_target();
        const float budget = std::min(area.height() * 0.8f, area.height() - 2 * margin - gap - field_room);
        const float height = keyboard_height(ui, mode, width, budget);
        const ImVec2 keyboard_min(area.min.x + margin, area.max.y - margin - height);
        std::string& target = name ? form.name : form.reach;
        const KeyboardAction action = on_screen_keyboard(ui, "##keyboard", target, name ? k_max_name_bytes : k_max_reach_bytes,
                                                         mode, m_keyboard, keyboard_min, ImVec2(width, height));
        if (action == KeyboardAction::done)
            ui.session.typing = TextTarget::none;
        bottom = keyboard_min.y - gap;
    }

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    const ImVec2 view_size(width, std::max(0.0f, bottom - area.min.y - margin));
    begin_scroll_area(ui, "##contact-form", view_size, m_scroll);
    m_view_min = ImGui::GetWindowPos();
    m_view_max = ImVec2(m_view_min.x + view_size.x, m_view_min.y + view_size.y);
    const ImVec2 content_origin = ImGui::GetCursorScreenPos();
    draw_form(ui, content_origin.x, width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f), content_origin.y);
    const float scroll_max = ImGui::GetScrollMaxY();
    end_scroll_area(m_scroll);
    bring_into_view(view_size.y, scroll_max, s.em(0.3f));

    if (!typing) {
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.max.y - margin - send_height));
        if (icon_button(ui, "##send", icon::send, ui.tr("contact_send"), ImVec2(width, send_height)))
            send(ui);
    }
}

}  // namespace lotsen::kiosk
