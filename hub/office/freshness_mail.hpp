// freshness_mail.hpp — the e-mails about the listings' freshness, one pass at a time in the office's
// notifier thread (beside the request notices and the kiosk alerts): an association is asked to check
// its listings last checked more than [office] remind_after_days ago (default 180), and told which of
// its listings the last publication left out because nobody checked them for longer than the
// publication's limit (default 365). One message per association and pass, to the association's
// enabled accounts, Swedish first and English below, linking to /freshness in the office.
//
// Each listing is in such a message at most once per kind and period: a period is the listing's
// last-checked date, so a "still correct" (or a publication of it) starts a new one. Table
// freshness_mails (hub.db) holds one row per (association, listing, kind, date), claimed 'sending'
// before the message goes out and marked 'sent' after, as sent_notices does: a failed send releases
// its claims (tried again next pass); claims a crash left behind are reported and not sent again.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/mail/notices.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::office {

/// One message a pass sent.
struct SentFreshnessMail {
    std::string association;
    std::vector<std::string> remind;    ///< listings it asks to check
    std::vector<std::string> withheld;  ///< listings it says are no longer shown
    std::vector<std::string> to;
};

/// What a pass did.
struct FreshnessMailReport {
    std::vector<SentFreshnessMail> sent;
    std::vector<std::string> problems;     ///< not sent this time (tried again next pass), and why
    std::vector<std::string> interrupted;  ///< claims a crash left behind: not sent again
};

/// Sends the freshness e-mails due at `now` for the listings in DATA_DIR/published/sources/. Fails only
/// without [mail] or when the database fails.
Result<FreshnessMailReport> run_freshness_mails(HubStore& store, const mail::OfficeMailSettings& settings,
                                                const std::string& data_dir, UnixSeconds now, int remind_after_days,
                                                mail::NoticeRecipients& recipients);

}  // namespace lotsen::hub::office
