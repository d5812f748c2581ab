// contact_screen.cpp — first "who should contact you" (when no activity chose it), then the form.
// The name and the way to reach the visitor leave the session as soon as they are stored.
#include "kiosk/screens/contact_screen.hpp"

#include "core/outbox/outbox.hpp"
#include "kiosk/visitor_outbox.hpp"
#include "kiosk/widgets.hpp"

#include <algorithm>

namespace lotsen::kiosk {

namespace {
constexpr std::size_t k_max_name_bytes = 60;
constexpr std::size_t k_max_reach_bytes = 200;
}  // namespace

void ContactScreen::on_enter(UiContext& ui)
{
    m_message.clear();
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
        return;
    }
    ContactForm& form = ui.session.contact;
    ContactRequest request;
    request.organisation_id = form.organisation_id;
    request.activity_id = ui.session.activity_id;
    request.name = form.name;
    request.channel = form.channel;
    request.reach = form.reach;
    request.preferred_language = form.preferred_language.empty() ? ui.session.language : form.preferred_language;
    request.consent = form.consent;
    if (auto valid = validate_contact_request(request); !valid) {
        m_message = std::string(ui.tr("contact_check"));
        return;
    }
    auto receipt = ui.outbox.record_contact_request(request, ui.now);
    if (!receipt) {
        m_message = std::string(ui.tr(ui.config.hub_public_key ? "send_failed" : "send_unavailable"));
        return;
    }
    // Sealed and stored: the plaintext has no reason to stay in memory.
    form = ContactForm{};
    ui.session.typing = TextTarget::none;
    ui.session.receipt_code = receipt.value().code;
    ui.session.receipt_reply_days = m_organisation ? m_organisation->reply_days : 0;
    ui.nav.navigate("thanks");
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
        if (button(ui, id.c_str(), label, ImVec2(button_width, s.touch_target()), ButtonKind::secondary, ui.fonts.body)) {
            ui.session.contact.organisation_id = organisation.id;
            m_organisation = organisation;
            m_scroll.set_offset(0.0f);
        }
        ImGui::Dummy(ImVec2(0, s.em(0.2f)));
    }
    end_scroll_area(m_scroll);
}

void ContactScreen::draw_form(UiContext& ui, float x, float width)
{
    const UiScale& s = ui.scale;
    const Palette& p = ui.palette;
    ContactForm& form = ui.session.contact;
    std::string intro(ui.tr("contact_intro"));
    if (const std::size_t at = intro.find("{organisation}"); at != std::string::npos)
        intro.replace(at, 14, ui.text(m_organisation->name));
    paragraph(ui, ui.fonts.body, intro, p.text, width);

    auto label = [&](std::string_view key) {
        ImGui::Dummy(ImVec2(0, s.em(0.3f)));
        text_line(ui, ui.fonts.bold, ui.tr(key), p.text, width);
    };
    label("contact_name");
    if (text_field(ui, "##name", form.name, ui.tr("contact_name_hint"), ui.session.typing == TextTarget::contact_name, width))
        ui.session.typing = TextTarget::contact_name;

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
    if (text_field(ui, "##reach", form.reach, ui.tr(reach_hint), ui.session.typing == TextTarget::contact_reach, width))
        ui.session.typing = TextTarget::contact_reach;

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
    paragraph(ui, ui.fonts.body, consent, p.text, width);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + s.em(0.2f)));
    if (chip(ui, "##consent", ui.tr(form.consent ? "contact_consent_given" : "contact_consent_give"), form.consent))
        form.consent = !form.consent;
    if (!m_message.empty()) {
        ImGui::Dummy(ImVec2(0, s.em(0.3f)));
        paragraph(ui, ui.fonts.bold, m_message, p.danger, width);
    }
    ImGui::Dummy(ImVec2(0, s.em(0.6f)));
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
    const float width = area.width() - 2 * margin;
    const float send_height = s.touch_target();
    ContactForm& form = ui.session.contact;
    const bool typing = ui.session.typing == TextTarget::contact_name || ui.session.typing == TextTarget::contact_reach;

    float bottom = area.max.y - margin - send_height - s.em(0.4f);
    if (typing) {
        const bool name = ui.session.typing == TextTarget::contact_name;
        const KeyboardMode mode = name ? KeyboardMode::text
                                  : form.channel == ContactChannel::phone ? KeyboardMode::phone
                                  : form.channel == ContactChannel::email ? KeyboardMode::email
                                                                          : KeyboardMode::text;
        const float height = keyboard_height(ui, mode, width, area.height() * 0.8f);
        const ImVec2 keyboard_min(area.min.x + margin, area.max.y - margin - height);
        std::string& target = name ? form.name : form.reach;
        const KeyboardAction action = on_screen_keyboard(ui, "##keyboard", target, name ? k_max_name_bytes : k_max_reach_bytes,
                                                         mode, m_keyboard, keyboard_min, ImVec2(width, height));
        if (action == KeyboardAction::done)
            ui.session.typing = TextTarget::none;
        bottom = keyboard_min.y - s.em(0.4f);
    }

    ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.min.y + margin));
    begin_scroll_area(ui, "##contact-form", ImVec2(width, std::max(0.0f, bottom - area.min.y - margin)), m_scroll);
    draw_form(ui, ImGui::GetCursorScreenPos().x, width - ImGui::GetStyle().ScrollbarSize - s.em(0.3f));
    end_scroll_area(m_scroll);

    if (!typing) {
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + margin, area.max.y - margin - send_height));
        if (button(ui, "##send", ui.tr("contact_send"), ImVec2(width, send_height)))
            send(ui);
    }
}

}  // namespace lotsen::kiosk
