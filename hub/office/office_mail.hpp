// office_mail.hpp — where the office meets hub/mail and hub/retention: who is told about a contact
// request (the office's own accounts: an association's enabled users, and the region's), the
// invitation sent by e-mail when [mail] is set, the office_url of the notices (the office's
// base_url unless [notices] names one), and the personal data the office itself adds to a request
// (the outcome's note), which retention erases together with the sealed box.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/mail/notices.hpp"
#include "hub/office/office_store.hpp"
#include "hub/retention.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::office {

/// The notices' recipients from the office's accounts: enabled users only. A user still holding an
/// unused invitation is told too (the notice asks them to log in, which the invitation lets them do).
class AccountRecipients final : public mail::NoticeRecipients {
public:
    explicit AccountRecipients(OfficeStore& store) : m_store(store) {}
    std::vector<std::string> association_addresses(const std::string& organisation_id) override;
    std::vector<std::string> region_addresses() override;
    /// Why the accounts could not be read in the last call, or empty.
    const std::string& problem() const { return m_problem; }

private:
    std::vector<std::string> addresses(Role role, const std::string& organisation_id);
    OfficeStore& m_store;
    std::string m_problem;
};

/// `settings` with [notices] office_url set to `base_url` when the file left it empty.
mail::OfficeMailSettings with_office_url(mail::OfficeMailSettings settings, const std::string& base_url);

/// The office's personal data per request, for RetentionOptions::more_columns: the outcome's note.
std::vector<PersonalColumn> personal_columns();

/// E-mails the invitation `link` (valid `days` days) to `user` in their language (Swedish when
/// unset). False without a [mail] section (nothing is sent; the caller hands the link over itself).
Result<bool> send_invitation(const mail::OfficeMailSettings& settings, const OfficeUser& user, const std::string& link,
                             int days, UnixSeconds now);

}  // namespace lotsen::hub::office
