// mail_pass.hpp — one pass of the office's e-mails, as its notifier thread runs it every [notices]
// interval_minutes: the contact-request notices (hub/mail/notices.hpp), the kiosk alerts to region
// staff (fleet_alerts.hpp) and the freshness e-mails to the associations (freshness_mail.hpp).
// The three are independent: one that fails (its table damaged, hub.db busy) is reported and the
// others still run, so a broken kiosk alert never keeps an association from hearing that a listing
// is about to disappear.
#pragma once

#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/office/office_mail.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::office {

/// What a pass needs besides hub.db and the mail settings.
struct MailPassInput {
    std::string data_dir;              ///< the hub's data directory (the published catalogue's parts)
    int kiosk_silent_minutes = 60;     ///< [office] kiosk_silent_minutes
    int remind_after_days = 180;       ///< [office] remind_after_days
    const Catalogue* catalogue = nullptr;  ///< the published catalogue, when there is one (names, reply_days)
};

/// Runs the three steps at `now`, each whatever the others did, and returns one line per thing
/// sent, not sent or failed, for the office's log (user-given text escaped for a terminal).
std::vector<std::string> run_mail_pass(HubStore& hub, const mail::OfficeMailSettings& settings, const MailPassInput& input,
                                       UnixSeconds now, AccountRecipients& recipients);

}  // namespace lotsen::hub::office
