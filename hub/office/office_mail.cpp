// office_mail.cpp — the office's accounts as notice recipients, the invitation e-mail, and the
// office's columns for retention (office_mail.hpp).
#include "hub/office/office_mail.hpp"

#include "hub/mail/message.hpp"
#include "hub/mail/smtp.hpp"
#include "hub/office/office_text.hpp"

namespace lotsen::hub::office {

std::vector<std::string> AccountRecipients::addresses(Role role, const std::string& organisation_id)
{
    m_problem.clear();
    auto users = m_store.list_users();
    if (!users) {
        m_problem = "the office's accounts could not be read: " + users.error().text();
        return {};
    }
    std::vector<std::string> found;
    for (const OfficeUser& user : users.value()) {
        if (user.disabled_at || user.role != role)
            continue;
        if (role == Role::association && user.organisation_id != organisation_id)
            continue;
        found.push_back(user.email);
    }
    return found;
}

std::vector<std::string> AccountRecipients::association_addresses(const std::string& organisation_id)
{
    return addresses(Role::association, organisation_id);
}

std::vector<std::string> AccountRecipients::region_addresses()
{
    return addresses(Role::region, "");
}

mail::OfficeMailSettings with_office_url(mail::OfficeMailSettings settings, const std::string& base_url)
{
    if (settings.notices.office_url.empty())
        settings.notices.office_url = base_url;
    return settings;
}

std::vector<PersonalColumn> personal_columns()
{
    // The note is free text a contact person wrote about the visitor ("called, meets Tuesday").
    return {PersonalColumn{.table = "contact_outcomes", .column = "note", .key_column = "event_id", .erased_value = "''"}};
}

Result<bool> send_invitation(const mail::OfficeMailSettings& settings, const OfficeUser& user, const std::string& link,
                             int days, UnixSeconds now)
{
    if (!settings.mail)
        return false;
    const InvitationMessage text =
        invitation_message(user.language.empty() ? "sv" : user.language, user.display_name, link, days);
    const mail::MailMessage message{.from = settings.mail->from, .to = {user.email}, .subject = text.subject, .body = text.body};
    LOTSEN_TRY(mail::send_mail(*settings.mail, message, now));
    return true;
}

}  // namespace lotsen::hub::office
