// fleet_alerts.hpp — the e-mails to region staff about the kiosks: one when a kiosk has not been
// heard from for [office] kiosk_silent_minutes, and one when it is heard from again. The office runs
// a pass in its notifier thread with the notices (hub/mail/notices.hpp), to the region's accounts
// and [notices] region_addresses.
//
// Once each, never repeated: a silence is named by when it began (the kiosk's last_seen_at, or its
// enrolment when it was never heard from), and table kiosk_alerts holds one row per (kiosk, kind,
// silence), claimed 'sending' before the message goes out and marked 'sent' after, as sent_notices
// does. A failed send releases its claim (tried again next pass); a claim a crash left behind is
// reported and not sent again. "Back" is only sent for a silence whose alert went out. Revoked
// kiosks are never alerted about.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/mail/notices.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::office {

/// One alert a pass sent.
struct SentKioskAlert {
    std::string public_key;
    std::string site;
    bool back = false;  ///< false: "silent"
    std::vector<std::string> to;
};

/// What a pass did.
struct KioskAlertReport {
    std::vector<SentKioskAlert> sent;
    std::vector<std::string> problems;     ///< not sent this time (tried again next pass), and why
    std::vector<std::string> interrupted;  ///< claims a crash left behind: not sent again
};

/// Sends the alerts due at `now`. Fails only without [mail] or when the database fails.
Result<KioskAlertReport> run_kiosk_alerts(HubStore& store, const mail::OfficeMailSettings& settings, UnixSeconds now,
                                          int silent_minutes, mail::NoticeRecipients& recipients);

}  // namespace lotsen::hub::office
